"""A workbook larger than the readers keep in memory is read from disk in parts, and read the same: every
workbook of the hardening corpus (broken, misnamed, encrypted, web pages named .xls, huge sheets) gives the same
sheets, or the same Vietnamese reason, whichever way it is read."""

from __future__ import annotations

from pathlib import Path

import pytest
from hardening.corpus import CASES, make_data_folder, period_dir

from tthc.ingest import grid
from tthc.ingest.grid import EXCEL_SUFFIXES, UnreadableFileError, read_sheets

WORKBOOK_CASES = ["empty_xlsx", "text_named_xlsx", "png_named_xlsx", "encrypted_xlsx", "html_named_xls",
                  "zip_not_workbook", "formula_without_value", "error_value", "merged_data_cells",
                  "far_apart_cells", "many_sheets"]


def outcome(path: Path) -> object:
    try:
        return [(s.name, s.rows, s.merged, s.problem, s.format_note) for s in read_sheets(path)]
    except UnreadableFileError as exc:
        return f"lỗi: {exc}"


@pytest.mark.parametrize("name", WORKBOOK_CASES)
def test_a_large_workbook_reads_as_a_small_one(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = next(c for c in CASES if c.name == name)
    data = make_data_folder(tmp_path / "data")
    case.build(data)
    workbooks = [p for p in sorted(period_dir(data).iterdir()) if p.suffix.lower() in EXCEL_SUFFIXES]
    in_memory = {p.name: outcome(p) for p in workbooks}

    monkeypatch.setattr(grid, "IN_MEMORY_BYTES", 0)  # every workbook now counts as large
    from_disk = {p.name: outcome(p) for p in workbooks}

    assert from_disk == in_memory
    assert workbooks
