"""Every sentence of the report to sign is true: nothing stale, invented, missing or contradictory reaches it."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from records.records_support import write_seed_month_records

from tthc.context import load_context
from tthc.demo import seed
from tthc.period import Period
from tthc.pipeline import build_period
from tthc.report.document import MonthlyReport

from documents import read_docx, read_html
from support import SEPTEMBER, SHIPPED, replace_export, run_tthc, with_value

AUGUST = Period(2024, 8)


def copy_periods(root: Path, *periods: str) -> Path:
    data = root / "data"
    shutil.copytree(SHIPPED / "reference", data / "reference")
    for period in periods:
        shutil.copytree(SHIPPED / "raw" / period, data / "raw" / period)
    return data


def report_text(data: Path, period: Period) -> str:
    """The whole report as markdown, made in-process from the store (as the notebook makes it)."""
    context = load_context(data)
    for p in (period.previous(), period):
        if context.paths.period_raw(p).is_dir():
            assert not build_period(context, p).has_errors
    report = MonthlyReport(str(period), data)
    return "".join([report.front_matter(), report.body_before_chart(), report.body_after_chart(),
                    *(report.annex_markdown(n) for n in range(1, 7))])


def plain(markdown: str) -> str:
    return re.sub(r"\\(.)", r"\1", markdown)


# --- point 1: the inputs are exactly the files there now -----------------------------------------------------

def test_deleting_exports_after_a_report_removes_their_figures_from_the_rebuilt_report(tmp_path):
    data = copy_periods(tmp_path, "2024-09")
    first = run_tthc("report", "2024-09", "--data", str(data), "--out", str(tmp_path / "reports"), "--formats", "html")
    assert first.returncode == 0, first.stdout + first.stderr
    html = tmp_path / "reports" / "2024-09" / "bao-cao-thang-2024-09.html"
    text, _ = read_html(html)
    assert "93,75%" in text and "17 PAKN" in text  # the portal's payments and the feedback list
    for name in ("thanh-toan-truc-tuyen-dvcqg.xlsx", "PAKN_thang_9.xlsx"):
        (data / "raw" / "2024-09" / name).unlink()
    second = run_tthc("report", "2024-09", "--data", str(data), "--out", str(tmp_path / "reports"), "--formats", "html")
    assert second.returncode == 0, second.stdout + second.stderr
    text, _ = read_html(html)
    assert "93,75%" not in text and "66,50%" not in text and "17 PAKN" not in text
    assert "không có số liệu: kỳ này không có thống kê thanh toán trực tuyến" in text
    assert "Không có số liệu: kỳ này không có danh sách phản ánh, kiến nghị" in text
    assert not (data / "store" / "payments" / "2024-09.parquet").exists()
    assert not (data / "store" / "feedback" / "2024-09.parquet").exists()
    manifest = json.loads((html.parent / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(i["file"] for i in manifest["inputs"]) == sorted(p.name for p in (data / "raw" / "2024-09").iterdir())
    assert {i["file"]: i["kinds"] for i in manifest["inputs"]}["Bieu_TTHCC_thang9.xlsx"] == ["dossiers_centre"]


def test_a_store_older_than_the_period_folder_is_never_read(tmp_path):
    data = copy_periods(tmp_path, "2024-09")
    context = load_context(data)
    build_period(context, SEPTEMBER)
    (data / "raw" / "2024-09" / "PAKN_thang_9.xlsx").rename(data / "raw" / "2024-09" / "PAKN.txt")
    from tthc.stored import load_frames
    assert load_frames(context, SEPTEMBER) == {}  # the store no longer matches data/raw/2024-09


def test_every_figure_names_its_file_sheet_and_rows(tmp_path):
    data = copy_periods(tmp_path, "2024-09")
    completed = run_tthc("indicators", "2024-09", "--json", "--data", str(data))
    assert completed.returncode == 0, completed.stderr
    figures = json.loads(completed.stdout)
    received = figures["centre"]["counts"]["received_total"]
    assert received["value"] == 684 and received["files"] == ["Bieu_TTHCC_thang9.xlsx"]
    assert received["source"].startswith("Bieu_TTHCC_thang9.xlsx (trang tính Sheet1, dòng ")
    payment = figures["communes"]["rates"]["online_payment_rate"]
    assert payment["files"] == ["thanh-toan-truc-tuyen-dvcqg.xlsx"] and "dòng" in payment["source"]


# --- point 2: a missing export says "no data", never an assertive sentence -------------------------------------

MISSING = {
    "ThongKeKySo_24082024_23092024.xlsx": (
        "Không có số liệu: kỳ này không có bảng thống kê tình hình ký số văn bản điện tử",
        "đều đạt 100% trong việc tạo lập hồ sơ và ký số"),
    "thanh-toan-truc-tuyen-dvcqg.xlsx": (
        "không có số liệu: kỳ này không có thống kê thanh toán trực tuyến của Cổng DVC quốc gia",
        "Hồ sơ thanh toán trực tuyến trên cổng DVC quốc gia:"),
    "PAKN_thang_9.xlsx": ("Không có số liệu: kỳ này không có danh sách phản ánh, kiến nghị", "PAKN của người dân"),
    "ghi-chu-chuyen-vien.yaml": ("Không có số liệu: kỳ này không có tệp ghi chú của chuyên viên",
                                 "đã tham mưu UBND huyện"),
}


@pytest.mark.parametrize("name", sorted(MISSING))
def test_each_optional_export_missing_gives_the_no_data_sentence(tmp_path, name):
    data = copy_periods(tmp_path, "2024-09")
    (data / "raw" / "2024-09" / name).unlink()
    text = plain(report_text(data, SEPTEMBER))
    said, asserted = MISSING[name]
    assert said in text and asserted not in text


def test_a_desk_missing_where_the_centre_made_it_optional_gives_no_data_not_zeros(tmp_path):
    data = copy_periods(tmp_path, "2024-09")
    organisation = data / "reference" / "organisation.yaml"
    organisation.write_text(organisation.read_text(encoding="utf-8").replace(
        "dossiers_communes: required", "dossiers_communes: optional"), encoding="utf-8")
    (data / "raw" / "2024-09" / "Bieu_xa_thi_tran_T9_2024.xlsx").unlink()
    text = plain(report_text(data, SEPTEMBER))
    assert "Không có số liệu: kỳ này không có biểu tình hình tiếp nhận và trả kết quả hồ sơ TTHC tại UBND các xã" in text
    assert "4.1. Kết quả tiếp nhận, xử lý và trả kết quả hình thức trực tuyến và trực tiếp trên cổng DVC:** 0" not in text
    assert "đạt –" not in text


def test_an_explanation_is_never_printed_beside_a_count_of_zero(tmp_path):
    data = copy_periods(tmp_path, "2024-09")
    explanation = "Chi nhánh Văn phòng ĐKĐĐ 01 hồ sơ đã trả kết quả cho công dân đúng thời gian quy định"
    assert explanation in plain(report_text(data, SEPTEMBER))
    table = seed.centre_table()  # the centre's one late dossier becomes on time: late count 0
    late = next(r for r in table.rows if r.values.get("resolved_late"))
    replace_export(data / "raw" / "2024-09", "Bieu_TTHCC_thang9.xlsx", with_value(
        table, late.values["unit"], resolved_late=0, resolved_on_time=late.values["resolved_on_time"] + 1))
    text = plain(report_text(data, SEPTEMBER))
    assert "+ Hồ sơ trả kết quả trễ hạn: 0, chiếm 0,00%." in text and explanation not in text


# --- point 3: provenance per file --------------------------------------------------------------------------

def test_the_seed_months_report_has_no_figure_from_synthetic_input(tmp_path):
    data = copy_periods(tmp_path, "2024-08", "2024-09")  # August is synthetic
    text = plain(report_text(data, SEPTEMBER))
    report = MonthlyReport("2024-09", data)
    assert report.indicators.synthetic_files == () and report.previous.all_synthetic
    assert "so với tháng 8" not in text and "Phụ lục 5" not in text and "Phụ lục 6" not in text
    assert "Không so sánh với tháng 8: số liệu tháng 8 là số liệu minh họa" in text
    assert "tính từ danh sách hồ sơ của kỳ" not in text and "Theo danh sách hồ sơ" not in text
    assert "MINH HỌA" not in text


def test_synthetic_records_in_a_real_month_are_marked_where_their_figures_appear(tmp_path):
    data = copy_periods(tmp_path, "2024-09")
    context = load_context(data)
    write_seed_month_records(context, data / "raw" / "2024-09", SEPTEMBER)
    text = plain(report_text(data, SEPTEMBER))
    assert "CÓ SỐ LIỆU MINH HỌA: các tệp ho-so-2024-09.parquet do chương trình tạo ra" in text
    apology = next(line for line in text.splitlines() if "đã có thư xin lỗi" in line)
    index = next(line for line in text.splitlines() if "Bộ chỉ số 766" in line)
    assert "(số liệu minh họa)" in apology and "(số liệu minh họa)" in index
    assert "Số liệu minh họa: phụ lục này tính từ tệp do chương trình tạo ra." in text
    received = next(line for line in text.splitlines() if "Trung tâm đã tiếp nhận" in line)
    assert "minh họa" not in received  # the exports are real


# --- point 4: one concept, one figure -------------------------------------------------------------------------

def test_each_766_indicator_and_the_body_rate_of_the_same_concept_agree_or_the_report_says_why(tmp_path):
    data = copy_periods(tmp_path, "2024-07", "2024-08")
    text = plain(report_text(data, AUGUST))
    report = MonthlyReport("2024-08", data)
    pairs = {(a.pair.indicator, a.desk_name) for a in report.agreements}
    assert pairs == {(i, d) for i in ("2.1", "3.3", "3.6", "4.1") for d in ("Trung tâm", "UBND các xã, thị trấn")}
    for a in report.agreements:
        line = next(x for x in text.splitlines() if x.startswith(f"- Chỉ số {a.pair.indicator} {a.desk_name}:"))
        value = f"{a.value:.2f}".replace(".", ",") + "%"
        body = f"{a.body.value:.2f}".replace(".", ",") + "%"
        assert value in line and f"ở mục {a.section}: {body}" in line
        assert ("trùng nhau" in line) == (value == body) and (("khác nhau vì" in line) == (value != body))
    payment = next(a for a in report.agreements if a.pair.indicator == "3.6" and a.desk_name.startswith("UBND"))
    assert not payment.agrees and "Cổng DVCQG: hai nguồn đếm khác nhau" in payment.reason


# --- point 6: the signed annex in Vietnamese only ---------------------------------------------------------------

def test_the_word_data_quality_annex_has_no_identifier_digest_or_byte_count(september_report):
    docx_text, tables = read_docx(september_report / "reports" / "2024-09" / "bao-cao-thang-2024-09.docx")
    annex = docx_text[docx_text.index("Phụ lục 4"):]
    quality = next(t for t in tables if t and t[0][:2] == ["STT", "Tệp"])
    cells = " ".join(" ".join(row) for row in quality)
    for text in (annex, cells):
        words = re.sub(r"\S+\.(xlsx|xls|csv|yaml|parquet)\b", "", text)  # file names are shown as they are
        assert not re.search(r"\b[A-Za-z0-9]+_[A-Za-z0-9_]+\b", words), words
        assert not re.search(r"\b[0-9a-f]{16,}\b", text) and "byte" not in text and "SHA" not in text
    assert "Tổng số HS có phát sinh nghĩa vụ tài chính: 9" in cells and "Tổng số PAKN ghi: 17" in cells
    html, _ = read_html(september_report / "reports" / "2024-09" / "bao-cao-thang-2024-09.html")
    assert "SHA-256" in html  # the web page's sources list keeps the digests
