"""Decision 766 indicators that dossier records support: 2.1, 3.3, 3.6, 4.1 and 4.2.

Thresholds, points, the 2.1 rule's settings and the classification bands are
data (data/reference/index_766.yaml), because the national portal has changed
them. Scoring (formula note of VPCP): rate R in percent, threshold T, points P:
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

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

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


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    points: Decimal
    threshold: Decimal | None  # percent; None: proportional (= 100)
    group: str = ""


@dataclass(frozen=True)
class Band:
    label: str
    min: Decimal


@dataclass(frozen=True)
class Index766:
    indicators: tuple[Indicator, ...]
    bands: tuple[Band, ...]  # highest first
    max_supplement_requests: int = 1
    excluded_waits: tuple[str, ...] = ("supplement",)

    def indicator(self, indicator_id: str) -> Indicator:
        return next(i for i in self.indicators if i.id == indicator_id)

    def band(self, share: Decimal | None) -> str | None:
        if share is None:
            return None
        return next((b.label for b in self.bands if share >= b.min), self.bands[-1].label if self.bands else None)


def default_path(data_dir: Path) -> Path:
    return data_dir / "reference" / "index_766.yaml"


def load_index_766(path: Path) -> Index766:
    data = load_yaml_mapping(path)
    try:
        indicators = tuple(
            Indicator(
                id=str(item["id"]),
                name=str(item["name"]),
                points=Decimal(str(item["points"])),
                threshold=None if item.get("threshold") is None else Decimal(str(item["threshold"])),
                group=str(item.get("group", "")),
            )
            for item in data["indicators"]
        )
        bands = tuple(sorted((Band(str(b["label"]), Decimal(str(b["min"]))) for b in data["bands"]),
                             key=lambda b: b.min, reverse=True))
        rule = data.get("on_time_rule") or {}
        excluded = tuple(str(k) for k in rule.get("excluded_waits", ["supplement"]))
        spec = Index766(indicators, bands, int(rule.get("max_supplement_requests", 1)), excluded)
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise ReferenceDataError(path, f"bộ chỉ số 766 không đúng cấu trúc ({exc})") from exc
    unknown = sorted(set(spec.excluded_waits) - set(WAIT_KINDS))
    if unknown:
        raise ReferenceDataError(path, f"loại thời gian chờ không hợp lệ: {', '.join(unknown)} "
                                   f"(chỉ dùng {', '.join(WAIT_KINDS)})")
    for indicator in spec.indicators:
        if indicator.points < 0 or (indicator.threshold is not None and not 0 < indicator.threshold <= 100):
            raise ReferenceDataError(path, f"chỉ số {indicator.id}: điểm phải ≥ 0 và ngưỡng trong (0, 100]")
    return spec


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

    def to_frame(self) -> pl.DataFrame:
        """Long form: one row per (unit, indicator), the overall rows last."""
        rows = []
        for unit in (*self.units, self.overall):
            for s in unit.scores.values():
                rows.append({"unit_id": unit.unit_id, "indicator": s.indicator, "numerator": s.numerator,
                             "denominator": s.denominator, "rate": _float(s.rate), "points": _float(s.points),
                             "max_points": float(s.max_points), "unit_points": float(unit.points),
                             "unit_max_points": float(unit.max_points), "unit_share": _float(unit.share),
                             "band": unit.band})
        return pl.DataFrame(rows, schema={
            "unit_id": pl.String, "indicator": pl.String, "numerator": pl.Int64, "denominator": pl.Int64,
            "rate": pl.Float64, "points": pl.Float64, "max_points": pl.Float64, "unit_points": pl.Float64,
            "unit_max_points": pl.Float64, "unit_share": pl.Float64, "band": pl.String})


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
    return Index766Result(start, end, unit_scores, _unit_score(OVERALL, totals, wanted, spec), tuple(exclude_units))


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
