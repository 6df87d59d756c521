"""The shipped example centres, as a new centre would try them: `tthc check` and `tthc report` for their periods
(months, a quarter, a year), and the figures each report prints — tier and grand totals, carried-over dossiers,
the on-time rate over dossiers due, subtotals by district, the header and signer of either side of 1/7/2025."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from tthc.context import load_context
from tthc.indicators import compute_indicators
from tthc.period import Period
from tthc.pipeline import build_period
from tthc.project import report_file_stem
from tthc.stored import analyst_from_frames, load_frames

from support import REPO, run_tthc

EXAMPLES = REPO / "examples"


def _copy(root: Path, name: str) -> Path:
    target = root / name
    shutil.copytree(EXAMPLES / name, target, ignore=shutil.ignore_patterns("store"))
    return target


def _report(data: Path, out: Path, period: str) -> str:
    """The HTML report's text, as a reader sees it (tags dropped, entities decoded, spaces folded)."""
    checked = run_tthc("check", period, "--data", str(data))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    made = run_tthc("report", period, "--data", str(data), "--out", str(out), "--formats", "html", "--engine",
                    "pandoc")
    assert made.returncode == 0, made.stdout + made.stderr
    page = (out / period / f"{report_file_stem(Period.parse(period))}.html").read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))


def _figures(data: Path, period: str):
    context = load_context(data)
    parsed = Period.parse(period)
    assert not build_period(context, parsed).has_errors
    frames = load_frames(context, parsed)
    return compute_indicators(parsed, frames, analyst_from_frames(frames), context.organisation, context.registry,
                              context.profile, context.catalogue)


@pytest.fixture(scope="module")
def provincial_centre(tmp_path_factory) -> Path:
    return _copy(tmp_path_factory.mktemp("trung-tam-tinh"), "trung-tam-tinh")


@pytest.fixture(scope="module")
def province(tmp_path_factory) -> Path:
    return _copy(tmp_path_factory.mktemp("toan-tinh"), "toan-tinh-quy")


@pytest.fixture(scope="module")
def luong_tai(tmp_path_factory) -> Path:
    return _copy(tmp_path_factory.mktemp("xa-luong-tai"), "xa-luong-tai")


def test_the_provincial_centre_rates_on_time_over_dossiers_due_and_says_so(provincial_centre):
    """September 2024: 10.873 in time of 10.894 resolved is 99,81 %; over the dossiers due it is 99,71 %."""
    centre = _figures(provincial_centre, "2024-09").tiers["agencies"]
    on_time = centre.rates["on_time_rate"]
    assert on_time.numerator == 10873 and on_time.denominator == centre.counts["due"].value
    assert centre.counts["due"].value == centre.counts["resolved"].value + centre.counts["pending_overdue"].value
    assert str(on_time.value) == "99.71"


def test_the_provincial_centre_sentence_names_the_base_of_its_on_time_rate(provincial_centre, tmp_path):
    """99,71 % over dossiers due beside another centre's 99,81 % over resolved: the sentence itself says which."""
    centre = _figures(provincial_centre, "2024-09").tiers["agencies"]
    due = f"{centre.counts['due'].value:,}".replace(",", ".")
    text = _report(provincial_centre, tmp_path / "reports", "2024-09")
    assert f"đạt 99,71% (trên số hồ sơ đến hạn giải quyết: {due} hồ sơ)" in text


def test_the_seed_sentence_keeps_its_words_where_the_rate_is_over_dossiers_resolved(luong_tai, tmp_path):
    text = _report(luong_tai, tmp_path / "reports", "2024-09")
    assert "trên số hồ sơ đến hạn" not in text and "kết quả sớm và đúng hạn" in text


@pytest.mark.parametrize("period", ["2024-Q3", "2024"])
def test_the_provincial_centre_reports_a_quarter_and_the_year_with_carried_over_dossiers(provincial_centre, tmp_path,
                                                                                        period):
    figures = _figures(provincial_centre, period).tiers["agencies"]
    text = _report(provincial_centre, tmp_path / "reports", period)
    carried = figures.counts["carried_over"].value
    assert f"Hồ sơ kỳ trước chuyển sang (tồn kỳ trước): {carried:,} hồ sơ".replace(",", ".") in text
    assert "lũy kế trong kỳ" in text and "Tồn kỳ trước" in text  # the prose and the annex
    assert "số hồ sơ đến hạn giải quyết" in text  # the annex states the definition used
    assert "UBND các xã" not in text and "TTHCC" not in text  # no commune section, no district wording
    label = Period.parse(period).label()
    assert f"Kết quả công tác {label}" in text


def test_the_province_quarter_has_three_tiers_a_grand_total_and_subtotals_by_district(province, tmp_path):
    figures = _figures(province, "2023-Q1")
    tiers = figures.tiers
    assert figures.total is not None
    assert figures.total.counts["received_total"].value == sum(t.counts["received_total"].value
                                                               for t in tiers.values())
    text = _report(province, tmp_path / "reports", "2023-Q1")
    for name in ("Cấp tỉnh (các sở, ban, ngành)", "Cấp huyện (UBND các huyện)", "Cấp xã (UBND các xã)"):
        assert f"{name} đã tiếp nhận" in text
    assert "Toàn tỉnh đã tiếp nhận" in text and "Tổng cộng toàn tỉnh" in text
    assert "quý I/2023" in text
    context = load_context(province)
    districts = {u.group for u in context.registry.units if u.kind.value == "commune"}
    assert len(districts) >= 10 and all(d in text for d in districts)  # a subtotal row per district


def test_the_province_year_is_reported_from_its_one_export(province, tmp_path):
    text = _report(province, tmp_path / "reports-year", "2022")
    assert "năm 2022" in text and "Tổng cộng toàn tỉnh" in text


@pytest.mark.parametrize(("period", "header", "signer", "unit", "absent"), [
    ("2025-03", "UBND HUYỆN LƯƠNG TÀI", "PHÓ GIÁM ĐỐC", "UBND xã Quang Minh", "UBND xã Trừng Xá"),
    ("2025-09", "UBND XÃ LƯƠNG TÀI", "GIÁM ĐỐC", "UBND xã Lương Tài", "UBND thị trấn Thứa"),
    ("2026-11", "UBND XÃ LƯƠNG TÀI", "GIÁM ĐỐC", "UBND xã Lương Tài", "UBND xã Quang Minh"),
])
def test_luong_tai_reports_on_either_side_of_the_reorganisation(luong_tai, tmp_path, period, header, signer, unit,
                                                                 absent):
    text = _report(luong_tai, tmp_path / "reports", period)
    assert header in text and signer in text and unit in text and absent not in text
    if period >= "2025-07":
        assert "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" in text and "thuộc thẩm quyền của UBND xã" in text
        assert "KT. GIÁM ĐỐC" not in text
    else:
        assert "TRUNG TÂM HÀNH CHÍNH CÔNG" in text and "KT. GIÁM ĐỐC" in text
