"""Synthetic data of the two example centres shipped under examples/ (demo only).

examples/trung-tam-tinh/
    A provincial public-service centre ("Trung tâm Phục vụ hành chính công tỉnh Bình Lâm"; Bình Lâm is a
    made-up province): 20 provincial agencies (kind provincial_body), no communes, cut-off day 21, one dossiers
    export a month for 2024-01 … 2024-12 with the carried-over column ("Kỳ trước chuyển sang"). Each month's
    carried-over count of a unit is the previous month's closing open dossiers (pending + paused), so
    tthc.validation.continuity finds nothing; 2024-Q3 and 2024 are built from the months (tthc.combine).
    September's totals are pinned so that the on-time rate over resolved dossiers prints 99,81 % and the
    rate over dossiers due ("đến hạn": resolved + pending overdue) prints 99,71 %.
examples/toan-tinh-quy/
    A province-wide report of the same made-up province, cut-off day 15: three tiers (20 provincial agencies,
    10 district-level People's Committees, 103 communes: 133 units), the communes under one group row per
    district, "UBND xã Tân Lập" in three districts (three ids, each with its district as `parent`), one export
    covering the year 2022 (15/12/2021–14/12/2022) in raw/2022/ and one covering 2023-Q1 (15/12/2022–
    14/3/2023) in raw/2023-Q1/; the quarter's carried-over is the year's closing open dossiers.

The units are data of this module, written as each folder's reference/units.yaml with Vietnamese comments
(like tthc.demo.seed for the district centre); the exports go through tthc.exports.writer. Every figure holds
each identity the validation checks by construction: received = direct + online, resolved = early + on time
+ late, pending = not due + overdue, carried-over + received = every outcome, paid online ≤ fee-bearing,
digitised ≤ resolved. Every file is marked synthetic (workbook keyword, `synthetic: true`, a title line).

Deterministic: `random.Random(f"{seed}-{centre}-{period}")` drives one period, and the files are frozen to a
fixed time, so the same seed gives byte-identical folders. Regenerate with

    python -m tthc.demo.examples                 # both folders under examples/, seed 2024
    python -m tthc.demo.examples --root /tmp/ex  # elsewhere
"""

from __future__ import annotations

import argparse
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from pathlib import Path

from tthc.demo.generator import _freeze_xlsx
from tthc.exports.writer import ExportRow, ExportTable, write_xlsx
from tthc.formatting.numbers import round_half_up
from tthc.period import Period
from tthc.sources import DOSSIERS

__all__ = [
    "CENTRE_CUTOFF",
    "CENTRE_FOLDER",
    "CENTRE_PERIODS",
    "DEFAULT_SEED",
    "PINNED",
    "PROVINCE_CUTOFF",
    "PROVINCE_FOLDER",
    "PROVINCE_PERIODS",
    "SAME_NAMED",
    "Unit",
    "centre_units",
    "closing_open",
    "generate_centre",
    "generate_province",
    "main",
    "on_time_rates",
    "province_units",
    "write_examples",
]

DEFAULT_SEED = 2024
PROVINCE = "Bình Lâm"  # a made-up province: no figure or name of these folders is real
CENTRE_FOLDER = "trung-tam-tinh"
PROVINCE_FOLDER = "toan-tinh-quy"
CENTRE_CUTOFF = 21  # the provincial centre's months run 21st → 20th (as Vĩnh Phúc's reports do)
PROVINCE_CUTOFF = 15  # NĐ 09/2019: 15th → 14th; 2023-Q1 is 15/12/2022–14/3/2023
CENTRE_PERIODS = tuple(Period(2024, m) for m in range(1, 13))
PROVINCE_PERIODS = (Period(2022, 1, 12), Period(2023, 1, 3))  # in order: the quarter carries the year's open
PINNED = (Period(2024, 9), "99.81", "99.71")  # month, on-time over resolved, on-time over due
SAME_NAMED = "UBND xã Tân Lập"
NOTES_FILE = "ghi-chu-chuyen-vien.yaml"
SYNTHETIC_LINE = "DỮ LIỆU MINH HỌA (tthc.demo.examples): không phải số liệu thật"

PROVINCIAL_GROUP = "Các sở, ban, ngành"
DISTRICT_GROUP = "UBND các huyện, thị xã, thành phố"

COLUMNS = ("stt", "unit", "carried_over", "received", "received_direct", "received_online",
           "resolved", "resolved_early", "resolved_on_time", "resolved_late",
           "pending", "pending_not_due", "pending_overdue",
           "paused_supplement", "paused_financial", "paused_other", "refused", "withdrawn",
           "fee_bearing", "paid_online", "results_digitised")
OPEN = ("pending", "paused_supplement", "paused_financial", "paused_other")  # handed on to the next period
Row = dict[str, int]


@dataclass(frozen=True)
class Unit:
    """A unit of an example registry, and how many dossiers it sees in a month (the demo's model)."""

    id: str
    name: str
    kind: str
    group: str
    level: str
    monthly: int  # dossiers received in an ordinary month
    open_share: float  # share of the dossiers in hand still open at the period's end
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    fee_share: float = 0.2  # share of resolved dossiers with a fee or charge


# The 20 provincial agencies: (id, name, aliases, monthly dossiers, open share, fee share). Volumes follow
# what a provincial centre sees: driving licences, business registration, land and judicial records lead.
_AGENCIES: tuple[tuple[str, str, tuple[str, ...], int, float, float], ...] = (
    ("so_tu_phap", "Sở Tư pháp", ("Sở Tư pháp tỉnh Bình Lâm",), 1450, 0.10, 0.9),
    ("so_ke_hoach_dau_tu", "Sở Kế hoạch và Đầu tư", ("Sở KH&ĐT", "Sở Kế hoạch - Đầu tư"), 1250, 0.08, 0.1),
    ("so_tai_chinh", "Sở Tài chính", (), 90, 0.10, 0.0),
    ("so_cong_thuong", "Sở Công Thương", ("Sở Công thương",), 260, 0.08, 0.5),
    ("so_xay_dung", "Sở Xây dựng", (), 170, 0.18, 0.6),
    ("so_giao_thong_van_tai", "Sở Giao thông vận tải", ("Sở GTVT",), 2900, 0.09, 1.0),
    ("so_tai_nguyen_moi_truong", "Sở Tài nguyên và Môi trường", ("Sở TN&MT", "Sở Tài nguyên - Môi trường"),
     1350, 0.22, 0.8),
    ("so_nong_nghiep", "Sở Nông nghiệp và Phát triển nông thôn", ("Sở NN&PTNT",), 210, 0.12, 0.4),
    ("so_lao_dong", "Sở Lao động - Thương binh và Xã hội", ("Sở LĐTB&XH", "Sở Lao động - TB&XH"), 420, 0.10, 0.1),
    ("so_giao_duc", "Sở Giáo dục và Đào tạo", ("Sở GD&ĐT",), 330, 0.06, 0.2),
    ("so_y_te", "Sở Y tế", (), 380, 0.14, 0.7),
    ("so_van_hoa", "Sở Văn hóa, Thể thao và Du lịch", ("Sở VHTT&DL",), 120, 0.10, 0.5),
    ("so_thong_tin", "Sở Thông tin và Truyền thông", ("Sở TT&TT",), 60, 0.08, 0.3),
    ("so_khoa_hoc", "Sở Khoa học và Công nghệ", ("Sở KH&CN",), 45, 0.10, 0.3),
    ("so_noi_vu", "Sở Nội vụ", (), 70, 0.12, 0.0),
    ("ban_dan_toc", "Ban Dân tộc", (), 12, 0.10, 0.0),
    ("ban_quan_ly_kcn", "Ban Quản lý các khu công nghiệp", ("BQL các KCN", "Ban Quản lý các KCN"), 150, 0.10, 0.2),
    ("cong_an_tinh", "Công an tỉnh", ("Công an tỉnh Bình Lâm",), 980, 0.07, 0.9),
    ("cuc_thue", "Cục Thuế tỉnh", ("Cục Thuế",), 520, 0.05, 0.0),
    ("bao_hiem_xa_hoi", "Bảo hiểm xã hội tỉnh", ("BHXH tỉnh",), 640, 0.06, 0.0),
)
# The exports spell these agencies by an alias (the registry lists it), as the provincial system does.
_EXPORT_SPELLINGS = {"so_lao_dong": "Sở LĐTB&XH", "ban_quan_ly_kcn": "BQL các KCN"}

# The districts: (id, name of the district, its People's Committee, communes' word, communes).
# "Tân Lập" is in three districts on purpose: the same commune name under three parents.
_DISTRICTS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("tp_binh_lam", "Thành phố Bình Lâm", "UBND thành phố Bình Lâm", "phường",
     ("Bắc Sơn", "Đông Thành", "Hòa Bình", "Lê Lợi", "Minh Khai", "Nam Hà", "Quang Trung", "Tân Thịnh",
      "Trần Phú", "Xuân Hòa")),
    ("tx_tan_phong", "Thị xã Tân Phong", "UBND thị xã Tân Phong", "phường",
     ("An Phú", "Bình Minh", "Hưng Thịnh", "Phong Châu", "Tân Phong", "Thanh Xuân", "Trung Hòa", "Văn Lang",
      "Vĩnh Tiến")),
    ("h_an_lac", "Huyện An Lạc", "UBND huyện An Lạc", "xã",
     ("An Lạc", "An Thịnh", "Đồng Tâm", "Hồng Phong", "Kim Tân", "Ngọc Lâm", "Phú Xuân", "Quảng Bình",
      "Tân Lập", "Thái Hòa", "Yên Bình")),
    ("h_dong_xuan", "Huyện Đồng Xuân", "UBND huyện Đồng Xuân", "xã",
     ("Đồng Xuân", "Cẩm Bình", "Đại Đồng", "Hợp Thành", "Lạc Hòa", "Minh Đức", "Nghĩa Hưng", "Phúc Lộc",
      "Tân Dân", "Xuân Lai")),
    ("h_hoa_my", "Huyện Hòa Mỹ", "UBND huyện Hòa Mỹ", "xã",
     ("Hòa Mỹ", "Bình Dương", "Châu Minh", "Đức Thắng", "Hoàng An", "Lam Sơn", "Mỹ Hòa", "Phượng Sơn",
      "Thanh Lương", "Vũ Xá")),
    ("h_kim_dai", "Huyện Kim Đài", "UBND huyện Kim Đài", "xã",
     ("Kim Đài", "Ân Nghĩa", "Bảo Đài", "Định Hóa", "Hưng Đạo", "Kim Chính", "Lương Phong", "Nhân Hòa",
      "Tiên Sơn", "Văn Hải")),
    ("h_phu_son", "Huyện Phú Sơn", "UBND huyện Phú Sơn", "xã",
     ("Phú Sơn", "Cao Thượng", "Đông Lỗ", "Hương Lâm", "Liên Sơn", "Ngọc Thiện", "Phúc Hòa", "Quế Nham",
      "Tân Lập", "Trung Sơn", "Việt Lập")),
    ("h_thach_lam", "Huyện Thạch Lâm", "UBND huyện Thạch Lâm", "xã",
     ("Thạch Lâm", "Bắc Lý", "Chu Minh", "Đoan Bái", "Hoàng Lương", "Lương Sơn", "Mai Đình", "Nam Thắng",
      "Thường Thắng", "Xuân Cẩm")),
    ("h_vinh_phong", "Huyện Vĩnh Phong", "UBND huyện Vĩnh Phong", "xã",
     ("Vĩnh Phong", "An Hà", "Cao Xá", "Đại Lâm", "Hương Mai", "Lãng Sơn", "Mỹ An", "Quang Châu", "Tăng Tiến",
      "Yên Lư")),
    ("h_yen_thanh", "Huyện Yên Thạnh", "UBND huyện Yên Thạnh", "xã",
     ("Yên Thạnh", "Bố Hạ", "Canh Nậu", "Đồng Kỳ", "Hồng Kỳ", "Lan Giới", "Nhã Nam", "Phồn Xương", "Tân Hiệp",
      "Tân Lập", "Tiến Thắng", "Xuân Lương")),
)
# A district's first commune is its seat: a thị trấn (township) in a huyện, a phường in a city or town.
_COMMUNE_MONTHLY = (55, 260)  # a commune's monthly dossiers range, the seat at the top of it
_DISTRICT_MONTHLY = (350, 900)

# Dossier volume by the month a period ends in: fewer around Tết, a rush before the year end.
_SEASON = {1: 1.12, 2: 0.68, 3: 1.00, 4: 0.96, 5: 0.98, 6: 1.00, 7: 0.97, 8: 0.95, 9: 1.00, 10: 1.03,
           11: 1.06, 12: 1.18}
_ONLINE_SHARE = 0.72
_PAID_ONLINE = 0.86
_LATE = 0.0025  # share of resolved dossiers resolved late, before September's pin
_OVERDUE = 0.012  # share of pending dossiers already overdue


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    ascii_only = "".join(c for c in plain if unicodedata.category(c) != "Mn").lower()
    return "_".join("".join(c if c.isalnum() else " " for c in ascii_only).split())


def centre_units() -> list[Unit]:
    """The provincial centre's registry: its 20 agencies."""
    return [Unit(uid, name, "provincial_body", PROVINCIAL_GROUP, "province", monthly, open_share,
                 aliases=aliases, fee_share=fee)
            for uid, name, aliases, monthly, open_share, fee in _AGENCIES]


def province_units(seed: int = DEFAULT_SEED) -> list[Unit]:
    """The province's registry: 20 agencies, 10 district-level committees, 103 communes (133 units)."""
    rng = random.Random(f"{seed}-province-units")
    units = centre_units()
    communes = []
    for did, district, committee, word, names in _DISTRICTS:
        units.append(Unit(f"ubnd_{did}", committee, "district_body", DISTRICT_GROUP, "district",
                          rng.randint(*_DISTRICT_MONTHLY), round(rng.uniform(0.06, 0.12), 3), fee_share=0.45))
        for index, name in enumerate(names):
            kind_word = "thị trấn" if index == 0 and word == "xã" else word
            full = f"UBND {kind_word} {name}"
            low, high = _COMMUNE_MONTHLY
            monthly = high if index == 0 else rng.randint(low, high - 60)
            communes.append(Unit(f"{did}_{_slug(kind_word)}_{_slug(name)}", full, "commune", district, "commune",
                                 monthly, round(rng.uniform(0.03, 0.08), 3), parent=f"ubnd_{did}", fee_share=0.7))
    return units + communes


# --------------------------------------------------------------------------------------------
# figures


def _draw(rng: random.Random, n: int, p: float) -> int:
    """A binomial count; its normal approximation once the count is large (province-wide years)."""
    if n <= 0 or p <= 0:
        return 0
    if p >= 1:
        return n
    if n * p * (1 - p) > 30:
        return min(n, max(0, round(rng.gauss(n * p, (n * p * (1 - p)) ** 0.5))))
    return sum(rng.random() < p for _ in range(n))


def _unit_row(rng: random.Random, unit: Unit, carried: int, months: Sequence[int]) -> Row:
    """One unit's figures for a period of `months` (calendar month numbers the period ends in)."""
    received = sum(max(0, round(rng.gauss(unit.monthly * _SEASON[m], 0.08 * unit.monthly))) for m in months)
    in_hand = carried + received
    # what is open at the end comes from the last weeks, whatever the period's length
    open_total = _draw(rng, min(in_hand, carried // 2 + round(unit.monthly * _SEASON[months[-1]])), unit.open_share)
    supplement = _draw(rng, open_total, 0.10)
    financial = _draw(rng, open_total - supplement, 0.05 if unit.fee_share > 0.5 else 0.0)
    other = _draw(rng, open_total - supplement - financial, 0.03)
    pending = open_total - supplement - financial - other
    refused = _draw(rng, in_hand - open_total, 0.002)
    withdrawn = _draw(rng, in_hand - open_total - refused, 0.008)
    resolved = in_hand - open_total - refused - withdrawn
    late = _draw(rng, resolved, _LATE)
    on_time = _draw(rng, resolved - late, 0.15)
    overdue = _draw(rng, pending, _OVERDUE)
    direct = received - _draw(rng, received, _ONLINE_SHARE)
    fee = _draw(rng, resolved, unit.fee_share)
    return {
        "carried_over": carried, "received": received, "received_direct": direct, "received_online": received - direct,
        "resolved": resolved, "resolved_early": resolved - late - on_time, "resolved_on_time": on_time,
        "resolved_late": late, "pending": pending, "pending_not_due": pending - overdue, "pending_overdue": overdue,
        "paused_supplement": supplement, "paused_financial": financial, "paused_other": other,
        "refused": refused, "withdrawn": withdrawn, "fee_bearing": fee, "paid_online": _draw(rng, fee, _PAID_ONLINE),
        "results_digitised": resolved - _draw(rng, resolved, 0.006),
    }


def _opening(rng: random.Random, unit: Unit) -> int:
    """The dossiers a unit holds open when the example's first period starts."""
    return _draw(rng, round(unit.monthly * 1.1), unit.open_share)


def closing_open(row: Row) -> int:
    """The dossiers a period hands on to the next: being processed or paused at its end."""
    return sum(row[k] for k in OPEN)


def on_time_rates(rows: Sequence[Row]) -> tuple[Fraction, Fraction]:
    """(early + on time) over resolved, and over dossiers due (resolved + pending overdue), exactly."""
    in_time = sum(r["resolved_early"] + r["resolved_on_time"] for r in rows)
    resolved = sum(r["resolved"] for r in rows)
    overdue = sum(r["pending_overdue"] for r in rows)
    return Fraction(100 * in_time, resolved), Fraction(100 * in_time, resolved + overdue)


def _pin(rng: random.Random, rows: list[Row], over_resolved: str, over_due: str) -> None:
    """Re-spread late and overdue dossiers so the two on-time rates print as given (same totals otherwise)."""
    resolved = sum(r["resolved"] for r in rows)
    target = next(((late, overdue) for late in range(resolved // 50) for overdue in range(1, resolved // 50)
                   if str(round_half_up(Fraction(100 * (resolved - late), resolved))) == over_resolved
                   and str(round_half_up(Fraction(100 * (resolved - late), resolved + overdue))) == over_due), None)
    if target is None:
        raise ValueError(f"no late/overdue split reads {over_resolved} and {over_due} with {resolved} resolved")
    late, overdue = target
    for row in rows:
        row["resolved_on_time"] += row["resolved_late"]  # the late ones become on time, then are drawn again
        row["resolved_late"] = 0
        row["pending_not_due"] += row["pending_overdue"]
        row["pending_overdue"] = 0
    for _ in range(late):  # one dossier at a time, to units weighted by what they resolved on time
        row = rng.choices([r for r in rows if r["resolved_on_time"]], [r["resolved_on_time"] for r in rows
                                                                       if r["resolved_on_time"]])[0]
        row["resolved_on_time"] -= 1
        row["resolved_late"] += 1
    for _ in range(overdue):
        row = rng.choices([r for r in rows if r["pending_not_due"]], [r["pending_not_due"] for r in rows
                                                                      if r["pending_not_due"]])[0]
        row["pending_not_due"] -= 1
        row["pending_overdue"] += 1


@dataclass(frozen=True)
class ExamplePeriod:
    """One generated period: its rows by unit id (in export order), and the export as written."""

    period: Period
    rows: dict[str, Row]
    file_name: str
    table: ExportTable


def _range(period: Period, cutoff: int) -> str:
    return f"Từ ngày {period.start(cutoff):%d/%m/%Y} đến ngày {period.end(cutoff):%d/%m/%Y}"


def _export(title: str, period: Period, cutoff: int, units: Sequence[Unit], rows: dict[str, Row],
            spellings: dict[str, str], grouped: bool) -> ExportTable:
    lines = [title, _range(period, cutoff), SYNTHETIC_LINE]
    return ExportTable(DOSSIERS, lines, list(COLUMNS),
                       [ExportRow({"unit": spellings.get(u.id, u.name), **rows[u.id]}, u.group if grouped else None)
                        for u in units])


def _end_months(period: Period) -> list[int]:
    return [m.month for m in period.month_periods()]


def generate_centre(seed: int = DEFAULT_SEED) -> list[ExamplePeriod]:
    """The provincial centre's twelve months of 2024, each carrying over the previous month's open dossiers."""
    units = centre_units()
    carried = {u.id: _opening(random.Random(f"{seed}-{CENTRE_FOLDER}-opening-{u.id}"), u) for u in units}
    periods = []
    for period in CENTRE_PERIODS:
        rng = random.Random(f"{seed}-{CENTRE_FOLDER}-{period}")
        rows = {u.id: _unit_row(rng, u, carried[u.id], _end_months(period)) for u in units}
        if period == PINNED[0]:
            _pin(rng, list(rows.values()), PINNED[1], PINNED[2])
        title = ("TÌNH HÌNH TIẾP NHẬN VÀ TRẢ KẾT QUẢ TTHC TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH "
                 f"{PROVINCE.upper()}")
        table = _export(title, period, CENTRE_CUTOFF, units, rows, _EXPORT_SPELLINGS, grouped=False)
        periods.append(ExamplePeriod(period, rows, f"TiepNhan_TraKetQua_TTPVHCC_T{period.month:02d}_{period.year}.xlsx",
                                     table))
        carried = {uid: closing_open(row) for uid, row in rows.items()}
    return periods


def generate_province(seed: int = DEFAULT_SEED) -> list[ExamplePeriod]:
    """The province's year 2022 and first quarter of 2023, the quarter carrying over the year's open dossiers."""
    units = province_units(seed)
    order = ([u for u in units if u.kind == "provincial_body"] + [u for u in units if u.kind == "district_body"]
             + [u for u in units if u.kind == "commune"])
    carried = {u.id: _opening(random.Random(f"{seed}-{PROVINCE_FOLDER}-opening-{u.id}"), u) for u in units}
    periods = []
    for period in PROVINCE_PERIODS:
        rng = random.Random(f"{seed}-{PROVINCE_FOLDER}-{period}")
        rows = {u.id: _unit_row(rng, u, carried[u.id], _end_months(period)) for u in order}
        title = f"TÌNH HÌNH TIẾP NHẬN VÀ TRẢ KẾT QUẢ TTHC TRÊN ĐỊA BÀN TỈNH {PROVINCE.upper()} {period.label().upper()}"
        table = _export(title, period, PROVINCE_CUTOFF, order, rows, _EXPORT_SPELLINGS, grouped=True)
        name = "TongHop_TTHC_toan_tinh_" + (f"Quy{(period.month + 2) // 3}_{period.year}" if period.months == 3
                                            else f"nam_{period.year}")
        periods.append(ExamplePeriod(period, rows, name + ".xlsx", table))
        carried = {uid: closing_open(row) for uid, row in rows.items()}
    return periods


# --------------------------------------------------------------------------------------------
# reference files and notes


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def units_yaml(units: Sequence[Unit], *, suffixes: Sequence[str]) -> str:
    """A units.yaml for `units`, in the shape of data/reference/units.yaml (optional keys level and parent)."""
    lines = [
        "# DỮ LIỆU MINH HỌA: danh mục đơn vị của một tỉnh giả định (tỉnh Bình Lâm), do tthc.demo.examples tạo ra;",
        "# không phải danh mục thật. Sửa tệp này bằng tay sẽ bị ghi đè khi chạy lại: python -m tthc.demo.examples",
        "#",
        "# Mỗi đơn vị một mã (id) và một tên chuẩn; \"aliases\" là các cách viết khác gặp trong tệp kết xuất.",
        "# kind: provincial_body (sở, ban, ngành của tỉnh) | district_body (UBND cấp huyện) | commune (xã, phường,",
        "#       thị trấn); level: province | district | commune; parent: mã của UBND cấp huyện quản lý xã.",
        "# group: tên nhóm như dòng nhóm trong tệp kết xuất (mỗi huyện một nhóm các xã của huyện đó).",
        "",
        "matching:",
        "  # Tiền tố, hậu tố bỏ qua khi so khớp gần đúng (không phân biệt dấu, hoa thường).",
        "  prefixes: [UBND, Ủy ban nhân dân, xã, phường, thị trấn, huyện, thị xã, thành phố, Sở]",
        f"  suffixes: [{', '.join(suffixes)}]",
        "",
        "units:",
    ]
    group = None
    for unit in units:
        if unit.group != group:
            group = unit.group
            lines.append(f"  # {group}")
        lines.append(f"  - id: {unit.id}")
        lines.append(f"    name: {unit.name}")
        lines.append(f"    kind: {unit.kind}")
        lines.append(f"    level: {unit.level}")
        if unit.parent:
            lines.append(f"    parent: {unit.parent}")
        lines.append(f"    group: {unit.group}")
        if unit.aliases:
            lines.append(f"    aliases: [{', '.join(_quoted(a) for a in unit.aliases)}]")
    return "\n".join(lines) + "\n"


def _explained(rows: dict[str, Row], names: dict[str, str], key: str, reason: str) -> str:
    parts = [f"{n:02d} hồ sơ của {names[uid]}" for uid, row in rows.items() if (n := _explained_count(row, key))]
    return "; ".join(parts) + f" ({reason})" if parts else ""


def _explained_count(row: Row, key: str) -> int:
    if key == "paused":
        return row["paused_supplement"] + row["paused_financial"] + row["paused_other"]
    return row[key]


_WORK_SITUATION = ("Tiếp tục tiếp nhận, giải quyết hồ sơ theo cơ chế một cửa, một cửa liên thông "
                   "(nội dung minh họa).")
_REASONS = {
    "resolved_late": "hồ sơ phải xác minh thêm với cơ quan liên quan; đã gửi phiếu xin lỗi và hẹn lại ngày trả",
    "pending_overdue": "đang chờ ý kiến phối hợp của cơ quan khác; Trung tâm đã đôn đốc bằng văn bản",
}


def notes_yaml(example: ExamplePeriod, names: dict[str, str], seed: int, *, explain: bool) -> str:
    """The analyst's notes of an example period, marked synthetic; explanations name each unit's count."""
    lines = [
        "# DỮ LIỆU MINH HỌA: mọi số liệu và nội dung của kỳ này do chương trình tạo ra",
        f"# (tthc.demo.examples, seed {seed}), không phải số liệu thật.",
        "synthetic: true",
        f"period: \"{example.period}\"   # Kỳ báo cáo của tệp ghi chú này",
        "",
    ]
    texts = {k: _explained(example.rows, names, k, reason) for k, reason in _REASONS.items()} if explain else {}
    texts = {k: v for k, v in texts.items() if v}
    if texts:
        lines.append("explanations:")
        lines.append("  centre:")
        lines.extend(f"    {key}: {_quoted(text)}" for key, text in texts.items())
    else:
        lines.append("explanations: {}")
    lines += [
        "",
        "sections:",
        "  work_situation:",
        "    - " + _quoted(_WORK_SITUATION),
    ]
    return "\n".join(lines) + "\n"


_CENTRE_ORGANISATION = """\
# DỮ LIỆU MINH HỌA: thông tin của một trung tâm giả định (tỉnh Bình Lâm không có thật), do tthc.demo.examples
# tạo ra. Một Trung tâm Phục vụ hành chính công cấp tỉnh: 20 sở, ban, ngành tiếp nhận hồ sơ tại Trung tâm,
# không có cấp xã; kỳ báo cáo từ ngày 21 tháng trước đến ngày 20 tháng này; biểu số liệu có cột "Kỳ trước
# chuyển sang".

parent_body: UBND TỈNH BÌNH LÂM                     # Tên cơ quan chủ quản (viết hoa)
parent_body_short: UBND tỉnh                        # Cách gọi cơ quan chủ quản trong câu văn
issuing_body: TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG     # Tên cơ quan ban hành (viết hoa)
issuing_body_name: Trung tâm Phục vụ hành chính công
issuing_body_full: Trung tâm Phục vụ hành chính công tỉnh Bình Lâm
place: Bình Lâm                                     # Địa danh ghi ở dòng ngày tháng
report_code: BC-TTPVHCC                             # Ký hiệu báo cáo

signer:
  authority: KT. GIÁM ĐỐC
  title: PHÓ GIÁM ĐỐC
  name: Nguyễn Văn An                               # Tên minh họa

recipients:
  - UBND tỉnh (b/c)
  - Văn phòng UBND tỉnh
  - Các sở, ban, ngành có TTHC tiếp nhận tại Trung tâm
  - Lãnh đạo Trung tâm
archive: "Lưu: VT"

period:
  # Ngày bắt đầu kỳ: kỳ tháng 9 tính từ ngày 21/8 đến 20/9.
  cutoff_day: 21

# Các loại tệp của mỗi kỳ: Trung tâm cấp tỉnh chỉ có biểu hồ sơ của các sở, ban, ngành (bắt buộc);
# không có cấp xã nên biểu của UBND các xã là không bắt buộc (không có tệp này là cảnh báo, không phải lỗi).
inputs:
  dossiers_centre: required     # Biểu tiếp nhận và trả kết quả hồ sơ tại Trung tâm
  dossiers_communes: optional   # Không có ở Trung tâm cấp tỉnh
  signing: optional
  payments: optional
  feedback: optional
  analyst_notes: optional       # Tệp ghi chú của chuyên viên
  records: optional

thresholds:
  online_payment_target: 95   # Chỉ tiêu thanh toán trực tuyến, %
  class_full: 100
  class_high: 90

# Loại đơn vị được nêu tên khi tỷ lệ ký số văn bản đi dưới 100%.
signing_named_kinds: [provincial_body]
"""

_PROVINCE_ORGANISATION = """\
# DỮ LIỆU MINH HỌA: thông tin của một tỉnh giả định (tỉnh Bình Lâm không có thật), do tthc.demo.examples
# tạo ra. Báo cáo tình hình giải quyết TTHC toàn tỉnh theo quý: ba cấp (sở, ban, ngành; UBND cấp huyện;
# UBND cấp xã), 133 đơn vị; kỳ theo NĐ 09/2019 (quý I/2023: 15/12/2022–14/3/2023).

parent_body: UBND TỈNH BÌNH LÂM
parent_body_short: UBND tỉnh
issuing_body: VĂN PHÒNG UBND TỈNH
issuing_body_name: Văn phòng UBND tỉnh
issuing_body_full: Văn phòng Ủy ban nhân dân tỉnh Bình Lâm
place: Bình Lâm
report_code: BC-VP

signer:
  authority: KT. CHÁNH VĂN PHÒNG
  title: PHÓ CHÁNH VĂN PHÒNG
  name: Trần Thị Bình                               # Tên minh họa

recipients:
  - Văn phòng Chính phủ (Cục Kiểm soát TTHC)
  - TT Tỉnh ủy, TT HĐND tỉnh (b/c)
  - Chủ tịch, các PCT UBND tỉnh
  - Các sở, ban, ngành; UBND các huyện, thị xã, thành phố
archive: "Lưu: VT, KSTTHC"

period:
  # NĐ 09/2019/NĐ-CP: kỳ từ ngày 15 tháng trước đến ngày 14 tháng cuối kỳ.
  cutoff_day: 15

# Một biểu tổng hợp toàn tỉnh cho mỗi kỳ: có cả các sở, UBND cấp huyện (bộ phận tiếp nhận của tỉnh, huyện)
# và các xã (bộ phận một cửa cấp xã), nên cả hai loại biểu hồ sơ đều bắt buộc.
inputs:
  dossiers_centre: required
  dossiers_communes: required
  signing: optional
  payments: optional
  feedback: optional
  analyst_notes: optional
  records: optional

thresholds:
  online_payment_target: 95
  class_full: 100
  class_high: 90

signing_named_kinds: [provincial_body, district_body, commune]
"""


# --------------------------------------------------------------------------------------------
# writing


def _write_period(folder: Path, example: ExamplePeriod, cutoff: int, notes: str) -> list[Path]:
    when = datetime.combine(example.period.report_date(cutoff), datetime.min.time()).replace(hour=8)
    path = write_xlsx(example.table, folder / example.file_name, synthetic=True)
    _freeze_xlsx(path, when)
    notes_path = folder / NOTES_FILE
    notes_path.write_text(notes, encoding="utf-8")
    return [path, notes_path]


_CENTRE_PROFILE = """\
# DỮ LIỆU MINH HỌA (tthc.demo.examples). Cấu trúc báo cáo của một Trung tâm Phục vụ hành chính công cấp tỉnh:
# một cấp đơn vị (các sở, ban, ngành tiếp nhận tại Trung tâm), không có mục và phụ lục của cấp xã;
# tỷ lệ đúng hạn tính trên số hồ sơ đến hạn giải quyết. Giải thích từng mục: tthc/defaults/profile.yaml.

name: Trung tâm Phục vụ hành chính công cấp tỉnh

tiers:
  - key: agencies
    kinds: [provincial_body, department, district_body]
    input: dossiers_centre
    name: Trung tâm
    place: tại Trung tâm
    annex_title: TÌNH HÌNH TIẾP NHẬN VÀ TRẢ KẾT QUẢ TTHC CỦA CÁC SỞ, BAN, NGÀNH TẠI TRUNG TÂM

sections: [work_situation, "tier:agencies", digital_transformation, assessment, next_tasks]
parts: []
annexes: ["tier:agencies", signing, data_quality, late_dossiers, index_766]
group_subtotals: false
definitions:
  on_time_rate: over_due
same_period_last_year: true
wording:
  all_units: các sở, ban, ngành        # "các sở, ban, ngành đều đạt 100% trong việc tạo lập hồ sơ và ký số"
  whole_area: toàn Trung tâm           # the Decision 766 row of all the centre's units
"""

_PROVINCE_PROFILE = """\
# DỮ LIỆU MINH HỌA (tthc.demo.examples). Cấu trúc báo cáo toàn tỉnh theo quý: ba cấp (các sở, ban, ngành;
# UBND các huyện; UBND các xã) và dòng tổng cộng toàn tỉnh; phụ lục một biểu cho mọi cấp, cộng theo từng huyện.
# Giải thích từng mục: tthc/defaults/profile.yaml.

name: Báo cáo toàn tỉnh

tiers:
  - key: provincial
    kinds: [provincial_body, department]
    input: dossiers_centre
    name: Cấp tỉnh (các sở, ban, ngành)
    place: tại các sở, ban, ngành
  - key: districts
    kinds: [district_body]
    input: dossiers_centre
    name: Cấp huyện (UBND các huyện)
    place: tại UBND các huyện
  - key: communes
    kinds: [commune]
    input: dossiers_communes
    name: Cấp xã (UBND các xã)
    place: tại UBND các xã

total:
  name: Toàn tỉnh
  annex_title: TỔNG HỢP TÌNH HÌNH TIẾP NHẬN VÀ TRẢ KẾT QUẢ TTHC TOÀN TỈNH

sections: [work_situation, "tier:provincial", "tier:districts", "tier:communes", total, assessment, next_tasks]
parts: []
annexes: [all_tiers, data_quality]
group_subtotals: true
definitions:
  on_time_rate: over_resolved
same_period_last_year: true
"""


def _write_reference(root: Path, organisation: str, units: str, profile: str) -> list[Path]:
    reference = root / "reference"
    reference.mkdir(parents=True, exist_ok=True)
    files = {"organisation.yaml": organisation, "units.yaml": units, "profile.yaml": profile}
    for name, text in files.items():
        (reference / name).write_text(text, encoding="utf-8")
    return [reference / name for name in files]


def write_centre(root: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """examples/trung-tam-tinh/: reference files and raw/2024-01 … raw/2024-12."""
    units = centre_units()
    written = _write_reference(root, _CENTRE_ORGANISATION, units_yaml(units, suffixes=("tỉnh Bình Lâm", "tỉnh")),
                               _CENTRE_PROFILE)
    names = {u.id: u.name for u in units}
    for example in generate_centre(seed):
        written += _write_period(root / "raw" / str(example.period), example, CENTRE_CUTOFF,
                                 notes_yaml(example, names, seed, explain=True))
    return written


def write_province(root: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """examples/toan-tinh-quy/: reference files, raw/2022 and raw/2023-Q1."""
    units = province_units(seed)
    written = _write_reference(root, _PROVINCE_ORGANISATION,
                               units_yaml(units, suffixes=("tỉnh Bình Lâm", "tỉnh")), _PROVINCE_PROFILE)
    names = {u.id: u.name for u in units}
    for example in generate_province(seed):
        written += _write_period(root / "raw" / str(example.period), example, PROVINCE_CUTOFF,
                                 notes_yaml(example, names, seed, explain=False))
    return written


def write_examples(root: Path, seed: int = DEFAULT_SEED) -> list[Path]:
    """Both example folders under `root` (the repository's examples/)."""
    return write_centre(root / CENTRE_FOLDER, seed) + write_province(root / PROVINCE_FOLDER, seed)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tthc.demo.examples",
                                     description="Ghi lại dữ liệu minh họa của hai trung tâm mẫu trong examples/.")
    parser.add_argument("--root", type=Path, default=Path("examples"), help="thư mục chứa các thư mục mẫu")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    written = write_examples(args.root, args.seed)
    print(f"Đã ghi {len(written)} tệp dưới {args.root}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
