"""An earlier period (the same one last year, the previous one) on today's units, when a reorganisation lies
between the two.

September 2025's commune centre of xã Lương Tài is not the district centre of September 2024:
compared tier by tier as stored, its "communes" tier (one commune) would face fourteen. Across a
lineage date the previous year's per-unit rows are relabelled with the unit their area went into
(tthc.lineage), kept only for the units the tier reports now, and a tier is compared only when
every one of its units has a history there covering its area today; otherwise the report says why not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import polars as pl

from tthc.formatting.dates import format_date
from tthc.indicators import PeriodIndicators
from tthc.period import Period
from tthc.registry import UnitRegistry

#: The per-unit datasets whose rows the rates are computed from.
PER_UNIT = ("dossiers", "payments")


@dataclass(frozen=True)
class Cause:
    """Why a tier is not compared with an earlier period across a reorganisation, in parts, so that two
    comparisons refused for the same reason are said in one sentence."""

    against: str  # "cùng kỳ năm 2024", "tháng 6"
    then: str  # "cùng kỳ", "tháng 6"
    day: date  # the reorganisation
    kind: str  # "gone": the period holds former units; "missing": no history; "untraced": another area then
    names: str  # the units concerned, as the report names them

    def text(self, against: str | None = None, then: str | None = None) -> str:
        since = f"không so sánh với {against or self.against}: sau sắp xếp đơn vị hành chính ngày {format_date(self.day)}"
        then = then or self.then
        if self.kind == "gone":
            return f"{since}, kỳ này gồm cả số liệu của {self.names} trước khi sắp xếp"
        if self.kind == "missing":
            return f"{since}, {self.names} chưa có số liệu {then}"
        return f"{since}, số liệu {then} của {self.names} thuộc phạm vi tiếp nhận khác"

    def joined(self, other: Cause) -> str | None:
        """One sentence for both comparisons when they are refused for the same reason, else None."""
        if (self.kind, self.names, self.day) != (other.kind, other.names, other.day):
            return None
        return self.text(f"{self.against} và {other.against}", "trước đó")


@dataclass(frozen=True)
class Restated:
    """Last year's figures on today's units, and which tiers they can be compared for."""

    indicators: PeriodIndicators | None  # None: no tier is comparable
    break_day: date  # the (last) reorganisation between the two periods
    comparable: frozenset[str] = frozenset()  # tier keys whose units all have a history last year
    inexact: frozenset[str] = frozenset()  # tier keys restated from a split unit (approximate)
    reasons: dict[str, str] = field(default_factory=dict)  # tier key → why it is not compared, in Vietnamese
    causes: dict[str, Cause] = field(default_factory=dict)  # tier key → the same reason, in parts


def reorganisation_between(registry: UnitRegistry, start: date, end: date) -> date | None:
    """The last lineage date after `start` up to `end`: None when the geography did not change."""
    days = [link.date for link in registry.lineage.links if start < link.date <= end]
    return max(days) if days else None


def tier_units(indicators: PeriodIndicators, frames: dict[str, pl.DataFrame], tier: str,
               unit_ids: Callable[[str], set[str]]) -> set[str]:
    """The units with rows in the tier this period: what a comparison has to cover."""
    dossiers = frames.get("dossiers")
    if dossiers is None or tier not in indicators.tiers:
        return set()
    present = set(dossiers.get_column("unit_id").unique().to_list())
    return present & unit_ids(tier)


def traced(registry: UnitRegistry, unit_id: str, then: date) -> bool:
    """Last year's rows of the unit cover today's area: it was formed through the lineage, or it is a commune
    that existed then unchanged. A body that received at the district centre (the land registry branch) covered
    the whole district then and one commune now: its rows are the same unit's, not the same area's."""
    if registry.lineage.predecessors(unit_id):
        return True
    unit = registry.by_id(unit_id)
    return unit.level is not None and unit.level.value == "commune" and unit.valid_on(then)


def _names(registry: UnitRegistry, ids: list[str]) -> str:
    return ", ".join(registry.by_id(u).name for u in ids[:3]) + ("…" if len(ids) > 3 else "")


def relabel(frames: dict[str, pl.DataFrame], registry: UnitRegistry, day: date) -> tuple[dict[str, pl.DataFrame],
                                                                                          set[str]]:
    """Each per-unit row under the unit existing on `day` its area went into; rows of a unit gone with no
    successor are dropped. Returns the frames and the today's units restated from a split predecessor."""
    out = dict(frames)
    inexact: set[str] = set()
    for name in PER_UNIT:
        frame = frames.get(name)
        if frame is None or not frame.height:
            continue
        ids = frame.get_column("unit_id").unique().to_list()
        mapping: dict[str, str | None] = {}
        for unit_id in ids:
            found = registry.lineage.successors(unit_id, day)
            mapping[unit_id] = found[0] if found else None
            if found and not registry.restates_exactly(found[0]):
                inexact.add(found[0])
        names = {u: registry.by_id(t).name for u, t in mapping.items() if t is not None}
        out[name] = (frame.filter(pl.col("unit_id").is_in([u for u, t in mapping.items() if t is not None]))
                     .with_columns(pl.col("unit_id").replace_strict(names, return_dtype=pl.String)
                                   .alias("unit_name"),
                                   pl.col("unit_id").replace_strict({u: t for u, t in mapping.items()
                                                                     if t is not None}, return_dtype=pl.String)))
    return out, inexact


@dataclass(frozen=True)
class Earlier:
    """The period a report compares with, in the words its sentences name it."""

    period: Period
    against: str  # "cùng kỳ năm 2024", "tháng 6": what the figure is not compared with
    then: str  # "cùng kỳ", "tháng 6": whose figures ("số liệu cùng kỳ của …")


def restate_earlier(now: PeriodIndicators, now_frames: dict[str, pl.DataFrame], period: Period, earlier: Earlier,
                    earlier_frames: dict[str, pl.DataFrame], registry: UnitRegistry, cutoff_day: int,
                    compute: Callable[[dict[str, pl.DataFrame]], PeriodIndicators],
                    unit_ids: Callable[[str], set[str]]) -> Restated | None:
    """An earlier period (the same period last year, or the previous one) on this period's units; None when no
    reorganisation lies between the two (the stored figures compare as they are)."""
    day = period.end(cutoff_day)
    then_day = earlier.period.end(cutoff_day)
    breaks_on = reorganisation_between(registry, then_day, day)
    if breaks_on is None:
        return None
    frames, split = relabel(earlier_frames, registry, day)
    history = set(frames["dossiers"].get_column("unit_id").unique().to_list()) if "dossiers" in frames else set()
    comparable, inexact, causes = set(), set(), {}
    for tier in now.tiers:
        units = tier_units(now, now_frames, tier, unit_ids)
        if not units:
            continue
        gone = sorted(u for u in units if not registry.by_id(u).valid_on(day))
        missing = sorted(units - history)
        untraced = sorted(u for u in units if not traced(registry, u, then_day))
        for kind, ids in (("gone", gone), ("missing", missing), ("untraced", untraced)):
            if ids:  # gone: the period spans the reorganisation, part of it is the former units' figures
                causes[tier] = Cause(earlier.against, earlier.then, breaks_on, kind, _names(registry, ids))
                break
        else:
            comparable.add(tier)
            if units & split:
                inexact.add(tier)
    reasons = {tier: cause.text() for tier, cause in causes.items()}
    if not comparable:
        return Restated(None, breaks_on, frozenset(), frozenset(), reasons, causes)
    reported = set(now_frames["dossiers"].get_column("unit_id").unique().to_list())
    kept = {name: (frame.filter(pl.col("unit_id").is_in(list(reported))) if name in PER_UNIT else frame)
            for name, frame in frames.items()}  # the area's other units now report to other centres
    indicators = compute(kept)
    return Restated(indicators, breaks_on, frozenset(comparable), frozenset(inexact), reasons, causes)
