"""The indicator catalogue: every rate as numerator / denominator over named counts, chosen per profile."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tthc.catalogue import load_catalogue
from tthc.formatting.numbers import percentage, truncate
from tthc.indicators import compute_indicators
from tthc.pipeline import build_period
from tthc.profile import load_profile
from tthc.reference import ReferenceDataError
from tthc.stored import analyst_from_frames, load_frames

from support import SEPTEMBER


@pytest.fixture
def september_frames(context):
    assert not build_period(context, SEPTEMBER).has_errors
    return load_frames(context, SEPTEMBER)


def figures(context, frames, profile=None, catalogue=None):
    return compute_indicators(SEPTEMBER, frames, analyst_from_frames(frames), context.organisation, context.registry,
                              profile, catalogue)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_default_catalogue_has_the_seed_definitions():
    catalogue = load_catalogue(None)
    on_time = catalogue.definition("on_time_rate")
    assert (on_time.variant, on_time.numerator, on_time.denominator) == ("over_resolved", "resolved_in_time",
                                                                         "resolved")
    assert catalogue.sums["due"] == ("resolved", "pending_overdue")
    assert catalogue.rounding == "half_up" and catalogue.decimals == 2


def test_on_time_over_due_dossiers_when_the_profile_chooses_it(context, september_frames, tmp_path):
    """The seed's centre: 212 in time of 213 resolved (99,53 %); over the 214 due (213 + 1 overdue) 99,07 %."""
    seed = figures(context, september_frames)
    assert (seed.centre.rates["on_time_rate"].denominator, seed.centre.rates["on_time_rate"].value) == (
        213, Decimal("99.53"))
    profile_file = write(tmp_path / "profile.yaml", load_profile(None).path.read_text(encoding="utf-8").replace(
        "on_time_rate: over_resolved", "on_time_rate: over_due"))
    over_due = figures(context, september_frames, load_profile(profile_file, context.catalogue), context.catalogue)
    rate = over_due.centre.rates["on_time_rate"]
    assert (rate.numerator, rate.denominator, rate.value) == (212, 214, Decimal("99.07"))
    assert over_due.centre.counts["due"].value == 214


def test_a_centre_that_truncates_gets_truncated_rates(context, september_frames, tmp_path):
    """5 of 213 on the due date is 2,347 %: half-up 2,35, truncated 2,34."""
    default = load_catalogue(None).path.read_text(encoding="utf-8")
    catalogue = load_catalogue(write(tmp_path / "indicators.yaml", default.replace("rounding: half_up",
                                                                                    "rounding: truncate")))
    result = figures(context, september_frames, None, catalogue)
    assert result.centre.rates["on_due_date_rate"].value == Decimal("2.34")
    assert figures(context, september_frames).centre.rates["on_due_date_rate"].value == Decimal("2.35")
    assert truncate(Decimal("99.999"), 2) == Decimal("99.99") and percentage(5, 213, 2, "truncate") == Decimal("2.34")


def test_the_returned_rate_is_refused_plus_withdrawn_over_received(context, september_frames):
    centre = figures(context, september_frames).centre
    returned = centre.rates["returned_rate"]
    assert returned.numerator == centre.counts["refused"].value + centre.counts["withdrawn"].value
    assert returned.denominator == centre.counts["received_one_stop"].value


@pytest.mark.parametrize(("change", "message"), [
    (("numerator: resolved_early", "numerator: resolved_soon"), "numerator 'resolved_soon' của tỷ lệ 'early_rate'"),
    (("rounding: half_up", "rounding: bankers"), "rounding 'bankers' không hợp lệ"),
    (("due: [resolved, pending_overdue]", "due: [resolved, pending_late]"), "số cộng 'due' dùng số đếm không có"),
])
def test_a_broken_catalogue_is_named_in_vietnamese(tmp_path, change, message):
    default = load_catalogue(None).path.read_text(encoding="utf-8")
    path = write(tmp_path / "indicators.yaml", default.replace(*change))
    with pytest.raises(ReferenceDataError) as caught:
        load_catalogue(path)
    assert message in str(caught.value) and str(path) in str(caught.value)


def test_a_profile_choosing_a_definition_the_catalogue_lacks_is_refused(tmp_path):
    text = load_profile(None).path.read_text(encoding="utf-8").replace("on_time_rate: over_resolved",
                                                                       "on_time_rate: over_received")
    path = write(tmp_path / "profile.yaml", text)
    with pytest.raises(ReferenceDataError, match="không có cách tính 'over_received'.*over_resolved, over_due"):
        load_profile(path, load_catalogue(None))


DIGITISATION = "Tỷ lệ số hóa hồ sơ, kết quả điện tử = số kết quả điện tử đính kèm số hóa / số hồ sơ đã giải quyết."


def _placed(text: str, rate: str, line: str) -> str:
    """The catalogue with one line of placement added under a rate's key."""
    head = f"  {rate}:\n"
    assert text.count(head) == 1
    return text.replace(head, f"{head}    {line}\n")


def _report_parts(data: Path) -> list[str]:
    from tthc.report.document import MonthlyReport

    report = MonthlyReport(SEPTEMBER, data)
    return [report.front_matter(), report.body_before_chart(), report.body_after_chart(), *report.annex_parts()]


def test_a_rate_taken_out_of_a_tier_leaves_that_tiers_annex_and_section_only(context, data_dir):
    """The seed's annexes: Phụ lục 1 the centre, Phụ lục 2 the communes; digitisation left to the centre: gone
    from the communes' annex and from their section 4 (the next subsection renumbered), nowhere else."""
    from tthc.report.markdown import escape

    line = f"*\\- {escape(DIGITISATION)}*"
    assert not build_period(context, SEPTEMBER).has_errors
    before = _report_parts(data_dir)
    assert line in before[3] and line in before[4]
    default = load_catalogue(None).path.read_text(encoding="utf-8")
    write(data_dir / "reference" / "indicators.yaml", _placed(default, "digitisation_rate", "tiers: [centre]"))
    after = _report_parts(data_dir)
    assert line in after[3] and line not in after[4]
    assert after[4] == before[4].replace(line + "\n\n", "")  # the line alone is gone from the communes' annex
    section_4 = before[1][before[1].index("{#muc-4}"):]
    assert "**4\\.3\\. Kết quả số hóa hồ sơ\\:**" in section_4
    now_4 = after[1][after[1].index("{#muc-4}"):]
    assert "Kết quả số hóa hồ sơ\\:**" not in now_4 and "**4\\.3\\. Kết quả thanh toán trực tuyến" in now_4
    assert after[1][:after[1].index("{#muc-4}")] == before[1][:before[1].index("{#muc-4}")]  # section 2 unchanged
    assert [part for i, part in enumerate(after) if i not in (1, 4)] == [
        part for i, part in enumerate(before) if i not in (1, 4)]


def test_a_rate_placed_in_sections_shows_only_there(tmp_path):
    default = load_catalogue(None).path.read_text(encoding="utf-8")
    catalogue = load_catalogue(write(tmp_path / "indicators.yaml",
                                     _placed(default, "returned_rate", 'sections: ["tier:communes"]')))
    keys = [d.key for d in catalogue.placed(None, ("centre",), "tier:centre")]
    assert "returned_rate" not in keys and "on_time_rate" in keys
    assert "returned_rate" in [d.key for d in catalogue.placed(None, ("communes",), "tier:communes")]
    assert "returned_rate" in [d.key for d in catalogue.placed()]  # figures are still computed for every tier


@pytest.mark.parametrize(("line", "message"), [
    ("tiers: [xa]", "mục tiers của tỷ lệ 'late_rate' nêu xa không có trong hồ sơ báo cáo profile.yaml"),
    ('sections: ["tier:xa"]', "mục sections của tỷ lệ 'late_rate' nêu tier:xa không có"),
    ("tiers: centre", "mục tiers của tỷ lệ 'late_rate' phải là danh sách tên"),
])
def test_a_placement_naming_no_tier_or_section_of_the_profile_is_refused(tmp_path, line, message):
    default = load_catalogue(None).path.read_text(encoding="utf-8")
    path = write(tmp_path / "indicators.yaml", _placed(default, "late_rate", line))
    with pytest.raises(ReferenceDataError, match=message) as caught:
        load_profile(None, load_catalogue(path))
    assert str(path) in str(caught.value)
