"""The unit registry: one canonical id and name per unit, and the spellings exports use for it.

Exports spell the same commune several ways ("thị trấn Thừa", "Thứa", "Thửa").
Listed aliases match silently; any other match that needs marks or prefixes
removed is returned as a loose match so the caller reports it; no name is guessed.

Units have validity dates and lineage (tthc.lineage): an export is matched against
`registry.on(period end)`, the units existing then, so "UBND xã Trung Kênh" of 2025-03
and the merged commune of the same name from 2025-07 are different units, and a name of
a unit that no longer exists is recognised as such (to name its successor) instead of
being just unknown. Within a group row of an export ("Huyện A"), a name is resolved
among that group's units first: the same commune name can exist in three districts.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any

from tthc.lineage import Lineage, LineageLink, Validity
from tthc.reference import ReferenceDataError, load_yaml_mapping
from tthc.sources import DESK_CENTRE, DESK_COMMUNE
from tthc.text import loose_key, normalise


class UnitKind(StrEnum):
    DEPARTMENT = "department"
    COMMUNE = "commune"
    DISTRICT_BODY = "district_body"
    PROVINCIAL_BODY = "provincial_body"


class UnitLevel(StrEnum):
    PROVINCE = "province"
    DISTRICT = "district"
    COMMUNE = "commune"


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    short_name: str
    kind: UnitKind
    group: str
    aliases: tuple[str, ...] = ()
    outside_one_stop: bool = False
    code: str = ""  # mã ĐVHC; reused with new meanings after a merger, so never a key alone
    level: UnitLevel | None = None
    parent: str = ""  # id of the unit above (a commune's district body)
    valid_from: date | None = None
    valid_to: date | None = None  # inclusive

    @property
    def desk(self) -> str:
        return DESK_COMMUNE if self.kind is UnitKind.COMMUNE else DESK_CENTRE

    @property
    def validity(self) -> Validity:
        return Validity(self.valid_from, self.valid_to)

    def valid_on(self, day: date) -> bool:
        return self.validity.contains(day)


class MatchHow(StrEnum):
    EXACT = "exact"
    LOOSE = "loose"
    AMBIGUOUS = "ambiguous"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class UnitMatch:
    how: MatchHow
    unit: Unit | None = None
    candidates: tuple[Unit, ...] = field(default_factory=tuple)
    out_of_date: Unit | None = None  # an unknown name that is a unit's not existing on the registry's day


@dataclass(frozen=True)
class UnitRegistry:
    units: tuple[Unit, ...]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    lineage: Lineage = field(default_factory=Lineage)
    day: date | None = None  # set on the registry `on(day)` returns
    history: UnitRegistry | None = field(default=None, compare=False, repr=False)  # every unit, on a dated view

    def by_id(self, unit_id: str) -> Unit:
        return self._by_id[unit_id]

    @cached_property
    def _by_id(self) -> dict[str, Unit]:
        """Units by id, built once: the indicators ask for every unit of a province (hundreds)."""
        return {u.id: u for u in self.units}

    @property
    def everything(self) -> UnitRegistry:
        """The registry of every unit of every date (itself unless this is a dated view)."""
        return self.history if self.history is not None else self

    def on(self, day: date) -> UnitRegistry:
        """The units existing on `day`, matching as the registry does: what an export of a period ending then names.

        A registry without dates gives all its units, so the seed's data behaves as before.
        """
        full = self.everything
        view = full._views.get(day)
        if view is None:
            view = full._views[day] = UnitRegistry(tuple(u for u in full.units if u.valid_on(day)), full.prefixes,
                                                   full.suffixes, full.lineage, day, full)
        return view

    @cached_property
    def _views(self) -> dict[date, UnitRegistry]:
        return {}

    def successors(self, unit_id: str, day: date) -> tuple[Unit, ...]:
        """The units existing on `day` that a unit's area went into (itself while it exists)."""
        return self._units_of(self.lineage.successors(unit_id, day))

    def predecessors(self, unit_id: str, on: date | None = None) -> tuple[Unit, ...]:
        """The units whose history restates onto this unit, transitively; only those existing on `on` if given."""
        return self._units_of(self.lineage.predecessors(unit_id, on))

    def split_predecessors(self, unit_id: str) -> tuple[Unit, ...]:
        """Predecessors that were split: a series restated onto this unit is exact only when there are none."""
        return self._units_of(self.lineage.split_predecessors(unit_id))

    def restates_exactly(self, unit_id: str) -> bool:
        return self.lineage.restates_exactly(unit_id)

    def children(self, unit_id: str) -> tuple[Unit, ...]:
        """The units whose parent is this unit (a district's communes)."""
        return self._children.get(unit_id, ())

    @cached_property
    def _children(self) -> dict[str, tuple[Unit, ...]]:
        """Units by parent, built once: a province lists hundreds of communes under a few dozen districts."""
        index: dict[str, list[Unit]] = {}
        for unit in self.units:
            if unit.parent:
                index.setdefault(unit.parent, []).append(unit)
        return {k: tuple(v) for k, v in index.items()}

    def _units_of(self, ids: tuple[str, ...]) -> tuple[Unit, ...]:
        every = self.everything
        return tuple(every.by_id(i) for i in ids)

    def core(self, name: str) -> str:
        """The name without marks, case and administrative prefixes or suffixes."""
        key = loose_key(name)
        changed = True
        while changed:
            changed = False
            for prefix in self.prefixes:
                if key.startswith(prefix + " ") and len(key) > len(prefix) + 1:
                    key, changed = key[len(prefix) + 1 :], True
            for suffix in self.suffixes:
                if key.endswith(" " + suffix) and len(key) > len(suffix) + 1:
                    key, changed = key[: -len(suffix) - 1], True
        return key

    @cached_property
    def _exact_index(self) -> dict[str, tuple[Unit, ...]]:
        """Normalised spelling → the units (in registry order) that have it as name or alias."""
        return self._index(normalise)

    @cached_property
    def _core_index(self) -> dict[str, tuple[Unit, ...]]:
        return self._index(self.core)

    def _index(self, key) -> dict[str, tuple[Unit, ...]]:
        index: dict[str, list[Unit]] = {}
        for unit in self.units:
            for spelling in (unit.name, *unit.aliases):
                units = index.setdefault(key(spelling), [])
                if unit not in units:
                    units.append(unit)
        return {k: tuple(v) for k, v in index.items()}

    @cached_property
    def _matches(self) -> dict[tuple[str, str | None], UnitMatch]:
        return {}

    def match(self, name: str, group: str | None = None) -> UnitMatch:
        """How a spelling resolves, under an export's group row if it has one; remembered, since a long
        list repeats the same few names."""
        key = (name, group or None)
        found = self._matches.get(key)
        if found is None:
            if len(self._matches) > 50_000:
                self._matches.clear()
            found = self._matches[key] = self._match_in_group(name, group) if group else self._match(name)
        return found

    def _match(self, name: str) -> UnitMatch:
        exact = self._exact_index.get(normalise(name), ())
        if len(exact) == 1:
            return UnitMatch(MatchHow.EXACT, exact[0])
        loose = self._core_index.get(self.core(name), ())
        if len(exact) > 1 or len(loose) > 1:
            return UnitMatch(MatchHow.AMBIGUOUS, candidates=tuple(exact or loose))
        if loose:
            return UnitMatch(MatchHow.LOOSE, loose[0])
        return UnitMatch(MatchHow.UNKNOWN, candidates=self.closest(name), out_of_date=self._out_of_date(name))

    def _named(self, name: str) -> Unit | None:
        """The one unit a spelling names exactly or loosely, else None."""
        exact = self._exact_index.get(normalise(name), ())
        if len(exact) == 1:
            return exact[0]
        loose = self._core_index.get(self.core(name), ())
        return loose[0] if not exact and len(loose) == 1 else None

    def _out_of_date(self, name: str) -> Unit | None:
        """The one unit of another date this spelling names, if any: a retired (or not yet created) unit."""
        if self.history is None:
            return None
        found = self.history.match(name)
        return found.unit if found.unit is not None and found.unit.id not in self._by_id else None

    def _match_in_group(self, name: str, group: str) -> UnitMatch:
        """Among the group's units first (its own `group` text, or the children of the unit the heading
        names); the whole registry when the group holds no such name, as for a list without group rows."""
        scope = self._group_scope(group)
        if scope:
            exact = tuple(u for u in self._exact_index.get(normalise(name), ()) if u.id in scope)
            if len(exact) == 1:
                return UnitMatch(MatchHow.EXACT, exact[0])
            loose = tuple(u for u in self._core_index.get(self.core(name), ()) if u.id in scope)
            if len(exact) > 1 or len(loose) > 1:
                return UnitMatch(MatchHow.AMBIGUOUS, candidates=exact or loose)
            if loose:
                return UnitMatch(MatchHow.LOOSE, loose[0])
        return self.match(name)

    def _group_scope(self, group: str) -> frozenset[str]:
        found = self._scopes.get(group)
        if found is None:
            ids = {u.id for u in self._by_group.get(normalise(group), ())}
            heading = self._named(group)  # a heading is rarely a unit: no suggestions are looked for
            if heading is not None:
                ids |= {u.id for u in self._descendants(heading.id)}
            found = self._scopes[group] = frozenset(ids)
        return found

    @cached_property
    def _scopes(self) -> dict[str, frozenset[str]]:
        return {}

    @cached_property
    def _by_group(self) -> dict[str, tuple[Unit, ...]]:
        index: dict[str, list[Unit]] = {}
        for unit in self.units:
            if unit.group:
                index.setdefault(normalise(unit.group), []).append(unit)
        return {k: tuple(v) for k, v in index.items()}

    def _descendants(self, unit_id: str) -> list[Unit]:
        found: list[Unit] = []
        frontier = [unit_id]
        while frontier:
            for child in self.children(frontier.pop()):
                if child not in found:
                    found.append(child)
                    frontier.append(child.id)
        return found

    @cached_property
    def _cores(self) -> dict[str, Unit]:
        return {self.core(s): u for u in self.units for s in (u.name, *u.aliases)}

    def closest(self, name: str, limit: int = 3) -> tuple[Unit, ...]:
        cores = self._cores
        hits = difflib.get_close_matches(self.core(name), list(cores), n=limit * 3, cutoff=0.4)
        ordered: list[Unit] = []
        for hit in hits:
            if cores[hit] not in ordered:
                ordered.append(cores[hit])
        return tuple(ordered[:limit])


LEVELS = ", ".join(level.value for level in UnitLevel)


def load_registry(path: Path) -> UnitRegistry:
    data = load_yaml_mapping(path)
    items = data.get("units")
    if not isinstance(items, list) or not items:
        raise ReferenceDataError(path, "danh mục đơn vị không đúng cấu trúc: mục 'units' phải là danh sách các đơn vị "
                                   "(mỗi đơn vị có id, name, kind)")
    units = [_unit(path, item, number) for number, item in enumerate(items, start=1)]
    matching = data.get("matching") or {}
    if not isinstance(matching, dict) or not all(
            isinstance(matching.get(key, []), list) for key in ("prefixes", "suffixes")):
        raise ReferenceDataError(path, "danh mục đơn vị không đúng cấu trúc: mục 'matching' phải có prefixes và "
                                   "suffixes là danh sách")
    prefixes = tuple(sorted((loose_key(str(p)) for p in matching.get("prefixes", ())), key=len, reverse=True))
    suffixes = tuple(sorted((loose_key(str(s)) for s in matching.get("suffixes", ())), key=len, reverse=True))
    ids = [u.id for u in units]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ReferenceDataError(path, f"mã đơn vị bị trùng: {', '.join(duplicates)}")
    by_id = {u.id: u for u in units}
    for unit in units:
        if unit.parent and unit.parent not in by_id:
            raise ReferenceDataError(path, f"đơn vị '{unit.id}' có parent '{unit.parent}' không có trong mục 'units'")
    _check_codes(path, units)
    links = _links(path, data.get("lineage"), by_id)
    lineage = Lineage(links, tuple((u.id, u.validity) for u in units if u.validity != Validity()), tuple(ids))
    return UnitRegistry(tuple(units), prefixes, suffixes, lineage)


def _unit(path: Path, item: Any, number: int) -> Unit:
    where = f"đơn vị thứ {number} trong mục 'units'"
    kinds = ", ".join(k.value for k in UnitKind)
    if not isinstance(item, dict):
        raise ReferenceDataError(path, f"danh mục đơn vị không đúng cấu trúc: {where} phải có dạng id, name, kind")
    missing = [key for key in ("id", "name", "kind") if not item.get(key)]
    if missing:
        raise ReferenceDataError(path, f"danh mục đơn vị không đúng cấu trúc: {where} thiếu {', '.join(missing)}")
    where = f"{where} ('{item['id']}')"
    try:
        kind = UnitKind(item["kind"])
    except ValueError:
        raise ReferenceDataError(path, f"danh mục đơn vị không đúng cấu trúc: {where} có kind '{item['kind']}' "
                                   f"không hợp lệ (dùng: {kinds})") from None
    aliases = item.get("aliases") or ()
    if isinstance(aliases, str) or not isinstance(aliases, (list, tuple)):
        raise ReferenceDataError(path, f"danh mục đơn vị không đúng cấu trúc: aliases của {where} phải là danh sách")
    code = item.get("code")
    if code is not None and not isinstance(code, str):
        raise ReferenceDataError(path, f"code của {where} phải ghi trong dấu ngoặc kép (ví dụ code: \"09496\") "
                                   "để giữ các số 0 ở đầu mã đơn vị hành chính")
    level = item.get("level")
    if level is not None and level not in set(UnitLevel):
        raise ReferenceDataError(path, f"{where} có level '{level}' không hợp lệ (dùng: {LEVELS})")
    valid_from = _date(path, item.get("valid_from"), f"valid_from của {where}")
    valid_to = _date(path, item.get("valid_to"), f"valid_to của {where}")
    if valid_from is not None and valid_to is not None and valid_to < valid_from:
        raise ReferenceDataError(path, f"{where} có valid_to ({valid_to.isoformat()}) trước valid_from "
                                   f"({valid_from.isoformat()}): ngày hết hiệu lực phải sau ngày bắt đầu")
    return Unit(
        id=str(item["id"]),
        name=str(item["name"]),
        short_name=str(item.get("short_name") or item["name"]),
        kind=kind,
        group=str(item.get("group", "")),
        aliases=tuple(str(a) for a in aliases),
        outside_one_stop=bool(item.get("outside_one_stop", False)),
        code=code or "",
        level=UnitLevel(level) if level is not None else None,
        parent=str(item.get("parent") or ""),
        valid_from=valid_from,
        valid_to=valid_to,
    )


def _date(path: Path, value: Any, what: str) -> date | None:
    """An ISO date as YAML reads it (a date) or as a quoted string; a datetime or anything else is refused."""
    if value is None:
        return None
    if isinstance(value, date) and type(value) is date:
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ReferenceDataError(path, f"{what} phải là một ngày dạng năm-tháng-ngày (ví dụ 2025-07-01), "
                               f"không phải '{value}'")


def _check_codes(path: Path, units: list[Unit]) -> None:
    """A code names one unit at a time: 09496 was Thị trấn Thứa until 2025-06-30 and xã Lương Tài since."""
    by_code: dict[str, list[Unit]] = {}
    for unit in units:
        if unit.code:
            by_code.setdefault(unit.code, []).append(unit)
    for code, same in by_code.items():
        for i, first in enumerate(same):
            for second in same[i + 1:]:
                if _overlap(first.validity, second.validity):
                    raise ReferenceDataError(path, f"mã đơn vị hành chính {code} được dùng cho hai đơn vị cùng thời "
                                               f"gian ('{first.id}' và '{second.id}'); ghi valid_from, valid_to để "
                                               "hai đơn vị không trùng thời gian hiệu lực")


def _overlap(a: Validity, b: Validity) -> bool:
    return (a.valid_to is None or b.valid_from is None or b.valid_from <= a.valid_to) and (
        b.valid_to is None or a.valid_from is None or a.valid_from <= b.valid_to)


def _links(path: Path, items: Any, by_id: dict[str, Unit]) -> tuple[LineageLink, ...]:
    """The `lineage` list: every id known, the sources existing the day before the date, the target on it."""
    if items is None:
        return ()
    if not isinstance(items, list):
        raise ReferenceDataError(path, "mục 'lineage' phải là danh sách các liên kết {from: [...], to: ..., "
                                   "date: ..., basis: ...}")
    links = []
    for number, item in enumerate(items, start=1):
        where = f"liên kết thứ {number} trong mục 'lineage'"
        if not isinstance(item, dict) or not item.get("from") or not item.get("to") or not item.get("date"):
            raise ReferenceDataError(path, f"{where} phải có from (danh sách mã đơn vị), to (mã đơn vị) và date")
        sources = item["from"] if isinstance(item["from"], list) else [item["from"]]
        day = _date(path, item["date"], f"date của {where}")
        assert day is not None  # checked present above
        for unit_id in [*map(str, sources), str(item["to"])]:
            if unit_id not in by_id:
                raise ReferenceDataError(path, f"{where} ghi đơn vị '{unit_id}' không có trong mục 'units'")
        target = by_id[str(item["to"])]
        if not target.valid_on(day):
            raise ReferenceDataError(path, f"{where}: đơn vị '{target.id}' chưa có hoặc đã hết hiệu lực vào ngày "
                                       f"{day.isoformat()} (xem valid_from, valid_to của đơn vị)")
        before = day.fromordinal(day.toordinal() - 1)
        for source in (by_id[str(s)] for s in sources):
            if not source.valid_on(before):
                raise ReferenceDataError(path, f"{where}: đơn vị '{source.id}' không còn hiệu lực vào ngày "
                                           f"{before.isoformat()}, trước ngày sắp xếp {day.isoformat()}")
        basis = item.get("basis") or ""
        links.append(LineageLink(tuple(str(s) for s in sources), target.id, day, str(basis)))
    return tuple(links)
