"""Typing a column in polars gives each cell exactly what the per-cell parser gives it: value or reason."""

from __future__ import annotations

from datetime import date, datetime
from unittest.mock import patch

from hypothesis import given, settings
from hypothesis import strategies as st

from tthc.ingest import columns
from tthc.ingest.cells import Parsed, formula_problem, parse_count, parse_date, parse_rate, text_of
from tthc.ingest.columns import column_texts, type_column
from tthc.ingest.grid import ErrorCell, FormulaCell
from tthc.sources import Kind

TEXTS = st.sampled_from([
    "", " ", "12", " 7 ", "+5", "-3", "0012", "1.234", "1 234", "12,5", "99,65%", " 99.5 % ", "9999999",
    "10000000", "12345678901234567890", "abc", "=SUM(A1:A3)", "03/09/2024", "3/9/2024 10:15", "31/02/2024",
    "2024-09-03", "Xã\u200b Lai Hạ", "Xa\u0303 Lai Ha\u0323", "\u00a012\u00a0", "１２", "\x1c5\x1f", "12\u200b",
])
CELLS = st.one_of(
    st.none(), TEXTS, st.text(max_size=6), st.integers(-5, 10**8), st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([4.0, 4.5, 1e16, -0.0]),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 12, 31)),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 12, 31)),
    st.sampled_from([FormulaCell("=A1+B1"), ErrorCell("#DIV/0!")]),
)


def per_cell(kind: Kind, cell, required: bool) -> Parsed:
    """The per-cell rule each kind follows (as the tidy step applied it cell by cell)."""
    if kind is Kind.COUNT:
        parsed = parse_count(cell)
        return Parsed(None) if parsed.value is None and not required and not text_of(cell) else parsed
    if kind is Kind.RATE:
        return parse_rate(cell)
    if kind is Kind.DATE:
        return parse_date(cell)
    unusable = formula_problem(cell)
    if unusable:
        return Parsed(None, unusable)
    text = text_of(cell)
    return Parsed(None, "ô trống, cần nội dung") if required and not text else Parsed(text or None)


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from([Kind.COUNT, Kind.RATE, Kind.DATE, Kind.TEXT]), required=st.booleans(),
       cells=st.lists(CELLS, min_size=1, max_size=25))
def test_a_column_typed_in_polars_matches_the_cell_by_cell_parse(kind, required, cells):
    typed = type_column(kind, cells, required)
    expected = [per_cell(kind, cell, required) for cell in cells]
    assert typed.values.to_list() == [p.value for p in expected]
    assert typed.problems == {i: p.problem for i, p in enumerate(expected) if p.problem}


@settings(max_examples=200, deadline=None)
@given(cells=st.lists(CELLS, min_size=1, max_size=25))
def test_column_text_is_text_of_for_every_plain_cell(cells):
    texts, special = column_texts(cells)
    for index, (cell, text) in enumerate(zip(cells, texts.to_list())):
        if index not in special:
            assert (text or "") == text_of(cell)


def test_seed_figures_are_typed_without_the_per_cell_parser():
    """The counts of Phụ lục 1 as the export writes them: digits, numbers and a blank optional cell."""
    typed = type_column(Kind.COUNT, ["684", 400, 284.0, None], required=False)
    assert typed.values.to_list() == [684, 400, 284, None]
    assert typed.problems == {}


def test_the_whitespace_stripped_is_every_character_python_strips():
    import sys

    from tthc.ingest import columns

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    assert columns._PY_WHITESPACE == every


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from([Kind.COUNT, Kind.RATE, Kind.DATE, Kind.TEXT]), required=st.booleans(),
       cells=st.one_of(
           st.lists(CELLS, min_size=1, max_size=25),
           st.lists(st.one_of(st.none(), TEXTS, st.text(max_size=6)), min_size=1, max_size=25),
           st.lists(st.one_of(st.none(), st.integers(-10**20, 10**20)), min_size=1, max_size=25),
           st.lists(st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True),
                              st.sampled_from([4.0, 4.5, 1e15, 1e16, -0.0, 999999999999999.0])),
                    min_size=1, max_size=25),
           st.lists(st.sampled_from([None, "  ", "", "12"]), min_size=1, max_size=5),
           st.lists(st.one_of(st.none(), TEXTS), min_size=1, max_size=40)))  # repeated texts, normalised once
def test_long_and_short_columns_match_the_cell_by_cell_parse(kind, required, cells):
    """A long column is typed by polars (text only, whole numbers only or floats only read at once), a short one
    cell by cell: both give every cell the per-cell parser's value or reason."""
    expected = [per_cell(kind, cell, required) for cell in cells]
    for polars_from in (0, columns.POLARS_FROM):  # 0: polars whatever the length
        with patch.object(columns, "POLARS_FROM", polars_from):
            typed = type_column(kind, cells, required)
            texts, special = column_texts(cells)
        assert typed.values.to_list() == [p.value for p in expected]
        assert typed.problems == {i: p.problem for i, p in enumerate(expected) if p.problem}
        for index, (cell, text) in enumerate(zip(cells, texts.to_list())):
            if index not in special:
                assert (text or "") == text_of(cell)
