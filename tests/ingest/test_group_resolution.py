"""A province's export lists each district's communes under a group row ("Huyện A"): the same commune
name in three districts is three units, told apart by the heading above it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tthc.demo import seed
from tthc.exports.writer import ExportRow, write_xlsx
from tthc.ingest.tables import extract_tables
from tthc.ingest.tidy import tidy_table
from tthc.registry import load_registry

DISTRICTS = ("A", "B", "C")
UNITS = "matching:\n  prefixes: [UBND, xã, huyện]\nunits:\n" + "".join(
    f"  - {{id: h_{d}, name: UBND huyện {d}, kind: district_body, level: district}}\n"
    f"  - {{id: {d}_an_binh, name: UBND xã An Bình, kind: commune, level: commune, parent: h_{d}}}\n"
    f"  - {{id: {d}_rieng, name: UBND xã Riêng {d}, kind: commune, level: commune, parent: h_{d}}}\n"
    for d in DISTRICTS)


@pytest.fixture
def registry(tmp_path):
    path = tmp_path / "units.yaml"
    path.write_text(UNITS, encoding="utf-8")
    return load_registry(path)


def _export(tmp_path: Path, grouped: bool) -> Path:
    """The communes' table of a province: per district its heading row, then its communes."""
    template = seed.communes_table().rows[0].values
    rows = [ExportRow({**template, "unit": name}, f"Huyện {d}" if grouped else None)
            for d in DISTRICTS for name in ("UBND xã An Bình", f"UBND xã Riêng {d}")]
    return write_xlsx(replace(seed.communes_table(), rows=rows), tmp_path / "Bieu_xa_toan_tinh.xlsx")


def _tidy(path: Path, registry):
    (raw,), findings = extract_tables(path, path.name)
    assert findings == []
    return tidy_table(raw, registry)


def test_same_named_communes_resolve_to_the_unit_of_their_district_heading(tmp_path, registry):
    table, findings = _tidy(_export(tmp_path, grouped=True), registry)
    assert findings == []
    assert table.frame["unit_id"].to_list() == ["A_an_binh", "A_rieng", "B_an_binh", "B_rieng", "C_an_binh",
                                                "C_rieng"]
    assert table.frame["group"].to_list() == ["Huyện A"] * 2 + ["Huyện B"] * 2 + ["Huyện C"] * 2


def test_a_heading_numbered_in_roman_numerals_is_read_by_its_name(tmp_path, registry):
    """Provincial exports write "I | Huyện A": the heading's name is in the unit column, not the first."""
    path = _export(tmp_path, grouped=True)
    book = load_workbook(path)
    sheet = book.active
    for merged in [m for m in sheet.merged_cells.ranges if m.min_row > 5 and m.min_row == m.max_row]:
        sheet.unmerge_cells(str(merged))
    numerals = iter(("I", "II", "III"))
    for row in sheet.iter_rows(min_row=6):
        if isinstance(row[0].value, str) and row[0].value.startswith("Huyện"):
            row[1].value, row[0].value = row[0].value, next(numerals)
    book.save(path)
    table, findings = _tidy(path, registry)
    assert findings == []
    assert table.frame["group"].to_list()[::2] == ["Huyện A", "Huyện B", "Huyện C"]
    assert table.frame["unit_id"].to_list()[::2] == ["A_an_binh", "B_an_binh", "C_an_binh"]


def test_without_group_rows_the_shared_name_stays_an_ambiguity_on_each_row(tmp_path, registry):
    table, findings = _tidy(_export(tmp_path, grouped=False), registry)
    assert [f.code for f in findings] == ["ambiguous_unit"] * 3
    assert [f.location.row for f in findings] == [6, 8, 10]  # title 2 + blank + header 2: first unit on row 6
    assert all(f.location.column.startswith("B (") and f.location.file == "Bieu_xa_toan_tinh.xlsx"
               for f in findings)
    assert table.frame["unit_id"].to_list() == ["A_rieng", "B_rieng", "C_rieng"]  # the ambiguous rows left out
