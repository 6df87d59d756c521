"""An analyst's explanation beside a count of 0, or one that counts other dossiers than the export, is a warning."""

from __future__ import annotations

from tthc.pipeline import ingest_period
from tthc.validation.explanations import stated_count

from support import SEPTEMBER


def explanation_findings(context):
    return [f for f in ingest_period(context, SEPTEMBER).findings if f.code.startswith("explanation")]


def edit_notes(september, old: str, new: str) -> None:
    notes = september / "ghi-chu-chuyen-vien.yaml"
    text = notes.read_text(encoding="utf-8")
    assert old in text
    notes.write_text(text.replace(old, new), encoding="utf-8")


def test_the_seed_months_explanations_agree_with_its_figures(context):
    assert explanation_findings(context) == []


def test_counts_named_in_an_explanation_are_summed():
    assert stated_count("02 hồ sơ Chi nhánh VP ĐKĐĐ …; 05 hồ sơ Phòng Lao động TB&XH") == 7
    assert stated_count("do phần mềm kết nối không ổn định") is None


def test_an_explanation_for_a_count_of_zero_is_a_warning(context, september):
    edit_notes(september, "  communes:\n", "  communes:\n    refused: Xã Lai Hạ 01 hồ sơ không đủ điều kiện\n")
    [finding] = explanation_findings(context)
    assert finding.code == "explanation_for_zero" and finding.location.column == "explanations.communes.refused"
    assert "hồ sơ từ chối giải quyết tại UBND các xã, thị trấn nhưng số liệu là 0" in finding.message


def test_an_explanation_counting_other_dossiers_than_the_export_is_a_warning(context, september):
    edit_notes(september, "Phòng Tư pháp 01 hồ sơ do phần mềm", "Phòng Tư pháp 03 hồ sơ do phần mềm")
    [finding] = explanation_findings(context)
    assert finding.code == "explanation_contradicts"
    assert "nêu 3 hồ sơ nhưng số liệu là 1" in finding.message
