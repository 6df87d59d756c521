"""The site's own pages: the index of periods and the data-quality page, as self-contained HTML.

Every text that comes from data is HTML-escaped; links are relative so the site
works opened from disk or from any static web server.  Periods are named as
readers say them ("Tháng 09/2024"); folder names like 2024-09 stay in links.
Each cell carries its column name (data-label) for the phone layout of
report.css, where a table row becomes a card.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from tthc.formatting.dates import format_month_name, format_period_prose
from tthc.formatting.numbers import format_int, format_percent
from tthc.indicators import DeskIndicators, PeriodIndicators
from tthc.period import Period, PeriodError
from tthc.render.html_assets import CONTENT_SECURITY_POLICY, report_css


@dataclass(frozen=True)
class PeriodEntry:
    period: str
    indicators: PeriodIndicators | None
    links: dict[str, str]  # format → relative link
    warnings: int
    synthetic: bool
    failure: str | None = None


@dataclass(frozen=True)
class QualityRow:
    period: str
    severity: str
    file: str
    sheet: str
    row: str
    column: str
    message: str


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def page(title: str, body: str, *, page_class: str = "") -> str:
    """A self-contained page; `site` on <body> lets report.css give site pages their own layout."""
    classes = " ".join(("site", page_class)).strip()
    return (
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CONTENT_SECURITY_POLICY)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>\n{report_css()}\n</style>\n</head>\n"
        f"<body class=\"{_e(classes)}\">\n<main class=\"site-page\">\n{body}\n</main>\n</body>\n</html>\n"
    )


FORMAT_LABELS = {"html": "Trang web", "docx": "Word", "ipynb": "Sổ tính"}
SEED_TIERS = {"centre": "Trung tâm", "communes": "xã"}  # the seed's two tiers, as the index has always named them


def index_columns(tiers: dict[str, str]) -> tuple[str, ...]:
    """The index's headers, with the profile's tiers ("Trung tâm / xã" for the seed's)."""
    names = " / ".join(tiers.values())
    last = list(tiers.values())[-1] if tiers else ""
    payment = f"Thanh toán trực tuyến ({last})"
    return ("Kỳ", "Thời gian", f"Hồ sơ tiếp nhận ({names})", f"Sớm và đúng hạn ({names})", payment, "Cảnh báo",
            "Tệp")


INDEX_COLUMNS = index_columns(SEED_TIERS)
QUALITY_COLUMNS = ("Kỳ", "Mức", "Tệp", "Trang tính", "Dòng", "Cột", "Nội dung")


def period_name(period: str) -> str:
    """"Tháng 09/2024" for the folder name "2024-09", "Quý III/2024" for "2024-Q3"; text that is not a period is
    shown as it is."""
    try:
        parsed = Period.parse(period)
    except PeriodError:
        return period
    if not parsed.is_month:
        label = parsed.label()
        return label[:1].upper() + label[1:]
    return format_month_name(parsed.year, parsed.month)


def _cell(label: str, content: str, *, numeric: bool = False, nowrap: bool = False, long: bool = False,
          colspan: int = 1) -> str:
    """A cell carrying its column name: on a phone each row becomes a card that prints the name beside the value.

    `nowrap` keeps short values on one line on a wide screen; `long` text gets its name above it on a phone.
    """
    names = [name for name, wanted in (("num", numeric), ("nowrap", nowrap), ("long", long)) if wanted]
    classes = f' class="{" ".join(names)}"' if names else ""
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    return f'<td data-label="{_e(label)}"{classes}{span}>{content}</td>'


def _head(columns: tuple[str, ...], numeric: frozenset[str] = frozenset()) -> str:
    num = ' class="num"'
    cells = "".join(f'<th scope="col"{num if c in numeric else ""}>{_e(c)}</th>' for c in columns)
    return f"<thead><tr>{cells}</tr></thead>"


def index_page(centre_name: str, entries: list[PeriodEntry], trends_link: str | None, quality_link: str,
               tiers: dict[str, str] | None = None) -> str:
    """`tiers`: the profile's tiers (key → short name) the figures are shown for, the seed's two by default."""
    tiers = tiers or SEED_TIERS
    columns = index_columns(tiers)
    kind, when, received, on_time, payment, warnings, files = columns
    rows = []
    for entry in sorted(entries, key=lambda e: e.period, reverse=True):
        links = " · ".join(f'<a href="{_e(href)}">{_e(FORMAT_LABELS.get(fmt, fmt))}</a>'
                           for fmt, href in entry.links.items())
        name = _e(period_name(entry.period))
        if "html" in entry.links:
            name = f'<a href="{_e(entry.links["html"])}">{name}</a>'
        if entry.failure:
            rows.append(f'<tr class="failed">{_cell(kind, name, nowrap=True)}'
                        f'{_cell("Kết quả", "Chưa lập được báo cáo: " + _e(entry.failure), long=True, colspan=5)}'
                        f"{_cell(files, links, nowrap=True)}</tr>")
            continue
        ind = entry.indicators
        assert ind is not None  # a period that did not fail has its indicators
        mark = ' <span class="synthetic-tag">minh họa</span>' if entry.synthetic else ""
        rows.append(
            "<tr>"
            + _cell(kind, name + mark, nowrap=True)
            + _cell(when, _e(format_period_prose(ind.start, ind.end)))
            + _cell(received, " / ".join(_e(_count(ind, t, "received_total")) for t in tiers), numeric=True)
            + _cell(on_time, " / ".join(_e(_tier_rate(ind, t, "on_time_rate")) for t in tiers), numeric=True)
            + _cell(payment, _e(_tier_rate(ind, list(tiers)[-1], "online_payment_rate")), numeric=True)
            + _cell(warnings, _e(format_int(entry.warnings)), numeric=True)
            + _cell(files, links, nowrap=True)
            + "</tr>"
        )
    trends = f'<p><a href="{_e(trends_link)}">Báo cáo xu hướng qua các kỳ</a></p>' if trends_link else ""
    body = (
        f"<h1>{_e(centre_name)}</h1>\n<h2>Báo cáo tháng</h2>\n{trends}\n"
        f'<p><a href="{_e(quality_link)}">Cảnh báo về chất lượng số liệu của các kỳ</a></p>\n'
        '<div class="table-scroll"><table class="site-table site-index">\n'
        + _head(columns, frozenset({received, on_time, payment, warnings})) + "\n<tbody>\n"
        + "\n".join(rows) + "\n</tbody></table></div>"
    )
    return page(f"Báo cáo tháng — {centre_name}", body, page_class="site-index-page")


def _tier(indicators: PeriodIndicators, tier: str) -> DeskIndicators | None:
    """The tier of the profile, or the seed's desk of that name; None when the period has no such tier."""
    if tier in indicators.tiers:
        return indicators.tiers[tier]
    return getattr(indicators, tier, None) if tier in SEED_TIERS else None


def _count(indicators: PeriodIndicators, tier: str, key: str) -> str:
    desk = _tier(indicators, tier)
    return format_int(desk.counts[key].value) if desk is not None and key in desk.counts else "–"


def _tier_rate(indicators: PeriodIndicators, tier: str, key: str) -> str:
    desk = _tier(indicators, tier)
    rate = desk.rates.get(key) if desk is not None else None
    return format_percent(rate.value) if rate is not None else "–"


def quality_page(centre_name: str, rows: list[QualityRow]) -> str:
    labels = {"error": "Lỗi", "warning": "Cảnh báo"}
    kind, level, file, sheet, row, column, message = QUALITY_COLUMNS
    body_rows = "\n".join(
        "<tr>" + _cell(kind, _e(period_name(r.period)), nowrap=True)
        + _cell(level, _e(labels.get(r.severity, r.severity)), nowrap=True)
        + _cell(file, _e(r.file), nowrap=True) + _cell(sheet, _e(r.sheet), nowrap=True)
        + _cell(row, _e(r.row), numeric=True) + _cell(column, _e(r.column)) + _cell(message, _e(r.message), long=True)
        + "</tr>"
        for r in rows
    ) or f'<tr>{_cell("Kết quả", "Không có cảnh báo nào.", long=True, colspan=7)}</tr>'
    body = (
        f'<p><a href="index.html">← Danh sách báo cáo</a></p>\n<h1>Chất lượng số liệu</h1>\n'
        f"<p>{_e(centre_name)}: các cảnh báo khi kiểm tra số liệu của từng kỳ (tệp, dòng, cột và nội dung).</p>\n"
        '<div class="table-scroll"><table class="site-table site-quality">\n'
        + _head(QUALITY_COLUMNS, frozenset({row})) + f"\n<tbody>\n{body_rows}\n</tbody></table></div>"
    )
    return page(f"Chất lượng số liệu — {centre_name}", body, page_class="site-quality-page")
