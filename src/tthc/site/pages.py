"""The site's own pages: the index of periods and the data-quality page, as self-contained HTML.

Every text that comes from data is HTML-escaped; links are relative so the site
works opened from disk or from any static web server.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from tthc.formatting.dates import format_period_prose
from tthc.formatting.numbers import format_int, format_percent
from tthc.indicators import PeriodIndicators
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


def page(title: str, body: str) -> str:
    return (
        "<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{_e(CONTENT_SECURITY_POLICY)}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>\n{report_css()}\n</style>\n</head>\n"
        f"<body>\n<main class=\"site-page\">\n{body}\n</main>\n</body>\n</html>\n"
    )


FORMAT_LABELS = {"html": "Trang web", "docx": "Word", "ipynb": "Sổ tính"}


def index_page(centre_name: str, entries: list[PeriodEntry], trends_link: str | None, quality_link: str) -> str:
    rows = []
    for entry in sorted(entries, key=lambda e: e.period, reverse=True):
        links = " · ".join(f'<a href="{_e(href)}">{_e(FORMAT_LABELS.get(fmt, fmt))}</a>'
                           for fmt, href in entry.links.items())
        if entry.failure:
            rows.append(f'<tr class="failed"><td>{_e(entry.period)}</td><td colspan="5">Chưa lập được báo cáo: '
                        f"{_e(entry.failure)}</td><td>{links}</td></tr>")
            continue
        ind = entry.indicators
        mark = ' <span class="synthetic-tag">minh họa</span>' if entry.synthetic else ""
        rows.append(
            "<tr>"
            f"<td>{_e(entry.period)}{mark}</td>"
            f"<td>{_e(format_period_prose(ind.start, ind.end))}</td>"
            f'<td class="num">{_e(format_int(ind.centre.counts["received_total"].value))} / '
            f'{_e(format_int(ind.communes.counts["received_total"].value))}</td>'
            f'<td class="num">{_e(format_percent(ind.centre.rates["on_time_rate"].value))} / '
            f'{_e(format_percent(ind.communes.rates["on_time_rate"].value))}</td>'
            f'<td class="num">{_e(_rate(ind, "online_payment_rate"))}</td>'
            f'<td class="num">{entry.warnings}</td>'
            f"<td>{links}</td></tr>"
        )
    trends = f'<p><a href="{_e(trends_link)}">Báo cáo xu hướng qua các kỳ</a></p>' if trends_link else ""
    body = (
        f"<h1>{_e(centre_name)}</h1>\n<h2>Báo cáo tháng</h2>\n{trends}\n"
        f'<p><a href="{_e(quality_link)}">Cảnh báo về chất lượng số liệu của các kỳ</a></p>\n'
        '<div class="table-scroll"><table class="site-index">\n<thead><tr><th>Kỳ</th><th>Thời gian</th>'
        "<th>Hồ sơ tiếp nhận (Trung tâm / xã)</th><th>Sớm và đúng hạn (Trung tâm / xã)</th>"
        "<th>Thanh toán trực tuyến của xã</th><th>Cảnh báo</th><th>Tệp</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows) + "\n</tbody></table></div>"
    )
    return page(f"Báo cáo tháng — {centre_name}", body)


def _rate(indicators: PeriodIndicators, key: str) -> str:
    rate = indicators.communes.rates.get(key)
    return format_percent(rate.value) if rate is not None else "–"


def quality_page(centre_name: str, rows: list[QualityRow]) -> str:
    labels = {"error": "Lỗi", "warning": "Cảnh báo"}
    body_rows = "\n".join(
        f"<tr><td>{_e(r.period)}</td><td>{_e(labels.get(r.severity, r.severity))}</td><td>{_e(r.file)}</td>"
        f"<td>{_e(r.sheet)}</td><td>{_e(r.row)}</td><td>{_e(r.column)}</td><td>{_e(r.message)}</td></tr>"
        for r in rows
    ) or '<tr><td colspan="7">Không có cảnh báo nào.</td></tr>'
    body = (
        f'<p><a href="index.html">← Danh sách báo cáo</a></p>\n<h1>Chất lượng số liệu</h1>\n'
        f"<p>{_e(centre_name)}: các cảnh báo khi kiểm tra số liệu của từng kỳ (tệp, dòng, cột và nội dung).</p>\n"
        '<div class="table-scroll"><table class="site-quality">\n<thead><tr><th>Kỳ</th><th>Mức</th><th>Tệp</th>'
        "<th>Trang tính</th><th>Dòng</th><th>Cột</th><th>Nội dung</th></tr></thead>\n<tbody>\n"
        f"{body_rows}\n</tbody></table></div>"
    )
    return page(f"Chất lượng số liệu — {centre_name}", body)
