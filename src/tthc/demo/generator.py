"""Synthetic demo periods for the Lương Tài centre, modelled on the September 2024 seed.

Every period of 2024 other than September is made here: the same units, the same five
exports in the same shapes as `tthc.demo.seed`, with period-appropriate titles and file
names, and an analyst's notes file marked `synthetic: true`. The figures are plausible,
not real:

- dossier volume follows the seasons (a dip around Tết in February, a rush before the
  year end), scaled on each unit's September figures;
- the communes' online-payment rate on the national portal (payments export) rises from
  about a third in January towards the 95 % target of Chỉ thị 10/CT-UBND by December,
  with a couple of communes still lagging below 90 %; the centre's rate stays at 90–100 %;
- a few late, overdue, paused or withdrawn dossiers each month, explained in the notes;
- digitisation close to 100 %; digital signing 100 % except a unit or two;
- the spelling of a few unit names changes from period to period, as the government
  systems do, always to a spelling the unit registry resolves (an alias, or in one or two
  periods a loose match that `tthc check` reports as a warning).

August 2024 is pinned: the communes' portal totals give 58,15 %, so that September's
778/1.170 reads "+8,34 điểm" (the change is computed from the exact fractions).

Everything is deterministic: `random.Random(f"{seed}-{period}")` drives one period,
`random.Random(f"{seed}-traits")` the traits shared by all periods (how fast each commune
takes up online payment), so regenerating with the same seed gives identical tables and
byte-identical files. September 2024 is never generated: its exports are the seed's.
"""

from __future__ import annotations

import math
import os
import random
import re
import tempfile
import textwrap
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

from tthc.demo import seed as seed_data
from tthc.errors import UsageError
from tthc.exports.writer import ExportRow, ExportTable, Value, write_xlsx
from tthc.formatting.numbers import format_int, pad_count, round_half_up
from tthc.period import Period
from tthc.sources import DOSSIERS, FEEDBACK, PAYMENTS, SIGNING

__all__ = [
    "AUGUST",
    "AUGUST_COMMUNE_RATE",
    "COMMUNE_PAYMENT_TARGETS",
    "DEFAULT_SEED",
    "NOTES_FILE",
    "SEED_PERIOD",
    "SeedPeriodError",
    "commune_payment_totals",
    "demo_periods",
    "generate_analyst_notes",
    "generate_period",
    "write_demo_period",
]

DEFAULT_SEED = 2024
CUTOFF_DAY = 24  # data/reference/organisation.yaml: period 2024-MM = 24th of MM-1 .. 23rd of MM
SEED_PERIOD = Period(2024, 9)  # the seed's own exports, shipped as they are
AUGUST = Period(2024, 8)
NOTES_FILE = "ghi-chu-chuyen-vien.yaml"

# September's communes on the portal: 778 / 1.170 (the seed). August must read 58,15 % and
# the exact-fraction change to September must round to 8,34 points.
SEPTEMBER_COMMUNES = Fraction(778, 1170)
AUGUST_COMMUNE_RATE = "58.15"
AUGUST_CHANGE = "8.34"

# Dossier volume relative to September, by the month the period ends in. February's
# period (24/1–23/2) holds Tết Giáp Thìn (10/2/2024); December's has the year-end rush.
SEASON = {1: 1.10, 2: 0.70, 3: 1.00, 4: 0.95, 5: 0.97, 6: 0.98, 7: 0.95, 8: 0.93,
          9: 1.00, 10: 1.02, 11: 1.05, 12: 1.15}

# The communes' overall portal online-payment rate (%) each month heads for. September is
# the seed's 66,50 %; August is pinned to 58,15 % exactly (see _pin_august).
COMMUNE_PAYMENT_TARGETS = {1: 33.5, 2: 36.5, 3: 40.0, 4: 43.5, 5: 47.0, 6: 50.5, 7: 54.0,
                           8: 58.15, 9: 66.5, 10: 74.5, 11: 83.5, 12: 93.0}

# Share of dossiers still handed in on paper early in the year (all online from May, as in
# the seed's "438/438 đạt 100%"); the tax office is always all direct.
DIRECT_SHARE = {1: 0.05, 2: 0.04, 3: 0.025, 4: 0.012}

# Spellings that the exports use instead of September's, all listed as aliases in
# data/reference/units.yaml (exact matches). Keyed by export, then September's spelling.
ALIAS_VARIANTS: dict[str, dict[str, str]] = {
    "centre": {"Phòng Tài chính KH": "Phòng Tài chính - Kế hoạch"},
    "communes": {"UBND thị trấn Thừa": "UBND thị trấn Thứa", "UBND xã Trùng Xá": "UBND xã Trừng Xá"},
    "signing": {"UBND xã Trung Khê": "UBND xã Trung Kênh", "UBND thị trấn Thứa": "UBND thị trấn Thừa"},
    "payments": {"UBND xã Trừng Xá": "UBND xã Trùng Xá"},
}
ALIAS_VARIANT_CHANCE = 0.25
# Spellings the registry resolves only by loose matching (a warning in `tthc check`), used
# in one period each, by the month the period ends in: old-style tone placement and a
# "ĐKĐĐ" typed with two Đ.
LOOSE_VARIANTS: dict[int, tuple[str, str, str]] = {
    5: ("communes", "UBND xã Phú Hòa", "UBND xã Phú Hoà"),
    11: ("centre", "Chi nhánh Văn phòng ĐKDD", "Chi nhánh Văn phòng ĐKĐĐ"),
}

_CENTRE_OUTCOME_PRIOR = {"resolved": 0.90, "pending": 0.06, "paused_supplement": 0.01,
                         "paused_financial": 0.004, "paused_other": 0.01, "refused": 0.003,
                         "withdrawn": 0.013}
_COMMUNE_OUTCOME_PRIOR = {"resolved": 0.93, "pending": 0.045, "paused_supplement": 0.006,
                          "paused_financial": 0.002, "paused_other": 0.002, "refused": 0.002,
                          "withdrawn": 0.013}
_OUTCOMES = tuple(_CENTRE_OUTCOME_PRIOR)
_PRIOR_WEIGHT = 3.0  # pseudo-dossiers of the prior mixed into each unit's September profile
FULL_RATE = 0.97  # a commune modelled at this rate or above pays everything online that month

TAX_OFFICE = "Chi Cục Thuế - HLT"
# Centre departments with no dossiers in September still see the odd one.
_OCCASIONAL_UNITS = {"Phòng Nội vụ", "Phòng Tài nguyên MT", "Phòng Văn hóa TT"}
# Centre departments whose dossiers carry a fee or charge (annex 1's payment columns).
_CENTRE_FEE_UNITS = {"Phòng Kinh tế HT": 0.5, "Phòng Tài chính KH": 1.0, "Phòng Tư pháp": 0.9}
# Share of the centre's portal fee-bearing dossiers NOT paid online, by unit.
_CENTRE_PORTAL_MISS = {
    "Phòng Kinh tế và Hạ tầng huyện Lương Tài": 0.02,
    "Phòng Tài chính - Kế hoạch huyện Lương Tài": 0.01,
    "Phòng Tư pháp huyện Lương Tài": 0.06,
    "Chi nhánh Văn phòng ĐKDD": 0.12,
}

# Names used in the analyst's prose for the spellings the exports use.
_PROSE_NAMES = {
    "Phòng Kinh tế HT": "Phòng Kinh tế và Hạ tầng",
    "Phòng Lao động TB&XH": "Phòng Lao động TB&XH",
    "Phòng Tài chính KH": "Phòng Tài chính - Kế hoạch",
    "Phòng Tài chính - Kế hoạch": "Phòng Tài chính - Kế hoạch",
    "Phòng Tài nguyên MT": "Phòng Tài nguyên và Môi trường",
    "Phòng Văn hóa TT": "Phòng Văn hóa và Thông tin",
    "Chi nhánh Văn phòng ĐKDD": "Chi nhánh Văn phòng ĐKĐĐ",
    "Chi nhánh Văn phòng ĐKĐĐ": "Chi nhánh Văn phòng ĐKĐĐ",
    "UBND thị trấn Thừa": "UBND thị trấn Thứa",
    "UBND xã Trùng Xá": "UBND xã Trừng Xá",
    "UBND xã Phú Hoà": "UBND xã Phú Hòa",
}

_FEEDBACK_UNITS = (  # (spelling in the app, weight)
    ("UBND thị trấn Thửa", 3), ("UBND xã Trung Khê", 3), ("UBND xã Phú Hòa", 2), ("UBND xã Lai Hạ", 1),
    ("UBND xã Tân Lãng", 1), ("UBND xã Bình Định", 1), ("UBND xã Quảng Phú", 1), ("UBND xã Mỹ Hương", 1),
    ("UBND xã Trung Chính", 1), ("UBND xã Minh Tân", 1), ("UBND xã An Thịnh", 1), ("UBND xã Lâm Thao", 1),
)
_FEEDBACK_TOPICS = ("Xử lý rác thải", "Thoát nước", "Mất nước", "Ứng xử của tài xế xe Bus", "Đèn giao thông",
                    "Lấn chiếm vỉa hè, đê điều", "Hư hỏng mặt đường giao thông", "Chiếu sáng công cộng",
                    "Ô nhiễm môi trường", "Tiếng ồn từ cơ sở sản xuất")
_FEEDBACK_SEASONAL = {1: ("Vệ sinh môi trường dịp Tết",), 2: ("Vệ sinh môi trường dịp Tết",),
                      6: ("Đốt rơm rạ sau thu hoạch",), 7: ("Ngập úng sau mưa lớn",),
                      8: ("Ngập úng sau mưa lớn",), 10: ("Đốt rơm rạ sau thu hoạch",),
                      11: ("Đốt rơm rạ sau thu hoạch",)}


class SeedPeriodError(UsageError, ValueError):
    """September 2024 is the seed's real period and is never generated or overwritten."""


# --------------------------------------------------------------------------------------------
# small random helpers (pure Python, so results do not depend on a numpy version)


def _binomial(rng: random.Random, n: int, p: float) -> int:
    if n <= 0 or p <= 0:
        return 0
    if p >= 1:
        return n
    return sum(rng.random() < p for _ in range(n))


def _noisy(rng: random.Random, mean: float, spread: float = 0.12, floor: int = 0) -> int:
    """A count around `mean`: Gaussian with sd max(1, spread*mean), rounded, at least `floor`."""
    if mean <= 0:
        return floor
    return max(floor, round(rng.gauss(mean, max(1.0, spread * mean))))


def _multinomial(rng: random.Random, n: int, probabilities: dict[str, float]) -> dict[str, int]:
    keys = list(probabilities)
    total = sum(probabilities.values())
    cumulative, running = [], 0.0
    for key in keys:
        running += probabilities[key] / total
        cumulative.append(running)
    counts = dict.fromkeys(keys, 0)
    for _ in range(n):
        draw = rng.random()
        for key, edge in zip(keys, cumulative):
            if draw < edge:
                counts[key] += 1
                break
        else:
            counts[keys[-1]] += 1
    return counts


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def _rate(numerator: int, denominator: int) -> float:
    """A rate column as the systems print it: percent, rounded half-up to 2 decimals; 0.00 for 0/0."""
    return float(round_half_up(Fraction(100 * numerator, denominator))) if denominator else 0.0


# --------------------------------------------------------------------------------------------
# periods, titles, file names


def _refuse_seed_period(period: Period) -> None:
    if period == SEED_PERIOD:
        raise SeedPeriodError(
            f"kỳ {SEED_PERIOD} là số liệu gốc của báo cáo mẫu (tthc.demo.seed, data/raw/{SEED_PERIOD}); "
            "chương trình tạo dữ liệu minh họa không tạo và không ghi đè kỳ này")


def demo_periods(year: int = 2024) -> list[Period]:
    """The periods the demo data ships: every month of the year except the seed's September."""
    return [Period(year, m) for m in range(1, 13) if Period(year, m) != SEED_PERIOD]


@dataclass(frozen=True)
class _Dates:
    start: date
    end: date
    report: date

    @property
    def annex(self) -> str:  # "(Từ ngày 24/07/2024-23/08/2024)"
        return f"(Từ ngày {self.start:%d/%m/%Y}-{self.end:%d/%m/%Y})"

    @property
    def attached(self) -> str:  # "(Kèm theo Báo cáo số:/BC-TTHCC ngày 24/8/2024 của …)"
        r = self.report
        return f"(Kèm theo Báo cáo số:/BC-TTHCC ngày {r.day}/{r.month}/{r.year} của Trung tâm hành chính công huyện)"

    def range(self, word: str = "đến") -> str:  # "Từ ngày 24/07/2024 đến ngày 23/08/2024"
        return f"Từ ngày {self.start:%d/%m/%Y} {word} ngày {self.end:%d/%m/%Y}"


def _dates(period: Period) -> _Dates:
    return _Dates(period.start(CUTOFF_DAY), period.end(CUTOFF_DAY), period.report_date(CUTOFF_DAY))


def _file_names(period: Period) -> dict[str, str]:
    d = _dates(period)
    m, y = period.month, period.year
    return {
        "centre": f"Bieu_TTHCC_thang{m}.xlsx",
        "communes": f"Bieu_xa_thi_tran_T{m}_{y}.xlsx",
        "signing": f"ThongKeKySo_{d.start:%d%m%Y}_{d.end:%d%m%Y}.xlsx",
        "payments": "thanh-toan-truc-tuyen-dvcqg.xlsx",
        "feedback": f"PAKN_thang_{m}.xlsx",
    }


# --------------------------------------------------------------------------------------------
# traits shared by all periods of one seed


@dataclass(frozen=True)
class _CommuneTraits:
    offset: float  # September's rate relative to the communes' overall, in logit space
    catch_up: float  # how much of the gap closes each month after September (0..1)


def _commune_traits(seed: int) -> dict[str, _CommuneTraits]:
    rng = random.Random(f"{seed}-traits")
    communes = dict(seed_data.PAYMENT_GROUPS)["UBND các xã, thị trấn"]
    centre = _logit(float(SEPTEMBER_COMMUNES))
    offsets = {name: _logit(min(max(paid / fee, 0.03), 0.99)) - centre for name, fee, paid in communes}
    laggards = sorted(name for name, fee, paid in communes if paid / fee < 0.5)
    persistent = set(rng.sample(laggards, 2))  # still below 90 % in December
    traits = {}
    for name, _fee, _paid in communes:
        catch_up = rng.uniform(0.03, 0.07) if name in persistent else rng.uniform(0.26, 0.32)
        traits[name] = _CommuneTraits(offsets[name], catch_up)
    return traits


def _commune_logit(traits: _CommuneTraits, month: int) -> float:
    """A commune's place relative to the others in a month: the spread is narrower early in
    the year (everyone was low), September's in September; afterwards the communes behind
    close their gap at their own pace while the leaders stay ahead."""
    if month <= 9:
        return traits.offset * (0.6 + 0.4 * (month - 1) / 8)
    if traits.offset >= 0:
        return traits.offset
    return traits.offset * max(0.0, 1.0 - traits.catch_up * (month - 9))


# --------------------------------------------------------------------------------------------
# the exports


def _name(rng: random.Random, export: str, name: str, month: int) -> str:
    """September's spelling, or now and then another spelling the registry resolves."""
    loose = LOOSE_VARIANTS.get(month)
    if loose and loose[0] == export and loose[1] == name:
        return loose[2]
    variant = ALIAS_VARIANTS.get(export, {}).get(name)
    if variant and rng.random() < ALIAS_VARIANT_CHANCE:
        return variant
    return name


def _profile(counts: dict[str, int], prior: dict[str, float]) -> dict[str, float]:
    received = counts["received"]
    return {k: (counts[k] + _PRIOR_WEIGHT * prior[k]) / (received + _PRIOR_WEIGHT) for k in _OUTCOMES}


def _dossier_row(rng: random.Random, received: int, profile: dict[str, float], *,
                 p_late: float, p_on_time: float, p_overdue: float, p_undigitised: float,
                 direct_share: float) -> dict[str, int]:
    outcome = _multinomial(rng, received, profile)
    resolved, pending = outcome["resolved"], outcome["pending"]
    late = _binomial(rng, resolved, p_late)
    on_time = _binomial(rng, resolved - late, p_on_time)
    overdue = _binomial(rng, pending, p_overdue)
    direct = _binomial(rng, received, direct_share)
    return {
        "received": received, "received_direct": direct, "received_online": received - direct,
        "resolved": resolved, "resolved_early": resolved - late - on_time, "resolved_on_time": on_time,
        "resolved_late": late, "pending": pending, "pending_not_due": pending - overdue,
        "pending_overdue": overdue,
        **{k: outcome[k] for k in ("paused_supplement", "paused_financial", "paused_other", "refused", "withdrawn")},
        "results_digitised": resolved - _binomial(rng, resolved, p_undigitised),
    }


def _centre_rows(rng: random.Random, month: int, centre_rate: float) -> list[dict]:
    season = SEASON[month]
    rows = []
    for name, counts, _digitised in seed_data.CENTRE_ROWS:
        sept = dict(zip(seed_data.DOSSIER_COUNTS, counts))
        if name == TAX_OFFICE:
            received = _noisy(rng, sept["received"] * season, 0.08)
            row = {k: 0 for k in seed_data.DOSSIER_COUNTS}
            row.update(received=received, received_direct=received, resolved=received,
                       resolved_on_time=received, results_digitised=0)
        else:
            if name in _OCCASIONAL_UNITS:
                received = 0 if rng.random() < 0.7 else rng.randint(1, 3)
            else:
                received = _noisy(rng, sept["received"] * season, 0.15)
            row = _dossier_row(
                rng, received, _profile(sept, _CENTRE_OUTCOME_PRIOR),
                p_late=0.006, p_on_time=(sept["resolved_on_time"] + 1) / (sept["resolved"] + 20),
                p_overdue=0.03, p_undigitised=0.003, direct_share=DIRECT_SHARE.get(month, 0.0))
            share = _CENTRE_FEE_UNITS.get(name)
            row["fee_bearing"] = row["resolved"] if share is not None else 0
            row["paid_online"] = _binomial(rng, row["fee_bearing"], min(1.0, (share or 0) * centre_rate + 0.05))
        rows.append({"unit": _name(rng, "centre", name, month), **row})
    return rows


def _commune_rows(rng: random.Random, month: int, portal_rates: dict[str, float]) -> list[dict]:
    season = SEASON[month]
    rates = {_canonical_commune(n): r for n, r in portal_rates.items()}
    rows = []
    for name, counts, _direct, _digitised in seed_data.COMMUNE_ROWS:
        sept = dict(zip(seed_data.DOSSIER_COUNTS, counts))
        received = _noisy(rng, sept["received"] * season, 0.12, floor=3)
        row = _dossier_row(
            rng, received, _profile(sept, _COMMUNE_OUTCOME_PRIOR),
            p_late=0.012, p_on_time=0.07, p_overdue=0.08, p_undigitised=0.008,
            direct_share=DIRECT_SHARE.get(month, 0.0))
        fee = _binomial(rng, row["resolved"], 0.75)
        # the annex counts payments the one-stop desk recorded, online or at the desk; it runs
        # ahead of the portal's own statistics (as in September: 305/316 against 778/1.170)
        paid = _binomial(rng, fee, 1.0 - (1.0 - rates[_canonical_commune(name)]) * 0.3)
        row.update(fee_bearing=fee, paid_online=paid, paid_direct=fee - paid)
        rows.append({"unit": _name(rng, "communes", name, month), **row})
    return rows


def _canonical_commune(name: str) -> str:
    """Key a commune across exports by its name without the spelling differences."""
    return {"UBND thị trấn Thừa": "UBND thị trấn Thứa", "UBND xã Trùng Xá": "UBND xã Trừng Xá",
            "UBND xã Trung Khê": "UBND xã Trung Kênh"}.get(name, name)


def _valid_august_pairs(low: int = 800, high: int = 1600) -> list[tuple[int, int]]:
    """Integer (fee-bearing, paid-online) totals that read 58,15 % and +8,34 points to September."""
    pairs = []
    for fee in range(low, high + 1):
        for paid in range(int(0.5814 * fee), int(0.5816 * fee) + 2):
            if _reads_as_august(fee, paid):
                pairs.append((fee, paid))
    return pairs


def _reads_as_august(fee: int, paid: int) -> bool:
    rate = round_half_up(Fraction(100 * paid, fee))
    change = round_half_up(100 * SEPTEMBER_COMMUNES - Fraction(100 * paid, fee))
    return str(rate) == AUGUST_COMMUNE_RATE and str(change) == AUGUST_CHANGE


def _spread(rng: random.Random, values: list[int], delta: int, room: Callable[[int, int], bool]) -> None:
    """Add `delta` (±) to `values` one unit at a time, on entries with room, weighted by size."""
    step = 1 if delta > 0 else -1
    for _ in range(abs(delta)):
        candidates = [i for i in range(len(values)) if room(i, step)]
        if not candidates:
            raise RuntimeError("không phân bổ được số liệu minh họa")  # pragma: no cover - guarded by the model
        weights = [max(values[i], 1) for i in candidates]
        i = rng.choices(candidates, weights)[0]
        values[i] += step


def _commune_payments(rng: random.Random, period: Period, traits: dict[str, _CommuneTraits]) -> list[tuple[str, int, int]]:
    month = period.month
    season = SEASON[month]
    communes = dict(seed_data.PAYMENT_GROUPS)["UBND các xã, thị trấn"]
    names = [n for n, _f, _p in communes]
    fees = [_noisy(rng, fee * season, 0.10, floor=5) for _n, fee, _p in communes]
    if period == AUGUST:
        wanted_fee, wanted_paid = min(_valid_august_pairs(), key=lambda fp: (abs(fp[0] - sum(fees)), fp[0]))
        _spread(rng, fees, wanted_fee - sum(fees), lambda i, s: fees[i] + s >= 5)
        target = Fraction(wanted_paid, wanted_fee)
    else:
        target = Fraction(str(COMMUNE_PAYMENT_TARGETS[month])) / 100
    logits = [_commune_logit(traits[n], month) + rng.gauss(0.0, 0.15) for n in names]

    def overall(shift: float) -> float:
        return sum(f * _sigmoid(x + shift) for f, x in zip(fees, logits)) / sum(fees)

    low, high = -10.0, 10.0
    for _ in range(80):  # bisection: the shift that brings the communes to the month's target
        mid = (low + high) / 2
        low, high = (mid, high) if overall(mid) < target else (low, mid)
    rates = [_sigmoid(x + low) for x in logits]
    paid = [min(f, round(f * r)) if r < FULL_RATE else f for f, r in zip(fees, rates)]
    wanted = wanted_paid if period == AUGUST else round(target * sum(fees))
    # reach the exact total on communes that are not at 100 % (a full commune stays full)
    full = [p == f for p, f in zip(paid, fees)]
    _spread(rng, paid, wanted - sum(paid), lambda i, s: not full[i] and 0 <= paid[i] + s <= fees[i])
    if month == 12 and all(Fraction(p, f) >= Fraction(9, 10) for p, f in zip(paid, fees)):
        # the directive's deadline: someone is always still short of it
        worst = min(range(len(names)), key=lambda i: traits[names[i]].catch_up)
        drop = paid[worst] - math.floor(fees[worst] * 0.86)
        paid[worst] -= drop
        _spread(rng, paid, drop, lambda i, s: i != worst and paid[i] + s <= fees[i])
    return [(_name(rng, "payments", n, month), f, p) for n, f, p in zip(names, fees, paid)]


def _centre_payments(rng: random.Random, month: int) -> list[tuple[str, int, int]]:
    season = SEASON[month]
    rows: list[list[Any]] = []  # [name, fee-bearing, paid online], paid raised in place below
    for name, fee, _paid in dict(seed_data.PAYMENT_GROUPS)["Trung tâm Hành chính công huyện Lương Tài"]:
        fee_now = _noisy(rng, fee * season, 0.15, floor=1)
        rows.append([name, fee_now, fee_now - _binomial(rng, fee_now, _CENTRE_PORTAL_MISS[name])])
    while sum(r[2] for r in rows) * 10 < sum(r[1] for r in rows) * 9:  # the centre stays at 90 % or more
        short = max(rows, key=lambda r: r[1] - r[2])
        short[2] += 1
    return [(n, f, p) for n, f, p in rows]


def _signing_rows(rng: random.Random, month: int) -> list[tuple[str, dict]]:
    season = SEASON[month]
    units = [(group, row) for group, rows in seed_data.SIGNING_GROUPS for row in rows]
    # besides the units that always lag, one or two others leave a document unsigned some months
    eligible = [i for i, (_g, (_n, counts, *_)) in enumerate(units) if counts[1] > 0]
    slips = set(rng.sample(eligible, rng.choice((0, 1, 1, 2))))
    rows = []
    for index, (group, (name, counts, _r, _rw, axis_in, axis_out)) in enumerate(units):
        sept = dict(zip(seed_data.SIGNING_COUNTS, counts))
        values = {"docs_in": _noisy(rng, sept["docs_in"] * season, 0.10)}
        out = _noisy(rng, sept["docs_out"] * season, 0.15)
        if sept["workfiles"] == 0:  # provincial bodies outside the district's e-office
            values.update(workfiles=0, workfiles_done=0, docs_out=out, docs_out_from_workfiles=0,
                          docs_out_signed=0, docs_out_signed_from_workfiles=0)
        else:
            workfiles = max(_noisy(rng, sept["workfiles"] * season, 0.15), out // 2)
            not_done = (sept["workfiles"] - sept["workfiles_done"] + 0.5) / (sept["workfiles"] + 5)
            # September's shares of documents made outside the work files and left unsigned; a
            # small share is an occasional document (not every month), a large one a habit (GDNN-GDTX)
            gap = (sept["docs_out"] - sept["docs_out_from_workfiles"]) / sept["docs_out"]
            unsigned_share = (sept["docs_out"] - sept["docs_out_signed"]) / sept["docs_out"]
            if gap < 0.2:  # the documents made outside the work files are the unsigned ones
                from_wf = out - _binomial(rng, out, gap * 0.4)
                unsigned = out - from_wf
            else:
                from_wf = out - _binomial(rng, out, gap)
                unsigned = _binomial(rng, out, unsigned_share)
            if index in slips and out:
                unsigned = min(out, unsigned + rng.randint(1, 2))
            signed = out - unsigned
            values.update(workfiles=workfiles, workfiles_done=workfiles - _binomial(rng, workfiles, not_done),
                          docs_out=out, docs_out_from_workfiles=from_wf, docs_out_signed=signed,
                          docs_out_signed_from_workfiles=min(from_wf, signed))
        rates = {"rate_signed": _rate(values["docs_out_signed"], values["docs_out"]),
                 "rate_signed_from_workfiles": _rate(values["docs_out_signed_from_workfiles"], values["docs_out"])}
        axis = {
            "docs_in_national_axis": _noisy(rng, axis_in * season, 0.4) if axis_in else int(rng.random() < 0.08),
            "docs_out_national_axis": _noisy(rng, axis_out, 0.5) if axis_out else int(rng.random() < 0.03),
        }
        rows.append((group, {"unit": _name(rng, "signing", name, month), **values, **rates, **axis}))
    return rows


def _feedback_items(rng: random.Random, period: Period) -> list[tuple[str, str, str, str]]:
    d = _dates(period)
    days = (d.end - d.start).days
    topics = _FEEDBACK_TOPICS + _FEEDBACK_SEASONAL.get(period.month, ())
    units, weights = zip(*_FEEDBACK_UNITS)
    items = []
    for _ in range(max(3, round(rng.gauss(12, 4)))):
        day = d.start + timedelta(days=rng.randint(0, days))
        draw = rng.random()
        status = "Đã xử lý" if draw < 0.25 else "Đã ẩn" if draw < 0.40 else "Chưa trả lời"
        items.append((day, rng.choices(units, weights)[0], rng.choice(topics), status))
    items.sort(key=lambda item: item[0])
    return [(f"{day:%d/%m/%Y}", unit, topic, status) for day, unit, topic, status in items]


def generate_period(period: Period, *, seed: int = DEFAULT_SEED) -> dict[str, ExportTable]:
    """The five exports of one synthetic period: file name → table, in the seed's shapes."""
    _refuse_seed_period(period)
    rng = random.Random(f"{seed}-{period}")
    traits = _commune_traits(seed)
    d = _dates(period)
    month = period.month

    commune_payments = _commune_payments(rng, period, traits)
    centre_payments = _centre_payments(rng, month)
    commune_rates = {n: (p / f if f else 1.0) for n, f, p in commune_payments}
    centre_rate = sum(p for _n, _f, p in centre_payments) / max(1, sum(f for _n, f, _p in centre_payments))

    centre = ExportTable(
        DOSSIERS,
        ["TÌNH HÌNH TIẾP NHẬN VÀ TRẢ KẾT QUẢ TTHC TẠI TRUNG TÂM HCC " + d.annex, d.attached],
        ["stt", "unit", *seed_data.DOSSIER_COUNTS, "results_digitised"],
        [ExportRow(row) for row in _centre_rows(rng, month, centre_rate)],
        labels=seed_data.SEED_HEADER_QUIRKS,
    )
    communes = ExportTable(
        DOSSIERS,
        # the provincial system prints the centre's title on the communes' export too (as in the seed)
        ["TÌNH HÌNH TIẾP NHẬN VÀ TRẢ KẾT QUẢ TTHC TẠI TRUNG TÂM HCC " + d.annex, d.attached],
        ["stt", "unit", *seed_data.DOSSIER_COUNTS, "paid_direct", "results_digitised"],
        [ExportRow(row) for row in _commune_rows(rng, month, commune_rates)],
    )
    signing = ExportTable(
        SIGNING,
        ["Thống kê tình hình ký số văn bản điện tử - UBND Huyện Lương Tài", d.range("Đến")],
        ["stt", "unit", *seed_data.SIGNING_COUNTS, "rate_signed", "rate_signed_from_workfiles",
         "docs_in_national_axis", "docs_out_national_axis"],
        [ExportRow(values, group) for group, values in _signing_rows(rng, month)],
        with_total=False,
    )
    payment_groups = (("Trung tâm Hành chính công huyện Lương Tài", centre_payments),
                      ("UBND các xã, thị trấn", commune_payments))
    payments = ExportTable(
        PAYMENTS,
        [PAYMENTS.title, d.range()],
        ["stt", "unit", "fee_bearing", "paid_online", "rate_paid_online"],
        [ExportRow({"unit": n, "fee_bearing": f, "paid_online": p, "rate_paid_online": _rate(p, f)}, group)
         for group, rows in payment_groups for n, f, p in rows],
    )
    items = _feedback_items(rng, period)
    stated = {s: sum(1 for item in items if item[3] == s) for s in ("Đã xử lý", "Đã ẩn", "Chưa trả lời")}
    feedback = ExportTable(
        FEEDBACK,
        [FEEDBACK.title, d.range(),
         (f"Tổng số PAKN: {len(items)}; Đã xử lý: {stated['Đã xử lý']}; Đã ẩn: {stated['Đã ẩn']}; "
         f"Chưa trả lời: {stated['Chưa trả lời']}")],
        ["stt", "received_on", "unit", "topic", "status"],
        [ExportRow({"received_on": day, "unit": unit, "topic": topic, "status": status})
         for day, unit, topic, status in items],
        with_total=False,
    )
    names = _file_names(period)
    return {names["centre"]: centre, names["communes"]: communes, names["signing"]: signing,
            names["payments"]: payments, names["feedback"]: feedback}


# --------------------------------------------------------------------------------------------
# reading generated tables back (for the notes and for tests)


def _dossier_tables(tables: dict[str, ExportTable]) -> tuple[ExportTable, ExportTable]:
    dossiers = [t for t in tables.values() if t.spec is DOSSIERS]
    centre = next(t for t in dossiers if "paid_direct" not in t.columns)
    communes = next(t for t in dossiers if "paid_direct" in t.columns)
    return centre, communes


def _payments_table(tables: dict[str, ExportTable]) -> ExportTable:
    return next(t for t in tables.values() if t.spec is PAYMENTS)


def commune_payment_totals(tables: dict[str, ExportTable]) -> tuple[int, int]:
    """(fee-bearing, paid online) of the communes in a period's portal payments export."""
    rows = [r for r in _payments_table(tables).rows if r.group == "UBND các xã, thị trấn"]
    return sum(_count(r.values["fee_bearing"]) for r in rows), sum(_count(r.values["paid_online"]) for r in rows)


def _count(value: Value) -> int:
    """A count cell of a table the generator made (never empty)."""
    assert value is not None
    return int(value)


# --------------------------------------------------------------------------------------------
# the analyst's notes


_LATE_REASONS = (
    "do phần mềm kết nối không ổn định, cán bộ tiếp nhận, giải quyết TTHC không thực hiện được trên phần mềm",
    "do hồ sơ phải xác minh thêm thông tin tại địa phương",
    "đã trả kết quả cho công dân đúng thời gian quy định, do cán bộ tích đẩy trả kết quả chậm trên phần mềm DVC",
    "do phải lấy ý kiến của cơ quan chuyên môn cấp trên",
    "do công chức phụ trách nghỉ ốm, chưa kịp phân công người xử lý thay",
    "do chờ kết quả liên thông với cơ quan thuế",
    "do đường truyền mạng gián đoạn trong thời gian nâng cấp hệ thống",
)
_OVERDUE_REASONS = (
    "do phần mềm kết nối không ổn định, cán bộ tiếp nhận, xử lý không thực hiện được trên phần mềm",
    "do hồ sơ phải xác minh thêm, chờ văn bản trả lời của cơ quan phối hợp",
    "do chờ ý kiến thẩm định của cơ quan chuyên môn",
    "do người ký duyệt đi công tác, đã có phiếu xin lỗi và hẹn lại ngày trả kết quả",
)
_PAUSED_REASONS = {
    "paused_supplement": "chờ công dân bổ sung, hoàn thiện hồ sơ theo phiếu yêu cầu bổ sung",
    "paused_financial": "chờ người sử dụng đất thực hiện nghĩa vụ tài chính",
    "paused_other": "tạm dừng để chờ xác minh thêm thông tin",
}
_PAUSED_OTHER_BY_UNIT = {
    "Chi nhánh Văn phòng ĐKĐĐ": "có công văn thông báo tạm dừng hồ sơ để chờ chủ sử dụng đất, địa phương xác "
                                "minh nguồn gốc đất, ranh giới sử dụng đất",
    "Phòng Lao động TB&XH": "đang chờ ký duyệt",
}
_WITHDRAWN_REASONS = ("công dân xin rút để hoàn thiện lại giấy tờ", "công dân xin rút do thay đổi nhu cầu")
_REFUSED_REASON = "hồ sơ không đủ điều kiện giải quyết theo quy định, đã có phiếu từ chối gửi công dân"

_DIRECTIVE_TOPICS = (
    "xử lý hồ sơ quá hạn trên hệ thống giải quyết TTHC của tỉnh",
    "rà soát đơn giản hóa TTHC nội bộ",
    "đẩy mạnh thực hiện nhiệm vụ của Chỉ thị số 10 và các báo cáo kiểm soát TTHC",
    "nâng cao tỷ lệ thanh toán trực tuyến trên cổng DVC quốc gia tại bộ phận một cửa các xã, thị trấn",
    "số hóa hồ sơ, kết quả giải quyết TTHC",
    "kiểm tra công tác cải cách hành chính năm 2024",
    "công khai TTHC tại bộ phận một cửa cấp xã",
)


def _prose(name: str) -> str:
    return _PROSE_NAMES.get(name, name)


def _by_unit(table: ExportTable, column: str) -> list[tuple[str, int]]:
    return [(_prose(str(r.values["unit"])), int(r.values.get(column) or 0)) for r in table.rows
            if int(r.values.get(column) or 0) > 0 and r.values["unit"] != TAX_OFFICE]


def _explain(rng: random.Random, items: list[tuple[str, int]], reasons: Sequence[str]) -> str:
    """Unit by unit with a reason each, or now and then (as in September) one reason for all."""
    if len(items) > 2 and rng.random() < 0.4:
        return f"{pad_count(sum(n for _u, n in items))} hồ sơ {rng.choice(reasons)}"
    return "; ".join(f"{unit} {pad_count(n)} hồ sơ {rng.choice(reasons)}" for unit, n in items)


def _explain_paused(rng: random.Random, table: ExportTable) -> str:
    parts = []
    for column, reason in _PAUSED_REASONS.items():
        for unit, n in _by_unit(table, column):
            why = _PAUSED_OTHER_BY_UNIT.get(unit, reason) if column == "paused_other" else reason
            parts.append(f"{pad_count(n)} hồ sơ {unit} {why}")
    return "; ".join(parts)


def explanation_lines(rng, centre, communes) -> list[str]:
    """The notes file's `explanations:` block for both desks (shared by every demo generator)."""
    explanations = {"centre": _explanations(rng, centre, centre=True),
                    "communes": _explanations(rng, communes, centre=False)}
    if not any(explanations.values()):
        return ["explanations: {}"]
    lines = ["explanations:"]
    for desk, items in explanations.items():
        if items:
            lines.append(f"  {desk}:")
            for key, text in items.items():
                lines.extend(_block(key, text, 4))
    return lines


def _explanations(rng: random.Random, table: ExportTable, *, centre: bool) -> dict[str, str]:
    out = {}
    if late := _by_unit(table, "resolved_late"):
        out["resolved_late"] = _explain(rng, late, _LATE_REASONS)
    if overdue := _by_unit(table, "pending_overdue"):
        out["pending_overdue"] = _explain(rng, overdue, _OVERDUE_REASONS)
    if paused := _explain_paused(rng, table):
        out["paused"] = paused
    if centre and (withdrawn := _by_unit(table, "withdrawn")):
        out["withdrawn"] = _explain(rng, withdrawn, _WITHDRAWN_REASONS)
    if refused := _by_unit(table, "refused"):
        out["refused"] = _explain(rng, refused, (_REFUSED_REASON,))
    return out


def _block(key: str, text: str, indent: int, width: int = 100) -> list[str]:
    pad = " " * indent
    lines = textwrap.wrap(text, width=width - indent - 2, break_long_words=False, break_on_hyphens=False)
    return [f"{pad}{key}: >-", *(f"{pad}  {line}" for line in lines)]


def _item(text: str, indent: int, width: int = 100) -> list[str]:
    pad = " " * indent
    lines = textwrap.wrap(text, width=width - indent - 4, break_long_words=False, break_on_hyphens=False)
    return [f"{pad}- >-", *(f"{pad}  {line}" for line in lines)]


def _sections(rng: random.Random, period: Period, tables: dict[str, ExportTable]) -> dict[str, list[str]]:
    month, next_month = period.month, period.next()
    _centre, communes = _dossier_tables(tables)
    payments = _payments_table(tables)
    centre_portal = [r for r in payments.rows if r.group != "UBND các xã, thị trấn"]
    centre_full = all(r.values["paid_online"] == r.values["fee_bearing"] for r in centre_portal)
    below = [_prose(str(r.values["unit"])) for r in payments.rows
             if r.group == "UBND các xã, thị trấn" and r.values["fee_bearing"]
             and Fraction(_count(r.values["paid_online"]), _count(r.values["fee_bearing"])) < Fraction(9, 10)]
    fewest = sorted((_count(r.values["received"]), _prose(str(r.values["unit"]))) for r in communes.rows)[:3]

    work = [("Phối hợp, đôn đốc các cơ quan, đơn vị có liên quan thực hiện tốt việc tiếp nhận, thẩm định, trả kết "
            "quả giải quyết các thủ tục hành chính đảm bảo thời gian theo quy định. Đồng thời tạo điều kiện thuận "
            "lợi nhất cho các tổ chức, người dân tham gia giao dịch tại Trung tâm.")]
    if month == 2:
        work.append("Bố trí cán bộ trực, bảo đảm việc tiếp nhận, giải quyết TTHC thông suốt trước và sau kỳ nghỉ "
                    "Tết Nguyên đán Giáp Thìn 2024; hồ sơ tiếp nhận trong tháng giảm do kỳ nghỉ Tết.")
    elif month == 12:
        work.append("Rà soát, tổng hợp kết quả thực hiện các chỉ tiêu cải cách TTHC năm 2024, chuẩn bị báo cáo "
                    "tổng kết năm; đôn đốc các xã, thị trấn hoàn thành chỉ tiêu thanh toán trực tuyến theo Chỉ thị "
                    "số 10/CT-UBND trước ngày 31/12/2024.")
    elif rng.random() < 0.5:
        work.append("Hướng dẫn tổ chức, cá nhân nộp hồ sơ trực tuyến và thanh toán phí, lệ phí trên cổng DVC "
                    "quốc gia ngay tại Trung tâm.")

    strengths = list(_seed_strengths())
    limitations = [
        ("Cơ sở vật chất, hệ thống trang thiết bị chưa đáp ứng được yêu cầu nhiệm vụ. Không gian làm việc tại "
        "Trung tâm Hành chính công còn chật hẹp, khó khăn cho cán bộ tiếp nhận hồ sơ cũng như người dân đến giải "
        "quyết TTHC.")]
    if not centre_full:
        limitations.append(
            "Một số TTHC liên thông cấp huyện thuộc lĩnh vực đất đai, phần mềm chưa tích hợp việc thu phí/lệ phí "
            "trực tuyến của đơn vị trung gian trên cổng DVC quốc gia, đồng bộ với cổng DVC của tỉnh, vì vậy tỷ lệ "
            "thu phí/lệ phí trong tháng tại TTHCC chưa đạt tỷ lệ tối đa 100%.")
    communes_limits = []
    if below:
        level = "còn quá thấp" if month <= 9 else "đã tăng nhưng một số xã chưa đạt"
        who = ", ".join(below) if len(below) <= 5 else f"{len(below)}/{len(communes.rows)} xã, thị trấn"
        communes_limits.append(
            f"Thực hiện việc thu phí/lệ phí trực tuyến trên cổng DVC quốc gia {level} ({who} dưới "
            "90%), làm ảnh hưởng đến chỉ tiêu chung của toàn huyện. Đồng thời chỉ số cải cách TTHC cấp huyện "
            "trong năm 2024 sẽ bị giảm (chỉ tiêu tỷ lệ hồ sơ thanh toán trực tuyến trên cổng DVC quốc gia theo "
            "Chỉ thị số 10/CT-UBND ngày 01/6/2023 của UBND tỉnh Bắc Ninh: tính đến 31/12/2024 UBND cấp huyện, "
            "UBND cấp xã tối thiểu đạt 95%).")
    communes_limits.append(
        "Cán bộ công chức thực hiện việc tiếp nhận, giải quyết TTHC chưa cập nhật hết các hồ sơ trên cổng DVC "
        "của tỉnh trong đó: " + "; ".join(f"{unit} tiếp nhận: {n:02d} hồ sơ/tháng" for n, unit in fewest) + ".")
    next_tasks = [
        ("Thực hiện hiệu quả chức năng kiểm tra, giám sát, đôn đốc các cơ quan đơn vị trong việc tiếp nhận giải "
        "quyết TTHC và số hóa hồ sơ. Hỗ trợ tổ chức, cá nhân thực hiện TTHC trên môi trường điện tử đạt 100%; "
        "thực hiện việc thanh toán trực tuyến với các TTHC có yêu cầu nghĩa vụ tài chính trên cổng DVC quốc gia. "
        "Giảm tỷ lệ hồ sơ quá hạn theo đúng tinh thần chỉ đạo của UBND tỉnh; 100% hồ sơ quá hạn phải có thư xin "
        "lỗi và văn bản giải trình theo quy định. Nâng cao chất lượng phục vụ tổ chức, cá nhân khi đến giao dịch "
        "tại Trung tâm."),
        ("Chấn chỉnh nghiêm kỷ luật, kỷ cương hành chính, thời gian làm việc, đạo đức công vụ, văn hóa giao tiếp "
        "của cán bộ công chức, viên chức làm việc tại Trung tâm.")]
    if next_month.month == 1:
        next_tasks.append("Bố trí lịch trực, bảo đảm tiếp nhận, giải quyết TTHC cho tổ chức, cá nhân trước Tết "
                          "Nguyên đán Ất Tỵ 2025.")
    elif below:
        next_tasks.append(f"Đôn đốc {', '.join(below[:3])} nâng tỷ lệ thanh toán trực tuyến, phấn đấu đạt chỉ "
                          f"tiêu 95% theo Chỉ thị số 10/CT-UBND trong tháng {next_month.month:02d}/{next_month.year}.")
    return {"work_situation": work, "strengths": strengths, "limitations": limitations,
            "limitations_communes": communes_limits, "next_tasks": next_tasks}


def _seed_strengths() -> tuple[str, ...]:
    """Section 6.1 of the seed, reused every month."""
    return (
        ("Công tác cải cách TTHC trên địa bàn huyện đã đem lại hiệu lực, hiệu quả, chất lượng dịch vụ công ngày "
        "được nâng cao thông qua thực hiện và duy trì cơ chế một cửa, một cửa liên thông với các TTHC được cải "
        "cách theo hướng đơn giản, dễ thực hiện, kết hợp với thái độ phục vụ tận tình, ý thức trách nhiệm trong "
        "thực thi công vụ của cán bộ, công chức, viên chức làm việc tại Trung tâm."),
        ("Trong tháng việc tiếp nhận, xử lý, giải quyết các TTHC đảm bảo nhanh, gọn, hiệu quả và thuận lợi cho các "
        "tổ chức, cá nhân tham gia giao dịch. Các cơ quan, đơn vị đã chủ động trong việc gửi công văn giải trình "
        "lý do hồ sơ quá hạn, thông báo cho công dân việc tạm dừng hồ sơ để giải quyết theo đúng quy trình, quy "
        "định."),
        ("Một số TTHC phức tạp, nhạy cảm, nhiều quy trình xử lý (trước đây người dân phải đi lại nhiều lần, nhiều "
        "nơi) hiện tại đã và đang được thực hiện rất tốt tại Trung tâm như: Đất đai, phí trước bạ phương tiện "
        "giao thông, thanh toán trực tuyến thực hiện nghĩa vụ tài chính. Công tác triển khai tiếp nhận hồ sơ TTHC "
        "trên môi trường điện tử đã từng bước đưa dịch vụ công trực tuyến đến gần với người dân hơn."),
    )


# Registration-fee revenue (phí trước bạ) relative to September: car purchases peak before Tết.
_REVENUE_SEASON = {1: 1.35, 2: 0.60, 3: 0.95, 4: 0.95, 5: 1.00, 6: 0.95, 7: 0.90, 8: 0.95,
                   9: 1.00, 10: 1.05, 11: 1.10, 12: 1.30}
_SEPTEMBER_REVENUE = 2_671_770_000
_SEPTEMBER_E_CERTIFICATIONS = 566


def generate_analyst_notes(period: Period, tables: dict[str, ExportTable], *, seed: int = DEFAULT_SEED) -> str:
    """The analyst's notes file (YAML text) for a generated period, marked `synthetic: true`."""
    _refuse_seed_period(period)
    rng = random.Random(f"{seed}-{period}-notes")
    centre, communes = _dossier_tables(tables)
    month = period.month
    revenue = round(rng.gauss(_SEPTEMBER_REVENUE * _REVENUE_SEASON[month], 0.08 * _SEPTEMBER_REVENUE), -4)
    certifications = _noisy(rng, _SEPTEMBER_E_CERTIFICATIONS * SEASON[month], 0.10)
    directives = rng.randint(3, 7)
    topics = "; ".join(rng.sample(_DIRECTIVE_TOPICS, 3))

    lines = [
        "# DỮ LIỆU MINH HỌA: mọi số liệu và nội dung của kỳ này do chương trình tạo ra",
        f"# (tthc.demo.generator, seed {seed}), không phải số liệu thật của Trung tâm.",
        "synthetic: true",
        f"period: \"{period}\"   # Kỳ báo cáo của tệp ghi chú này",
        "",
        f"# Số liệu và nội dung do chuyên viên nhập cho kỳ báo cáo {period}.",
        "# Sửa trực tiếp tệp này; giữ nguyên tên các mục (phần trước dấu hai chấm).",
        "",
        (f"registration_fee_revenue: {int(revenue)}   # Phí trước bạ phương tiện giao thông thu nộp NSNN "
        f"(đồng): {format_int(int(revenue))}"),
        f"e_certifications: {certifications}   # Hồ sơ chứng thực điện tử, chứng thực không ký số trên cổng DVC tỉnh",
        f"directives_drafted: {directives}   # Số văn bản chỉ đạo điều hành đã tham mưu UBND huyện",
        *_block("directives_topics", topics, 0),
        "",
        "# Giải thích gắn vào câu số liệu tương ứng (để trống nếu không có).",
    ]
    lines += explanation_lines(rng, centre, communes)
    lines += ["", "sections:"]
    comments = {
        "work_situation": "Mục 1. Tình hình công tác trong tháng (đoạn sau câu về văn bản tham mưu).",
        "strengths": "Mục 6.1. Ưu điểm",
        "limitations": "Mục 6.2. Hạn chế",
        "limitations_communes": "Hạn chế tại bộ phận một cửa các xã, thị trấn",
        "next_tasks": "Mục 7. Phương hướng, nhiệm vụ tháng sau",
    }
    for key, paragraphs in _sections(rng, period, tables).items():
        lines.append(f"  # {comments[key]}")
        lines.append(f"  {key}:")
        for text in paragraphs:
            lines.extend(_item(text, 4))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# writing


_CORE_TIMES = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _freeze_xlsx(path: Path, when: datetime) -> None:
    """Make an .xlsx byte-for-byte reproducible: fixed document times and zip entry times."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info.filename)) for info in archive.infolist()]
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".xlsx.tmp")
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            for info, data in members:
                if info.filename == "docProps/core.xml":
                    data = _CORE_TIMES.sub(lambda m: m.group(1) + stamp + m.group(3), data)
                fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
                fixed.compress_type = zipfile.ZIP_DEFLATED
                fixed.external_attr = info.external_attr
                archive.writestr(fixed, data)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def write_demo_period(period: Period, folder: Path, *, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write one synthetic period (five .xlsx exports and the notes .yaml) into `folder`.

    Refuses the seed's period (2024-09), whose exports are shipped as they are.
    """
    _refuse_seed_period(period)
    folder = Path(folder)
    tables = generate_period(period, seed=seed)
    when = datetime.combine(period.report_date(CUTOFF_DAY), datetime.min.time()).replace(hour=8)
    written = []
    for name, table in tables.items():
        path = write_xlsx(table, folder / name, synthetic=True)
        _freeze_xlsx(path, when)
        written.append(path)
    notes = folder / NOTES_FILE
    notes.write_text(generate_analyst_notes(period, tables, seed=seed), encoding="utf-8")
    written.append(notes)
    return written
