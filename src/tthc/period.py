"""Reporting periods: a month ("2024-09"), a quarter ("2024-Q3"), a half-year ("2024-H1"), a year ("2024"), or an
explicit range of days ("2022-12-15..2023-03-14"), and the dates each covers under the centre's cut-off day.

With cut-off day 24 the September report covers 24/8–23/9 and is dated 24/9; the third quarter covers
24/6–23/9; with cut-off day 1 a period is made of calendar months. A period longer than a month is made
of whole months, so its figures can be built from the months' exports (see tthc.combine) and its first
and last day follow the same cut-off rule (NĐ 09/2019: quarter 15/12–14/3 with cut-off day 15).

A range names its first and last day (ISO dates, both included), written `FIRST..LAST` on the command line
and `FIRST_LAST` as its folder name (data/raw/2022-12-15_2023-03-14: no character Windows refuses); either
form is accepted. Its dates are its own whatever the cut-off day; it is built from months only when it is
made of whole months of the organisation's cut-off day (`month_periods(cutoff)` refuses it otherwise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from tthc.errors import UsageError

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_HALF = re.compile(r"^(\d{4})-[Hh]([12])$")
_YEAR = re.compile(r"^(\d{4})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|_)\s*(\d{4}-\d{2}-\d{2})$")
_LOOKS_LIKE_RANGE = re.compile(r"^\S+\s*(?:\.\.|_)\s*\S+$")
RANGE_SEPARATOR = ".."  # on the command line
FOLDER_SEPARATOR = "_"  # in folder and store file names
ROMAN = ("I", "II", "III", "IV")
MAX_CUTOFF = 28  # the organisation's cut-off day is 1..28 (tthc.organisation)
FORMS = ("cần dạng NĂM-THÁNG (2024-09), NĂM-Qn (quý, 2024-Q3), NĂM-Hn (6 tháng, 2024-H1), NĂM (cả năm, 2024) "
         "hoặc khoảng ngày NGÀY_ĐẦU..NGÀY_CUỐI (2022-12-15..2023-03-14)")


class PeriodError(UsageError, ValueError):
    """A period string that is not one of the forms below; message is Vietnamese."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int  # the first month
    months: int = 1  # 1 a month, 3 a quarter, 6 a half-year, 12 a year; a range: its whole months, 0 if none
    span: tuple[date, ...] = ()  # a range's first and last day; () for the named periods

    @classmethod
    def parse(cls, text: str) -> Period:
        raw = text.strip() if isinstance(text, str) else ""
        if match := _MONTH.match(raw):
            year, month = int(match.group(1)), int(match.group(2))
            if not 1 <= month <= 12:
                raise PeriodError(f"kỳ báo cáo '{text}' không hợp lệ: tháng phải từ 01 đến 12")
            period = cls(year, month)
        elif match := _QUARTER.match(raw):
            period = cls(int(match.group(1)), 3 * int(match.group(2)) - 2, 3)
        elif match := _HALF.match(raw):
            period = cls(int(match.group(1)), 6 * int(match.group(2)) - 5, 6)
        elif match := _YEAR.match(raw):
            period = cls(int(match.group(1)), 1, 12)
        elif match := _RANGE.match(raw):
            first, last = (_iso_day(text, match.group(i)) for i in (1, 2))
            if last < first:
                raise PeriodError(f"kỳ báo cáo '{text}' không hợp lệ: ngày cuối {_day(last)} trước ngày đầu "
                                  f"{_day(first)} (viết NGÀY_ĐẦU..NGÀY_CUỐI, ví dụ 2022-12-15..2023-03-14)")
            for day in (first, last):
                if not 2000 <= day.year <= 2100:
                    raise PeriodError(f"kỳ báo cáo '{text}' không hợp lệ: năm phải từ 2000 đến 2100")
            return cls.between(first, last)
        elif _LOOKS_LIKE_RANGE.match(raw):
            raise PeriodError(f"kỳ báo cáo '{text}' không hợp lệ: khoảng ngày viết NGÀY_ĐẦU..NGÀY_CUỐI, mỗi ngày dạng "
                              "NĂM-THÁNG-NGÀY (2022-12-15..2023-03-14)")
        else:
            raise PeriodError(f"kỳ báo cáo '{text}' không hợp lệ: {FORMS}")
        if not 2000 <= period.year <= 2100:
            raise PeriodError(f"kỳ báo cáo '{text}' không hợp lệ: năm phải từ 2000 đến 2100")
        return period

    @classmethod
    def between(cls, first: date, last: date) -> Period:
        """The range first..last; its whole months are those of the cut-off day its dates imply, if any."""
        months = _whole_months(first, last, _implied_cutoff(first))
        if months:
            return cls(months[0].year, months[0].month, len(months), (first, last))
        return cls(first.year, first.month, 0, (first, last))

    @property
    def is_range(self) -> bool:
        return bool(self.span)

    @property
    def kind(self) -> str:
        if self.span:
            return "range"
        return {1: "month", 3: "quarter", 6: "half", 12: "year"}[self.months]

    @property
    def is_month(self) -> bool:
        return self.months == 1 and not self.span

    def __str__(self) -> str:
        """The period's name in folders and the store: "2024-09", "2024-Q3", "2022-12-15_2023-03-14"."""
        if self.span:
            return f"{self.span[0].isoformat()}{FOLDER_SEPARATOR}{self.span[-1].isoformat()}"
        if self.months == 3:
            return f"{self.year:04d}-Q{(self.month + 2) // 3}"
        if self.months == 6:
            return f"{self.year:04d}-H{(self.month + 5) // 6}"
        if self.months == 12:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}"

    def command_text(self) -> str:
        """The period as typed on the command line: a range as "2022-12-15..2023-03-14", any other as its name."""
        if self.span:
            return f"{self.span[0].isoformat()}{RANGE_SEPARATOR}{self.span[-1].isoformat()}"
        return str(self)

    def label(self) -> str:
        """The period as the report writes it: "tháng 9/2024", "quý III/2024", "6 tháng đầu năm 2024", "năm 2024",
        "từ ngày 15/12/2022 đến ngày 14/3/2023"."""
        if self.span:
            return f"từ ngày {_day(self.span[0])} đến ngày {_day(self.span[-1])}"
        if self.months == 3:
            return f"quý {ROMAN[(self.month - 1) // 3]}/{self.year}"
        if self.months == 6:
            return f"6 tháng {'đầu' if self.month == 1 else 'cuối'} năm {self.year}"
        if self.months == 12:
            return f"năm {self.year}"
        return f"tháng {self.month:02d}/{self.year}"

    def _shift(self, months: int) -> Period:
        index = self.year * 12 + self.month - 1 + months
        return Period(index // 12, index % 12 + 1, self.months)

    def _shift_range(self, months: int, days: int) -> Period:
        """A range moved by whole months under its cut-off day when it has whole months, else by days."""
        if self.months:
            cutoff = _implied_cutoff(self.span[0])
            moved = [Period(self.year, self.month)._shift(months), Period(self.year, self.month)._shift(
                months + self.months - 1)]
            return Period.between(moved[0].start(cutoff), moved[1].end(cutoff))
        return Period.between(self.span[0] + timedelta(days=days), self.span[-1] + timedelta(days=days))

    def _length(self) -> int:
        return (self.span[-1] - self.span[0]).days + 1

    def previous(self) -> Period:
        """The period of the same length just before (a quarter's previous is the quarter before)."""
        if self.span:
            return self._shift_range(-self.months, -self._length())
        return self._shift(-self.months)

    def next(self) -> Period:
        if self.span:
            return self._shift_range(self.months, self._length())
        return self._shift(self.months)

    def same_period_last_year(self) -> Period:
        if self.span:
            if self.months:
                return self._shift_range(-12, 0)
            return Period.between(*(_a_year_before(d) for d in (self.span[0], self.span[-1])))
        return Period(self.year - 1, self.month, self.months)

    def month_periods(self, cutoff_day: int | None = None) -> list[Period]:
        """The months the period is made of, in order. A range has months only when it is made of whole months
        under the cut-off day (by default the one its dates imply); otherwise it is refused, in Vietnamese."""
        if self.span:
            cutoff = _implied_cutoff(self.span[0]) if cutoff_day is None else cutoff_day
            months = _whole_months(self.span[0], self.span[-1], cutoff)
            if not months:
                raise PeriodError(_not_whole_months(self, cutoff))
            return months
        first = Period(self.year, self.month)
        return [first._shift(i) for i in range(self.months)]

    def start(self, cutoff_day: int) -> date:
        if self.span:
            return self.span[0]
        if cutoff_day == 1:
            return date(self.year, self.month, 1)
        before = Period(self.year, self.month)._shift(-1)
        return date(before.year, before.month, cutoff_day)

    def end(self, cutoff_day: int) -> date:
        if self.span:
            return self.span[-1]
        return self.next().start(cutoff_day) - timedelta(days=1)

    def report_date(self, cutoff_day: int) -> date:
        return self.end(cutoff_day) + timedelta(days=1)


def month_of(day: date, cutoff_day: int) -> Period:
    """The month whose period holds `day` under the cut-off day (24/8/2024 is in September with cut-off 24)."""
    month = Period(day.year, day.month)
    return month.next() if cutoff_day > 1 and day.day >= cutoff_day else month


def _whole_months(first: date, last: date, cutoff_day: int) -> list[Period]:
    """The months first..last is made of under the cut-off day, [] when it does not start and end with one."""
    if not 1 <= cutoff_day <= MAX_CUTOFF:
        return []
    opening, closing = month_of(first, cutoff_day), month_of(last, cutoff_day)
    if opening.start(cutoff_day) != first or closing.end(cutoff_day) != last:
        return []
    count = (closing.year - opening.year) * 12 + closing.month - opening.month + 1
    return [opening._shift(i) for i in range(count)]


def _implied_cutoff(first: date) -> int:
    """The cut-off day a range's first day implies: the 15th implies 15, the 1st calendar months."""
    return first.day


def _not_whole_months(period: Period, cutoff_day: int) -> str:
    rule = ("từ ngày 1 của tháng đến ngày cuối tháng" if cutoff_day == 1 else
            f"từ ngày {cutoff_day} đến ngày {cutoff_day - 1} của tháng sau")
    return (f"kỳ {period.command_text()} ({period.label()}) không gồm trọn các tháng báo cáo theo ngày chốt số liệu "
            f"{cutoff_day} (mỗi tháng {rule}), nên không cộng được từ các tháng: hãy chọn khoảng ngày bắt đầu và kết "
            f"thúc đúng kỳ tháng, hoặc đặt biểu của cả khoảng vào thư mục raw/{period}")


def _iso_day(text: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise PeriodError(f"kỳ báo cáo '{text}' không hợp lệ: ngày '{value}' không có thật (viết NĂM-THÁNG-NGÀY, "
                          "ví dụ 2022-12-15)") from None


def _a_year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29/2
        return day.replace(year=day.year - 1, day=28)


def _day(day: date) -> str:
    return f"{day.day}/{day.month}/{day.year}"
