"""The annexes of the HTML report as staff read them: in Chromium, on a desk (1366 px) and a phone (390 px).

An annex is read across: a unit's name, then its figures.  Every column must be
reachable, the unit's name must stay beside the figures while they scroll, the
page itself scrolls (never a box inside it), and no word is cut in pieces.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import open_page

DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
WIDTHS = {"desk": DESK, "phone": PHONE}

KEY_CELLS = 'td[headers$="-unit"], td[headers$="-unit_name"], td[headers$="-stt"]'

MEASURE_TABLES = """() => [...document.querySelectorAll('.annex table.gt_table')].map(table => {
  const box = table.closest('.table-scroll');
  const annex = table.closest('.annex');
  return {
    id: table.parentElement.id,
    tableWidth: table.getBoundingClientRect().width,
    boxWidth: box.clientWidth,
    boxScrollWidth: box.scrollWidth,
    boxHeight: box.clientHeight,
    boxScrollHeight: box.scrollHeight,
    overflowY: getComputedStyle(box).overflowY,
    annexWidth: annex.getBoundingClientRect().width,
  };
})"""

PAGE_WIDTHS = """() => ({
  page: document.documentElement.scrollWidth,
  view: document.documentElement.clientWidth,
  column: document.querySelector('main').getBoundingClientRect().width,
})"""

# After scrolling each annex table fully to the right, every key cell (STT, unit name) must lie inside
# the scroll box and be the element actually drawn at its centre (opaque, above the figures).
KEY_CELLS_AFTER_SCROLL = """(selector) => {
  const hidden = [];
  for (const box of document.querySelectorAll('.annex .table-scroll')) {
    const table = box.querySelector('table.gt_table');
    if (!table) continue;
    box.scrollLeft = box.scrollWidth;
    for (const cell of table.querySelectorAll(selector)) {
      const first = cell.getBoundingClientRect();
      window.scrollBy(0, first.top - window.innerHeight / 2);
      const r = cell.getBoundingClientRect();
      const b = box.getBoundingClientRect();
      const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
      const drawn = document.elementFromPoint(x, y);
      const inside = r.left >= b.left - 1 && r.right <= b.right + 1;
      if (!inside || !drawn || !cell.contains(drawn)) {
        hidden.push(`${table.parentElement.id}: ${cell.textContent.trim() || '(trống)'}`);
      }
    }
  }
  return hidden;
}"""

# A word drawn on two lines or more has more than one client rectangle.
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('.annex table.gt_table :is(th, td)')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.data.matchAll(/\\S+/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""

PHONE_ROWS = """() => [...document.querySelectorAll('.annex .table-scroll')].flatMap(box => {
  const table = box.querySelector('table.gt_table');
  if (!table) return [];
  box.scrollLeft = 0;
  const b = box.getBoundingClientRect();
  return [...table.querySelectorAll('tbody tr')].flatMap(row => {
    const unit = row.querySelector('td[headers$="-unit"], td[headers$="-unit_name"]');
    if (!unit) return [];
    const figure = unit.nextElementSibling;
    const key = unit.getBoundingClientRect().right - b.left;
    const shown = figure ? figure.getBoundingClientRect().right <= b.right + 1 : true;
    return [{table: table.parentElement.id, unit: unit.textContent.trim(), keyShare: key / b.width, shown}];
  });
})"""


def report_html(root: Path, period: str) -> Path:
    return root / "reports" / period / f"bao-cao-thang-{period}.html"


@pytest.fixture(scope="module", params=["2024-09", "2024-10"])
def measured(request):
    """Each width's measurements, one browser session per width: the seed month (Phụ lục 1–4) and a demo
    month whose dossier records add Phụ lục 5 (late dossiers, unit names and codes) and 6 (766)."""
    period = request.param
    root = request.getfixturevalue("september_report" if period == "2024-09" else "october_report")
    out = {"period": period}
    for name, viewport in WIDTHS.items():
        with open_page(report_html(root, period), viewport=viewport) as session:
            session.page.wait_for_load_state("networkidle")
            out[name] = {
                "tables": session.page.evaluate(MEASURE_TABLES),
                "page": session.page.evaluate(PAGE_WIDTHS),
                "broken": session.page.evaluate(BROKEN_WORDS),
                "phone_rows": session.page.evaluate(PHONE_ROWS),
                "hidden": session.page.evaluate(KEY_CELLS_AFTER_SCROLL, KEY_CELLS),
            }
    return out


def test_the_report_has_its_annex_tables(measured):
    ids = [t["id"] for t in measured["desk"]["tables"]]
    expected = {"2024-09": ["phu-luc-1", "phu-luc-2", "phu-luc-3", "phu-luc-4"],
                "2024-10": ["phu-luc-1", "phu-luc-2", "phu-luc-3", "phu-luc-5", "phu-luc-6"]}
    assert ids == expected[measured["period"]]


def test_on_a_desk_every_annex_shows_all_its_columns(measured):
    """Phụ lục 1 has 18 figure columns: at 1366 px none of them is hidden behind a scroll."""
    for table in measured["desk"]["tables"]:
        assert table["boxScrollWidth"] <= table["boxWidth"] + 1, table


def test_on_a_desk_the_annexes_are_wider_than_the_text_column(measured):
    column = measured["desk"]["page"]["column"]
    for table in measured["desk"]["tables"]:
        assert table["annexWidth"] > column + 200, (table, column)


@pytest.mark.parametrize("width", WIDTHS)
def test_no_annex_is_a_scroll_box_inside_the_page(measured, width):
    """Phụ lục 3 has 36 rows: all of them are on the page, not 19 in a box with its own scroll bar."""
    for table in measured[width]["tables"]:
        assert table["boxScrollHeight"] <= table["boxHeight"] + 1, table


@pytest.mark.parametrize("width", WIDTHS)
def test_the_page_itself_never_scrolls_sideways(measured, width):
    page = measured[width]["page"]
    assert page["page"] <= page["view"], page


@pytest.mark.parametrize("width", WIDTHS)
def test_stt_and_unit_names_stay_in_view_when_the_figures_scroll(measured, width):
    assert measured[width]["hidden"] == []


def test_on_a_phone_the_unit_name_leaves_room_for_the_figures(measured):
    """390 px: STT and the unit's name take at most 55 % of the width, and the first figure is in view."""
    rows = measured["phone"]["phone_rows"]
    assert rows, "no annex row measured"
    crowded = [r for r in rows if r["keyShare"] > 0.55 or not r["shown"]]
    assert crowded == []


@pytest.mark.parametrize("width", WIDTHS)
def test_headers_and_file_names_break_only_between_words(measured, width):
    """Never "S/T/T", "Dò/ng" or "Bieu_xa_thi_tr/an_T9_2024.xlsx"."""
    assert measured[width]["broken"] == []
