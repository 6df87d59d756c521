"""`tthc report 2024-09` with the pandoc engine: the HTML page and the Word report say every seed figure."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tthc.demo import seed

from documents import read_docx, read_html, total_row
from support import REPO, SHIPPED, replace_export, run_tthc, tree_digest, with_value

FIGURES = [
    # section 2: the centre
    "684 hồ sơ", "Chi cục Thuế: 400 hồ sơ", "cổng Dịch vụ công: 284 hồ sơ", "Hồ sơ đã giải quyết: 213 hồ sơ",
    "212 hồ sơ, đạt 99,53%", "sớm: 207, đạt 97,18%", "đúng hạn: 05, đạt 2,35%", "trễ hạn: 01, chiếm 0,47%",
    "Hồ sơ đang giải quyết: 64", "chưa đến hạn: 63", "Hồ sơ quá hạn: 01", "Tạm dừng: 07 hồ sơ",
    "2.671.770.000 đồng", "Hai tỷ, sáu trăm bảy mươi mốt triệu, bảy trăm bảy mươi nghìn đồng",
    "284/284, đạt 100,00%", "213/213 hồ sơ, đạt 100,00%", "112 hồ sơ", "105 hồ sơ", "93,75%",
    # section 3
    "Phòng Tài nguyên và Môi trường 96,36%", "Trung tâm GDNN-GDTX 54,55%",
    "17 PAKN", "đã xử lý 01 PAKN", "05 PAKN đã ẩn", "11 PAKN chưa trả lời",
    # section 4: the communes
    "438 hồ sơ", "419 hồ sơ", "407 hồ sơ, đạt 97,14%", "sớm: 377, đạt 89,98%", "đúng hạn: 30, đạt 7,16%",
    "trễ hạn: 12, chiếm 2,86%", "Hồ sơ đang giải quyết: 13", "chưa đến hạn: 12", "rút hồ sơ: 06",
    "438/438, đạt 100,00%", "416/419 hồ sơ, đạt 99,28%", "1.170 hồ sơ", "778 hồ sơ", "66,50%",
    "Tỷ lệ đạt 100%: Minh Tân, Phú Hòa, Phú Lương, Trừng Xá", "Tỷ lệ đạt 90%-99%: Tân Lãng",
    "không đạt theo quy định: Thị trấn Thứa, An Thịnh, Bình Định, Lai Hạ, Lâm Thao, Mỹ Hương, Quảng Phú, "
    "Trung Chính, Trung Kênh",
    # section 5
    "Chứng thực không ký số trên cổng DVC của tỉnh: 566 hồ sơ",
]
FRAME = [
    "UBND HUYỆN LƯƠNG TÀI", "TRUNG TÂM HÀNH CHÍNH CÔNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc", "/BC-TTHCC", "Lương Tài, ngày 24 tháng 9 năm 2024", "BÁO CÁO",
    "Kết quả công tác tháng 09/2024 và phương hướng, nhiệm vụ tháng 10/2024",
    "1. Tình hình công tác tháng 09 năm 2024", "2. Kết quả tiếp nhận, xử lý và trả kết quả giải quyết TTHC tại TTHCC",
    "3. Kết quả chuyển đổi số", "4. Kết quả tiếp nhận, xử lý và trả kết quả giải quyết TTHC tại UBND các xã",
    "5. Kết quả tiếp nhận, xử lý và trả kết quả Chứng thực điện tử", "6. Đánh giá chung", "6.1. Ưu điểm",
    "6.2. Hạn chế", "7. Phương hướng, nhiệm vụ tháng 10/2024", "xem xét, chỉ đạo./.",
    "Nơi nhận:", "CT, các PCT UBND huyện (b/c);", "Lưu: VT.", "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Đỗ Minh Hiếu",
    "Phụ lục 1", "Phụ lục 2", "Phụ lục 3", "Phụ lục 4", "(Từ ngày 24/08/2024-23/09/2024)",
    "/BC-TTHCC ngày 24/9/2024 của Trung tâm Hành chính công huyện Lương Tài)", "Nguồn số liệu",
]
CENTRE_TOTALS = "684 400 284 613 207 405 1 64 63 1 0 0 7 0 0 61 54 213".split()
COMMUNE_TOTALS = "438 0 438 419 377 30 12 13 12 1 0 0 0 0 6 316 305 10 416".split()


@pytest.fixture(scope="module")
def built(september_report) -> dict[str, Path]:
    root = september_report
    folder = root / "reports" / "2024-09"
    return {"root": root, "data": root / "data", "folder": folder,
            **{p.suffix[1:] or p.name: p for p in folder.iterdir()}}


def test_outputs_have_stable_vietnamese_friendly_names(built):
    names = sorted(p.name for p in built["folder"].iterdir())
    assert names == ["bao-cao-thang-2024-09.docx", "bao-cao-thang-2024-09.html", "bao-cao-thang-2024-09.ipynb",
                     "manifest.json"]


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_report_states_every_seed_figure(built, fmt):
    text, _ = read_html(built["html"]) if fmt == "html" else read_docx(built["docx"])
    missing = [f for f in FIGURES + FRAME if f not in text]
    assert not missing, missing


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_annex_tables_carry_the_seed_totals(built, fmt):
    _, tables = read_html(built["html"]) if fmt == "html" else read_docx(built["docx"])
    assert total_row(tables, "Phòng Kinh tế và Hạ tầng") == CENTRE_TOTALS
    assert total_row(tables, "UBND xã An Thịnh") == COMMUNE_TOTALS
    signing = next(t for t in tables if any("Trung tâm GDNN-GDTX" in " ".join(r) for r in t))
    assert any(r[:2] == ["1", "UBND huyện Lương Tài"] and "99,65" in r for r in signing)
    assert any("Các xã, thị trấn" in " ".join(r) or "Các xã phường" in " ".join(r) for r in signing)


def test_no_change_is_claimed_without_a_previous_period(built):
    text, _ = read_html(built["html"])
    assert "điểm phần trăm" not in text and "so với tháng" not in text


def test_quality_annex_lists_the_warnings(built):
    text, _ = read_html(built["html"])
    assert "UBND xã Lai Hạ" in text and "ghi 17, danh sách có 16" in text
    assert "Bieu_xa_thi_tran_T9_2024.xlsx" in text


def test_code_is_hidden_in_both_formats(built):
    for fmt in ("html", "docx"):
        text, _ = read_html(built["html"]) if fmt == "html" else read_docx(built["docx"])
        assert "MonthlyReport" not in text and "show_markdown" not in text and "import" not in text


def test_manifest_records_inputs_versions_and_timings(built):
    manifest = json.loads(built["json"].read_text(encoding="utf-8"))
    assert manifest["period"] == "2024-09" and manifest["engine"] == "pandoc"
    raw = built["data"] / "raw" / "2024-09"
    import hashlib

    expected = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in raw.iterdir()}
    assert {i["file"]: i["sha256"] for i in manifest["inputs"]} == expected
    assert manifest["versions"]["pandoc"] and manifest["package"]["version"] == "0.1.0"
    assert manifest["parameters"]["period"] == "2024-09"
    assert {"validate", "execute", "render_html", "render_docx"} <= set(manifest["timings_seconds"])
    assert {o["format"] for o in manifest["outputs"]} == {"ipynb", "html", "docx"}


def test_executed_notebook_is_kept_with_its_parameters(built):
    notebook = json.loads(built["ipynb"].read_text(encoding="utf-8"))
    assert notebook["metadata"]["papermill"]["parameters"]["period"] == "2024-09"


def test_data_errors_stop_the_report_and_write_nothing(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SHIPPED / "reference", data / "reference")
    shutil.copytree(SHIPPED / "raw" / "2024-09", data / "raw" / "2024-09")
    replace_export(data / "raw" / "2024-09", "Bieu_TTHCC_thang9.xlsx",
                   with_value(seed.centre_table(), "Phòng Tư pháp", resolved=99))
    before = tree_digest(data)
    completed = run_tthc("report", "2024-09", "--data", str(data), "--out", str(tmp_path / "reports"))
    assert completed.returncode == 1
    assert "Phòng Tư pháp" in completed.stdout and "Traceback" not in completed.stderr
    assert tree_digest(data) == before
    assert not (tmp_path / "reports").exists() or not any((tmp_path / "reports").iterdir())


def test_plain_papermill_runs_the_notebook(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SHIPPED / "reference", data / "reference")
    shutil.copytree(SHIPPED / "raw" / "2024-09", data / "raw" / "2024-09")
    assert run_tthc("indicators", "2024-09", "--data", str(data)).returncode == 0  # the kernel reads the store only
    out = tmp_path / "out.ipynb"
    completed = subprocess.run(
        [sys.executable, "-m", "papermill", str(REPO / "notebooks" / "monthly_report.ipynb"), str(out),
         "-p", "period", "2024-09", "-p", "data_dir", str(data)],
        capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert completed.returncode == 0, completed.stderr[-2000:]
    notebook = json.loads(out.read_text(encoding="utf-8"))
    outputs = [o for c in notebook["cells"] for o in c.get("outputs", [])]
    markdown = "".join("".join(o["data"].get("text/markdown", "")) for o in outputs if "data" in o)
    plain = markdown.replace("\\", "")  # the markdown escapes punctuation of literal text
    assert "99,53%" in plain and "66,50%" in plain


@pytest.mark.skipif(shutil.which("quarto") is None, reason="Quarto is not installed here (see rendering notes)")
def test_quarto_renders_the_executed_notebook(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SHIPPED / "reference", data / "reference")
    shutil.copytree(SHIPPED / "raw" / "2024-09", data / "raw" / "2024-09")
    completed = run_tthc("report", "2024-09", "--engine", "quarto", "--data", str(data),
                         "--out", str(tmp_path / "reports"))
    assert completed.returncode == 0, completed.stderr
    folder = tmp_path / "reports" / "2024-09"
    text, _ = read_html(folder / "bao-cao-thang-2024-09.html")
    assert "99,53%" in text
    docx_text, _ = read_docx(folder / "bao-cao-thang-2024-09.docx")
    assert "66,50%" in docx_text
