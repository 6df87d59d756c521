"""Per-unit figures on one geography: today's units (history restated) or the units of each period's time.

A reorganisation retires communes and creates others, so a commune's trend line breaks
on its date. Restated "today", each old unit's rows are summed into the unit its area went
into by the range's end (tthc.lineage), so the merged commune's line runs back through
its predecessors' sums; a unit made partly of a split unit is restated only approximately
and flagged. Rates are then recomputed from the summed numerators and denominators.
The break dates (the lineage dates inside the range, with their legal basis) mark the
charts and tables either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import polars as pl

from tthc.formatting.dates import format_date
from tthc.period import Period
from tthc.registry import UnitRegistry

TODAY = "today"
HISTORICAL = "historical"
GEOGRAPHIES = (TODAY, HISTORICAL)
GEOGRAPHY_NOTES = {
    TODAY: "Số liệu các kỳ trước khi sắp xếp được cộng dồn vào đơn vị hành chính hiện nay (theo địa giới mới).",
    HISTORICAL: "Số liệu giữ theo đơn vị hành chính tại thời điểm của từng kỳ (theo địa giới cũ).",
}
#: How the analyst names each geography (the notebook parameter and `tthc trends --geography` take the keys).
GEOGRAPHY_NAMES = {TODAY: "địa giới hiện nay", HISTORICAL: "địa giới tại thời điểm của từng kỳ"}
#: Columns a restatement keeps per unit: identity columns are recomputed, every integer column is summed.
KEYS = ("unit_id", "desk", "period")


@dataclass(frozen=True)
class Break:
    """A reorganisation inside the range: its date and legal basis (empty when units.yaml gives none)."""

    date: date
    basis: str

    @property
    def period(self) -> Period:
        return Period(self.date.year, self.date.month)

    def label(self) -> str:
        """E.g. "01/7/2025: sắp xếp ĐVHC (NQ 1658/NQ-UBTVQH15)": short enough for a chart."""
        day = f"{self.date.day:02d}/{self.date.month}/{self.date.year}"
        return f"{day}: sắp xếp ĐVHC" + (f" ({short_basis(self.basis)})" if self.basis else "")

    def short_label(self) -> str:
        """E.g. "01/7/2025: sắp xếp ĐVHC": what a chart prints beside its rule, narrow enough for a phone
        (the basis is in the rule's tooltip and in the notes under the tables)."""
        return f"{self.date.day:02d}/{self.date.month}/{self.date.year}: sắp xếp ĐVHC"

    def note(self) -> str:
        """The table note: the full date and basis."""
        basis = f" theo {self.basis}" if self.basis else ""
        return f"Từ ngày {format_date(self.date)}, sắp xếp đơn vị hành chính{basis}."


def short_basis(basis: str) -> str:
    """"Nghị quyết 1658/NQ-UBTVQH15 ngày 16/6/2025" → "NQ 1658/NQ-UBTVQH15" (each act of a '; ' list)."""
    parts = []
    for act in basis.split(";"):
        act = re.sub(r"\s+ngày\s+\d{1,2}/\d{1,2}/\d{4}", "", act.strip())
        parts.append(re.sub(r"^Nghị quyết\s+", "NQ ", act))
    return "; ".join(p for p in parts if p)


def breaks(registry: UnitRegistry, start: date, end: date) -> tuple[Break, ...]:
    """The lineage dates after the range's first day up to its last: where a unit's line changes geography."""
    by_date: dict[date, list[str]] = {}
    for link in registry.lineage.links:
        if start < link.date <= end:
            by_date.setdefault(link.date, [])
            if link.basis and link.basis not in by_date[link.date]:
                by_date[link.date].append(link.basis)
    return tuple(Break(day, "; ".join(bases)) for day, bases in sorted(by_date.items()))


def today_unit(registry: UnitRegistry, unit_id: str, day: date) -> str:
    """The unit existing on `day` the unit's figures go into; itself when it leads nowhere (kept, not dropped).

    A split unit goes into several units; its rows go to the first, and that unit is flagged inexact.
    """
    found = registry.lineage.successors(unit_id, day)
    return found[0] if found else unit_id


def restate(rows: pl.DataFrame, registry: UnitRegistry, day: date, geography: str = TODAY) -> pl.DataFrame:
    """Per-unit rows (unit_id, desk, period, integer figures) on the chosen geography, with `exact`.

    "today": each unit's figures summed into its successor existing on `day`; `exact` is False
    where a predecessor was split. "historical": the rows as they are, all exact.
    """
    if geography not in GEOGRAPHIES:
        raise ValueError(f"geography must be one of {GEOGRAPHIES}, got {geography!r}")
    figures = [c for c, t in rows.schema.items() if c not in KEYS and t.is_integer()]
    keys = [c for c in KEYS if c in rows.columns]
    if geography == HISTORICAL or not rows.height:
        return rows.select(*keys, *figures).with_columns(pl.lit(True).alias("exact"))
    ids = rows.get_column("unit_id").unique().to_list()
    mapping = {u: today_unit(registry, u, day) for u in ids}
    exact = {t: registry.restates_exactly(t) for t in set(mapping.values())}
    summed = (rows.with_columns(pl.col("unit_id").replace_strict(mapping, return_dtype=pl.String))
              .group_by(keys, maintain_order=True).agg(pl.col(figures).sum()))
    return summed.with_columns(pl.col("unit_id").replace_strict(exact, return_dtype=pl.Boolean).alias("exact"))


def check_geography(geography: str) -> str:
    """The geography's key, or a Vietnamese error naming the two choices."""
    if geography not in GEOGRAPHIES:
        choices = ", ".join(f"{g} ({GEOGRAPHY_NAMES[g]})" for g in GEOGRAPHIES)
        raise ValueError(f"địa giới '{geography}' không hợp lệ: chọn {choices}")
    return geography


def inexact_note(registry: UnitRegistry, unit_id: str, day: date) -> str:
    """Why a unit's restated history is approximate: which predecessor was split, and where its figures went."""
    name = registry.by_id(unit_id).short_name
    parts = []
    for split in registry.lineage.split_predecessors(unit_id):
        into = [registry.by_id(u).short_name for u in registry.lineage.successors(split, day)]
        parts.append(f"{registry.by_id(split).short_name} bị chia tách cho {', '.join(into)}, toàn bộ số liệu cũ "
                     f"của đơn vị này được tính vào {registry.by_id(today_unit(registry, split, day)).short_name}")
    return f"Số liệu trước sắp xếp của {name} chỉ gần đúng: {'; '.join(parts)}."
