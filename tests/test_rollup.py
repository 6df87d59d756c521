"""The provincial roll-up: many centres' stores of one period summed and ranked, a centre with errors listed.

The centres are synthetic: copies of the shipped September 2024 folder with the organisation renamed and
the dossier exports scaled and varied (real xlsx files written by tthc.exports.writer).
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tthc.context import load_context
from tthc.demo import seed
from tthc.exports.writer import ExportRow, ExportTable
from tthc.formatting.numbers import round_half_up
from tthc.indicators import compute_indicators
from tthc.reference import ReferenceDataError
from tthc.rollup.config import load_rollup_config
from tthc.rollup.figures import NO_VALID_DATA, build_rollup
from tthc.rollup.output import SHEET, write_rollup
from tthc.stored import analyst_from_frames, load_frames

from support import SEPTEMBER, SHIPPED, replace_export, run_tthc, with_value

CENTRE_FILE, COMMUNES_FILE, PAYMENTS_FILE = ("Bieu_TTHCC_thang9.xlsx", "Bieu_xa_thi_tran_T9_2024.xlsx",
                                             "thanh-toan-truc-tuyen-dvcqg.xlsx")
SEED_NAME = "Trung tâm Hành chính công huyện Lương Tài"
# name, factor every count is multiplied by, dossiers of xã Trung Kênh moved from early to late
CENTRES = [("Trung tâm PVHCC xã An", 1, 0), ("Trung tâm PVHCC xã Bình", 2, 0), ("Trung tâm PVHCC xã Cầu", 1, 6),
           ("Trung tâm PVHCC xã Dương", 3, 1), ("Trung tâm PVHCC xã Đông", 1, 12)]
BROKEN = "Trung tâm PVHCC xã Gia"


def scaled(table: ExportTable, factor: int) -> ExportTable:
    rows = [ExportRow({k: v * factor if isinstance(v, int) and k != "unit" else v for k, v in r.values.items()},
                      r.group) for r in table.rows]
    return replace(table, rows=rows)


def make_centre(root: Path, name: str, factor: int, late: int) -> Path:
    folder = root / name.replace(" ", "-")
    shutil.copytree(SHIPPED / "reference", folder / "reference")
    raw = shutil.copytree(SHIPPED / "raw" / "2024-09", folder / "raw" / "2024-09")
    organisation = folder / "reference" / "organisation.yaml"
    organisation.write_text(organisation.read_text(encoding="utf-8").replace(SEED_NAME, name), encoding="utf-8")
    communes = with_value(seed.communes_table(), "UBND xã Trung Kênh", resolved_early=56 - late, resolved_late=2 + late)
    replace_export(raw, COMMUNES_FILE, scaled(communes, factor))
    replace_export(raw, CENTRE_FILE, scaled(seed.centre_table(), factor))
    return folder


def write_config(root: Path, folders: dict[str, Path]) -> Path:
    lines = ["# Cấu hình tổng hợp (thử nghiệm)", "province_body: UBND TỈNH BẮC NINH",
             "issuing_body: TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH", "title: Tổng hợp kết quả giải quyết TTHC",
             "centres:"]
    lines += [f"  - name: {name}\n    data: {os.path.relpath(folder, root)}" for name, folder in folders.items()]
    path = root / "rollup.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def province(tmp_path_factory) -> Path:
    """Five valid centres (one without payment statistics) and one whose dossiers export has an error."""
    root = tmp_path_factory.mktemp("province")
    folders = {name: make_centre(root, name, factor, late) for name, factor, late in CENTRES}
    (folders["Trung tâm PVHCC xã Đông"] / "raw" / "2024-09" / PAYMENTS_FILE).unlink()
    broken = make_centre(root, BROKEN, 1, 0)
    replace_export(broken / "raw" / "2024-09", CENTRE_FILE,
                   with_value(seed.centre_table(), "Phòng Tư pháp", resolved_early="mười"))
    folders[BROKEN] = broken
    write_config(root, folders)
    return root


@pytest.fixture(scope="module")
def rollup(province):
    return build_rollup(load_rollup_config(province / "rollup.yaml"), SEPTEMBER)


def own_indicators(folder: str):
    context = load_context(Path(folder))
    frames = load_frames(context, SEPTEMBER)
    assert frames, "the roll-up stored the centre's period"
    return compute_indicators(SEPTEMBER, frames, analyst_from_frames(frames), context.organisation, context.registry,
                              context.profile, context.catalogue)


def test_totals_equal_the_sum_of_the_centres_own_figures(rollup):
    valid = [c for c in rollup.centres if c.valid]
    assert len(valid) == 5
    tiers = [t for c in valid for t in own_indicators(c.folder).tiers.values()]
    for key in ("received_total", "received_online", "resolved", "resolved_early", "resolved_on_time",
                "resolved_late", "pending"):
        assert rollup.counts[key] == sum(t.counts[key].value for t in tiers), key
    for key in ("on_time_rate", "online_reception_rate", "late_rate"):
        assert rollup.rates[key].numerator == sum(t.rates[key].numerator for t in tiers), key
        assert rollup.rates[key].denominator == sum(t.rates[key].denominator for t in tiers), key
    paying = [t for c in valid if c.has_payments for t in own_indicators(c.folder).tiers.values()]
    assert rollup.rates["online_payment_rate"].numerator == sum(t.counts["portal_paid_online"].value for t in paying)
    assert rollup.rates["online_payment_rate"].denominator == sum(t.counts["portal_fee_bearing"].value for t in paying)
    # the seed's centre received 684 and its communes 438 dossiers; the centres are 1+2+1+3+1 = 8 times the seed
    assert rollup.counts["received_total"] == 8 * (684 + 438)


def test_a_rate_is_recomputed_from_summed_counts_not_averaged(rollup):
    on_time = rollup.rates["on_time_rate"]
    assert on_time.value is not None
    assert on_time.value == round_half_up(Fraction(on_time.numerator * 100, on_time.denominator))
    valid = [c for c in rollup.centres if c.valid]
    mean = sum(float(c.rates["on_time_rate"].value) for c in valid) / len(valid)
    assert abs(float(on_time.value) - mean) > 0.005  # the factors weigh the centres: an average would differ


def test_centres_are_ranked_best_first_and_ties_share_a_rank(rollup):
    ranks = {c.name: c.ranks["on_time_rate"] for c in rollup.centres if c.valid}
    # An and Bình have the same rate (Bình is An doubled); more late dossiers rank lower
    assert ranks == {"Trung tâm PVHCC xã An": 1, "Trung tâm PVHCC xã Bình": 1, "Trung tâm PVHCC xã Dương": 3,
                     "Trung tâm PVHCC xã Cầu": 4, "Trung tâm PVHCC xã Đông": 5}
    assert [c.name for c in rollup.centres][:2] == ["Trung tâm PVHCC xã An", "Trung tâm PVHCC xã Bình"]
    assert rollup.centres[-1].name == BROKEN
    payment = {c.name: c.ranks["online_payment_rate"] for c in rollup.centres if c.valid}
    assert payment["Trung tâm PVHCC xã Đông"] is None  # no portal statistics, no payment rank
    assert any("xã Đông" in n and "thanh toán" in n for n in rollup.notes)


def test_a_centre_with_errors_is_listed_with_its_reason_and_left_out_of_the_totals(rollup):
    broken = next(c for c in rollup.centres if c.name == BROKEN)
    assert not broken.valid
    assert "Bieu_TTHCC_thang9.xlsx" in broken.reason and "lỗi" in broken.reason
    assert rollup.left_out == (broken,)
    assert any(NO_VALID_DATA in n and BROKEN in n for n in rollup.notes)
    assert rollup.counts["received_total"] % (684 + 438) == 0  # only the valid centres' multiples


def test_the_files_html_xlsx_json(rollup, tmp_path):
    files = write_rollup(rollup, tmp_path / "out")
    sheet = load_workbook(files.xlsx)[SHEET]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[2]
    assert header[:3] == ("Hạng", "Trung tâm", "Hồ sơ tiếp nhận")
    body = {r[1]: r for r in rows[3:]}
    an = body["Trung tâm PVHCC xã An"]
    assert an[0] == 1 and an[2] == 722  # the one-stop units' 1122 - 400 of the tax office, the rates' base
    rate_column = header.index("Tỷ lệ giải quyết trước hạn, đúng hạn (%)")
    assert an[rate_column] == pytest.approx(float(rollup.centres[0].rates["on_time_rate"].value))
    assert body["Tổng cộng"][2] == rollup.counts["received_one_stop"] == 8 * 722
    assert NO_VALID_DATA in body[BROKEN][-1]
    record = json.loads(files.json.read_text(encoding="utf-8"))
    assert record["total"]["left_out"] == [BROKEN]
    assert record["total"]["rates"]["on_time_rate"]["numerator"] == rollup.rates["on_time_rate"].numerator
    page = files.html.read_text(encoding="utf-8")
    assert "Tổng cộng" in page and NO_VALID_DATA in page and "Trung tâm PVHCC xã Bình" in page


def test_the_command_writes_the_files_and_reuses_current_stores(province, tmp_path):
    config = write_config(tmp_path, {n: province / n.replace(" ", "-") for n, _, _ in CENTRES})
    for _ in range(2):  # the second run finds every store current
        completed = run_tthc("rollup", "2024-09", "--config", str(config), "--out", str(tmp_path / "out"))
        assert completed.returncode == 0, completed.stdout + completed.stderr
    assert completed.stdout.count("dùng lại kho số liệu") == len(CENTRES)
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".html", ".json", ".xlsx"]


def test_the_command_names_the_config_file_when_a_centre_folder_is_missing(tmp_path):
    config = write_config(tmp_path, {"Trung tâm PVHCC xã Không": tmp_path / "khong-co"})
    completed = run_tthc("rollup", "2024-09", "--config", str(config), "--out", str(tmp_path / "out"))
    assert completed.returncode == 1
    assert str(config) in " ".join(completed.stderr.split()) and "không tìm thấy thư mục dữ liệu" in completed.stderr
    assert not (tmp_path / "out").exists()


def test_the_shipped_example_configuration_reads(tmp_path):
    import tthc.rollup

    example = Path(tthc.rollup.__file__).with_name("rollup.example.yaml")
    (tmp_path / "tinh").mkdir()
    config_file = tmp_path / "tinh" / "rollup.yaml"
    shutil.copy(example, config_file)
    make_centre(tmp_path, "xa-luong-tai", 1, 0)
    config = load_rollup_config(config_file)
    assert config.province_body == "UBND TỈNH BẮC NINH"
    assert [c.name for c in config.centres] == ["Trung tâm Phục vụ hành chính công xã Lương Tài"]
    assert config.centres[0].folder == (tmp_path / "xa-luong-tai").resolve()
    assert config.ranking == ("on_time_rate", "online_reception_rate", "online_payment_rate")


def test_the_configuration_chooses_one_definition_for_every_centre(province):
    config = replace(load_rollup_config(province / "rollup.yaml"), definitions={"on_time_rate": "over_due"})
    over_due = build_rollup(config, SEPTEMBER)
    on_time = over_due.rates["on_time_rate"]
    assert on_time.denominator == over_due.counts["resolved"] + over_due.counts["pending_overdue"]
    assert on_time.statement.startswith("số hồ sơ giải quyết trước hạn và đúng hạn / số hồ sơ đến hạn")
    with pytest.raises(ReferenceDataError, match="ranking"):
        build_rollup(replace(config, ranking=("speed_rate",)), SEPTEMBER)
