"""Each centre's figures for the period from its own store, and the province's totals and ranking.

A centre's figures are its tiers' counts (tthc.indicators.compute_indicators with the centre's own
profile and catalogue) summed; the province's counts are the centres' counts summed, and every rate,
of a centre or of the province, is recomputed from summed numerators and denominators, never averaged.
A centre whose inputs have errors is kept in the list with its reason and left out of the totals.
Each centre's tiers are also kept apart (a commune centre's dossiers of the provincial bodies received at the
centre, and those under the commune's authority), and summed tier by tier (by the tiers' keys) for the province.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from tthc.catalogue import BASE_COUNTS, Catalogue, load_catalogue
from tthc.context import load_context
from tthc.errors import TthcError
from tthc.formatting.numbers import percentage
from tthc.indicators import DeskIndicators, PeriodIndicators, compute_indicators
from tthc.period import Period
from tthc.pipeline import build_period
from tthc.reference import ReferenceDataError
from tthc.rollup.config import LOWER_IS_BETTER, RollupConfig
from tthc.stored import analyst_from_frames, load_frames

NO_VALID_DATA = "chưa có số liệu hợp lệ"
PORTAL_COUNTS = ("portal_fee_bearing", "portal_paid_online")
SUMMED = (*BASE_COUNTS, "received_total", *PORTAL_COUNTS)
PAYMENT_RATE = "online_payment_rate"
MAX_REASONS = 3
PAYMENT_STATEMENT = ("số hồ sơ thanh toán trực tuyến / số hồ sơ có phí, lệ phí, theo thống kê thanh toán trực tuyến "
                     "của Cổng DVCQG")


@dataclass(frozen=True)
class RateFigure:
    key: str
    label: str
    numerator: int
    denominator: int
    value: Decimal | None
    statement: str = ""  # the definition in words, as the page states it


@dataclass(frozen=True)
class TierFigures:
    """One tier of a centre's profile (or, summed over the centres, of the province), by its key."""

    key: str
    name: str  # the tier's name in the (first) centre's profile: "Trung tâm", "UBND xã"
    counts: dict[str, int]
    rates: dict[str, RateFigure] = field(default_factory=dict)


@dataclass
class CentreResult:
    name: str
    folder: str
    counts: dict[str, int] = field(default_factory=dict)
    rates: dict[str, RateFigure] = field(default_factory=dict)
    tiers: dict[str, TierFigures] = field(default_factory=dict)  # in the centre's profile's order
    ranks: dict[str, int | None] = field(default_factory=dict)
    has_payments: bool = False
    reused_store: bool = False
    reason: str | None = None  # why the centre has no valid figures

    @property
    def valid(self) -> bool:
        return self.reason is None


@dataclass(frozen=True)
class Rollup:
    config: RollupConfig
    period: Period
    centres: tuple[CentreResult, ...]  # ranked: valid centres by the first ranking rate, then the others
    counts: dict[str, int]
    rates: dict[str, RateFigure]
    notes: tuple[str, ...]
    tiers: dict[str, TierFigures] = field(default_factory=dict)  # every tier key of the valid centres, summed

    @property
    def left_out(self) -> tuple[CentreResult, ...]:
        return tuple(c for c in self.centres if not c.valid)


def build_rollup(config: RollupConfig, period: Period, catalogue: Catalogue | None = None,
                 on_centre: Callable[[CentreResult], None] | None = None) -> Rollup:
    """Every centre's store built (or reused when current), then the totals and the ranking."""
    catalogue = catalogue or load_catalogue(None)
    catalogue.check_choices(config.definitions, config.path)
    unknown = [k for k in config.ranking if k not in catalogue.rates and k != PAYMENT_RATE]
    if unknown:
        raise ReferenceDataError(config.path, f"mục 'ranking' có tỷ lệ không có trong danh mục chỉ tiêu: "
                                              f"{', '.join(unknown)} (có: {', '.join([*catalogue.rates, PAYMENT_RATE])})")
    centres = []
    for entry in config.centres:
        result = centre_result(entry.name, entry.folder, period, catalogue, config.definitions)
        centres.append(result)
        if on_centre is not None:
            on_centre(result)
    valid = [c for c in centres if c.valid]
    counts = {key: sum(c.counts[key] for c in valid) for key in SUMMED}
    paying = [c for c in valid if c.has_payments]
    rates = province_rates(counts, catalogue, paying, config.definitions)
    tiers = province_tiers(valid, catalogue, config.definitions)
    for key in config.ranking:
        assign_ranks(valid, key)
    primary = config.ranking[0] if config.ranking else None
    ordered = sorted(valid, key=lambda c: (_rank_key(c, primary), c.name)) + [c for c in centres if not c.valid]
    notes = []
    if len(valid) < len(centres):
        notes.append(f"Số liệu tổng hợp chưa gồm {len(centres) - len(valid)} trung tâm {NO_VALID_DATA}: "
                     + "; ".join(c.name for c in centres if not c.valid) + ".")
    missing_payments = [c.name for c in valid if not c.has_payments]
    if missing_payments and PAYMENT_RATE in rates:
        notes.append("Tỷ lệ thanh toán trực tuyến chỉ tính trên các trung tâm có thống kê của Cổng DVCQG; "
                     f"không có thống kê: {'; '.join(missing_payments)}.")
    return Rollup(config, period, tuple(ordered), counts, rates, tuple(notes), tiers)


def centre_result(name: str, folder: Path, period: Period, catalogue: Catalogue,
                  definitions: dict[str, str] | None = None) -> CentreResult:
    """One centre: its store for the period (reused when it holds the current inputs), then its figures."""
    result = CentreResult(name, str(folder))
    try:
        context = load_context(folder)
        if not context.paths.has_inputs(period):
            result.reason = f"không có thư mục số liệu của kỳ {period}: {context.paths.period_raw(period)}"
            return result
        inputs = build_period(context, period)  # reads the store back when nothing it depends on changed
        result.reused_store = inputs.from_store
        if inputs.has_errors:
            errors = [f for f in inputs.findings if f.is_error]
            shown = "; ".join(f.describe() for f in errors[:MAX_REASONS])
            more = f" (và {len(errors) - MAX_REASONS} lỗi khác)" if len(errors) > MAX_REASONS else ""
            result.reason = f"số liệu có {len(errors)} lỗi: {shown}{more}"
            return result
        frames = load_frames(context, period)
        indicators = compute_indicators(period, frames, analyst_from_frames(frames), context.organisation,
                                        context.registry, context.profile, context.catalogue)
    except TthcError as exc:
        result.reason = str(exc)
        return result
    result.counts = centre_counts(indicators)
    result.has_payments = frames.get("payments") is not None
    names = {t.key: t.name for t in context.profile.on(indicators.end).tiers}
    result.tiers = {key: _tier(key, names.get(key, key), tier_counts(tier), catalogue, definitions)
                    for key, tier in indicators.tiers.items()}
    result.rates = province_rates(result.counts, catalogue, [result] if result.has_payments else [], definitions)
    return result


def centre_counts(indicators: PeriodIndicators) -> dict[str, int]:
    """The centre's counts: every tier of its own profile summed (the tiers are its levels of units)."""
    counts = dict.fromkeys(SUMMED, 0)
    for tier in indicators.tiers.values():
        for key, value in tier_counts(tier).items():
            counts[key] += value
    return counts


def tier_counts(tier: DeskIndicators) -> dict[str, int]:
    return {key: tier.counts[key].value if key in tier.counts else 0 for key in SUMMED}


def _tier(key: str, name: str, counts: dict[str, int], catalogue: Catalogue,
          definitions: dict[str, str] | None) -> TierFigures:
    """A tier's counts and the catalogue's rates over them (no payment rate: the portal's statistics are
    the centre's, not a tier's)."""
    return TierFigures(key, name, counts, province_rates(counts, catalogue, [], definitions))


def province_tiers(centres: Sequence[CentreResult], catalogue: Catalogue,
                   definitions: dict[str, str] | None = None) -> dict[str, TierFigures]:
    """The centres' tiers summed key by key, in the order the keys first appear."""
    keys = list(dict.fromkeys(key for c in centres for key in c.tiers))
    tiers = {}
    for key in keys:
        having = [c.tiers[key] for c in centres if key in c.tiers]
        counts = {name: sum(t.counts[name] for t in having) for name in SUMMED}
        tiers[key] = _tier(key, having[0].name, counts, catalogue, definitions)
    return tiers


def province_rates(counts: dict[str, int], catalogue: Catalogue, paying: Sequence[CentreResult],
                   definitions: dict[str, str] | None = None) -> dict[str, RateFigure]:
    """The catalogue's rates over summed counts, one definition for every centre so the ranking compares like
    with like; the payment rate over the centres that have portal statistics."""
    named = dict(counts)
    for name, parts in catalogue.sums.items():
        named[name] = sum(named[p] for p in parts)
    rates = {}
    for definition in catalogue.chosen(definitions):
        n, d = named[definition.numerator], named[definition.denominator]
        rates[definition.key] = RateFigure(definition.key, definition.label, n, d, _percent(n, d, catalogue),
                                           definition.statement)
    if paying:
        n = sum(c.counts["portal_paid_online"] for c in paying)
        d = sum(c.counts["portal_fee_bearing"] for c in paying)
        rates[PAYMENT_RATE] = RateFigure(PAYMENT_RATE, "Tỷ lệ thanh toán trực tuyến", n, d, _percent(n, d, catalogue),
                                         PAYMENT_STATEMENT)
    return rates


def _percent(n: int, d: int, catalogue: Catalogue) -> Decimal | None:
    return percentage(n, d, catalogue.decimals, catalogue.rounding)


def assign_ranks(centres: Sequence[CentreResult], key: str) -> None:
    """Competition ranking (1, 1, 3) on the rate as published (rounded); no rate, no rank."""
    sign = 1 if key in LOWER_IS_BETTER else -1  # ordered best first
    values: dict[str, Decimal] = {}
    for c in centres:
        rate = c.rates.get(key)
        if rate is not None and rate.value is not None:
            values[c.name] = sign * rate.value
    for c in centres:
        mine = values.get(c.name)
        c.ranks[key] = None if mine is None else 1 + sum(1 for v in values.values() if v < mine)


def _rank_key(centre: CentreResult, key: str | None) -> int:
    rank = centre.ranks.get(key) if key else None
    return rank if rank is not None else 10**9
