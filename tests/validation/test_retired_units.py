"""A name of a unit that no longer exists at the period's end is an error naming its successor today."""

from __future__ import annotations

import shutil
from dataclasses import replace

from tthc.context import load_context
from tthc.demo import seed
from tthc.exports.writer import ExportRow, write_xlsx
from tthc.findings import Severity
from tthc.period import Period
from tthc.pipeline import ingest_period

from support import REPO, SHIPPED

AREA_UNITS = REPO / "examples" / "xa-luong-tai" / "reference" / "units.yaml"


def _data(tmp_path, period: Period, names: list[str]):
    data = tmp_path / "data"
    shutil.copytree(SHIPPED / "reference", data / "reference")
    shutil.copy(AREA_UNITS, data / "reference" / "units.yaml")
    template = seed.communes_table().rows[0].values
    folder = data / "raw" / str(period)
    folder.mkdir(parents=True)
    write_xlsx(replace(seed.communes_table(), rows=[ExportRow({**template, "unit": n}) for n in names]),
               folder / "Bieu_xa.xlsx")
    return load_context(data)


def test_lai_ha_in_a_september_2025_export_names_its_successor(tmp_path):
    context = _data(tmp_path, Period(2025, 9), ["UBND xã Lương Tài", "UBND xã Lai Hạ", "UBND xã Trung Kênh"])
    findings = [f for f in ingest_period(context, Period(2025, 9)).findings if f.code == "retired_unit"]
    assert len(findings) == 1, [f.describe() for f in findings]
    f = findings[0]
    assert f.severity is Severity.ERROR
    assert (f.location.file, f.location.sheet, f.location.row) == ("Bieu_xa.xlsx", "Sheet1", 7)
    assert f.location.column.startswith("B (")
    assert "'UBND xã Lai Hạ' đã chấm dứt hoạt động từ ngày 01/01/2025" in f.message
    assert "UBND xã Lai Hạ được sắp xếp vào UBND xã An Tập từ ngày 01/01/2025" in f.message
    assert ("UBND xã An Tập được sắp xếp vào UBND xã Trung Kênh từ ngày 01/07/2025 theo Nghị quyết "
            "1658/NQ-UBTVQH15 ngày 16/6/2025") in f.message
    assert "Đơn vị kế thừa vào ngày 23/09/2025, cuối kỳ của số liệu: 'UBND xã Trung Kênh'" in f.message
    assert f.values["successors"] == "UBND xã Trung Kênh"


def test_the_same_name_in_an_export_of_2024_is_the_commune_itself(tmp_path):
    context = _data(tmp_path, Period(2024, 9), ["UBND xã Lai Hạ", "UBND xã Mỹ Hương"])
    codes = [f.code for f in ingest_period(context, Period(2024, 9)).findings]
    assert "retired_unit" not in codes and "unknown_unit" not in codes


def test_a_unit_created_after_the_period_is_an_error_too(tmp_path):
    context = _data(tmp_path, Period(2024, 9), ["UBND xã An Tập"])
    f = next(f for f in ingest_period(context, Period(2024, 9)).findings if f.code == "not_yet_valid_unit")
    assert f.severity is Severity.ERROR and f.location.row == 6
    assert "chỉ có từ ngày 01/01/2025" in f.message
