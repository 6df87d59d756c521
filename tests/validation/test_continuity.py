"""Dossiers carried over ("kỳ trước chuyển sang", "tồn kỳ trước"): in the figures, the prose and the annex,
and checked against what the previous period handed on (its dossiers still pending or paused at its end)."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

from tthc.context import load_context
from tthc.demo import seed
from tthc.exports.writer import ExportRow, ExportTable
from tthc.period import Period
from tthc.pipeline import build_period, ingest_period
from tthc.report.document import MonthlyReport
from tthc.stored import load_frames
from tthc.validation.continuity import closing_open

from support import SHIPPED, replace_export

AUGUST, SEPTEMBER = Period(2024, 8), Period(2024, 9)
CENTRE_FILE = "Bieu_TTHCC_thang9.xlsx"


def _data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(SHIPPED / "reference", data / "reference")
    for period in (AUGUST, SEPTEMBER):
        shutil.copytree(SHIPPED / "raw" / str(period), data / "raw" / str(period))
    return data


def _with_carried_over(table: ExportTable, carried: dict[str, int]) -> ExportTable:
    """The centre's table with a "Kỳ trước chuyển sang" column after the unit names."""
    columns = list(table.columns)
    columns.insert(columns.index("unit") + 1, "carried_over")
    rows = [ExportRow({**r.values, "carried_over": carried[r.values["unit"]]}, r.group) for r in table.rows]
    total = None if table.total is None else {**table.total, "carried_over": sum(carried.values())}
    return replace(table, columns=columns, rows=rows, total=total)


def _september_handing_on(data: Path) -> tuple[dict[str, int], dict[str, str]]:
    """August's closing open dossiers per centre unit, by the unit names September's export writes."""
    context = load_context(data)
    assert not build_period(context, AUGUST).has_errors
    open_at_end = closing_open(load_frames(context, AUGUST)["dossiers"])
    carried, ids = {}, {}
    for row in seed.centre_table().rows:
        name = row.values["unit"]
        match = context.registry.match(str(name))
        assert match.unit is not None
        carried[name], ids[name] = open_at_end.get(("centre", match.unit.id), 0), match.unit.id
    return carried, ids


def test_a_carried_over_count_that_is_not_what_the_previous_period_handed_on_is_a_warning_at_its_cell(tmp_path):
    data = _data(tmp_path)
    carried, _ = _september_handing_on(data)
    unit = max(carried, key=lambda name: carried[name])
    assert carried[unit] > 0  # August left some of its dossiers open
    wrong = {**carried, unit: carried[unit] + 3}
    replace_export(data / "raw" / "2024-09", CENTRE_FILE, _with_carried_over(seed.centre_table(), wrong))
    inputs = ingest_period(load_context(data), SEPTEMBER)
    found = [f for f in inputs.findings if f.code == "carried_over_mismatch"]
    assert len(found) == 1 and not inputs.has_errors
    finding = found[0]
    assert finding.location.file == CENTRE_FILE and finding.location.column is not None
    assert unit in finding.message and "cuối kỳ 2024-08" in finding.message
    assert f"({carried[unit] + 3})" in finding.message and f"({carried[unit]}:" in finding.message


def test_carried_over_equal_to_what_was_handed_on_raises_nothing(tmp_path):
    data = _data(tmp_path)
    carried, _ = _september_handing_on(data)
    replace_export(data / "raw" / "2024-09", CENTRE_FILE, _with_carried_over(seed.centre_table(), carried))
    inputs = ingest_period(load_context(data), SEPTEMBER)
    assert not [f for f in inputs.findings if f.code == "carried_over_mismatch"]


def test_carried_over_dossiers_appear_in_the_figures_the_prose_and_the_annex(tmp_path):
    data = _data(tmp_path)
    carried, _ = _september_handing_on(data)
    replace_export(data / "raw" / "2024-09", CENTRE_FILE, _with_carried_over(seed.centre_table(), carried))
    assert not build_period(load_context(data), SEPTEMBER).has_errors
    report = MonthlyReport(SEPTEMBER, data)
    total_carried = sum(carried.values())
    counts = report.indicators.centre.counts
    assert counts["carried_over"].value == total_carried
    assert counts["in_period_total"].value == total_carried + 684
    text = re.sub(r"\\(.)", r"\1", report.body_before_chart())
    assert (f"- Hồ sơ kỳ trước chuyển sang (tồn kỳ trước): {total_carried} hồ sơ; tổng số hồ sơ phải giải quyết "
            f"trong kỳ (lũy kế trong kỳ): {total_carried + 684:,} hồ sơ.".replace(",", ".")) in text
    annex = report.annex_markdown(1)
    assert "Tồn kỳ trước" in annex and "Lũy kế trong kỳ" in annex and "Tiếp nhận trong kỳ" in annex
    communes = re.sub(r"\\(.)", r"\1", report.body_after_chart())
    assert "kỳ trước chuyển sang" not in communes  # the communes' export has no such column: nothing is said


def test_the_seed_month_without_the_column_says_nothing_of_carried_over_dossiers(tmp_path):
    data = _data(tmp_path)
    assert not build_period(load_context(data), SEPTEMBER).has_errors
    report = MonthlyReport(SEPTEMBER, data)
    assert "carried_over" not in report.indicators.centre.counts
    assert "chuyển sang" not in report.body_before_chart() and "Tồn kỳ trước" not in report.annex_markdown(1)
