"""A web system's "Xuất Excel" (an HTML page with a <table>, saved as .xls) is read as the table it is.

Its two-row header is built with colspan and rowspan, as such pages are; the figures read from it are
those of the same export saved as .xlsx, and findings name the file, the table ("bảng 1"), row and column.
"""

from __future__ import annotations

import html
from dataclasses import replace
from pathlib import Path

import polars as pl

from tthc.context import load_context
from tthc.demo import seed
from tthc.exports.writer import ExportTable, build_grid
from tthc.ingest.grid import read_sheets
from tthc.pipeline import ingest_period, tidy_frames

from support import SEPTEMBER, run_tthc, with_value

CENTRE = "Bieu_TTHCC_thang9.xlsx"
CENTRE_HTML = "Bieu_TTHCC_thang9.xls"
PROVENANCE = ["file", "sheet", "row"]


def html_page(table: ExportTable) -> str:
    """The export as a web system writes it: one <td> per merged area, with rowspan/colspan, text-only cells."""
    grid, merges = build_grid(table)
    spans = {(r1 - 1, c1 - 1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in merges}
    hidden = {(r, c) for (r1, c1), (rows, cols) in spans.items()
              for r in range(r1, r1 + rows) for c in range(c1, c1 + cols) if (r, c) != (r1, c1)}
    lines = []
    for r, row in enumerate(grid):
        cells = []
        for c, value in enumerate(row):
            if (r, c) in hidden:
                continue
            rows, cols = spans.get((r, c), (1, 1))
            attrs = (f' rowspan="{rows}"' if rows > 1 else "") + (f' colspan="{cols}"' if cols > 1 else "")
            text = "" if value is None else html.escape(str(value))
            cells.append(f"<td{attrs} style='mso-number-format:\"\\@\"'>{text}</td>")
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return ("<html xmlns:x=\"urn:schemas-microsoft-com:office:excel\"><head><meta http-equiv='Content-Type' "
            "content='text/html; charset=utf-8'><style>td {border: 1px solid}</style></head><body>"
            "<table border='1'>\n" + "\n".join(lines) + "\n</table></body></html>")


def put_html(folder: Path, table: ExportTable) -> Path:
    (folder / CENTRE).unlink()
    path = folder / CENTRE_HTML
    path.write_text(html_page(table), encoding="utf-8")
    return path


def dossiers(data_dir: Path) -> pl.DataFrame:
    inputs = ingest_period(load_context(data_dir), SEPTEMBER)
    assert not inputs.has_errors, [f.describe() for f in inputs.findings if f.is_error]
    return tidy_frames(inputs)["dossiers"].drop(PROVENANCE).sort("unit_id")


def test_a_two_row_header_made_of_colspan_and_rowspan_reads_as_merged_cells(tmp_path: Path):
    path = tmp_path / "bieu.xls"
    path.write_text(html_page(seed.centre_table()), encoding="utf-8")
    sheet, = read_sheets(path)
    assert sheet.name == "bảng 1"
    header = next(i for i, row in enumerate(sheet.rows) if row[1] == "Tên đơn vị")
    top, below = sheet.rows[header], sheet.rows[header + 1]
    resolved = top.index("Đã giải quyết")
    assert below[resolved:resolved + 4] == ["Tổng số hồ sơ", "Trước hạn", "Đúng hạn", "Quá hạn"]
    assert top[resolved + 1:resolved + 4] == [None, None, None]  # a parent's blanks, as in a merged workbook
    assert (header, resolved, header, resolved + 3) in sheet.merged
    assert (header, 0, header + 1, 0) in sheet.merged  # STT spans both header rows


def test_the_html_export_gives_the_figures_of_the_xlsx_export(data_dir: Path, september: Path):
    from_xlsx = dossiers(data_dir)
    put_html(september, seed.centre_table())
    from_html = dossiers(data_dir)
    assert from_html.equals(from_xlsx)
    assert from_html.height == from_xlsx.height > 0


def test_tthc_check_accepts_the_html_export(data_dir: Path, september: Path):
    put_html(september, seed.centre_table())
    completed = run_tthc("check", "2024-09", "--data", str(data_dir))
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "HTML" not in completed.stdout


def test_a_finding_in_the_html_export_names_file_table_row_and_column(data_dir: Path, september: Path):
    put_html(september, with_value(seed.centre_table(), "Phòng Tư pháp", resolved_early="mười"))
    completed = run_tthc("check", "2024-09", "--data", str(data_dir))
    assert completed.returncode == 1, completed.stdout + completed.stderr
    line = next(line for line in completed.stdout.splitlines() if "'mười'" in line)
    assert f"tệp {CENTRE_HTML}, trang tính bảng 1, dòng " in line
    assert "cột G (Đã giải quyết / Trước hạn)" in line


def test_an_unrecognised_html_table_says_the_file_is_a_web_page(data_dir: Path, september: Path):
    table = seed.centre_table()
    put_html(september, replace(table, labels={n: f"Cột {i}" for i, n in enumerate(table.columns)}))
    completed = run_tthc("check", "2024-09", "--data", str(data_dir))
    assert completed.returncode == 1
    line = next(line for line in completed.stdout.splitlines() if CENTRE_HTML in line)
    assert "không nhận dạng được bảng" in line and "trang web (HTML)" in line


def test_dossier_records_saved_as_an_html_xls_are_read_like_their_xlsx(context, tmp_path: Path):
    from datetime import date

    from tthc.demo.records import synthetic_records
    from tthc.demo.records_export import export_frame
    from tthc.records.ingest import is_records_file, scan_records
    from tthc.records.tables import unit_tables

    start, end = date(2024, 8, 24), date(2024, 9, 23)
    records = synthetic_records(200, start, end, units=["phong_tu_phap", "tt_thua"], seed=5)
    frame = export_frame(records, context.registry)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(v or '')}</td>" for v in row) + "</tr>"
                   for row in frame.iter_rows())
    header = "<tr>" + "".join(f"<th>{html.escape(c)}</th>" for c in frame.columns) + "</tr>"
    path = tmp_path / "danh-sach-ho-so.xls"
    path.write_text(f"<html><body><p>DANH SÁCH HỒ SƠ</p><table>{header}{body}</table></body></html>",
                    encoding="utf-8")
    assert is_records_file(path)
    scan = scan_records(path, context.registry)
    assert scan.findings == []
    assert unit_tables(scan.frame, start, end).equals(unit_tables(records.lazy(), start, end))
