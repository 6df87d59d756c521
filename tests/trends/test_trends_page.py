"""The trends report as staff read it: in Chromium, on a desk (1366 px) and a phone (390 px).

Vega draws the charts in the page; a legend or axis label it shortens ends
with "…", and a reader cannot tell which series or commune it named.  The
Decision 766 table is read for its verdict, "Xếp loại": it must be on screen
at both widths, and the page itself never scrolls sideways.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from browser import open_page
from layout import WIDTHS, column_report, cut_off_cells, horizontal_overflow
from support import SHIPPED, run_tthc

PERIODS = [f"2024-{m:02d}" for m in range(1, 13)]

CHART_TEXTS = """() => [...document.querySelectorAll('.chart svg text, .vega-embed svg text')]
  .map(t => t.textContent)"""


@pytest.fixture(scope="module")
def trends_page(tmp_path_factory) -> Path:
    """`tthc trends` over the twelve shipped periods, HTML only, on a copy of the data."""
    root = tmp_path_factory.mktemp("trends")
    shutil.copytree(SHIPPED / "reference", root / "data" / "reference")
    for period in PERIODS:
        shutil.copytree(SHIPPED / "raw" / period, root / "data" / "raw" / period)
    completed = run_tthc("trends", "--from", PERIODS[0], "--to", PERIODS[-1], "--formats", "html",
                         "--engine", "pandoc", "--data", "data", "--out", "reports", cwd=root)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return next((root / "reports" / "xu-huong").glob("xu-huong-*.html"))


@pytest.fixture(scope="module")
def measured(trends_page):
    out = {}
    for name, viewport in WIDTHS.items():
        with open_page(trends_page, viewport=viewport) as session:
            session.page.wait_for_load_state("networkidle")
            session.page.wait_for_selector(".vega-embed svg")
            out[name] = {
                "texts": session.page.evaluate(CHART_TEXTS),
                "band": column_report(session.page, "Xếp loại"),
                "cut": cut_off_cells(session.page),
                "overflow": horizontal_overflow(session.page),
                "problems": session.finish().problems,
            }
    return out


@pytest.mark.parametrize("width", WIDTHS)
def test_vega_draws_every_chart_label_whole(measured, width):
    """No legend entry, axis label or title is cut to "…" (vega's default limits are 160–180 px)."""
    texts = measured[width]["texts"]
    assert len(texts) > 50, texts  # the charts were drawn
    assert [t for t in texts if t.rstrip().endswith("…")] == []


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_axes_name_months_as_readers_say_them(measured, width):
    texts = measured[width]["texts"]
    assert "12/2024" in texts
    assert [t for t in texts if t.strip() in PERIODS] == []


@pytest.mark.parametrize("width", WIDTHS)
def test_the_766_table_shows_its_band_column(measured, width):
    """Eleven periods (all but the real September, which has no dossier records), each with its band on screen
    without scrolling the table."""
    [band] = measured[width]["band"]
    assert band["headerShown"] and band["cells"] == 11 and band["cellsShown"] == 11, band
    assert band["cut"] == [], band


@pytest.mark.parametrize("width", WIDTHS)
def test_the_trends_page_never_scrolls_sideways(measured, width):
    assert measured[width]["overflow"] is None
    assert measured[width]["problems"] == []


def test_on_a_desk_every_table_column_is_on_screen(measured):
    assert measured["1366"]["cut"] == []
