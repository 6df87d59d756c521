"""A dossier-record file naming a unit that no longer exists at the period's end gives the exports' finding:
an error naming the unit's successor (tthc.ingest.tidy.out_of_date_unit), not "unknown unit"."""

from __future__ import annotations

import shutil
from datetime import date

import polars as pl

from tthc.context import load_context
from tthc.findings import Severity
from tthc.period import Period
from tthc.pipeline import ingest_period
from tthc.records.ingest import scan_records
from tthc.records.spec import DEFAULTS, RECORD_SCHEMA

from support import REPO

AREA = REPO / "examples" / "xa-luong-tai"
SEPTEMBER_2025 = Period(2025, 9)
HEADER = "Mã hồ sơ;Đơn vị giải quyết;Kênh nộp;Ngày tiếp nhận;Ngày hẹn trả;Trạng thái\n"


def _area_copy(tmp_path):
    data = tmp_path / "xa-luong-tai"
    shutil.copytree(AREA / "reference", data / "reference")
    (data / "raw" / str(SEPTEMBER_2025)).mkdir(parents=True)
    return data


def test_a_september_2025_record_naming_lai_ha_names_its_successor(tmp_path):
    context = load_context(_area_copy(tmp_path))
    path = tmp_path / "ho-so.csv"
    path.write_text(HEADER + "A;UBND xã Lương Tài;Trực tuyến;02/09/2025;10/09/2025;Đang xử lý\n"
                    "B;UBND xã Lai Hạ;Trực tiếp;03/09/2025;12/09/2025;Đang xử lý\n"
                    "C;UBND xã Lai Hạ;Trực tiếp;04/09/2025;12/09/2025;Đang xử lý\n", encoding="utf-8")
    scan = scan_records(path, context.registry.on(SEPTEMBER_2025.end(context.organisation.cutoff_day)))
    assert [f.code for f in scan.findings] == ["retired_unit", "retired_unit"]
    first = scan.findings[0]
    assert first.severity is Severity.ERROR
    assert (first.location.file, first.location.row, first.location.column) == ("ho-so.csv", 3, "Đơn vị giải quyết")
    assert "'UBND xã Lai Hạ' đã chấm dứt hoạt động từ ngày 01/01/2025" in first.message
    assert "UBND xã An Tập được sắp xếp vào UBND xã Trung Kênh từ ngày 01/07/2025" in first.message
    assert "Đơn vị kế thừa vào ngày 30/09/2025, cuối kỳ của số liệu: 'UBND xã Trung Kênh'" in first.message
    assert first.values["successors"] == "UBND xã Trung Kênh"
    assert scan.frame.collect()["dossier_code"].to_list() == ["A"]  # the rows of the retired unit are left out


def test_the_period_pipeline_gives_the_finding_for_a_record_file_of_the_period(tmp_path):
    data = _area_copy(tmp_path)
    (data / "raw" / "2025-09" / "ho-so-2025-09.csv").write_text(
        HEADER + "B;UBND xã Lai Hạ;Trực tiếp;03/09/2025;12/09/2025;Đang xử lý\n", encoding="utf-8")
    findings = ingest_period(load_context(data), SEPTEMBER_2025).findings
    retired = [f for f in findings if f.code == "retired_unit"]
    assert [f.location.file for f in retired] == ["ho-so-2025-09.csv"]
    assert retired[0].values["successors"] == "UBND xã Trung Kênh"
    assert not [f for f in findings if f.code == "unknown_unit"]


def test_a_canonical_parquet_with_a_retired_unit_id_names_its_successor(tmp_path):
    context = load_context(_area_copy(tmp_path))
    row = {**{n: DEFAULTS.get(n) for n in RECORD_SCHEMA}, "dossier_code": "HS-1", "procedure": "Đăng ký khai sinh",
           "unit_id": "lai_ha", "channel": "direct", "received_at": date(2025, 9, 3), "due_at": date(2025, 9, 12),
           "status": "processing"}
    path = tmp_path / "ho-so.parquet"
    pl.DataFrame([row], schema=RECORD_SCHEMA).write_parquet(path)
    scan = scan_records(path, context.registry.on(date(2025, 9, 30)))
    assert [(f.code, f.values["successors"]) for f in scan.findings] == [("retired_unit", "UBND xã Trung Kênh")]
    assert scan.frame.collect().height == 0


def test_the_same_record_in_2024_is_the_commune_itself(tmp_path):
    context = load_context(_area_copy(tmp_path))
    path = tmp_path / "ho-so.csv"
    path.write_text(HEADER + "B;UBND xã Lai Hạ;Trực tiếp;03/09/2024;12/09/2024;Đang xử lý\n", encoding="utf-8")
    scan = scan_records(path, context.registry.on(date(2024, 9, 30)))
    assert scan.findings == [] and scan.frame.collect()["unit_id"].to_list() == ["lai_ha"]
