"""Decision 766 indicators that dossier records support: 2.1, 3.3, 3.6, 4.1 and 4.2.

Thresholds, points, the 2.1 rule's settings and the classification bands are
data (data/reference/index_766.yaml), because the national portal has changed
them. The file holds versions (the five groups of the 2022 decision, the six
components the portal shows now), each valid over dates; a period is scored
with the version containing its last day, and the stored scores name it. A
period outside every version is not scored (tthc.records.period says why), and
an old file with one set of definitions is one version valid for every period. Scoring (formula note of VPCP): rate R in percent, threshold T, points P:
P when R ≥ T, else R × P / T; no threshold means T = 100. R is compared exactly
(from the counts) and shown rounded half-up to two decimals; points are rounded
half-up to two decimals. A zero denominator makes the indicator N/A: no points
and no maximum, so it neither helps nor hurts the band.

Definitions for a period [start, end] over the cohort of the unit tables
(dossiers received in the period, plus carried-over ones when asked):

2.1 on-time processing  numerator: dossiers processed on time or still within time;
    denominator: the cohort. End of processing = the outcome date when closed
    by the end (result, refusal, withdrawal); else the request date when exactly
    one supplement request is open at the end; else the pause start when a pause
    of an excluded kind is open; else the period's end. On time ⇔ end of
    processing ≤ due date moved on by the waits of the excluded kinds
    (supplement only, by default) that ended by the end. More supplement
    requests than ``max_supplement_requests`` (made by the end) ⇒ late, whatever
    the dates. This differs on purpose from the unit tables, which follow the
    provincial export (simple date comparison, every wait excluded, request
    count ignored).
3.3 online dossiers     received online / received, in the period (the portal's
    sync factor and its e-result condition are not in the records).
3.6 online payment      fee-bearing dossiers paid online / fee-bearing dossiers.
4.1 electronic results  resolved by the end with an electronic result attached /
    resolved by the end, among procedures that issue a paper result.
4.2 digitisation        dossiers with components digitised and, when resolved by
    the end with a paper result, an electronic result / the cohort.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from tthc.formatting.numbers import percentage, round_half_up
from tthc.records.rules import (
    carried_over_at,
    closed_by,
    day_number,
    days,
    open_wait,
    outcome_day,
    received_between,
    waited_days,
)
from tthc.reference import ReferenceDataError, load_yaml_mapping

if TYPE_CHECKING:
    from polars._typing import EngineType

INDICATORS = ("2.1", "3.3", "3.6", "4.1", "4.2")
OVERALL = "__overall__"
WAIT_KINDS = ("supplement", "financial", "other")
SINGLE_VERSION = "single"  # the id of the one version of an old-shape file
SINGLE_VERSION_LABEL = "Bộ chỉ số 766 theo tệp không chia phiên bản (một định nghĩa cho mọi kỳ)"


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    points: Decimal
    threshold: Decimal | None  # percent; None: proportional (= 100)
    component: str = ""  # the name of its version's component (group)


@dataclass(frozen=True)
class Component:
    """One group of indicators with its maximum points, as the decision or the portal shows it."""

    name: str
    points: Decimal | None  # None: not stated (an old single-version file names groups without maxima)
    aliases: tuple[str, ...] = ()

    def matches(self, name: str) -> bool:
        wanted = component_key(name)
        return any(component_key(n) == wanted for n in (self.name, *self.aliases))


@dataclass(frozen=True)
class Band:
    label: str
    min: Decimal


@dataclass(frozen=True)
class Index766:
    """One version of the definitions: what a period whose end falls in [valid_from, valid_to] is scored with."""

    indicators: tuple[Indicator, ...]
    bands: tuple[Band, ...]  # highest first
    max_supplement_requests: int = 1
    excluded_waits: tuple[str, ...] = ("supplement",)
    id: str = SINGLE_VERSION
    label: str = SINGLE_VERSION_LABEL
    basis: str = ""
    valid_from: date | None = None  # None: since always
    valid_to: date | None = None  # None: still in force
    components: tuple[Component, ...] = ()

    def indicator(self, indicator_id: str) -> Indicator:
        return next(i for i in self.indicators if i.id == indicator_id)

    def band(self, share: Decimal | None) -> str | None:
        if share is None:
            return None
        return next((b.label for b in self.bands if share >= b.min), self.bands[-1].label if self.bands else None)

    def covers(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def component(self, name: str) -> Component | None:
        """The component a name (or one of its aliases) designates, compared loosely as the portal is copied."""
        return next((c for c in self.components if c.matches(name)), None)

    def validity(self) -> str:
        """In Vietnamese, for messages and notes: "từ 01/08/2022 đến 31/12/2024", "mọi kỳ"."""
        if self.valid_from is None and self.valid_to is None:
            return "mọi kỳ"
        since = f"từ {self.valid_from:%d/%m/%Y}" if self.valid_from else ""
        until = f"đến {self.valid_to:%d/%m/%Y}" if self.valid_to else "đến nay"
        return f"{since} {until}".strip()


@dataclass(frozen=True)
class Index766Versions:
    """Every version of index_766.yaml, oldest first; a period takes the one containing its end date."""

    path: Path
    versions: tuple[Index766, ...]

    def for_period(self, end: date) -> Index766 | None:
        return next((v for v in self.versions if v.covers(end)), None)

    def current(self) -> Index766:
        """The latest version (the one in force now when the file is up to date)."""
        return self.versions[-1]

    def outside_message(self, start: date, end: date) -> str:
        listed = "; ".join(f"{v.label}: {v.validity()}" for v in self.versions)
        return (f"kỳ {start:%d/%m/%Y}–{end:%d/%m/%Y} có ngày cuối kỳ không thuộc phiên bản nào của Bộ chỉ số 766 "
                f"trong {self.path.name} ({listed}); không tính điểm 766 cho kỳ này (Phụ lục 6 bỏ trống) để không "
                "tính một kỳ bằng định nghĩa không áp dụng cho nó; nếu biết định nghĩa của thời kỳ đó, thêm một "
                "phiên bản vào tệp")


def component_key(name: str) -> str:
    """A component name compared as copied by hand: case, commas, dots and spacing do not matter."""
    text = unicodedata.normalize("NFC", name).casefold()
    return " ".join(re.sub(r"[,.;:()\-–]+", " ", text).split())


def default_path(data_dir: Path) -> Path:
    return data_dir / "reference" / "index_766.yaml"


def load_index_766(path: Path, on: date | None = None) -> Index766:
    """The version in force on `on` (a period's end), or the current one; no version covering `on` is an error."""
    versions = load_index_766_versions(path)
    if on is None:
        return versions.current()
    version = versions.for_period(on)
    if version is None:
        raise ReferenceDataError(path, f"không có phiên bản Bộ chỉ số 766 áp dụng ngày {on:%d/%m/%Y}")
    return version


def load_index_766_versions(path: Path) -> Index766Versions:
    """All versions; a file of the old shape (indicators and bands at the top, no `versions`) is one
    version valid for every period, labelled so that the report says so."""
    data = load_yaml_mapping(path)
    try:
        rule = data.get("on_time_rule") or {}
        if "versions" in data:
            items = data["versions"]
            if not isinstance(items, list) or not items:
                raise ReferenceDataError(path, "mục versions phải là danh sách các phiên bản, ít nhất một phiên bản")
            versions = tuple(_version(path, item, rule) for item in items)
        else:
            versions = (_version(path, data, rule, single=True),)
    except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError) as exc:
        raise ReferenceDataError(path, f"bộ chỉ số 766 không đúng cấu trúc ({exc})") from exc
    for version in versions:
        _check_version(path, version)
    _check_versions(path, versions)
    return Index766Versions(path, tuple(sorted(versions, key=lambda v: v.valid_from or date.min)))


def _version(path: Path, item: dict[str, Any], shared_rule: dict[str, Any], *, single: bool = False) -> Index766:
    indicators = tuple(
        Indicator(
            id=str(i["id"]),
            name=str(i["name"]),
            points=Decimal(str(i["points"])),
            threshold=None if i.get("threshold") is None else Decimal(str(i["threshold"])),
            component=str(i.get("component", i.get("group", ""))),
        )
        for i in item["indicators"]
    )
    bands = tuple(sorted((Band(str(b["label"]), Decimal(str(b["min"]))) for b in item["bands"]),
                         key=lambda b: b.min, reverse=True))
    rule = item.get("on_time_rule") or shared_rule
    excluded = tuple(str(k) for k in rule.get("excluded_waits", ["supplement"]))
    if single:  # the old shape: groups named by the indicators, maxima unknown
        names = list(dict.fromkeys(i.component for i in indicators if i.component))
        return Index766(indicators, bands, int(rule.get("max_supplement_requests", 1)), excluded,
                        components=tuple(Component(n, None) for n in names))
    for key in ("id", "label", "valid_from"):
        if item.get(key) in (None, ""):
            raise ReferenceDataError(path, f"phiên bản {item.get('id') or item.get('label') or '(không tên)'} "
                                           f"thiếu mục {key}")
    components = tuple(
        Component(str(c["name"]), Decimal(str(c["points"])), tuple(str(a) for a in c.get("aliases") or ()))
        for c in item.get("components") or ())
    return Index766(indicators, bands, int(rule.get("max_supplement_requests", 1)), excluded,
                    id=str(item["id"]), label=str(item["label"]), basis=str(item.get("basis") or ""),
                    valid_from=_day(path, item, "valid_from"), valid_to=_day(path, item, "valid_to"),
                    components=components)


def _day(path: Path, item: dict[str, Any], key: str) -> date | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ReferenceDataError(path, f"phiên bản {item.get('id')}: {key} '{value}' không phải ngày dạng "
                                       "YYYY-MM-DD") from exc


def _check_version(path: Path, spec: Index766) -> None:
    where = f"phiên bản {spec.id}: " if spec.id != SINGLE_VERSION else ""
    unknown = sorted(set(spec.excluded_waits) - set(WAIT_KINDS))
    if unknown:
        raise ReferenceDataError(path, f"{where}loại thời gian chờ không hợp lệ: {', '.join(unknown)} "
                                   f"(chỉ dùng {', '.join(WAIT_KINDS)})")
    for indicator in spec.indicators:
        if indicator.points < 0 or (indicator.threshold is not None and not 0 < indicator.threshold <= 100):
            raise ReferenceDataError(path, f"{where}chỉ số {indicator.id}: điểm phải ≥ 0 và ngưỡng trong (0, 100]")
    if spec.valid_from and spec.valid_to and spec.valid_to < spec.valid_from:
        raise ReferenceDataError(path, f"{where}valid_to ({spec.valid_to:%d/%m/%Y}) trước valid_from "
                                       f"({spec.valid_from:%d/%m/%Y})")
    if spec.id == SINGLE_VERSION:
        return
    if not spec.components:
        raise ReferenceDataError(path, f"{where}thiếu mục components (các nhóm chỉ số và điểm tối đa)")
    for indicator in spec.indicators:
        component = spec.component(indicator.component)
        if component is None:
            raise ReferenceDataError(path, f"{where}chỉ số {indicator.id} thuộc nhóm '{indicator.component}' không có "
                                           f"trong components ({', '.join(c.name for c in spec.components)})")
    for component in spec.components:
        total = sum((i.points for i in spec.indicators if component.matches(i.component)), Decimal(0))
        if component.points is not None and total > component.points:
            raise ReferenceDataError(path, f"{where}tổng điểm các chỉ số của nhóm '{component.name}' ({total}) vượt "
                                           f"điểm tối đa của nhóm ({component.points})")


def _check_versions(path: Path, versions: tuple[Index766, ...]) -> None:
    ids = [v.id for v in versions]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise ReferenceDataError(path, f"mã phiên bản bị lặp: {', '.join(repeated)}")
    ordered = sorted(versions, key=lambda v: v.valid_from or date.min)
    for earlier, later in zip(ordered, ordered[1:]):
        if earlier.valid_to is None or later.valid_from is None or earlier.valid_to >= later.valid_from:
            raise ReferenceDataError(path, f"hai phiên bản {earlier.id} và {later.id} chồng lên nhau: phiên bản trước "
                                           "phải có valid_to trước valid_from của phiên bản sau")


def score(numerator: int, denominator: int, indicator: Indicator) -> Decimal | None:
    """The 766 scoring rule on exact counts: full points at or above the threshold, else proportional."""
    if denominator == 0:
        return None
    rate = Fraction(numerator * 100, denominator)
    threshold = Fraction(indicator.threshold if indicator.threshold is not None else 100)
    points = Fraction(indicator.points)
    return round_half_up(points if rate >= threshold else rate * points / threshold, 2)


@dataclass(frozen=True)
class IndicatorScore:
    indicator: str
    numerator: int
    denominator: int
    rate: Decimal | None
    points: Decimal | None
    max_points: Decimal


@dataclass(frozen=True)
class UnitScore:
    unit_id: str  # OVERALL for the whole
    scores: dict[str, IndicatorScore]
    points: Decimal
    max_points: Decimal  # of the indicators with a denominator
    share: Decimal | None  # points / max_points × 100, rounded to 2 decimals
    band: str | None


@dataclass(frozen=True)
class Index766Result:
    start: date
    end: date
    units: tuple[UnitScore, ...]
    overall: UnitScore
    excluded_units: tuple[str, ...] = field(default_factory=tuple)
    version: Index766 | None = None  # the definitions scored with

    def to_frame(self) -> pl.DataFrame:
        """Long form: one row per (unit, indicator), the overall rows last; each row names the version
        of the definitions and the indicator's component, so a stored score always says what it used."""
        version = self.version
        rows = []
        for unit in (*self.units, self.overall):
            for s in unit.scores.values():
                component = _component_of(version, s.indicator)
                rows.append({"unit_id": unit.unit_id, "indicator": s.indicator, "numerator": s.numerator,
                             "denominator": s.denominator, "rate": _float(s.rate), "points": _float(s.points),
                             "max_points": float(s.max_points), "unit_points": float(unit.points),
                             "unit_max_points": float(unit.max_points), "unit_share": _float(unit.share),
                             "band": unit.band,
                             "version_id": version.id if version else None,
                             "version_label": version.label if version else None,
                             "component": component.name if component else None,
                             "component_points": _float(component.points) if component else None})
        return pl.DataFrame(rows, schema={
            "unit_id": pl.String, "indicator": pl.String, "numerator": pl.Int64, "denominator": pl.Int64,
            "rate": pl.Float64, "points": pl.Float64, "max_points": pl.Float64, "unit_points": pl.Float64,
            "unit_max_points": pl.Float64, "unit_share": pl.Float64, "band": pl.String,
            "version_id": pl.String, "version_label": pl.String, "component": pl.String,
            "component_points": pl.Float64})


def _component_of(version: Index766 | None, indicator_id: str) -> Component | None:
    if version is None:
        return None
    name = version.indicator(indicator_id).component
    return version.component(name) if name else None


def _float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def on_time_766(end: date, spec: Index766) -> pl.Expr:
    """Indicator 2.1's numerator condition for one dossier at the end of a period."""
    e = day_number(end)
    excluded = set(spec.excluded_waits)
    due = days("due_at")
    if "supplement" in excluded:
        due = due + waited_days("supplement_requested_at", "supplement_returned_at", "supplement_days", end)
    pause_kinds = [k for k in ("financial", "other") if k in excluded]
    pause_excluded = pl.col("pause_kind").is_in(pause_kinds).fill_null(False) if pause_kinds else pl.lit(False)
    if pause_kinds:
        due = due + pl.when(pause_excluded).then(waited_days("paused_at", "resumed_at", "paused_days", end)) \
            .otherwise(0)
    sup_open = open_wait("supplement_requested_at", "supplement_returned_at", end)
    requests = pl.when(days("supplement_requested_at") <= e).then(pl.col("supplement_requests").fill_null(0)) \
        .otherwise(0)
    finished = (
        pl.when(closed_by(end)).then(outcome_day())
        .when(sup_open & (requests == 1) & pl.lit("supplement" in excluded)).then(days("supplement_requested_at"))
        .when(open_wait("paused_at", "resumed_at", end) & pause_excluded).then(days("paused_at"))
        .otherwise(e)
    )
    return (requests <= spec.max_supplement_requests) & (finished <= due).fill_null(False)


def index_766(records: pl.LazyFrame, start: date, end: date, spec: Index766, *,
              exclude_units: Sequence[str] = (), units: Sequence[str] | None = None,
              carried_over: bool = False, engine: EngineType = "streaming") -> Index766Result:
    """Scores per unit and overall; `exclude_units` (e.g. units outside the one-stop system) are left out."""
    period = received_between(start, end)
    cohort = (period | carried_over_at(start)) if carried_over else period
    resolved = closed_by(end) & (pl.col("status") == "resolved")
    paper = pl.col("paper_result").fill_null(True)
    attached = pl.col("result_attached").fill_null(False)
    fee = pl.col("fee_bearing").fill_null(False)
    parts = {
        "2.1": (on_time_766(end, spec), pl.lit(True)),
        "3.3": (period & (pl.col("channel") == "online"), period),
        "3.6": (fee & pl.col("paid_online").fill_null(False), fee),
        "4.1": (resolved & paper & attached, resolved & paper),
        "4.2": (pl.col("components_digitised").fill_null(False) & (~(resolved & paper) | attached), pl.lit(True)),
    }
    wanted = [i.id for i in spec.indicators if i.id in parts]
    flags = []
    for key in wanted:
        numerator, denominator = parts[key]
        flags += [(numerator & denominator).alias(f"n{key}"), denominator.alias(f"d{key}")]
    counts = (
        records.filter(cohort & ~pl.col("unit_id").is_in(list(exclude_units)))
        .select("unit_id", *flags)
        .group_by("unit_id")
        .agg(pl.all().sum())
        .collect(engine=engine)
        .sort("unit_id")
    )
    by_unit = {row["unit_id"]: row for row in counts.iter_rows(named=True)}
    order = list(dict.fromkeys([*(units or []), *sorted(by_unit)]))
    order = [u for u in order if u not in set(exclude_units)]
    zero = {f"{p}{k}": 0 for k in wanted for p in "nd"}
    unit_scores = tuple(_unit_score(u, by_unit.get(u, zero), wanted, spec) for u in order)
    totals = {name: int(counts[name].sum()) if counts.height else 0 for name in zero}
    return Index766Result(start, end, unit_scores, _unit_score(OVERALL, totals, wanted, spec), tuple(exclude_units),
                          spec)


def _unit_score(unit_id: str, row: dict, wanted: list[str], spec: Index766) -> UnitScore:
    scores = {}
    for key in wanted:
        indicator = spec.indicator(key)
        n, d = int(row[f"n{key}"]), int(row[f"d{key}"])
        scores[key] = IndicatorScore(key, n, d, percentage(n, d), score(n, d, indicator), indicator.points)
    scored = [(s.points, s.max_points) for s in scores.values() if s.points is not None]
    points = sum((p for p, _ in scored), Decimal(0))
    maximum = sum((m for _, m in scored), Decimal(0))
    share = round_half_up(Fraction(points) * 100 / Fraction(maximum), 2) if maximum else None
    return UnitScore(unit_id, scores, points, maximum, share, spec.band(share))
