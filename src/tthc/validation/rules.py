"""Cross-cell checks on the tidy tables: identities, totals, duplicates, rates and periods.

The identities, stated rates and stated totals a table must satisfy are data of its
spec (tthc.sources). Each rule only reports; none changes a figure. Severity follows what the
report can bear: a broken sub-total is an error, a difference that a legitimate
export can show (carried-over dossiers, a direct-payment split) is a warning.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from decimal import Decimal

import polars as pl

from tthc.findings import Finding, Location, Severity, error, warning
from tthc.formatting.numbers import format_decimal, format_percent, percentage
from tthc.ingest.grid import collector_paused
from tthc.ingest.tidy import TidyTable
from tthc.tablespec import Identity
from tthc.text import normalise, shorten

_DATE = r"(\d{1,2})/(\d{1,2})/(\d{4})"
# "Từ ngày 24/08/2024 Đến ngày 23/09/2024", "(Từ ngày 24/08/2024-23/09/2024)", "24/08/2024 - 23/09/2024"
_RANGE = re.compile(_DATE + r"\s*(?:-|–|—|đến ngày|đến)\s*" + _DATE)


def check_identities(table: TidyTable) -> list[Finding]:
    findings = []
    present = set(table.raw.columns)
    for identity in table.raw.source.identities:
        if identity.left not in present or not set(identity.right) <= present:
            continue
        right = pl.sum_horizontal(identity.right)
        left = pl.col(identity.left)
        if identity.left == "received" and "carried_over" in present and identity.severity is Severity.WARNING:
            left = left + pl.col("carried_over").fill_null(0)
        broken = left > right if identity.at_most else left != right
        for row in table.frame.filter(broken).iter_rows(named=True):
            findings.append(_identity_finding(table, identity, row))
    return findings


def _identity_finding(table: TidyTable, identity: Identity, row: dict) -> Finding:
    spec = table.raw.source
    left_label = spec.column(identity.left).label
    parts = " + ".join(f"{spec.column(n).label} ({row[n]})" for n in identity.right)
    total = sum(row[n] for n in identity.right)
    relation = "lớn hơn" if identity.at_most else "khác"
    message = f"{shorten(row['unit_name'])}: {left_label} ({row[identity.left]}) {relation} {parts}"
    if len(identity.right) > 1:
        message += f" = {total}"
    if identity.note:
        message += f"; {identity.note}"
    make = error if identity.severity is Severity.ERROR else warning
    values = {identity.left: row[identity.left], **{n: row[n] for n in identity.right}}
    return make(identity.code, message, table.raw.location(row["row"], identity.left), **values)


def check_rates(table: TidyTable) -> list[Finding]:
    findings = []
    for rate, num, den in table.raw.source.rates:
        if rate not in table.raw.columns:
            continue
        for row in table.frame.iter_rows(named=True):
            stated = row[rate]
            if stated is None:
                continue
            expected = percentage(row[num], row[den])
            stated_dec = Decimal(str(round(stated, 2)))
            if not rate_agrees(stated, expected):
                label = table.raw.source.column(rate).label
                findings.append(warning(
                    "rate_mismatch",
                    f"{shorten(row['unit_name'])}: {label} ghi {format_decimal(stated_dec, 2)} nhưng "
                    f"{row[num]}/{row[den]} = {format_percent(expected)}",
                    table.raw.location(row["row"], rate), stated=stated_dec, computed=expected,
                ))
    return findings


RATE_TOLERANCE = Decimal("0.01")


def rate_agrees(stated: float, expected: Decimal | None) -> bool:
    """Whether an exported rate (a float, perhaps already rounded by the exporting system) matches
    the exact rate of its counts: within one unit of the second decimal; an undefined rate must be 0."""
    stated_dec = Decimal(str(round(stated, 2)))
    if expected is None:
        return stated_dec == 0
    return abs(stated_dec - expected) <= RATE_TOLERANCE


def check_total_row(table: TidyTable) -> list[Finding]:
    if table.total is None:
        return []
    differences = []
    for name, stated in table.total.items():
        if stated is None or name not in table.frame.columns:
            continue
        summed = int(table.frame[name].fill_null(0).sum())
        if summed != stated:
            differences.append((name, stated, summed))
    if differences and table.dropped:
        return [_knock_on_totals(table, differences)]
    findings = []
    assert table.raw.total is not None  # table.total was parsed from it
    for name, stated, summed in differences:
        label = table.raw.source.column(name).label
        findings.append(warning(
            "total_mismatch",
            f"dòng tổng ghi {label} = {stated} nhưng cộng các đơn vị được {summed}; báo cáo dùng tổng cộng từ các dòng",
            table.raw.location(table.raw.total.row, name), stated=stated, summed=summed,
        ))
    return findings


KNOCK_ON_SHOWN = 2  # columns and rows named in the one knock-on finding; the rest are counted


def _knock_on_totals(table: TidyTable, differences: list[tuple[str, int, int]]) -> Finding:
    """Differences of the total row caused by rows left out for an error: one finding that says so."""
    rows = ", ".join(str(r) for r in table.dropped[:KNOCK_ON_SHOWN])
    if len(table.dropped) > KNOCK_ON_SHOWN:
        rows += f" và {len(table.dropped) - KNOCK_ON_SHOWN} dòng khác"
    columns = "; ".join(f"{table.raw.source.column(name).label}: ghi {stated}, cộng được {summed}"
                        for name, stated, summed in differences[:KNOCK_ON_SHOWN])
    if len(differences) > KNOCK_ON_SHOWN:
        columns += f"; và {len(differences) - KNOCK_ON_SHOWN} cột khác"
    assert table.raw.total is not None  # table.total was parsed from it
    return warning(
        "total_mismatch_after_error",
        f"dòng tổng khác cộng các đơn vị ở {len(differences)} cột ({columns}) vì dòng {rows} bị loại do lỗi nêu "
        "ở dòng đó; sửa lỗi đó rồi kiểm tra lại dòng tổng",
        table.raw.location(table.raw.total.row), rows=rows, columns=len(differences))


PROVENANCE_COLUMNS = ("file", "sheet", "row", "unit_name", "group")


@collector_paused
def check_repeated_tables(tables: list[TidyTable]) -> tuple[list[Finding], set[int]]:
    """Two tables of one kind for the same units (an export saved twice, two versions of it): one error
    per repeat, at its cause, instead of one duplicate-unit error per row; the repeats' indexes."""
    findings: list[Finding] = []
    repeats: set[int] = set()
    for j, later in enumerate(tables):
        if later.raw.source.is_list or not later.frame.height:  # a list's items are not one row per unit
            continue
        units = set(later.frame["unit_id"].to_list())
        for i, first in enumerate(tables[:j]):
            if i in repeats or first.source != later.source or set(first.frame["unit_id"].to_list()) != units:
                continue
            same = _figures(first).equals(_figures(later))
            where = f"tệp {first.raw.file}" + (f", trang tính {first.raw.sheet}" if first.raw.sheet else "")
            detail = "cùng số liệu" if same else "nhưng số liệu khác nhau (hai bản của cùng một kết xuất?)"
            findings.append(error(
                "repeated_table",
                f"bảng {later.raw.source.title} này trùng với bảng ở {where}: cùng {len(units)} đơn vị, {detail}; "
                "chỉ giữ một tệp cho mỗi bảng trong thư mục của kỳ",
                later.raw.location(), first=first.raw.file, same_figures=same))
            repeats.add(j)
            break
    return findings, repeats


def _figures(table: TidyTable) -> pl.DataFrame:
    return table.frame.drop([c for c in PROVENANCE_COLUMNS if c in table.frame.columns]).sort("unit_id")


def check_duplicates(tables: Iterable[TidyTable]) -> list[Finding]:
    """Every row whose unit came before in a table of the same source, pointing to where it came first.

    The repeats are found in one polars pass over all the tables (an export of 100 000 rows that are all
    repeats is checked in a fraction of a second); Python only words the findings of the repeated rows.
    """
    keyed = [t for t in tables if t.raw.source.identity == ("unit",)]  # a list's items are not identified by unit
    frames = [t.frame.select("unit_id", "unit_name", "row").with_columns(
        pl.lit(t.source).alias("_source"), pl.lit(i, pl.Int64).alias("_table")) for i, t in enumerate(keyed)
        if t.frame.height]
    if not frames:
        return []
    key = ["_source", "unit_id"]
    repeats = (pl.concat(frames, how="vertical_relaxed")
               .with_columns(pl.col("_table").first().over(key).alias("_first_table"),
                             pl.col("row").first().over(key).alias("_first_row"),
                             (pl.int_range(pl.len()).over(key) > 0).alias("_repeat"))
               .filter(pl.col("_repeat")))
    findings = []
    places: dict[int, tuple[str, str | None, str]] = {}  # file, sheet, unit column ("B (Tên đơn vị)"), per table
    starts: dict[tuple[int, int, str], str] = {}  # the message up to the first row, per unit and pair of tables
    selected = repeats.select("_table", "unit_id", "unit_name", "row", "_first_table", "_first_row")
    for index, unit_id, unit_name, row, first_index, first_row in zip(*(s.to_list() for s in selected.iter_columns()),
                                                                      strict=True):
        place = places.get(index)
        if place is None:
            raw = keyed[index].raw
            place = places[index] = (raw.file, raw.sheet, raw.column_ref("unit"))
        start = starts.get((index, first_index, unit_name))
        if start is None:
            start = starts[index, first_index, unit_name] = (
                f"đơn vị '{shorten(unit_name)}' xuất hiện hai lần trong số liệu {keyed[index].raw.source.title} "
                f"(lần đầu: tệp {keyed[first_index].raw.file}, dòng ")
        # one finding a repeated row (error() with its arguments spelled out: 100 000 repeats are usual)
        findings.append(Finding(Severity.ERROR, "duplicate_unit", f"{start}{first_row})",
                                Location(place[0], place[1], row, place[2]), {"unit": unit_id}))
    return findings


def stated_period(title_lines: list[str]) -> tuple[date, date] | None:
    """The first date range of the title block ("từ ngày … đến ngày …"); lone dates are not periods."""
    for line in title_lines:
        for d1, m1, y1, d2, m2, y2 in _RANGE.findall(normalise(line)):
            try:
                return date(int(y1), int(m1), int(d1)), date(int(y2), int(m2), int(d2))
            except ValueError:
                continue
    return None


def check_period(table: TidyTable, start: date, end: date) -> list[Finding]:
    stated = stated_period(table.raw.title_lines)
    if stated is None or stated == (start, end):
        return []
    shown = f"{stated[0]:%d/%m/%Y}–{stated[1]:%d/%m/%Y}"
    return [error(
        "other_period",
        f"tệp ghi kỳ số liệu {shown}, khác kỳ báo cáo {start:%d/%m/%Y}–{end:%d/%m/%Y}; "
        "có thể tệp của kỳ khác bị đặt nhầm thư mục",
        table.raw.location(), stated=shown,
    )]


def stated_totals(title_lines: list[str], labels: Mapping[str, str]) -> dict[str, int]:
    """The totals a title block states ("Tổng số PAKN: 12; Đã xử lý: 10"), by the spec's labels."""
    text = normalise(" ".join(title_lines))
    totals = {}
    for key, label in labels.items():
        match = re.search(re.escape(normalise(label)) + r"\s*:?\s*(\d+)", text)
        if match:
            totals[key] = int(match.group(1))
    return totals


def check_feedback_totals(table: TidyTable) -> list[Finding]:
    """A list's stated totals against its rows: "total" is the row count, any other the rows of that status."""
    labels = dict(table.raw.source.stated_totals)
    stated = stated_totals(table.raw.title_lines, labels)
    if not stated:
        return []
    counted = {"total": table.frame.height}
    for status in labels:
        if status != "total":
            counted[status] = table.frame.filter(pl.col("status") == status).height
    differences = [(k, stated[k], counted[k]) for k in stated if stated[k] != counted[k]]
    if not differences:
        return []
    detail = "; ".join(f"{labels[k]}: ghi {s}, danh sách có {c}" for k, s, c in differences)
    return [warning(
        "feedback_total_mismatch",
        f"số phản ánh kiến nghị ghi ở đầu bảng khác số dòng trong danh sách ({detail})",
        table.raw.location(), **{f"{k}_stated": s for k, s, _ in differences},
        **{f"{k}_listed": c for k, _, c in differences},
    )]


TABLE_RULES: tuple[Callable[[TidyTable], list[Finding]], ...] = (
    check_identities, check_rates, check_total_row,
)


@collector_paused
def check_tables(tables: list[TidyTable], start: date, end: date) -> list[Finding]:
    """Every rule on tables already freed of repeats (check_repeated_tables, run first by the pipeline)."""
    findings: list[Finding] = []
    for table in tables:
        for rule in TABLE_RULES:
            findings.extend(rule(table))
        findings.extend(check_period(table, start, end))
        if table.raw.source.stated_totals:
            findings.extend(check_feedback_totals(table))
    findings.extend(check_duplicates(tables))
    return findings
