"""Dates as written in Vietnamese administrative documents.

Figures use day/month/year with "/" and no zero padding in prose
("24/8/2024"); tables and annex headings pad to two digits ("24/08/2024").
The place-and-date line of a document follows Nghị định 30/2020/NĐ-CP
(Phụ lục I): days below 10 and the months 1 and 2 get a leading zero, other
months do not ("ngày 05 tháng 01", "ngày 03 tháng 12").
"""

from __future__ import annotations

from datetime import date

__all__ = [
    "format_date",
    "format_month",
    "format_month_name",
    "format_period_annex",
    "format_period_prose",
    "format_place_date",
]


def format_date(d: date, *, padded: bool = False) -> str:
    """Write d/m/yyyy; `padded` gives the fixed-width dd/mm/yyyy used in tables."""
    if padded:
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    return f"{d.day}/{d.month}/{d.year}"


def format_place_date(place: str, d: date) -> str:
    """Write the "<place>, ngày … tháng … năm …" line that dates a document."""
    day = f"{d.day:02d}"
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"{place}, ngày {day} tháng {month} năm {d.year}"


def format_period_prose(start: date, end: date) -> str:
    """Write a reporting period for running text."""
    _check_period(start, end)
    return f"Từ ngày {format_date(start)} - {format_date(end)}"


def format_period_annex(start: date, end: date) -> str:
    """Write a reporting period for the bracketed subtitle of an annex table."""
    _check_period(start, end)
    return (
        f"(Từ ngày {format_date(start, padded=True)}-{format_date(end, padded=True)})"
    )


def format_month(year: int, month: int) -> str:
    """Write a reporting month as mm/yyyy."""
    if not 1 <= month <= 12:
        raise ValueError(f"month must be in 1..12, got {month}")
    return f"{month:02d}/{year}"


def format_month_name(year: int, month: int) -> str:
    """Name a reporting month for lists and links: "Tháng 09/2024", as the report's own title writes it."""
    return f"Tháng {format_month(year, month)}"


def _check_period(start: date, end: date) -> None:
    """Reject reversed periods: they signal swapped arguments, not a real period."""
    if end < start:
        raise ValueError(f"period ends ({end}) before it starts ({start})")
