"""Exact rates and Vietnamese number formatting.

Rates are computed from integer counts with exact rational arithmetic and
rounded HALF-UP, because reports are checked by hand against the counts and
binary floats (or Python's banker's rounding) would disagree in the last
digit, e.g. 778/1170 = 66.4957… must print as 66,50 and never 66,49.

Display follows Vietnamese conventions: "." groups thousands, "," separates
decimals, "-" (ASCII hyphen-minus) marks negatives.  Babel's ``vi`` locale
does the grouping, but its output is normalised and validated because CLDR
data can change between Babel releases (other locales already use U+00A0,
U+202F, U+2212 or bidi marks).  Babel also rounds HALF-EVEN, so values are
always rounded HALF-UP here before Babel sees them.
"""

from __future__ import annotations

import math
import operator
import re
from decimal import Decimal
from fractions import Fraction
from functools import cache

from babel import numbers as babel_numbers

__all__ = [
    "format_decimal",
    "format_int",
    "format_percent",
    "format_points",
    "pad_count",
    "percentage",
    "round_half_up",
    "round_rate",
    "truncate",
]

LOCALE = "vi"
GROUP_SYMBOL = "."
DECIMAL_SYMBOL = ","
MINUS_SIGN = "-"
NOT_APPLICABLE = "–"  # en dash: a rate whose denominator is zero

_BIDI_MARKS = "\u200e\u200f\u061c"
_SPACE_GROUPS = "\u00a0\u202f\u2009 "
_VALID_OUTPUT = re.compile(r"-?\d{1,3}(?:\.\d{3})*(?:,\d+)?")


def round_half_up(value: Decimal | Fraction | int, places: int = 2) -> Decimal:
    """Round exactly, halves away from zero, keeping exactly `places` decimals.

    Works on the exact rational value, so no intermediate context precision
    or float conversion can shift a borderline result.
    """
    if places < 0:
        raise ValueError(f"places must be >= 0, got {places}")
    exact = Fraction(value)
    scaled = abs(exact) * 10**places
    units = math.floor(scaled + Fraction(1, 2))
    sign = 1 if exact < 0 and units != 0 else 0
    digits = tuple(int(c) for c in str(units))
    return Decimal((sign, digits, -places))


def truncate(value: Decimal | Fraction | int, places: int = 2) -> Decimal:
    """Cut the digits beyond `places`, towards zero: some centres' practice (99,999 → 99,99), never the default."""
    if places < 0:
        raise ValueError(f"places must be >= 0, got {places}")
    exact = Fraction(value)
    units = math.floor(abs(exact) * 10**places)
    sign = 1 if exact < 0 and units != 0 else 0
    return Decimal((sign, tuple(int(c) for c in str(units)), -places))


ROUNDINGS = {"half_up": round_half_up, "truncate": truncate}


def round_rate(value: Decimal | Fraction | int, places: int = 2, rounding: str = "half_up") -> Decimal:
    """Round by a named rule of the indicator catalogue ("half_up" or "truncate")."""
    return ROUNDINGS[rounding](value, places)


def percentage(numerator: int, denominator: int, places: int = 2, rounding: str = "half_up") -> Decimal | None:
    """Return numerator/denominator in percent; None when the rate is undefined."""
    if denominator == 0:
        return None
    return round_rate(Fraction(numerator * 100, denominator), places, rounding)


def format_int(n: int) -> str:
    """Group an integer Vietnamese-style: 2671770000 -> "2.671.770.000"."""
    n = operator.index(n)
    text = _normalise(babel_numbers.format_decimal(n, locale=LOCALE))
    if _VALID_OUTPUT.fullmatch(text):
        return text
    return _format_plain(Decimal(n), 0)


def format_decimal(value: Decimal | float, places: int = 2) -> str:
    """Format with exactly `places` decimals, rounded HALF-UP: 1234.5 -> "1.234,50"."""
    rounded = round_half_up(_to_decimal(value), places)
    pattern = "#,##0" + ("." + "0" * places if places else "")
    text = _normalise(
        babel_numbers.format_decimal(rounded, format=pattern, locale=LOCALE)
    )
    if _VALID_OUTPUT.fullmatch(text) and _count_decimals(text) == places:
        return text
    return _format_plain(rounded, places)


def format_percent(value: Decimal | None, places: int = 2) -> str:
    """Format a rate in percent ("99,53%"); "–" when the rate is undefined."""
    if value is None:
        return NOT_APPLICABLE
    return format_decimal(value, places) + "%"


def format_points(delta: Decimal, places: int = 2) -> str:
    """Format the size of a change; the caller words its direction (tăng/giảm)."""
    return format_decimal(abs(_to_decimal(delta)), places)


def pad_count(n: int) -> str:
    """Format a count for prose, where administrative style writes 1..9 as "01".."09"."""
    n = operator.index(n)
    if n < 0:
        raise ValueError(f"a count cannot be negative, got {n}")
    if 1 <= n <= 9:
        return f"0{n}"
    return format_int(n)


def _to_decimal(value: Decimal | float) -> Decimal:
    """Take floats at their shortest repr, i.e. the number the user wrote."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot format non-finite number {value!r}")
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot format non-finite number {value!r}")
        return value
    return Decimal(operator.index(value))


@cache
def _translation_table() -> dict[int, str | None]:
    """Map whatever symbols Babel uses for `vi` onto the Vietnamese convention."""
    table: dict[int, str | None] = {ord(c): None for c in _BIDI_MARKS}
    table.update({ord(c): GROUP_SYMBOL for c in _SPACE_GROUPS})
    table[ord("\u2212")] = MINUS_SIGN
    locale_symbols = {
        babel_numbers.get_group_symbol(LOCALE): GROUP_SYMBOL,
        babel_numbers.get_decimal_symbol(LOCALE): DECIMAL_SYMBOL,
        babel_numbers.get_minus_sign_symbol(LOCALE): MINUS_SIGN,
    }
    for symbol, replacement in locale_symbols.items():
        symbol = symbol.strip(_BIDI_MARKS)
        if len(symbol) == 1:
            table[ord(symbol)] = replacement
    return table


def _normalise(text: str) -> str:
    return text.translate(_translation_table())


def _count_decimals(text: str) -> int:
    _, _, decimals = text.partition(DECIMAL_SYMBOL)
    return len(decimals)


def _format_plain(value: Decimal, places: int) -> str:
    """Locale-free fallback used only if Babel's output fails validation."""
    marks: dict[str, str | int | None] = {",": GROUP_SYMBOL, ".": DECIMAL_SYMBOL}
    text = f"{abs(value):,.{places}f}".translate(str.maketrans(marks))
    return MINUS_SIGN + text if value < 0 else text
