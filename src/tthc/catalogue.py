"""The indicator catalogue: each rate of the report as numerator / denominator over named counts, in data.

Centres define the same rate differently (on time over resolved dossiers, or over dossiers due), and
some truncate where others round; the catalogue holds every definition and its rounding rule, the
profile picks one definition per rate, and the annex states the definition it used. Each rate may also say
where the report shows it (`tiers:`, `sections:`): a provincial centre that does not count digitised results
at commune level drops that rate from the commune annex by editing the data, not the code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tthc.formatting.numbers import ROUNDINGS
from tthc.reference import ReferenceDataError, load_yaml_mapping

# Counts every tier has: the dossiers export's columns summed over the one-stop units, and the one-stop
# reception. A catalogue names these or its own sums, nothing else.
BASE_COUNTS = (
    "received", "received_direct", "received_online", "resolved", "resolved_early", "resolved_on_time",
    "resolved_late", "pending", "pending_not_due", "pending_overdue", "paused_supplement", "paused_financial",
    "paused_other", "refused", "withdrawn", "results_digitised", "received_one_stop",
)
DEFAULT_VARIANT = "default"
TOTAL_TIER = "total"  # the grand total of every tier, as a placement's tier key


@dataclass(frozen=True)
class RateDefinition:
    key: str  # "on_time_rate"
    variant: str  # "over_resolved", or "default" for a rate with one definition
    label: str  # "Tỷ lệ giải quyết trước hạn, đúng hạn"
    numerator: str
    denominator: str
    statement: str  # the definition in words, for the annex
    tiers: tuple[str, ...] | None = None  # the profile's tier keys (and "total") showing it; None: every tier
    sections: tuple[str, ...] | None = None  # the profile's section and annex names showing it; None: all

    def shows(self, tier: str | None = None, section: str | None = None) -> bool:
        """Whether the report shows this rate in a tier's figures and in a section or annex (None: any)."""
        return ((tier is None or self.tiers is None or tier in self.tiers)
                and (section is None or self.sections is None or section in self.sections))


@dataclass(frozen=True)
class Catalogue:
    sums: Mapping[str, tuple[str, ...]]
    rates: Mapping[str, Mapping[str, RateDefinition]]  # rate key → variant → definition
    rounding: str
    decimals: int
    path: Path | None = None

    def definition(self, key: str, choices: Mapping[str, str] | None = None) -> RateDefinition:
        """The definition a profile chose for a rate; the first listed when it chose none."""
        variants = self.rates[key]
        chosen = (choices or {}).get(key)
        return variants[chosen] if chosen else next(iter(variants.values()))

    def chosen(self, choices: Mapping[str, str] | None = None) -> tuple[RateDefinition, ...]:
        return tuple(self.definition(key, choices) for key in self.rates)

    def placed(self, choices: Mapping[str, str] | None = None, tiers: tuple[str, ...] | None = None,
               section: str | None = None) -> tuple[RateDefinition, ...]:
        """The chosen definitions a place of the report shows: shown in one of `tiers` (None: any tier) and in
        `section`, a section or annex name of the profile (None: any)."""
        return tuple(d for d in self.chosen(choices)
                     if d.shows(section=section) and (tiers is None or any(d.shows(tier=t) for t in tiers)))

    def check_placement(self, tiers: set[str], places: set[str], where: Path) -> None:
        """A rate placed in a tier or a section the profile does not have is told which exist (a typo would
        silently hide it everywhere)."""
        source = self.path or where
        for variants in self.rates.values():
            for d in variants.values():
                for field, named, known in (("tiers", d.tiers, tiers | {TOTAL_TIER}), ("sections", d.sections, places)):
                    unknown = [n for n in named or () if n not in known]
                    if unknown:
                        raise ReferenceDataError(source, f"mục {field} của tỷ lệ '{d.key}' nêu {', '.join(unknown)} "
                                                         f"không có trong hồ sơ báo cáo {where.name} (có: "
                                                         f"{', '.join(sorted(known))})")

    def check_choices(self, choices: Mapping[str, str], where: Path) -> None:
        """A profile choosing a rate or a definition the catalogue does not have is told which exist."""
        for key, variant in choices.items():
            if key not in self.rates:
                raise ReferenceDataError(where, f"mục definitions chọn cách tính cho tỷ lệ '{key}' không có trong "
                                                f"danh mục chỉ tiêu (có: {', '.join(self.rates)})")
            if variant not in self.rates[key]:
                raise ReferenceDataError(where, f"tỷ lệ '{key}' không có cách tính '{variant}' (có: "
                                                f"{', '.join(self.rates[key])})")


def default_catalogue_path() -> Path:
    return Path(__file__).parent / "defaults" / "indicators.yaml"


def load_catalogue(path: Path | None = None) -> Catalogue:
    """The data folder's reference/indicators.yaml, else the package's (the seed's definitions)."""
    source = path if path is not None and path.exists() else default_catalogue_path()
    data = load_yaml_mapping(source)
    rounding = str(data.get("rounding", "half_up"))
    if rounding not in ROUNDINGS:
        raise ReferenceDataError(source, f"rounding '{rounding}' không hợp lệ (dùng: {', '.join(ROUNDINGS)})")
    decimals = data.get("decimals", 2)
    if not isinstance(decimals, int) or not 0 <= decimals <= 4:
        raise ReferenceDataError(source, "decimals phải là số nguyên từ 0 đến 4")
    sums = _sums(source, data.get("sums") or {})
    known = set(BASE_COUNTS) | set(sums)
    items = data.get("rates")
    if not isinstance(items, dict) or not items:
        raise ReferenceDataError(source, "mục 'rates' phải là bảng các tỷ lệ (tên tỷ lệ: tử số, mẫu số)")
    rates = {str(key): _variants(source, str(key), item, known) for key, item in items.items()}
    return Catalogue(sums, rates, rounding, decimals, source)


def _sums(source: Path, raw: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise ReferenceDataError(source, "mục 'sums' phải là bảng: tên số cộng: [các số đếm]")
    sums: dict[str, tuple[str, ...]] = {}
    for name, parts in raw.items():
        if not isinstance(parts, list) or not parts:
            raise ReferenceDataError(source, f"số cộng '{name}' phải là danh sách các số đếm")
        unknown = [p for p in parts if p not in BASE_COUNTS and p not in sums]
        if unknown:
            raise ReferenceDataError(source, f"số cộng '{name}' dùng số đếm không có: {', '.join(map(str, unknown))} "
                                             f"(có: {', '.join(BASE_COUNTS)})")
        sums[str(name)] = tuple(str(p) for p in parts)
    return sums


def _variants(source: Path, key: str, item: Any, known: set[str]) -> dict[str, RateDefinition]:
    if not isinstance(item, dict):
        raise ReferenceDataError(source, f"tỷ lệ '{key}' phải có label, numerator, denominator")
    raw = item.get("definitions") or {DEFAULT_VARIANT: item}
    if not isinstance(raw, dict):
        raise ReferenceDataError(source, f"definitions của tỷ lệ '{key}' phải là bảng: tên cách tính: định nghĩa")
    variants = {}
    placement = {f: _placement(source, key, f, item.get(f)) for f in ("tiers", "sections")}
    for variant, spec in raw.items():
        if not isinstance(spec, dict):
            raise ReferenceDataError(source, f"cách tính '{variant}' của tỷ lệ '{key}' phải có numerator, denominator")
        missing = [f for f in ("label", "numerator", "denominator") if not spec.get(f)]
        if missing:
            raise ReferenceDataError(source, f"cách tính '{variant}' của tỷ lệ '{key}' thiếu {', '.join(missing)}")
        for field in ("numerator", "denominator"):
            if spec[field] not in known:
                raise ReferenceDataError(source, f"{field} '{spec[field]}' của tỷ lệ '{key}' không phải số đếm có "
                                                 f"tên (có: {', '.join(sorted(known))})")
        own = {f: _placement(source, key, f, spec[f]) if f in spec else placement[f] for f in ("tiers", "sections")}
        variants[str(variant)] = RateDefinition(key, str(variant), str(spec["label"]), str(spec["numerator"]),
                                                str(spec["denominator"]), str(spec.get("statement", "")),
                                                own["tiers"], own["sections"])
    return variants


def _placement(source: Path, key: str, field: str, raw: Any) -> tuple[str, ...] | None:
    """`tiers:` or `sections:` of a rate: a list of names; absent (or null) means everywhere."""
    if raw is None:
        return None
    if not isinstance(raw, list) or not all(isinstance(n, str) and n for n in raw):
        raise ReferenceDataError(source, f"mục {field} của tỷ lệ '{key}' phải là danh sách tên (ví dụ "
                                         f"{'[centre, communes]' if field == 'tiers' else '[tier:centre, all_tiers]'}); "
                                         "bỏ mục này thì tỷ lệ có ở mọi nơi")
    return tuple(raw)
