"""The unit registry: one canonical id and name per unit, and the spellings exports use for it.

Exports spell the same commune several ways ("thị trấn Thừa", "Thứa", "Thửa").
Listed aliases match silently; any other match that needs marks or prefixes
removed is returned as a loose match so the caller reports it; no name is guessed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from tthc.reference import ReferenceDataError, load_yaml_mapping
from tthc.sources import DESK_CENTRE, DESK_COMMUNE
from tthc.text import loose_key, normalise


class UnitKind(StrEnum):
    DEPARTMENT = "department"
    COMMUNE = "commune"
    DISTRICT_BODY = "district_body"
    PROVINCIAL_BODY = "provincial_body"


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    short_name: str
    kind: UnitKind
    group: str
    aliases: tuple[str, ...] = ()
    outside_one_stop: bool = False

    @property
    def desk(self) -> str:
        return DESK_COMMUNE if self.kind is UnitKind.COMMUNE else DESK_CENTRE


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


@dataclass(frozen=True)
class UnitRegistry:
    units: tuple[Unit, ...]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]

    def by_id(self, unit_id: str) -> Unit:
        return self._by_id[unit_id]

    @cached_property
    def _by_id(self) -> dict[str, Unit]:
        """Units by id, built once: the indicators ask for every unit of a province (hundreds)."""
        return {u.id: u for u in self.units}

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
    def _matches(self) -> dict[str, UnitMatch]:
        return {}

    def match(self, name: str) -> UnitMatch:
        """How a spelling resolves; remembered, since a long list repeats the same few names."""
        found = self._matches.get(name)
        if found is None:
            if len(self._matches) > 50_000:
                self._matches.clear()
            found = self._matches[name] = self._match(name)
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
        return UnitMatch(MatchHow.UNKNOWN, candidates=self.closest(name))

    def closest(self, name: str, limit: int = 3) -> tuple[Unit, ...]:
        cores = {self.core(s): u for u in self.units for s in (u.name, *u.aliases)}
        hits = difflib.get_close_matches(self.core(name), list(cores), n=limit * 3, cutoff=0.4)
        ordered: list[Unit] = []
        for hit in hits:
            if cores[hit] not in ordered:
                ordered.append(cores[hit])
        return tuple(ordered[:limit])


def load_registry(path: Path) -> UnitRegistry:
    data = load_yaml_mapping(path)
    items = data.get("units")
    if not isinstance(items, list) or not items:
        raise ReferenceDataError(path, "danh mục đơn vị không đúng cấu trúc: mục 'units' phải là danh sách các đơn vị "
                                   "(mỗi đơn vị có id, name, kind)")
    kinds = ", ".join(k.value for k in UnitKind)
    units = []
    for number, item in enumerate(items, start=1):
        where = f"đơn vị thứ {number} trong mục 'units'"
        if not isinstance(item, dict):
            raise ReferenceDataError(path, f"danh mục đơn vị không đúng cấu trúc: {where} phải có dạng id, name, kind")
        missing = [key for key in ("id", "name", "kind") if not item.get(key)]
        if missing:
            raise ReferenceDataError(path, f"danh mục đơn vị không đúng cấu trúc: {where} thiếu {', '.join(missing)}")
        try:
            kind = UnitKind(item["kind"])
        except ValueError:
            raise ReferenceDataError(path, f"danh mục đơn vị không đúng cấu trúc: {where} có kind '{item['kind']}' "
                                       f"không hợp lệ (dùng: {kinds})") from None
        aliases = item.get("aliases") or ()
        if isinstance(aliases, str) or not isinstance(aliases, (list, tuple)):
            raise ReferenceDataError(path, f"danh mục đơn vị không đúng cấu trúc: aliases của {where} phải là danh sách")
        units.append(Unit(
            id=str(item["id"]),
            name=str(item["name"]),
            short_name=str(item.get("short_name") or item["name"]),
            kind=kind,
            group=str(item.get("group", "")),
            aliases=tuple(str(a) for a in aliases),
            outside_one_stop=bool(item.get("outside_one_stop", False)),
        ))
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
    return UnitRegistry(tuple(units), prefixes, suffixes)
