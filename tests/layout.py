"""Layout checks for pages open in Chromium: is every table column really on screen?

A column that is only reachable by scrolling a box sideways counts as cut off:
readers on the intranet (and on phones) did not notice the scroll and reported
the column missing.  So a cell must end inside both its nearest scrolling or
clipping box and the viewport, and the document itself must not be wider than
the window.
"""

from __future__ import annotations

from typing import Any

from browser import PHONE

#: The two widths readers reported from: a 1366 px office screen and a phone.
WIDE = {"width": 1366, "height": 900}
WIDTHS = {"1366": WIDE, "390": PHONE}

#: JavaScript: `outside(cell)` describes a shown cell that ends outside its scroll/clip box or the
#: viewport, or returns null (also for cells not shown at all).
_OUTSIDE = """
const outside = (cell) => {
  const r = cell.getBoundingClientRect();
  if (r.width === 0 || r.height === 0 || getComputedStyle(cell).visibility === "hidden") return null;
  let left = 0, right = document.documentElement.clientWidth;
  for (let p = cell.parentElement; p && p !== document.body && p !== document.documentElement; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== "visible") {
      const b = p.getBoundingClientRect();
      left = Math.max(left, b.left + p.clientLeft);
      right = Math.min(right, b.left + p.clientLeft + p.clientWidth);
      break;
    }
  }
  if (r.right <= right + 1 && r.left >= left - 1) return null;
  return `${(cell.innerText || "").trim().slice(0, 40)} [${Math.round(r.left)}..${Math.round(r.right)} `
         + `outside ${Math.round(left)}..${Math.round(right)}]`;
};
"""

_CUT_CELLS = "(selector) => {" + _OUTSIDE + """
  return [...document.querySelectorAll(selector)].map(outside).filter(Boolean);
}"""

_OVERFLOW = """() => {
  const root = document.documentElement;
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth,
          bodyScrollWidth: document.body.scrollWidth, bodyClientWidth: document.body.clientWidth};
}"""

_COLUMN = "(header) => {" + _OUTSIDE + """
  // Cells of the column whose header reads `header`, in every table that has it.
  const out = [];
  for (const table of document.querySelectorAll("table")) {
    const heads = [...table.querySelectorAll("thead th")];
    const th = heads.find(h => h.innerText.replace(/\\s+/g, " ").trim() === header
                            || h.textContent.replace(/\\s+/g, " ").trim() === header);
    if (!th) continue;
    const index = [...th.parentElement.children].indexOf(th);
    const cells = [...table.querySelectorAll("tbody tr")].map(tr => tr.children[index]).filter(Boolean);
    const shown = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
    out.push({
      headerShown: shown(th),
      cells: cells.length,
      cellsShown: cells.filter(shown).length,
      // a card layout labels each cell instead of showing the header row
      labelled: cells.filter(c => getComputedStyle(c, "::before").content.includes(header)).length,
      cut: [th, ...cells].map(outside).filter(Boolean),
    });
  }
  return out;
}"""


def cut_off_cells(page: Any, selector: str = "main table th, main table td") -> list[str]:
    """Cells (visible ones) that end outside their scroll/clip box or the viewport."""
    return page.evaluate(_CUT_CELLS, selector)


def horizontal_overflow(page: Any) -> dict[str, int] | None:
    """The document's widths when it is wider than the window (a sideways-scrolling page), else None."""
    widths = page.evaluate(_OVERFLOW)
    wide = widths["scrollWidth"] > widths["clientWidth"] or widths["bodyScrollWidth"] > widths["bodyClientWidth"]
    return widths if wide else None


def column_report(page: Any, header: str) -> list[dict[str, Any]]:
    """For each table with a column headed `header`: header shown?, cells shown or labelled, cells cut off."""
    return page.evaluate(_COLUMN, header)
