"""Every figure the monthly report states, computed with polars from the tidy store.

Each figure keeps its numerator, denominator and source so the report can say
where a number comes from. The seed's rules apply: the centre's results leave
out units flagged as outside the one-stop system (the tax office), rates are
rounded half-up to two decimals.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any

import polars as pl

from tthc.analyst import AnalystInputs
from tthc.catalogue import Catalogue, load_catalogue
from tthc.formatting.numbers import format_percent, percentage
from tthc.formatting.words import amount_in_words
from tthc.organisation import Organisation
from tthc.period import Period
from tthc.profile import Profile, Tier, load_profile
from tthc.registry import UnitRegistry
from tthc.sources import DESK_CENTRE, DESK_COMMUNE, DOSSIERS

DOSSIER_SUMS = (
    "received", "received_direct", "received_online", "resolved", "resolved_early", "resolved_on_time",
    "resolved_late", "pending", "pending_not_due", "pending_overdue", "paused_supplement",
    "paused_financial", "paused_other", "refused", "withdrawn", "fee_bearing", "paid_online",
    "paid_direct", "results_digitised",
)
# Breakdowns by unit that the narrative names ("Phòng Tư pháp 01 hồ sơ").
UNIT_BREAKDOWNS = ("resolved_late", "pending_overdue", "paused_supplement", "paused_financial",
                   "paused_other", "refused", "withdrawn")


@dataclass(frozen=True)
class Count:
    key: str
    value: int
    source: str  # the file, sheet, rows and column it is read from, in Vietnamese
    files: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rate:
    key: str
    numerator: int
    denominator: int
    value: Decimal | None
    source: str
    files: tuple[str, ...] = ()
    display: str = field(init=False)  # "99,53%", kept in the JSON for readers of the export

    def __post_init__(self) -> None:
        object.__setattr__(self, "display", format_percent(self.value))


@dataclass(frozen=True)
class UnitFigure:
    unit_id: str
    name: str
    short_name: str
    value: int


@dataclass(frozen=True)
class UnitRate:
    unit_id: str
    name: str
    short_name: str
    rate: Rate


@dataclass(frozen=True)
class DeskIndicators:
    desk: str
    counts: dict[str, Count]
    rates: dict[str, Rate]
    by_unit: dict[str, tuple[UnitFigure, ...]]
    outside_units: tuple[str, ...]
    present: bool = True  # False when no export gave this desk's table: the report says there is no data


@dataclass(frozen=True)
class PaymentClasses:
    full: tuple[UnitRate, ...]
    high: tuple[UnitRate, ...]
    below: tuple[UnitRate, ...]
    no_fee: tuple[str, ...]


@dataclass(frozen=True)
class FeedbackGroup:
    unit_name: str
    count: int
    hidden: int
    topics: tuple[str, ...]


@dataclass(frozen=True)
class FeedbackIndicators:
    total: Count
    handled: Count
    hidden: Count
    unanswered: Count
    listed: int
    open_groups: tuple[FeedbackGroup, ...]


@dataclass(frozen=True)
class AnalystFigures:
    registration_fee_revenue: int | None
    registration_fee_words: str | None
    e_certifications: int | None
    directives_drafted: int | None
    source: str


@dataclass(frozen=True)
class PeriodIndicators:
    period: str
    start: date
    end: date
    report_date: date
    centre: DeskIndicators
    communes: DeskIndicators
    payment_classes: PaymentClasses
    signing_below_target: tuple[UnitRate, ...]
    signing_district: Rate | None
    feedback: FeedbackIndicators | None
    analyst: AnalystFigures
    notes: tuple[str, ...] = field(default_factory=tuple)
    signing_present: bool = True
    synthetic_files: tuple[str, ...] = ()  # inputs marked as demo data (tthc.provenance)
    input_files: tuple[str, ...] = ()  # every input that supplied a figure
    tiers: dict[str, DeskIndicators] = field(default_factory=dict)  # the profile's tiers, in its order
    total: DeskIndicators | None = None  # every tier together, when the profile has a grand total

    @property
    def all_synthetic(self) -> bool:
        return bool(self.input_files) and set(self.input_files) <= set(self.synthetic_files)

    def is_synthetic(self, *figures: Count | Rate) -> bool:
        """Whether any of the figures is computed from a synthetic input."""
        marked = set(self.synthetic_files)
        return any(marked.intersection(f.files) for f in figures)

    def to_json(self) -> str:
        return json.dumps(asdict(self), default=_json_default, ensure_ascii=False, indent=2)


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(type(value))


def _files(frame: pl.DataFrame) -> str:
    """Where a figure is read: "Bieu.xlsx (trang tính Sheet1, dòng 6–14)", every file that gave rows."""
    if not frame.height:
        return "không có tệp"
    if "row" not in frame.columns:
        return ", ".join(sorted(set(frame["file"].to_list())))
    sheet = pl.col("sheet") if "sheet" in frame.columns else pl.lit(None, dtype=pl.String)
    spans = (frame.with_columns(sheet.alias("sheet")).group_by("file", "sheet", maintain_order=True)
             .agg(pl.col("row").min().alias("first"), pl.col("row").max().alias("last")).sort("file"))
    parts = []
    for file, sheet_name, first, last in spans.iter_rows():
        rows = f"dòng {first}" if first == last else f"dòng {first}–{last}"
        parts.append(f"{file} ({f'trang tính {sheet_name}, ' if sheet_name else ''}{rows})")
    return ", ".join(parts)


def _file_names(frame: pl.DataFrame | None) -> tuple[str, ...]:
    return tuple(sorted(set(frame["file"].to_list()))) if frame is not None and frame.height else ()


def _label(column: str) -> str:
    return DOSSIERS.column(column).label


def compute_desk(dossiers: pl.DataFrame, payments: pl.DataFrame | None, desk: str,
                 registry: UnitRegistry, catalogue: Catalogue | None = None,
                 definitions: dict[str, str] | None = None, by_unit: bool = True) -> DeskIndicators:
    """One desk of the seed's structure (centre or commune), as the pipeline's explanation checks use it
    (`by_unit` False: the counts and rates alone, without the per-unit lists the report's sentences name)."""
    def of_desk(frame: pl.DataFrame) -> pl.DataFrame:
        return frame.filter(pl.col("desk") == desk)

    return _compute_rows(desk, of_desk, dossiers, payments, registry, catalogue, definitions, by_unit)


def compute_tier(dossiers: pl.DataFrame, payments: pl.DataFrame | None, key: str, unit_ids: set[str] | None,
                 registry: UnitRegistry, catalogue: Catalogue, definitions: dict[str, str]) -> DeskIndicators:
    """A tier of the profile: the rows of its units (None: every unit, the grand total)."""
    def of_tier(frame: pl.DataFrame) -> pl.DataFrame:
        return frame if unit_ids is None else frame.filter(pl.col("unit_id").is_in(list(unit_ids)))

    return _compute_rows(key, of_tier, dossiers, payments, registry, catalogue, definitions)


def _compute_rows(desk: str, select, dossiers: pl.DataFrame, payments: pl.DataFrame | None,
                  registry: UnitRegistry, catalogue: Catalogue | None,
                  definitions: dict[str, str] | None, with_units: bool = True) -> DeskIndicators:
    catalogue = catalogue or _default_catalogue()
    outside_ids = [u.id for u in registry.units if u.outside_one_stop]
    rows = select(dossiers)
    one_stop = rows.filter(~pl.col("unit_id").is_in(outside_ids))
    outside = rows.filter(pl.col("unit_id").is_in(outside_ids))
    sums = one_stop.select(pl.col(c).fill_null(0).sum() for c in DOSSIER_SUMS).row(0, named=True)
    totals = rows.select(pl.col(c).fill_null(0).sum() for c in DOSSIER_SUMS).row(0, named=True)
    files = _files(rows)
    names = _file_names(rows)
    outside_names = tuple(registry.by_id(i).name for i in outside["unit_id"].to_list())
    excluding = f", trừ {', '.join(outside_names)}" if outside_names else ""

    def count(key: str, value: int, what: str) -> Count:
        return Count(key, int(value), f"{files}: {what}", names)

    counts = {
        "received_total": count("received_total", totals["received"], f"cột '{_label('received')}', mọi đơn vị"),
        "received_outside": count("received_outside", sum(outside["received"].to_list()),
                                  f"cột '{_label('received')}' của {', '.join(outside_names) or 'không đơn vị nào'}"),
        "annex_fee_bearing": count("annex_fee_bearing", totals["fee_bearing"], f"cột '{_label('fee_bearing')}'"),
        "annex_paid_online": count("annex_paid_online", totals["paid_online"], f"cột '{_label('paid_online')}'"),
        "annex_paid_direct": count("annex_paid_direct", totals["paid_direct"], f"cột '{_label('paid_direct')}'"),
    }
    for column in DOSSIER_SUMS:
        if column in ("fee_bearing", "paid_online", "paid_direct"):
            continue
        counts[column] = count(column, sums[column], f"cột '{_label(column)}'{excluding}")
    counts["received_one_stop"] = count(
        "received_one_stop", sums["received"], f"cột '{_label('received')}'{excluding}")
    for name, parts in catalogue.sums.items():  # the catalogue's named sums: in time, due, paused, returned
        counts[name] = count(name, sum(counts[p].value for p in parts),
                             f"{' + '.join(_part_label(p) for p in parts)}{excluding}")
    if "carried_over" in rows.columns and rows["carried_over"].is_not_null().any():  # only if the export says it
        carried = int(rows["carried_over"].fill_null(0).sum())  # every unit, as received_total
        counts["carried_over"] = count("carried_over", carried, f"cột '{_label('carried_over')}', mọi đơn vị")
        counts["in_period_total"] = count(
            "in_period_total", carried + totals["received"],
            "kỳ trước chuyển sang + tiếp nhận trong kỳ (lũy kế trong kỳ), mọi đơn vị")

    def rate(key: str, num: str, den: str) -> Rate:
        n, d = counts[num].value, counts[den].value
        return Rate(key, n, d, percentage(n, d, catalogue.decimals, catalogue.rounding),
                    f"{num} / {den}: {files}{excluding}", names)

    rates = {d.key: rate(d.key, d.numerator, d.denominator) for d in catalogue.chosen(definitions)}
    if payments is not None:
        portal = select(payments)
        fee = int(portal["fee_bearing"].sum())
        paid = int(portal["paid_online"].sum())
        source = f"{_files(portal)}: thống kê thanh toán trực tuyến của Cổng DVCQG"
        portal_files = _file_names(portal)
        counts["portal_fee_bearing"] = Count("portal_fee_bearing", fee, source, portal_files)
        counts["portal_paid_online"] = Count("portal_paid_online", paid, source, portal_files)
        rates["online_payment_rate"] = Rate("online_payment_rate", paid, fee,
                                            percentage(paid, fee, catalogue.decimals, catalogue.rounding), source,
                                            portal_files)
    if not with_units:
        return DeskIndicators(desk, counts, rates, {}, outside_names, present=rows.height > 0)
    by_unit = {key: _unit_figures(one_stop, key, registry) for key in UNIT_BREAKDOWNS}
    # A named sum per unit (one line a unit): listing its parts one after another named a unit once a part.
    sums = {name: parts for name, parts in catalogue.sums.items()
            if name not in by_unit and all(p in one_stop.columns for p in parts)}
    if sums:
        summed = one_stop.with_columns(pl.sum_horizontal(pl.col(list(parts)).fill_null(0)).alias(name)
                                       for name, parts in sums.items())
        by_unit |= {name: _unit_figures(summed, name, registry) for name in sums}
    return DeskIndicators(desk, counts, rates, by_unit, outside_names, present=rows.height > 0)


PART_LABELS = {"resolved_early": "trước hạn", "resolved_on_time": "đúng hạn", "paused_supplement": "bổ sung",
               "paused_financial": "NVTC", "paused_other": "khác"}


def _part_label(column: str) -> str:
    """How a part of a named sum is cited in a figure's source: the seed's "trước hạn + đúng hạn"."""
    if column in PART_LABELS:
        return PART_LABELS[column]
    return _label(column) if any(c.name == column for c in DOSSIERS.all_columns) else column


@cache
def _default_catalogue() -> Catalogue:
    return load_catalogue(None)


@cache
def default_profile() -> Profile:
    return load_profile(None, _default_catalogue())


def tier_unit_ids(tier: Tier, registry: UnitRegistry) -> set[str]:
    return {u.id for u in registry.units if u.kind.value in tier.kinds}


def _unit_figures(rows: pl.DataFrame, column: str, registry: UnitRegistry) -> tuple[UnitFigure, ...]:
    figures = []
    for unit_id, value in rows.filter(pl.col(column) > 0).select("unit_id", column).iter_rows():
        unit = registry.by_id(unit_id)
        figures.append(UnitFigure(unit_id, unit.name, unit.short_name, int(value)))
    return tuple(figures)


def _unit_rates(frame: pl.DataFrame, num: str, den: str, registry: UnitRegistry) -> list[UnitRate]:
    rates = []
    by_unit = frame.partition_by("unit_id", as_dict=True) if frame.height else {}  # one pass, not one filter a unit
    for unit_id, n, d in frame.select("unit_id", num, den).iter_rows():
        unit = registry.by_id(unit_id)
        rows = by_unit[(unit_id,)]
        rates.append(UnitRate(unit_id, unit.name, unit.short_name,
                              Rate(num, int(n), int(d), percentage(int(n), int(d)), f"{_files(rows)}: {num} / {den}",
                                   _file_names(rows))))
    order = {u.id: i for i, u in enumerate(registry.units)}
    return sorted(rates, key=lambda r: order[r.unit_id])


def compute_payment_classes(payments: pl.DataFrame | None, organisation: Organisation,
                            registry: UnitRegistry) -> PaymentClasses:
    if payments is None:
        return PaymentClasses((), (), (), ())
    communes = payments.filter(pl.col("desk") == DESK_COMMUNE)
    rates = _unit_rates(communes, "paid_online", "fee_bearing", registry)
    bounds = organisation.thresholds
    with_fee = [(r, r.rate.value) for r in rates if r.rate.value is not None]
    return PaymentClasses(
        full=tuple(r for r, value in with_fee if value >= bounds.class_full),
        high=tuple(r for r, value in with_fee if bounds.class_high <= value < bounds.class_full),
        below=tuple(r for r, value in with_fee if value < bounds.class_high),
        no_fee=tuple(r.short_name for r in rates if r.rate.value is None),
    )


def compute_signing(signing: pl.DataFrame | None, organisation: Organisation,
                    registry: UnitRegistry) -> tuple[tuple[UnitRate, ...], Rate | None]:
    if signing is None:
        return (), None
    named = [u.id for u in registry.units if u.kind in organisation.signing_named_kinds]
    candidates = signing.filter(pl.col("unit_id").is_in(named) & (pl.col("docs_out") > 0))
    rates = _unit_rates(candidates, "docs_out_signed_from_workfiles", "docs_out", registry)
    below = tuple(r for r in rates if r.rate.value is not None and r.rate.value < Decimal(100))
    district_ids = [u.id for u in registry.units if u.kind == "district_body"]
    district = _unit_rates(signing.filter(pl.col("unit_id").is_in(district_ids)), "docs_out_signed", "docs_out",
                           registry)
    return below, district[0].rate if district else None


def compute_feedback(feedback: pl.DataFrame | None, stated: dict[str, int],
                     registry: UnitRegistry) -> FeedbackIndicators | None:
    if feedback is None:
        return None
    files = _files(feedback)
    listed = {s: feedback.filter(pl.col("status") == s).height for s in ("handled", "hidden", "unanswered")}

    names = _file_names(feedback)

    def figure(key: str, listed_value: int) -> Count:
        if key in stated:
            return Count(key, stated[key], f"{', '.join(names)}: số liệu tổng ghi ở đầu bảng", names)
        return Count(key, listed_value, f"{files}: đếm các dòng trong danh sách", names)

    groups = []
    open_items = feedback.filter(pl.col("status") != "handled")
    for unit_id in open_items["unit_id"].unique(maintain_order=True).to_list():
        items = open_items.filter(pl.col("unit_id") == unit_id)
        topics = tuple(dict.fromkeys(items["topic"].to_list()))
        groups.append(FeedbackGroup(registry.by_id(unit_id).name, items.height,
                                    items.filter(pl.col("status") == "hidden").height, topics))
    return FeedbackIndicators(
        total=figure("total", feedback.height),
        handled=figure("handled", listed["handled"]),
        hidden=figure("hidden", listed["hidden"]),
        unanswered=figure("unanswered", listed["unanswered"]),
        listed=feedback.height,
        open_groups=tuple(groups),
    )


def compute_indicators(period: Period, frames: dict[str, pl.DataFrame], analyst: AnalystInputs | None,
                       organisation: Organisation, registry: UnitRegistry, profile: Profile | None = None,
                       catalogue: Catalogue | None = None) -> PeriodIndicators:
    dossiers = frames.get("dossiers")
    if dossiers is None:  # no dossiers export at all (a centre that made both desks optional)
        dossiers = pl.DataFrame(schema={"file": pl.String, "sheet": pl.String, "row": pl.Int64,
                                        "unit_id": pl.String, "desk": pl.String,
                                        **{c: pl.Int64 for c in DOSSIER_SUMS}})
    payments = frames.get("payments")
    stated = frames.get("feedback_stated")
    stated_totals = stated.row(0, named=True) if stated is not None and stated.height else {}
    stated_totals = {k: v for k, v in stated_totals.items() if k != "period" and v is not None}
    below, district = compute_signing(frames.get("signing"), organisation, registry)
    revenue = analyst.registration_fee_revenue if analyst else None
    cutoff = organisation.cutoff_day
    catalogue = catalogue or _default_catalogue()
    profile = (profile or default_profile()).on(period.end(cutoff))
    tiers = {t.key: compute_tier(dossiers, payments, t.key, tier_unit_ids(t, registry), registry, catalogue,
                                 profile.definitions) for t in profile.tiers}
    total = (compute_tier(dossiers, payments, "total", None, registry, catalogue, profile.definitions)
             if profile.total is not None else None)
    return PeriodIndicators(
        period=str(period),
        start=period.start(cutoff),
        end=period.end(cutoff),
        report_date=period.report_date(cutoff),
        centre=tiers.get("centre") or _absent(DESK_CENTRE, catalogue, profile),
        communes=tiers.get("communes") or _absent(DESK_COMMUNE, catalogue, profile),
        payment_classes=compute_payment_classes(payments, organisation, registry),
        signing_below_target=below,
        signing_district=district,
        feedback=compute_feedback(frames.get("feedback"), stated_totals, registry),
        analyst=AnalystFigures(
            registration_fee_revenue=revenue,
            registration_fee_words=amount_in_words(revenue) if revenue is not None else None,
            e_certifications=analyst.e_certifications if analyst else None,
            directives_drafted=analyst.directives_drafted if analyst else None,
            source=analyst.file if analyst else "không có tệp ghi chú của chuyên viên",
        ),
        notes=_payment_source_note(payments),
        signing_present=frames.get("signing") is not None and frames["signing"].height > 0,
        synthetic_files=_synthetic_files(frames.get("inputs")),
        input_files=_supplying_files(frames.get("inputs")),
        tiers=tiers,
        total=total,
    )


def _absent(desk: str, catalogue: Catalogue, profile: Profile) -> DeskIndicators:
    """A desk the profile does not have (a provincial centre has no communes): no rows, so no data."""
    empty = pl.DataFrame(schema={"file": pl.String, "unit_id": pl.String, "desk": pl.String,
                                 **{c: pl.Int64 for c in DOSSIER_SUMS}})
    return compute_desk(empty, None, desk, UnitRegistry((), (), ()), catalogue, profile.definitions)


def _supplying_files(inputs: pl.DataFrame | None) -> tuple[str, ...]:
    if inputs is None or not inputs.height:
        return ()
    return tuple(inputs.filter(pl.col("kinds") != "")["file"].to_list())


def _synthetic_files(inputs: pl.DataFrame | None) -> tuple[str, ...]:
    if inputs is None or not inputs.height:
        return ()
    return tuple(inputs.filter(pl.col("synthetic"))["file"].to_list())


def _payment_source_note(payments: pl.DataFrame | None) -> tuple[str, ...]:
    if payments is None:
        return ("Không có thống kê thanh toán trực tuyến của Cổng DVCQG; tỷ lệ thanh toán trực tuyến không được tính.",)
    return ("Tỷ lệ thanh toán trực tuyến lấy từ thống kê của Cổng DVCQG, không lấy từ cột thanh toán "
            "trong biểu tiếp nhận hồ sơ (hai nguồn đếm khác nhau).",)
