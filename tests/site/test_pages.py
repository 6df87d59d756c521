"""How the site names a period: as readers say it, whatever its length."""

from __future__ import annotations

import pytest

from tthc.site.pages import period_name


@pytest.mark.parametrize(("folder", "shown"), [
    ("2024-09", "Tháng 09/2024"), ("2024-Q3", "Quý III/2024"), ("2024-H1", "6 tháng đầu năm 2024"),
    ("2024", "Năm 2024"), ("xu-huong", "xu-huong"),
])
def test_a_period_folder_is_named_as_readers_say_it(folder, shown):
    assert period_name(folder) == shown


def test_the_index_shows_the_profiles_tiers_with_their_own_figures(tmp_path):
    """The province's quarter: three tiers in the headers and the cells, not the seed's centre and communes."""
    import shutil

    from tthc.context import load_context
    from tthc.formatting.numbers import format_int
    from tthc.indicators import compute_indicators
    from tthc.period import Period
    from tthc.pipeline import build_period
    from tthc.site.pages import PeriodEntry, index_page
    from tthc.stored import analyst_from_frames, load_frames

    from support import REPO

    data = tmp_path / "toan-tinh-quy"
    shutil.copytree(REPO / "examples" / "toan-tinh-quy", data, ignore=shutil.ignore_patterns("store"))
    context, quarter = load_context(data), Period.parse("2023-Q1")
    assert not build_period(context, quarter).has_errors
    frames = load_frames(context, quarter)
    figures = compute_indicators(quarter, frames, analyst_from_frames(frames), context.organisation,
                                 context.registry, context.profile, context.catalogue)
    tiers = context.profile.on(quarter.end(context.organisation.cutoff_day)).tier_labels()
    assert len(tiers) == 3
    page = index_page("UBND tỉnh", [PeriodEntry("2023-Q1", figures, {}, 0, True)], None, "q.html", tiers)
    assert f"Hồ sơ tiếp nhận ({' / '.join(tiers.values())})" in page
    received = " / ".join(format_int(figures.tiers[t].counts["received_total"].value) for t in tiers)
    assert received in page
    assert "Trung tâm / xã" not in page
