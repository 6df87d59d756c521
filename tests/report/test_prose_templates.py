"""The report's prose comes from editable templates: the shipped ones reproduce the seed, a centre's own
reference/templates/ change the wording with no code change, a broken template is a Vietnamese error naming
its file and line, values are escaped by the system, and long unit lists are summarised."""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pypandoc
import pytest

from tthc.context import load_context
from tthc.demo import seed
from tthc.errors import ExitCode
from tthc.indicators import UnitFigure, UnitRate
from tthc.period import Period
from tthc.pipeline import build_period
from tthc.report.document import MonthlyReport
from tthc.report.narrative import Narrative, NarrativeInputs
from tthc.report.prose import DEFAULT_FOLDER, ProseTemplates, TemplateError

from support import SHIPPED, replace_export, run_tthc, with_value

AUGUST, SEPTEMBER = Period(2024, 8), Period(2024, 9)
#: What the narrative of the seed month said before its wording moved into templates (August stored too, so
#: the note about the synthetic previous month is in it); the chart sits between the two halves.
SEED_TEXT = Path(__file__).with_name("seed_narrative_2024-09.md")
ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~^$@:;<>&\"'=/%,?])")


def _data(tmp_path: Path, *periods: Period) -> Path:
    data = tmp_path / "data"
    shutil.copytree(SHIPPED / "reference", data / "reference")
    for period in periods:
        shutil.copytree(SHIPPED / "raw" / str(period), data / "raw" / str(period))
    return data


def _stored(data: Path, *periods: Period) -> None:
    context = load_context(data)
    for period in periods:
        assert not build_period(context, period).has_errors


def _override(data: Path, name: str, text: str) -> Path:
    folder = data / "reference" / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _body(report: MonthlyReport) -> str:
    return report.narrative.before_chart() + "\n<CHART>\n" + report.narrative.after_chart()


def _html(markdown: str) -> str:
    return pypandoc.convert_text(markdown, "html", format="markdown")


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory) -> Path:
    data = _data(tmp_path_factory.mktemp("seed"), AUGUST, SEPTEMBER)
    _stored(data, AUGUST, SEPTEMBER)
    return data


def test_the_shipped_templates_reproduce_the_seed_text(seed_store):
    produced, seed = _body(MonthlyReport(SEPTEMBER, seed_store)), SEED_TEXT.read_text(encoding="utf-8")
    # the templates escape every punctuation mark of their text, the old code only some: same words, same page
    assert ESCAPED.sub(r"\1", produced) == ESCAPED.sub(r"\1", seed)
    for part, seed_part in zip(produced.split("\n<CHART>\n"), seed.split("\n<CHART>\n"), strict=True):
        assert _html(part) == _html(seed_part)
    assert "Không so sánh với tháng 8" in produced and "{#muc-7}" in produced


def test_no_template_escapes_punctuation_by_hand():
    for path in DEFAULT_FOLDER.glob("*.j2"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\\[.\-+(),:;%*]", text), path.name


def test_a_template_in_the_centres_reference_folder_changes_the_wording_with_no_code_change(tmp_path):
    data = _data(tmp_path, SEPTEMBER)
    shipped = (DEFAULT_FOLDER / "muc-3.md.j2").read_text(encoding="utf-8")
    assert "# [muc-{{ number }}] {{ number }}. Kết quả chuyển đổi số" in shipped  # numbered by the profile's order
    _override(data, "muc-3.md.j2", shipped.replace("Kết quả chuyển đổi số", "Chuyển đổi số và ký số"))
    _override(data, "chung.md.j2", (DEFAULT_FOLDER / "chung.md.j2").read_text(encoding="utf-8").replace(
        "Kết quả thanh toán trực tuyến đối với", "Thanh toán trực tuyến của"))
    _stored(data, SEPTEMBER)
    text = _body(MonthlyReport(SEPTEMBER, data))
    assert "## 3\\. Chuyển đổi số và ký số {#muc-3}" in text and "Kết quả chuyển đổi số" not in text
    assert "**2\\.4\\. Thanh toán trực tuyến của các TTHC" in text  # a shared piece, used by 2.4 and 4.4
    assert "**4\\.4\\. Thanh toán trực tuyến của các TTHC" in text
    assert "Phòng Tài nguyên và Môi trường 96\\,36\\%" in text  # the figures are the same


def test_the_real_command_rebuilds_the_report_when_a_template_changes(tmp_path):
    data = _data(tmp_path, SEPTEMBER)
    path = _override(data, "muc-5.md.j2", "# [muc-5] 5. Chứng thực điện tử: {{ now.analyst.e_certifications }} "
                                           "hồ sơ (mẫu của đơn vị)\n")
    out = tmp_path / "reports"
    first = run_tthc("report", "2024-09", "--engine", "pandoc", "--formats", "html", "--data", str(data),
                     "--out", str(out))
    assert first.returncode == 0, first.stdout + first.stderr
    page = out / "2024-09" / "bao-cao-thang-2024-09.html"
    assert "5. Chứng thực điện tử: 566 hồ sơ (mẫu của đơn vị)" in page.read_text(encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("mẫu của đơn vị", "mẫu đã sửa"), encoding="utf-8")
    second = run_tthc("report", "2024-09", "--engine", "pandoc", "--formats", "html", "--data", str(data),
                      "--out", str(out))
    assert second.returncode == 0, second.stdout + second.stderr
    assert "5. Chứng thực điện tử: 566 hồ sơ (mẫu đã sửa)" in page.read_text(encoding="utf-8")


def test_a_syntax_error_stops_the_command_with_the_file_and_line_in_vietnamese(tmp_path):
    data = _data(tmp_path, SEPTEMBER)
    _override(data, "muc-6.md.j2", "# [muc-6] 6. Đánh giá chung\n\n{% if analyst %}\nƯu điểm\n")
    completed = run_tthc("report", "2024-09", "--engine", "pandoc", "--data", str(data),
                         "--out", str(tmp_path / "reports"))
    assert completed.returncode == ExitCode.DATA
    message = completed.stdout + completed.stderr
    assert "mẫu văn bản báo cáo" in message and "muc-6.md.j2, dòng 4" in message and "sai cú pháp" in message
    assert "Traceback" not in message
    assert not (tmp_path / "reports").exists() or not any((tmp_path / "reports").iterdir())


def test_an_unknown_name_in_a_template_is_an_error_naming_the_file_and_line(tmp_path, seed_store):
    data = tmp_path / "data"
    shutil.copytree(seed_store, data)
    path = _override(data, "muc-1.md.j2", "# [muc-1] 1. Tình hình\n\n{{ period_text }}\n{{ so_lieu_khong_co }}\n")
    report = MonthlyReport(SEPTEMBER, data)
    with pytest.raises(TemplateError) as raised:
        report.narrative.before_chart()
    assert f"{path}, dòng 4" in str(raised.value) and "so_lieu_khong_co" in str(raised.value)
    assert raised.value.exit_code == ExitCode.DATA


def test_values_are_escaped_by_the_system_and_the_readable_markups_become_markdown():
    templates = ProseTemplates({"thu.md.j2": "# [muc-9] 9. Mục {{ name }}\n**2.1. Đậm:** {{ name }} đạt 100%.\n"
                                             "+ *Nghiêng: {{ name }};*\n* Dấu sao đứng riêng\n"})
    text = templates.render("thu.md.j2", {"name": "**Xã 1.** <b>"})
    assert text == ("## 9\\. Mục \\*\\*Xã 1\\.\\*\\* \\<b\\> {#muc-9}\n\n"
                    "**2\\.1\\. Đậm\\:** \\*\\*Xã 1\\.\\*\\* \\<b\\> đạt 100\\%\\.\n\n"
                    "\\+ *Nghiêng\\: \\*\\*Xã 1\\.\\*\\* \\<b\\>\\;*\n\n"
                    "\\* Dấu sao đứng riêng\n\n")


def test_the_sections_their_order_and_the_organisation_wording_are_inputs(seed_store):
    report = MonthlyReport(SEPTEMBER, seed_store)
    inputs = dataclasses.replace(report.narrative.inputs, sections=("muc-2", "muc-1", "muc-4", "muc-7"),
                                 wording={"centre_place": "tại Trung tâm Phục vụ hành chính công",
                                          "communes_place": "tại UBND các xã, phường"})
    narrative = Narrative(inputs)
    before, after = narrative.before_chart(), narrative.after_chart()
    assert [m for m in re.findall(r"\{#(muc-\d)\}", before + after)] == ["muc-2", "muc-1", "muc-4", "muc-7"]
    assert "{#muc-7}" in after and "{#muc-4}" in before
    assert "TTHC tại Trung tâm Phục vụ hành chính công {#muc-2}" in before
    assert "TTHC tại UBND các xã\\, phường từ ngày" in before
    assert "đều đạt 100" not in before  # section 3 is not rendered


def _province(report: MonthlyReport, communes: int) -> NarrativeInputs:
    """The seed month as a province would have it: `communes` communes, each with late dossiers and in the
    lowest payment class (unit i has i late dossiers and i fee-bearing dossiers, so the largest are known)."""
    now = report.indicators
    figures = tuple(UnitFigure(f"xa_{i:03d}", f"UBND xã Số {i:03d}", f"Số {i:03d}", i) for i in range(1, communes + 1))
    rate = now.communes.rates["online_payment_rate"]
    rates = tuple(UnitRate(f.unit_id, f.name, f.short_name, dataclasses.replace(rate, numerator=0, denominator=f.value))
                  for f in figures)
    late = dataclasses.replace(now.communes.counts["resolved_late"], value=sum(f.value for f in figures))
    communes_desk = dataclasses.replace(now.communes, by_unit={**now.communes.by_unit, "resolved_late": figures},
                                        counts={**now.communes.counts, "resolved_late": late})
    classes = dataclasses.replace(now.payment_classes, below=rates)
    current = dataclasses.replace(now, communes=communes_desk, payment_classes=classes)
    return dataclasses.replace(report.narrative.inputs, current=current, analyst=None)  # no explanation: units


def test_a_province_sized_list_names_the_largest_few_and_points_to_the_annex(seed_store):
    report = MonthlyReport(SEPTEMBER, seed_store)
    text = ESCAPED.sub(r"\1", Narrative(_province(report, 100)).before_chart())
    late = next(line for line in text.splitlines() if line.startswith("+ Hồ sơ trả kết quả trễ hạn: 5.050"))
    assert late.endswith("(UBND xã Số 100 100 hồ sơ; UBND xã Số 099 99 hồ sơ; UBND xã Số 098 98 hồ sơ; "
                         "UBND xã Số 097 97 hồ sơ; UBND xã Số 096 96 hồ sơ và 95 đơn vị khác, chi tiết tại "
                         "Phụ lục 2).")
    assert "Số 001" not in late
    assert ("+ *Tỷ lệ các xã không đạt theo quy định: Số 100, Số 099, Số 098, Số 097, Số 096 và 95 đơn vị khác "
            "(chi tiết tại Phụ lục 2);*") in text


def test_lists_up_to_the_limit_stay_in_full_in_their_order(seed_store):
    report = MonthlyReport(SEPTEMBER, seed_store)
    text = ESCAPED.sub(r"\1", Narrative(_province(report, 15)).before_chart())
    assert "Số 001, Số 002" in text and "đơn vị khác" not in text
    limited = dataclasses.replace(report.narrative.inputs, list_limit=3, list_head=2)
    seed_lists = ESCAPED.sub(r"\1", Narrative(limited).before_chart())
    assert "không đạt theo quy định: Thị trấn Thứa, An Thịnh, Bình Định" not in seed_lists
    assert re.search(r"không đạt theo quy định: [^,;]+, [^,;]+ và 7 đơn vị khác \(chi tiết tại Phụ lục 2\);\*",
                     seed_lists)



def test_a_unit_paused_for_two_reasons_is_named_once_with_its_total(tmp_path):
    """The "Tạm dừng xử lý" list adds up to the "Tạm dừng" count: one entry a unit, its kinds of pause summed."""
    data = _data(tmp_path, SEPTEMBER)
    labour = "Phòng Lao động - Thương binh và Xã hội"
    replace_export(data / "raw" / str(SEPTEMBER), "Bieu_TTHCC_thang9.xlsx",
                   with_value(seed.centre_table(), "Phòng Lao động TB&XH", paused_financial=3))
    _stored(data, SEPTEMBER)
    report = MonthlyReport(SEPTEMBER, data)
    centre = report.narrative.inputs.current.centre
    assert centre.counts["paused"].value == 10
    assert {u.short_name: u.value for u in centre.by_unit["paused"]} == {
        "Chi nhánh Văn phòng Đăng ký đất đai": 2, labour: 8}
    inputs = dataclasses.replace(report.narrative.inputs, analyst=None)  # no analyst's explanation: units listed
    line = next(x for x in ESCAPED.sub(r"\1", Narrative(inputs).before_chart()).splitlines()
                if x.startswith("+ Tạm dừng xử lý"))
    assert line.count("Lao động") == 1 and "08 hồ sơ" in line, line
