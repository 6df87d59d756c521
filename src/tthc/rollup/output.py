"""The roll-up's three files: an HTML page (the site's style), the ranking table as xlsx, the figures as JSON."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from tthc.formatting.numbers import format_int, format_percent
from tthc.rollup.figures import NO_VALID_DATA, CentreResult, RateFigure, Rollup, TierFigures
from tthc.site.pages import page, period_name

# the one-stop units' counts, the base of the rates beside them (tthc.indicators leaves the others out)
COUNT_COLUMNS = (("received_one_stop", "Hồ sơ tiếp nhận"), ("received_online", "Tiếp nhận trực tuyến"),
                 ("resolved", "Đã giải quyết"), ("resolved_in_time", "Giải quyết trước hạn, đúng hạn"),
                 ("resolved_late", "Giải quyết trễ hạn"), ("pending", "Đang giải quyết"))
SHEET = "Xếp hạng"
TIER_COUNT = "received_one_stop"  # each tier's column: its part of "Hồ sơ tiếp nhận"


@dataclass(frozen=True)
class RollupFiles:
    html: Path
    xlsx: Path
    json: Path


def write_rollup(rollup: Rollup, out: Path) -> RollupFiles:
    out.mkdir(parents=True, exist_ok=True)
    stem = f"tong-hop-{rollup.period}"
    files = RollupFiles(out / f"{stem}.html", out / f"{stem}.xlsx", out / f"{stem}.json")
    files.html.write_text(rollup_html(rollup), encoding="utf-8")
    rollup_workbook(rollup).save(files.xlsx)
    files.json.write_text(json.dumps(rollup_record(rollup), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return files


def _count(counts: dict[str, int], key: str) -> int:
    if key == "resolved_in_time":
        return counts.get("resolved_early", 0) + counts.get("resolved_on_time", 0)
    return counts.get(key, 0)


def tier_columns(rollup: Rollup) -> list[tuple[str, str]]:
    """(tier key, column label) of every tier of the centres: the configuration's label, else the tier's name."""
    labels = rollup.config.tier_labels
    return [(key, labels.get(key) or f"Hồ sơ tiếp nhận: {tier.name}") for key, tier in rollup.tiers.items()]


def _tier_count(tiers: dict[str, TierFigures], key: str) -> int:
    tier = tiers.get(key)
    return tier.counts.get(TIER_COUNT, 0) if tier is not None else 0


def _rate_label(rollup: Rollup, key: str) -> str:
    rate = rollup.rates.get(key)
    return rate.label if rate is not None else key


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _td(label: str, content: str, numeric: bool = False, colspan: int = 1, long: bool = False) -> str:
    """`long`: on a phone's card the text goes under its label, not squeezed beside it."""
    cls = ' class="num"' if numeric else ' class="long"' if long else ""
    span = f' colspan="{colspan}"' if colspan > 1 else ""
    return f'<td data-label="{_e(label)}"{cls}{span}>{_e(content)}</td>'


def _rank_text(rank: int | None) -> str:
    return str(rank) if rank is not None else "–"


def rollup_html(rollup: Rollup) -> str:
    ranking = rollup.config.ranking
    tiers = tier_columns(rollup)
    headers = ["Hạng", "Trung tâm", *(label for _, label in COUNT_COLUMNS), *(label for _, label in tiers)]
    for key in ranking:
        headers += [_rate_label(rollup, key), f"Hạng theo {_rate_label(rollup, key).lower()}"]
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
    rows = []
    primary = ranking[0] if ranking else None
    for c in rollup.centres:
        if not c.valid:
            rows.append("<tr class=\"failed\">" + _td("Hạng", "–") + _td("Trung tâm", c.name, long=True)
                        + _td("Kết quả", f"{NO_VALID_DATA}: {c.reason}", colspan=len(headers) - 2) + "</tr>")
            continue
        cells = [_td("Hạng", _rank_text(c.ranks.get(primary) if primary else None), True),
                 _td("Trung tâm", c.name, long=True)]
        cells += [_td(label, format_int(_count(c.counts, key)), True) for key, label in COUNT_COLUMNS]
        cells += [_td(label, format_int(_tier_count(c.tiers, key)), True) for key, label in tiers]
        for key in ranking:
            rate = c.rates.get(key)
            cells.append(_td(_rate_label(rollup, key), format_percent(rate.value if rate else None), True))
            cells.append(_td("Hạng", _rank_text(c.ranks.get(key)), True))
        rows.append("<tr>" + "".join(cells) + "</tr>")
    total = [_td("Hạng", ""), _td("Trung tâm", "Tổng cộng")]
    total += [_td(label, format_int(_count(rollup.counts, key)), True) for key, label in COUNT_COLUMNS]
    total += [_td(label, format_int(_tier_count(rollup.tiers, key)), True) for key, label in tiers]
    for key in ranking:
        rate = rollup.rates.get(key)
        total += [_td(_rate_label(rollup, key), format_percent(rate.value if rate else None), True), _td("Hạng", "")]
    rows.append('<tr class="total">' + "".join(total) + "</tr>")
    notes = "".join(f"<p class=\"note\">{_e(n)}</p>\n" for n in rollup.notes)
    notes += "<p>Cách tính: " + "; ".join(f"{_e(r.label)}: {_e(r.statement)}" for k, r in rollup.rates.items()
                                         if k in ranking and r.statement) + ".</p>\n"
    valid = sum(c.valid for c in rollup.centres)
    title = f"{rollup.config.title} — {period_name(str(rollup.period))}"
    body = (f"<p>{_e(rollup.config.province_body)}<br>{_e(rollup.config.issuing_body)}</p>\n<h1>{_e(title)}</h1>\n"
            f"<p>Tổng hợp từ {valid}/{len(rollup.centres)} trung tâm. Các tỷ lệ của tổng cộng tính từ tổng tử số và "
            "tổng mẫu số của các trung tâm, không lấy trung bình các tỷ lệ.</p>\n" + notes
            + '<div class="table-scroll"><table class="site-table rollup">\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody></table></div>")
    return page(title, body, page_class="rollup-page")


def rollup_workbook(rollup: Rollup) -> Workbook:
    """The ranking table: one row per centre, the total row; rates in percent as numbers with two decimals."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    ranking = rollup.config.ranking
    tiers = tier_columns(rollup)
    headers = ["Hạng", "Trung tâm", *(label for _, label in COUNT_COLUMNS), *(label for _, label in tiers)]
    for key in ranking:
        headers += [f"{_rate_label(rollup, key)} (%)", f"Hạng theo {_rate_label(rollup, key).lower()}"]
    headers.append("Ghi chú")
    sheet.append([f"{rollup.config.title} — {period_name(str(rollup.period))}"])
    sheet.append([rollup.config.province_body])
    sheet.append(headers)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    primary = ranking[0] if ranking else None
    for c in rollup.centres:
        if not c.valid:
            sheet.append([None, c.name, *([None] * (len(headers) - 3)), f"{NO_VALID_DATA}: {c.reason}"])
            continue
        row: list[object] = [c.ranks.get(primary) if primary else None, c.name,
                             *(_count(c.counts, k) for k, _ in COUNT_COLUMNS),
                             *(_tier_count(c.tiers, k) for k, _ in tiers)]
        for key in ranking:
            row += [_number(c.rates.get(key)), c.ranks.get(key)]
        sheet.append([*row, None])
    total: list[object] = [None, "Tổng cộng", *(_count(rollup.counts, k) for k, _ in COUNT_COLUMNS),
                           *(_tier_count(rollup.tiers, k) for k, _ in tiers)]
    for key in ranking:
        total += [_number(rollup.rates.get(key)), None]
    sheet.append([*total, " ".join(rollup.notes) or None])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for offset, _ in enumerate(ranking):
        column = 3 + len(COUNT_COLUMNS) + len(tiers) + 2 * offset
        for (cell,) in sheet.iter_rows(min_row=4, min_col=column, max_col=column):
            cell.number_format = "0.00"
    sheet.column_dimensions["B"].width = 48
    return book


def _number(rate: RateFigure | None) -> float | None:
    return float(rate.value) if rate is not None and rate.value is not None else None


def _rate_record(rate: RateFigure) -> dict[str, object]:
    return {"label": rate.label, "numerator": rate.numerator, "denominator": rate.denominator,
            "value": _decimal(rate.value), "display": format_percent(rate.value)}


def _decimal(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def _tier_record(tier: TierFigures) -> dict[str, object]:
    return {"name": tier.name, "counts": tier.counts, "rates": {k: _rate_record(r) for k, r in tier.rates.items()}}


def _centre_record(c: CentreResult) -> dict[str, object]:
    if not c.valid:
        return {"name": c.name, "folder": c.folder, "status": NO_VALID_DATA, "reason": c.reason}
    return {"name": c.name, "folder": c.folder, "status": "hợp lệ", "store_reused": c.reused_store,
            "counts": c.counts, "rates": {k: _rate_record(r) for k, r in c.rates.items()},
            "tiers": {k: _tier_record(t) for k, t in c.tiers.items()}, "ranks": c.ranks}


def rollup_record(rollup: Rollup) -> dict[str, object]:
    return {"period": str(rollup.period), "province_body": rollup.config.province_body,
            "issuing_body": rollup.config.issuing_body, "title": rollup.config.title,
            "ranking": list(rollup.config.ranking),
            "total": {"counts": rollup.counts, "rates": {k: _rate_record(r) for k, r in rollup.rates.items()},
                      "tiers": {k: _tier_record(t) for k, t in rollup.tiers.items()},
                      "centres": sum(c.valid for c in rollup.centres),
                      "left_out": [c.name for c in rollup.left_out]},
            "notes": list(rollup.notes), "centres": [_centre_record(c) for c in rollup.centres]}
