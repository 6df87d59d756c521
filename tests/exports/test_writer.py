"""Files the project writes never carry a live formula: formula-like text is neutralised."""

from __future__ import annotations

import csv
from dataclasses import replace

import openpyxl

from tthc.demo import seed
from tthc.exports.writer import ExportRow, ExportTable, write_csv, write_xlsx

HOSTILE = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3", "@SUM(A1)", '=HYPERLINK("http://x","y")']


def feedback_with_topics(topics: list[str]) -> ExportTable:
    table = seed.feedback_table()
    rows = [ExportRow({**r.values, "topic": topics[i % len(topics)]}, r.group) for i, r in enumerate(table.rows)]
    return replace(table, rows=rows)


def test_xlsx_stores_formula_like_text_as_text(tmp_path):
    table = feedback_with_topics(HOSTILE)
    sheet = openpyxl.load_workbook(write_xlsx(table, tmp_path / "pakn.xlsx")).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value in HOSTILE]
    assert len(cells) == len(table.rows)
    assert all(c.data_type == "s" for c in cells)


def test_csv_prefixes_formula_like_text_with_an_apostrophe(tmp_path):
    path = write_csv(feedback_with_topics(HOSTILE), tmp_path / "pakn.csv")
    cells = [c for row in csv.reader(path.open(encoding="utf-8-sig")) for c in row]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert "'=cmd|' /C calc'!A0" in cells


def test_hostile_files_can_still_be_made_on_purpose(tmp_path):
    path = write_xlsx(feedback_with_topics(["=1+1"]), tmp_path / "f.xlsx", neutralise=False)
    sheet = openpyxl.load_workbook(path).active
    assert any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
