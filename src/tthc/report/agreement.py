"""One concept, one figure: the report's rates beside the Decision 766 indicators that measure the same thing.

The body's rates come from the aggregated exports (and the portal's payment statistics),
the 766 indicators from the dossier records under the decision's own rules. Where the two
agree the annex says so; where they differ it says why, so a reader never meets two
values for one concept without the reason (different population, rule or source).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl

from tthc.formatting.numbers import percentage
from tthc.indicators import PeriodIndicators, Rate
from tthc.records.index766 import OVERALL
from tthc.registry import UnitRegistry
from tthc.sources import DESK_CENTRE, DESK_COMMUNE

DESKS = (("centre", DESK_CENTRE, "Trung tâm", "2"), ("communes", DESK_COMMUNE, "UBND các xã, thị trấn", "4"))


@dataclass(frozen=True)
class Pair:
    indicator: str  # Decision 766 indicator id
    rate_key: str  # the body's rate (DeskIndicators.rates)
    subsection: str  # "1" → mục 2.1 (centre) / 4.1 (communes)
    label: str
    reason: str  # why the two differ by construction; "{section}" is the body's section


PAIRS = (
    Pair("2.1", "on_time_rate", "1", "tỷ lệ hồ sơ giải quyết sớm và đúng hạn",
         "chỉ số 2.1 tính trên mọi hồ sơ tiếp nhận, xử lý trong kỳ, kể cả hồ sơ đang giải quyết (xét đến ngày cuối "
         "kỳ), trừ thời gian chờ bổ sung và tính quá hạn hồ sơ phải bổ sung quá một lần (QĐ 766); tỷ lệ ở mục "
         "{section} tính trên hồ sơ đã giải quyết của biểu tổng hợp"),
    Pair("3.3", "online_reception_rate", "2", "tỷ lệ hồ sơ tiếp nhận trực tuyến",
         "chỉ số 3.3 đếm từ danh sách hồ sơ, tỷ lệ ở mục {section} từ biểu tổng hợp; hai nguồn lệch nhau khi "
         "danh sách và biểu được kết xuất vào những thời điểm khác nhau"),
    Pair("3.6", "online_payment_rate", "4", "tỷ lệ hồ sơ thanh toán trực tuyến",
         "chỉ số 3.6 đếm từ danh sách hồ sơ có phát sinh nghĩa vụ tài chính, còn tỷ lệ ở mục {section} lấy từ "
         "thống kê thanh toán trực tuyến của Cổng DVCQG: hai nguồn đếm khác nhau, nên tỷ lệ chung và tỷ lệ của "
         "từng đơn vị ở Phụ lục 6 có thể khác mục {section}"),
    Pair("4.1", "digitisation_rate", "3", "tỷ lệ kết quả điện tử, số hóa kết quả",
         "chỉ số 4.1 tính từ danh sách hồ sơ, trên hồ sơ đã giải quyết của các TTHC trả kết quả bằng giấy; tỷ lệ "
         "ở mục {section} tính trên mọi hồ sơ đã giải quyết của biểu tổng hợp"),
)


@dataclass(frozen=True)
class Agreement:
    pair: Pair
    desk_name: str
    section: str  # "2.1"
    body: Rate
    numerator: int
    denominator: int

    @property
    def value(self) -> Decimal | None:
        return percentage(self.numerator, self.denominator)

    @property
    def agrees(self) -> bool:
        return self.value == self.body.value

    @property
    def reason(self) -> str:
        return self.pair.reason.format(section=self.section)


def agreements(indicators: PeriodIndicators, scores: pl.DataFrame | None,
               registry: UnitRegistry) -> list[Agreement]:
    """Every (766 indicator, desk) the period has on both sides, with both figures."""
    if scores is None or not scores.height:
        return []
    desk_of = {u.id: u.desk for u in registry.units}
    units = scores.filter(pl.col("unit_id") != OVERALL).with_columns(
        pl.col("unit_id").replace_strict(desk_of, default=None, return_dtype=pl.String).alias("desk"))
    found = []
    for desk_key, desk, desk_name, section in DESKS:
        figures = getattr(indicators, desk_key)
        if not figures.present:
            continue
        for pair in PAIRS:
            body = figures.rates.get(pair.rate_key)
            rows = units.filter((pl.col("desk") == desk) & (pl.col("indicator") == pair.indicator))
            if body is None or not rows.height:
                continue
            numerator = int(rows["numerator"].fill_null(0).sum())
            denominator = int(rows["denominator"].fill_null(0).sum())
            if not denominator:
                continue
            found.append(Agreement(pair, desk_name, f"{section}.{pair.subsection}", body, numerator, denominator))
    return found
