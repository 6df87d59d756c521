"""The indicator catalogue: each rate of the report as numerator / denominator over named counts, in data.

Centres define the same rate differently (on time over resolved dossiers, or over dossiers due), and
some truncate where others round; the catalogue holds every definition and its rounding rule, the
profile picks one definition per rate, and the annex states the definition it used.
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


@dataclass(frozen=True)
class RateDefinition:
    key: str  # "on_time_rate"
    variant: str  # "over_resolved", or "default" for a rate with one definition
    label: str  # "Tỷ lệ giải quyết trước hạn, đúng hạn"
    numerator: str
    denominator: str
    statement: str  # the definition in words, for the annex


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
        variants[str(variant)] = RateDefinition(key, str(variant), str(spec["label"]), str(spec["numerator"]),
                                                str(spec["denominator"]), str(spec.get("statement", "")))
    return variants
