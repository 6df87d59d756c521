"""Reporting periods: a month ("2024-09"), a quarter ("2024-Q3"), a half-year ("2024-H1") or a year ("2024"),
and the dates each covers under the centre's cut-off day.

With cut-off day 24 the September report covers 24/8–23/9 and is dated 24/9; the third quarter covers
24/6–23/9; with cut-off day 1 a period is made of calendar months. A period longer than a month is made
of whole months, so its figures can be built from the months' exports (see tthc.combine) and its first
and last day follow the same cut-off rule (NĐ 09/2019: quarter 15/12–14/3 with cut-off day 15).
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
ROMAN = ("I", "II", "III", "IV")


class PeriodError(UsageError, ValueError):
    """A period string that is not one of the forms below; message is Vietnamese."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int  # the first month
    months: int = 1  # 1 a month, 3 a quarter, 6 a half-year, 12 a year

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
        else:
            raise PeriodError(f"kỳ báo cáo '{text}' không hợp lệ: cần dạng NĂM-THÁNG (2024-09), NĂM-Qn (quý, "
                              "2024-Q3), NĂM-Hn (6 tháng, 2024-H1) hoặc NĂM (cả năm, 2024)")
        if not 2000 <= period.year <= 2100:
            raise PeriodError(f"kỳ báo cáo '{text}' không hợp lệ: năm phải từ 2000 đến 2100")
        return period

    @property
    def kind(self) -> str:
        return {1: "month", 3: "quarter", 6: "half", 12: "year"}[self.months]

    @property
    def is_month(self) -> bool:
        return self.months == 1

    def __str__(self) -> str:
        if self.months == 3:
            return f"{self.year:04d}-Q{(self.month + 2) // 3}"
        if self.months == 6:
            return f"{self.year:04d}-H{(self.month + 5) // 6}"
        if self.months == 12:
            return f"{self.year:04d}"
        return f"{self.year:04d}-{self.month:02d}"

    def label(self) -> str:
        """The period as the report writes it: "tháng 9/2024", "quý III/2024", "6 tháng đầu năm 2024", "năm 2024"."""
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

    def previous(self) -> Period:
        """The period of the same length just before (a quarter's previous is the quarter before)."""
        return self._shift(-self.months)

    def next(self) -> Period:
        return self._shift(self.months)

    def same_period_last_year(self) -> Period:
        return Period(self.year - 1, self.month, self.months)

    def month_periods(self) -> list[Period]:
        """The months the period is made of, in order."""
        first = Period(self.year, self.month)
        return [first._shift(i) for i in range(self.months)]

    def start(self, cutoff_day: int) -> date:
        if cutoff_day == 1:
            return date(self.year, self.month, 1)
        before = Period(self.year, self.month)._shift(-1)
        return date(before.year, before.month, cutoff_day)

    def end(self, cutoff_day: int) -> date:
        return self.next().start(cutoff_day) - timedelta(days=1)

    def report_date(self, cutoff_day: int) -> date:
        return self.end(cutoff_day) + timedelta(days=1)
