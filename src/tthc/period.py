"""Reporting periods: "2024-09" and the dates it covers under the centre's cut-off day.

With cut-off day 24 the September report covers 24/8–23/9 and is dated 24/9;
with cut-off day 1 a period is the calendar month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from tthc.errors import UsageError

_PERIOD = re.compile(r"^(\d{4})-(\d{2})$")


class PeriodError(UsageError, ValueError):
    """A period string that is not YYYY-MM; message is Vietnamese."""


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> Period:
        match = _PERIOD.match(text.strip()) if isinstance(text, str) else None
        if not match:
            raise PeriodError(f"kỳ báo cáo '{text}' không hợp lệ: cần dạng NĂM-THÁNG, ví dụ 2024-09")
        year, month = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12 or not 2000 <= year <= 2100:
            raise PeriodError(f"kỳ báo cáo '{text}' không hợp lệ: tháng phải từ 01 đến 12")
        return cls(year, month)

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def previous(self) -> Period:
        return Period(self.year - 1, 12) if self.month == 1 else Period(self.year, self.month - 1)

    def next(self) -> Period:
        return Period(self.year + 1, 1) if self.month == 12 else Period(self.year, self.month + 1)

    def start(self, cutoff_day: int) -> date:
        if cutoff_day == 1:
            return date(self.year, self.month, 1)
        previous = self.previous()
        return date(previous.year, previous.month, cutoff_day)

    def end(self, cutoff_day: int) -> date:
        return self.next().start(cutoff_day) - timedelta(days=1)

    def report_date(self, cutoff_day: int) -> date:
        return self.end(cutoff_day) + timedelta(days=1)
