"""Vietnamese readings of integers, for amounts written out in words.

num2words is not used: its Vietnamese reading is wrong (it renders 2024 as
"hai nghìn lẻ hai mươi bốn").  The rules below are the standard (Northern,
official-document) ones; regional variants are opt-in keyword options.

Choices, documented because readers of amounts check them:

- Digits are read in 3-digit groups with the group words "nghìn", "triệu",
  "tỷ".  All-zero groups are skipped entirely: 2.000.000.000 is "hai tỷ",
  1.000.000 is "một triệu".
- Every non-empty group after the first is read in full, including a zero
  hundreds digit as "không trăm": 1.001 "một nghìn không trăm linh một",
  1.005.000 "một triệu không trăm linh năm nghìn".  This also holds after
  skipped groups: 1.000.001 "một triệu không trăm linh một", 5.000.020
  "năm triệu không trăm hai mươi".  The leading group omits a zero hundreds
  ("hai mươi mốt nghìn").
- Within a group: tens 1 is "mười", tens >= 2 is "<digit> mươi", tens 0 with
  a non-zero unit after a spoken hundreds is "linh" (option: "lẻ"); unit 0 is
  silent.  Unit 1 is "mốt" after "mươi", otherwise "một" (11 "mười một",
  101 "một trăm linh một").  Unit 5 is "lăm" after "mười"/"mươi", otherwise
  "năm" (105 "một trăm linh năm").  Unit 4 is "bốn"; the option
  ``four_after_tens="tư"`` changes it only after "mươi" (24 "hai mươi tư"),
  never after "mười" or "linh" (14 "mười bốn", 104 "một trăm linh bốn").
- Above 999.999.999 the count of "tỷ" is itself read as a number, so "tỷ"
  is said once per billion block: 1.000.000.000.000 "một nghìn tỷ",
  1.234.000.000.000 "một nghìn hai trăm ba mươi bốn tỷ" (not "một nghìn
  tỷ hai trăm ba mươi bốn tỷ"), 10**15 "một triệu tỷ", 10**18 "một tỷ tỷ".
  There is no upper limit.
- ``group_separator`` goes between group readings, so with ", " the example
  above reads "một nghìn, hai trăm ba mươi bốn tỷ".
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

__all__ = ["amount_in_words", "read_number"]

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
BILLION = 10**9
BILLION_WORD = "tỷ"
MILLION_WORD = "triệu"


def read_number(
    n: int,
    *,
    zero_tens: str = "linh",
    four_after_tens: str = "bốn",
    thousand: str = "nghìn",
    group_separator: str = " ",
) -> str:
    """Read a non-negative integer aloud, in lower case."""
    n = operator.index(n)
    if n < 0:
        raise ValueError(f"cannot read a negative number in words: {n}")
    if n == 0:
        return DIGITS[0]
    options = _Options(zero_tens, four_after_tens, thousand)
    return group_separator.join(_read_groups(n, leading=True, options=options))


def amount_in_words(
    n: int, *, currency: str = "đồng", group_commas: bool = True
) -> str:
    """Write an amount as it appears on vouchers: capitalised, currency last."""
    reading = read_number(n, group_separator=", " if group_commas else " ")
    text = f"{reading} {currency}" if currency else reading
    return text[0].upper() + text[1:]


@dataclass(frozen=True, slots=True)
class _Options:
    zero_tens: str
    four_after_tens: str
    thousand: str


def _read_groups(n: int, *, leading: bool, options: _Options) -> list[str]:
    """Return one reading per non-empty 3-digit group, group word included."""
    if n < BILLION:
        return _read_below_billion(n, leading=leading, options=options)
    billions, rest = divmod(n, BILLION)
    groups = _read_groups(billions, leading=leading, options=options)
    groups[-1] = f"{groups[-1]} {BILLION_WORD}"
    if rest:
        groups += _read_below_billion(rest, leading=False, options=options)
    return groups


def _read_below_billion(n: int, *, leading: bool, options: _Options) -> list[str]:
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1_000)
    groups = []
    for value, word in (
        (millions, MILLION_WORD),
        (thousands, options.thousand),
        (units, ""),
    ):
        if value == 0:
            continue
        reading = _read_group(value, full=not leading, options=options)
        groups.append(f"{reading} {word}" if word else reading)
        leading = False
    return groups


def _read_group(n: int, *, full: bool, options: _Options) -> str:
    """Read 1..999; `full` groups follow another group and always say their hundreds."""
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    if tens == 1:
        words.append("mười")
    elif tens >= 2:
        words += [DIGITS[tens], "mươi"]
    elif units and words:
        words.append(options.zero_tens)
    if units:
        words.append(_read_unit(units, tens, options))
    return " ".join(words)


def _read_unit(units: int, tens: int, options: _Options) -> str:
    if units == 1 and tens >= 2:
        return "mốt"
    if units == 5 and tens >= 1:
        return "lăm"
    if units == 4 and tens >= 2:
        return options.four_after_tens
    return DIGITS[units]
