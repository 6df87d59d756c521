"""Checks across consecutive periods: what one period hands on is what the next one says it received.

Dossiers not finished at the end of a period (still being processed, or paused) are the next period's
"kỳ trước chuyển sang" (tồn kỳ trước). When an export gives that column, each unit's figure is compared
with the previous period's stored closing figures, so a carried-over count typed by hand, or a previous
month corrected after it was reported, is seen. A difference is a warning at the cell: the figures are
still reported as the export gives them, and the finding says both sides.
"""

from __future__ import annotations

import polars as pl

from tthc.findings import Finding, warning
from tthc.ingest.tidy import TidyTable
from tthc.period import Period
from tthc.text import shorten

OPEN_AT_END = ("pending", "paused_supplement", "paused_financial", "paused_other")  # not finished at the cut-off


def closing_open(dossiers: pl.DataFrame) -> dict[tuple[str, str], int]:
    """Per (desk, unit), the dossiers a period hands on: being processed or paused at its end."""
    present = [c for c in OPEN_AT_END if c in dossiers.columns]
    totals = dossiers.group_by("desk", "unit_id").agg(pl.sum_horizontal(present).sum().alias("open"))
    return {(r["desk"], r["unit_id"]): int(r["open"]) for r in totals.iter_rows(named=True)}


def check_carried_over(tables: list[TidyTable], previous: pl.DataFrame | None,
                       previous_period: Period) -> list[Finding]:
    """Each unit's carried-over count against the previous period's closing open dossiers."""
    if previous is None:
        return []
    handed_on = closing_open(previous)
    findings = []
    for table in tables:
        if table.source != "dossiers" or "carried_over" not in table.frame.columns:
            continue
        rows = table.frame.filter(pl.col("carried_over").is_not_null())
        for row in rows.iter_rows(named=True):
            key = (row["desk"], row["unit_id"])
            if key not in handed_on or handed_on[key] == row["carried_over"]:
                continue
            label = table.raw.source.column("carried_over").label
            findings.append(warning(
                "carried_over_mismatch",
                f"{shorten(row['unit_name'])}: {label} ({row['carried_over']}) khác số hồ sơ chưa giải quyết xong "
                f"cuối kỳ {previous_period} ({handed_on[key]}: đang giải quyết cộng tạm dừng, theo số liệu đã "
                f"kiểm tra của kỳ {previous_period})",
                table.raw.location(row["row"], "carried_over"),
                carried_over=row["carried_over"], previous_open=handed_on[key]))
    return findings
