"""Records exports with Vietnamese headers, in any column order, as CSV, XLSX and Parquet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from records.records_support import write_seed_month_records

from tthc.demo.records import synthetic_records
from tthc.demo.records_export import DEFAULT_ORDER, write_records
from tthc.records.ingest import RecordsFileError, is_records_file, scan_records
from tthc.records.tables import unit_tables

from support import SEPTEMBER

START, END = date(2024, 8, 24), date(2024, 9, 23)
UNITS = ["phong_tu_phap", "tt_thua", "lai_ha", "chi_nhanh_vpdk"]


@pytest.fixture
def records() -> pl.DataFrame:
    return synthetic_records(600, START, END, units=UNITS, seed=11)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".parquet"])
def test_vietnamese_headers_in_any_order_give_the_same_tables(suffix, records, context, tmp_path: Path) -> None:
    order = list(reversed(DEFAULT_ORDER))
    labels = {"received_at": "Ngày tiếp nhận", "due_at": "NGÀY HẸN TRẢ KẾT QUẢ", "unit": "Cơ quan giải quyết",
              "status": "Tinh trang ho so", "channel": "Hình thức\nnộp"}
    path = write_records(records, tmp_path / f"danh-sach{suffix}", context.registry, order=order, labels=labels,
                         title=None if suffix == ".parquet" else "DANH SÁCH HỒ SƠ TIẾP NHẬN TỪ 24/08/2024")
    assert is_records_file(path)
    scan = scan_records(path, context.registry)
    assert scan.findings == []
    assert scan.columns["due_at"] == "NGÀY HẸN TRẢ KẾT QUẢ"
    assert unit_tables(scan.frame, START, END).equals(unit_tables(records.lazy(), START, END))


def test_aggregated_exports_are_not_records_files(september: Path, context) -> None:
    write_seed_month_records(context, september, SEPTEMBER)
    found = {p.name for p in september.iterdir() if is_records_file(p)}
    assert found == {"ho-so-2024-09.parquet"}  # the records, and none of the five exports


def test_unknown_unit_and_bad_cells_are_findings_and_rows_are_left_out(records, context, tmp_path: Path) -> None:
    path = write_records(records.head(10), tmp_path / "hs.csv", context.registry)
    text = path.read_text(encoding="utf-8-sig").splitlines()
    text[1] = text[1].replace("Phòng Tư pháp", "Phòng Không Có").replace("Trung tâm", "X")
    cells = text[2].split(",")
    cells[4] = "31/02/2024"  # received_at: no such day
    text[2] = ",".join(cells)
    path.write_text("\n".join(text), encoding="utf-8")
    scan = scan_records(path, context.registry)
    codes = sorted(f.code for f in scan.findings)
    assert "bad_date" in codes
    bad_date = next(f for f in scan.findings if f.code == "bad_date")
    assert bad_date.location.row == 3 and bad_date.values["value"] == "31/02/2024"
    assert bad_date.is_error
    rows = scan.frame.collect().height
    assert rows == 10 - 1 - ("unknown_unit" in codes)


def test_unknown_unit_names_the_closest(records, context, tmp_path: Path) -> None:
    frame = records.head(3).with_columns(unit_id=pl.lit("phong_tu_phap"))
    path = write_records(frame, tmp_path / "hs.xlsx", context.registry)
    from openpyxl import load_workbook
    book = load_workbook(path)
    book.active["C2"] = "Phòng Tư phap huyện"  # loose: marks and a suffix
    book.active["C3"] = "Phòng Văn thư"          # unknown
    book.save(path)
    scan = scan_records(path, context.registry)
    codes = {f.code: f for f in scan.findings}
    assert codes["loose_unit_match"].severity == "warning"
    assert codes["unknown_unit"].is_error and codes["unknown_unit"].location.row == 3
    assert scan.frame.collect().height == 2


def test_refusal_and_withdrawal_dates_and_supplement_pause_are_folded(context, tmp_path: Path) -> None:
    path = tmp_path / "hs.csv"
    path.write_text(
        "Mã hồ sơ;Đơn vị;Kênh nộp;Ngày tiếp nhận;Ngày hẹn trả;Trạng thái;Ngày từ chối;Loại tạm dừng;Ngày tạm dừng\n"
        "A;Phòng Tư pháp;Trực tuyến;02/09/2024 08:30;10/09/2024;Đang xử lý;05/09/2024;;\n"
        "B;Phòng Tư pháp;Trực tiếp;2024-09-03;2024-09-12;Đang xử lý;;Chờ bổ sung;06/09/2024\n"
        "C;Phòng Tư pháp;Bưu chính;03/09/2024;12/09/2024;Đang xử lý;;Xác minh nguồn gốc đất;06/09/2024\n",
        encoding="utf-8")
    scan = scan_records(path, context.registry)
    assert [f.code for f in scan.findings] == ["pause_kind_as_other"]
    row = unit_tables(scan.frame, START, END).row(0, named=True)
    assert (row["refused"], row["paused_supplement"], row["paused_other"], row["received_direct"]) == (1, 1, 1, 2)


def test_not_a_records_file(september: Path, context) -> None:
    with pytest.raises(RecordsFileError):
        scan_records(september / "Bieu_TTHCC_thang9.xlsx", context.registry)


def test_canonical_parquet_is_scanned_lazily_with_unit_check(records, context, tmp_path: Path) -> None:
    path = tmp_path / "hs.parquet"
    records.with_columns(unit_id=pl.when(pl.col("unit_id") == "lai_ha").then(pl.lit("xa_moi"))
                         .otherwise(pl.col("unit_id"))).write_parquet(path)
    scan = scan_records(path, context.registry)
    assert [f.code for f in scan.findings] == ["unknown_unit"]
    assert scan.frame.collect()["unit_id"].unique().sort().to_list() == ["chi_nhanh_vpdk", "phong_tu_phap", "tt_thua"]
