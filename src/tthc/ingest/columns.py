"""Type a raw table's columns as polars expressions over their text, with a mask of the cells that fail.

A clean export has millions of cells that are plain whole numbers, dates or
names: those are typed column by column in polars.  Only the cells the
expressions cannot type for sure (blank where a value is needed, formulas,
Excel errors, fractions, grouped digits, words) go to the per-cell parsers of
`cells`, which give the exact value or the Vietnamese reason.  A cell typed here
has the value the per-cell parser would give it (tests compare the two). A short column
(below POLARS_FROM cells, as in every shipped export) goes to the per-cell parsers whole: there a
polars expression's fixed cost is larger than the work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import polars as pl

from tthc.ingest.cells import MAX_COUNT, Parsed, formula_problem, parse_count, parse_date, parse_rate, text_of
from tthc.ingest.grid import Cell
from tthc.tablespec import Kind

# str.strip()'s characters, so the column's text is exactly text_of's. Unicode puts every White_Space
# character at or below U+3000 (IDEOGRAPHIC SPACE): scanning that far, not all 1,1 million code points,
# saves a tenth of a second on every start of the command (tests compare with the full scan).
WHITESPACE_LIMIT = 0x3000
_PY_WHITESPACE = "".join(chr(c) for c in range(WHITESPACE_LIMIT + 1) if chr(c).isspace())
_INVISIBLE = "[\u200b\u200c\u200d\u2060\ufeff\u00ad]"
COUNT_DIGITS = len(str(MAX_COUNT)) - 1  # at most 9 999 999: always below MAX_COUNT
_RATE = r"^[+-]?[0-9]+(?:[.,][0-9]+)?$"
_DATE = r"^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})"


# Below this many cells a column is read cell by cell: a polars expression costs about a millisecond
# whatever its length, a cell about a microsecond (a shipped export's columns hold a few dozen cells).
POLARS_FROM = 400


@dataclass(frozen=True)
class TypedColumn:
    values: pl.Series
    problems: dict[int, str]  # position in the column → Vietnamese reason; those cells have no value


def column_texts(cells: list[Cell], *, dates_as_text: bool = False) -> tuple[pl.Series, list[int]]:
    """The cells as text_of would read them, and the positions of cells only the per-cell parsers can read.

    Whole numbers become their digits; with `dates_as_text` a date becomes "dd/mm/yyyy", which
    parse_date reads as the same day.  Formulas, Excel errors, booleans and fractions are left out.
    """
    if len(cells) < POLARS_FROM:
        return _texts_one_by_one(cells, dates_as_text)
    fast = _plain_column(cells)
    if fast is not None:
        return fast
    texts: list[str | None] = []
    special: list[int] = []
    append = texts.append
    for index, cell in enumerate(cells):
        if cell is None:
            append(None)
        elif type(cell) is str:
            append(cell)
        elif type(cell) is int:
            append(str(cell))
        elif type(cell) is float and cell.is_integer() and abs(cell) < 1e15:
            append(str(int(cell)))
        elif dates_as_text and (type(cell) is datetime or type(cell) is date):
            append(cell.strftime("%d/%m/%Y"))
        else:
            append(None)
            special.append(index)
    series = pl.Series(texts, dtype=pl.String)
    return clean_text(series), special


def _texts_one_by_one(cells: list[Cell], dates_as_text: bool) -> tuple[pl.Series, list[int]]:
    """column_texts of a short column: text_of of each plain cell, the same cells left out."""
    texts: list[str | None] = []
    special: list[int] = []
    for index, cell in enumerate(cells):
        if cell is None:
            texts.append(None)
        elif type(cell) is str or type(cell) is int or type(cell) is float and cell.is_integer() and abs(cell) < 1e15:
            texts.append(text_of(cell))
        elif dates_as_text and (type(cell) is datetime or type(cell) is date):
            texts.append(cell.strftime("%d/%m/%Y"))
        else:
            texts.append(None)
            special.append(index)
    return pl.Series(texts, dtype=pl.String), special


_NONE = type(None)


def _plain_column(cells: list[Cell]) -> tuple[pl.Series, list[int]] | None:
    """column_texts of a column holding only text, only whole numbers or only floats (with blanks): the
    usual export column, read by polars at once; None for any other mix, which is read cell by cell."""
    kinds = set(map(type, cells))
    kinds.discard(_NONE)
    if not kinds or kinds == {str}:
        return clean_text(pl.Series(cells, dtype=pl.String)), []
    if kinds == {int}:
        try:
            numbers = pl.Series(cells, dtype=pl.Int64)
        except (OverflowError, TypeError):  # beyond 64 bits: the per-cell path writes its digits
            return None
        return numbers.cast(pl.String), []
    if kinds == {float}:
        numbers = pl.Series(cells, dtype=pl.Float64)
        whole = (numbers == numbers.floor()) & (numbers.abs() < 1e15)  # NaN and infinities are not whole
        texts = pl.select(pl.when(whole).then(numbers.cast(pl.Int64, strict=False).cast(pl.String))).to_series()
        special = (numbers.is_not_null() & ~whole.fill_null(False)).arg_true().to_list()
        return texts.alias(""), special
    return None


def clean_text(series: pl.Series) -> pl.Series:
    """NFC, no invisible characters, no surrounding whitespace: text_of for a column."""
    if (series.str.len_bytes() == series.str.len_chars()).all():  # ASCII: NFC and invisible characters change nothing
        return series.str.strip_chars(_PY_WHITESPACE)
    distinct = series.unique()
    if 2 * len(distinct) > len(series):
        return _cleaned(series)
    # a column of a few names repeated (units, statuses): each distinct text normalised once
    return series.replace_strict(distinct, _cleaned(distinct), return_dtype=pl.String)


def _cleaned(series: pl.Series) -> pl.Series:
    return series.str.normalize("NFC").str.replace_all(_INVISIBLE, "").str.strip_chars(_PY_WHITESPACE)


def type_column(kind: Kind, cells: list[Cell], required: bool) -> TypedColumn:
    """A value column typed in polars; cells it cannot type are parsed one by one for value or reason."""
    if len(cells) < POLARS_FROM:
        return _typed_one_by_one(kind, cells, required)
    texts, special = column_texts(cells, dates_as_text=kind is Kind.DATE)
    blank = texts.is_null() | (texts == "")
    if kind is Kind.COUNT:
        typed = _plain_counts(texts)
        unsure = typed.is_null() if required else typed.is_null() & ~blank
        return _settle(typed, unsure, special, cells, lambda c: _count_or_blank(c, required))
    if kind is Kind.RATE:
        bare = texts.str.strip_chars_end("%").str.strip_chars(_PY_WHITESPACE)
        ok = bare.str.contains(_RATE) & (bare.str.len_chars() <= 40)
        typed = pl.Series(
            pl.select(pl.when(ok).then(bare.str.replace(",", ".", literal=True)).cast(pl.Float64, strict=False))
            .to_series(), dtype=pl.Float64)
        return _settle(typed, typed.is_null() & ~blank, special, cells, parse_rate)
    if kind is Kind.DATE:
        parts = texts.str.extract_groups(_DATE).struct.unnest()
        iso = parts.select(pl.format("{}-{}-{}", pl.nth(2), pl.nth(1).str.zfill(2), pl.nth(0).str.zfill(2)))
        typed = iso.to_series().str.to_date("%Y-%m-%d", strict=False)
        return _settle(typed, typed.is_null() & ~blank, special, cells, parse_date)
    typed = pl.Series(pl.select(pl.when(~blank).then(texts)).to_series(), dtype=pl.String)
    unsure = blank if required else pl.Series([False] * len(texts), dtype=pl.Boolean)
    return _settle(typed, unsure, special, cells, lambda c: _text(c, required))


_DTYPES = {Kind.COUNT: pl.Int64, Kind.RATE: pl.Float64, Kind.DATE: pl.Date}


def _typed_one_by_one(kind: Kind, cells: list[Cell], required: bool) -> TypedColumn:
    """A short column typed by the per-cell parsers themselves (quicker than polars below POLARS_FROM cells)."""
    parse: Callable[[Cell], Parsed] = {
        Kind.COUNT: lambda c: _count_or_blank(c, required), Kind.RATE: parse_rate, Kind.DATE: parse_date,
    }.get(kind, lambda c: _text(c, required))
    parsed = [parse(cell) for cell in cells]
    problems = {index: p.problem for index, p in enumerate(parsed) if p.problem}
    return TypedColumn(pl.Series([p.value for p in parsed], dtype=_DTYPES.get(kind, pl.String)), problems)


def _plain_counts(texts: pl.Series) -> pl.Series:
    """The texts of one to COUNT_DIGITS ASCII digits as their number, any other text null.

    polars' integer parse takes exactly an optional sign and ASCII digits, so refusing a sign and a
    longer text leaves the digit strings, read five times quicker than by a regular expression."""
    digits = (texts.str.len_bytes() <= COUNT_DIGITS) & ~texts.str.starts_with("+") & ~texts.str.starts_with("-")
    return pl.select(pl.when(digits).then(texts.str.to_integer(strict=False))).to_series().cast(pl.Int64)


def _count_or_blank(cell: Cell, required: bool) -> Parsed:
    parsed = parse_count(cell)
    if parsed.value is None and not required and not text_of(cell):
        return Parsed(None)
    return parsed


def _text(cell: Cell, required: bool) -> Parsed:
    unusable = formula_problem(cell)
    if unusable:
        return Parsed(None, unusable)
    text = text_of(cell)
    if required and not text:
        return Parsed(None, "ô trống, cần nội dung")
    return Parsed(text or None)


def _settle(typed: pl.Series, unsure: pl.Series, special: list[int], cells: list[Cell],
            parse: Callable[[Cell], Parsed]) -> TypedColumn:
    """Parse the unsure and special cells one by one; their value replaces the column's, their reason is kept."""
    positions = sorted(set(unsure.arg_true().to_list()) | set(special))
    if not positions:
        return TypedColumn(typed, {})
    values = typed.to_list()
    problems: dict[int, str] = {}
    for index in positions:
        parsed = parse(cells[index])
        values[index] = parsed.value
        if parsed.problem:
            problems[index] = parsed.problem
    return TypedColumn(pl.Series(typed.name, values, dtype=typed.dtype), problems)
