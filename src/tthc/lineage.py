"""Lineage of units through reorganisations: which units a unit became, and which it was made of.

A reorganisation retires units and creates others (14 communes → 12 on 2025-01-01 → 4 on
2025-07-01 in Lương Tài). Each link says "these units became that one on this date, by this
legal act"; a unit named in two links of one date was split, so its history cannot be
re-aggregated exactly onto either part. The queries work on ids and validity intervals only,
so the registry (which owns the units) and the trends (which restate history) share one answer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property


@dataclass(frozen=True)
class Validity:
    """Inclusive dates a unit exists; None on a side means unbounded (the registry of the seed has no dates)."""

    valid_from: date | None = None
    valid_to: date | None = None

    def contains(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    @property
    def ceased_on(self) -> date | None:
        """The first day the unit no longer exists (the reorganisation's date)."""
        return self.valid_to + timedelta(days=1) if self.valid_to is not None else None


@dataclass(frozen=True)
class LineageLink:
    """`sources` became (part of) `target` on `date`, by `basis` (the legal act, as written in units.yaml)."""

    sources: tuple[str, ...]
    target: str
    date: date
    basis: str = ""


@dataclass(frozen=True)
class Step:
    """One reorganisation a unit went through: on `date` it went into `targets` (more than one: split)."""

    unit: str
    date: date
    targets: tuple[str, ...]
    basis: str


@dataclass(frozen=True)
class Lineage:
    links: tuple[LineageLink, ...] = ()
    validities: tuple[tuple[str, Validity], ...] = ()  # (unit id, validity); a unit not listed always exists
    order: tuple[str, ...] = ()  # the registry's order, so every answer lists units as the registry does

    @cached_property
    def _validity(self) -> dict[str, Validity]:
        return dict(self.validities)

    @cached_property
    def _outgoing(self) -> dict[str, tuple[LineageLink, ...]]:
        out: dict[str, list[LineageLink]] = {}
        for link in sorted(self.links, key=lambda link: link.date):
            for source in link.sources:
                out.setdefault(source, []).append(link)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def _incoming(self) -> dict[str, tuple[LineageLink, ...]]:
        into: dict[str, list[LineageLink]] = {}
        for link in self.links:
            into.setdefault(link.target, []).append(link)
        return {k: tuple(v) for k, v in into.items()}

    @cached_property
    def _rank(self) -> dict[str, int]:
        return {unit_id: i for i, unit_id in enumerate(self.order)}

    def _sorted(self, ids: Iterable[str]) -> tuple[str, ...]:
        return tuple(sorted(set(ids), key=lambda i: (self._rank.get(i, len(self._rank)), i)))

    def _valid(self, unit_id: str, day: date) -> bool:
        return self._validity.get(unit_id, Validity()).contains(day)

    def steps(self, unit_id: str, after: date | None = None, until: date | None = None) -> tuple[Step, ...]:
        """The unit's own reorganisations after `after` up to `until` (inclusive), by date."""
        by_date: dict[date, list[LineageLink]] = {}
        for link in self._outgoing.get(unit_id, ()):
            if (after is None or link.date > after) and (until is None or link.date <= until):
                by_date.setdefault(link.date, []).append(link)
        return tuple(Step(unit_id, day, self._sorted(link.target for link in links),
                          "; ".join(dict.fromkeys(link.basis for link in links if link.basis)))
                     for day, links in sorted(by_date.items()))

    def successors(self, unit_id: str, day: date) -> tuple[str, ...]:
        """The units existing on `day` that the unit's area went into: itself while it exists.

        Followed transitively (Lai Hạ → An Tập → Trung Kênh); a unit that ended with no link
        leads nowhere, so the answer can be empty.
        """
        found, _ = self._follow(unit_id, day)
        return self._sorted(found)

    def path(self, unit_id: str, day: date) -> tuple[Step, ...]:
        """The reorganisations between the unit and its successors on `day`, in date order: what a message tells."""
        _, steps = self._follow(unit_id, day)
        return tuple(sorted(steps, key=lambda s: (s.date, self._rank.get(s.unit, 0))))

    def _follow(self, unit_id: str, day: date) -> tuple[set[str], list[Step]]:
        found: set[str] = set()
        taken: list[Step] = []
        frontier: list[tuple[str, date | None]] = [(unit_id, None)]
        seen: set[tuple[str, date | None]] = set()
        while frontier:
            current, since = frontier.pop()
            if (current, since) in seen:
                continue
            seen.add((current, since))
            steps = self.steps(current, after=since, until=day)
            if not steps:
                if self._valid(current, day):
                    found.add(current)
                continue
            step = steps[0]
            if step not in taken:
                taken.append(step)
            frontier.extend((target, step.date) for target in step.targets)
            if self._valid(current, step.date):  # it lost only part of its area: its later history goes on
                frontier.append((current, step.date))
        return found, taken

    def predecessors(self, unit_id: str, on: date | None = None) -> tuple[str, ...]:
        """Every unit whose history restates onto this one (transitively), or only those existing on `on`."""
        found: set[str] = set()
        frontier = [unit_id]
        while frontier:
            current = frontier.pop()
            for link in self._incoming.get(current, ()):
                for source in link.sources:
                    if source not in found and source != unit_id:
                        found.add(source)
                        frontier.append(source)
        if on is not None:
            found = {u for u in found if self._valid(u, on)}
        return self._sorted(found)

    def is_split(self, unit_id: str) -> bool:
        """Whether the unit went into more than one unit on one date: its figures cannot be divided from totals."""
        return any(len(step.targets) > 1 for step in self.steps(unit_id))

    def split_predecessors(self, unit_id: str) -> tuple[str, ...]:
        """The predecessors that were split: a restated series of the unit is exact only if there are none."""
        return tuple(u for u in self.predecessors(unit_id) if self.is_split(u))

    def restates_exactly(self, unit_id: str) -> bool:
        return not self.split_predecessors(unit_id)
