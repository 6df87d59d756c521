"""Synthetic demo months of the Lương Tài area through the 2025 reorganisation (examples/xa-luong-tai).

The area of ../shared/domain.md §9, from 2024-01 to 2026-11, in the exports' shapes and marked synthetic
(tthc.provenance), as three eras:

- until 2024-12 the district centre of Lương Tài with its 14 communes, as the shipped demo months;
- 2025-01 … 2025-06 the same centre with 12 communes: "UBND xã Quang Minh" (Trừng Xá + Minh Tân) and
  "UBND xã An Tập" (Mỹ Hương + Lai Hạ), their rows the sums of their predecessors' rows;
- from 2025-07 the commune centre "Trung tâm Phục vụ hành chính công xã Lương Tài": its communes' export
  holds one row, "UBND xã Lương Tài", the sum of the rows its predecessors (Thị trấn Thứa, Phú Hòa, Tân
  Lãng) would have had, so a trend restated on the new geography has no jump; its centre export lists the
  provincial body it receives for (the land registration branch, received regardless of boundary).

Each month starts from tthc.demo.generator.generate_period (the seasons, outcomes and spellings of the
shipped demo; September 2024 from tthc.demo.seed) and is reshaped here: rows merged by the lineage, the
communes' online payment rates carried on from December 2024's 93 % towards 99 %, and titles dated by
calendar month (the example's organisation.yaml has cutoff_day 1, so 1/1/2025 and 1/7/2025 start
periods). Summing rows keeps every identity the validation checks; rates are recomputed.

Deterministic: `random.Random(f"{seed}-reorganisation-{period}")` drives the reshaping of one month.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from fractions import Fraction
from pathlib import Path

from tthc.demo import generator
from tthc.demo import seed as seed_data
from tthc.exports.writer import ExportRow, ExportTable, Value, write_xlsx
from tthc.period import Period
from tthc.sources import DOSSIERS, FEEDBACK, PAYMENTS, SIGNING
from tthc.tablespec import Kind

DEFAULT_SEED = 2025
CUTOFF_DAY = 1  # examples/xa-luong-tai/reference/organisation.yaml: calendar months
FIRST, LAST = Period(2024, 1), Period(2026, 11)
MERGER = date(2025, 1, 1)  # 14 → 12 communes
REORGANISATION = date(2025, 7, 1)  # districts abolished; the commune centres open (NĐ 118/2025/NĐ-CP)
NOTES_FILE = generator.NOTES_FILE

DISTRICT_CENTRE = "Trung tâm Hành chính công huyện Lương Tài"
COMMUNE_CENTRE = "Trung tâm Phục vụ hành chính công xã Lương Tài"
LUONG_TAI = "UBND xã Lương Tài"
# the new units and what they sum (canonical names of data/reference/units.yaml before 2025-07)
MERGED_2025: dict[str, tuple[str, ...]] = {
    "UBND xã Quang Minh": ("UBND xã Trừng Xá", "UBND xã Minh Tân"),
    "UBND xã An Tập": ("UBND xã Mỹ Hương", "UBND xã Lai Hạ"),
}
LUONG_TAI_PREDECESSORS = ("UBND thị trấn Thứa", "UBND xã Phú Hòa", "UBND xã Tân Lãng")
# the provincial body the commune centre receives for, and its share of the district's dossiers
LAND_BRANCH = "Chi nhánh Văn phòng Đăng ký đất đai"
LAND_BRANCH_SHARE = 0.28  # Lương Tài (the old Thứa, Phú Hòa, Tân Lãng) holds about this share of the land cases



@dataclass(frozen=True)
class CommuneCentre:
    """One commune centre of the demo from 1/7/2025: its commune, the 2024 communes whose rows it sums, the share
    of the land registration branch's dossiers it receives. Lương Tài's keeps the shipped example's seeds."""

    commune: str  # "Lương Tài": the commune's name as the centre's and the UBND's names end
    file_stem: str  # "Luong_Tai": in the exports' file names
    predecessors: tuple[str, ...]  # canonical names of the 2024 communes (the merges of 2025-01 undone)
    land_share: float
    seed_key: str = "reorganisation"  # the random streams of one month: f"{seed}-{seed_key}-{period}"
    base_seed_offset: int = 0  # 0: the area's own district month; another: a different synthetic district
    size: float = 1.0  # the notes' amounts (registration fees, e-certifications) relative to Lương Tài's
    handover: str = "UBND thị trấn Thứa, xã Phú Hòa, xã Tân Lãng"  # whose files the centre took over in 2025-07

    @property
    def name(self) -> str:
        return f"Trung tâm Phục vụ hành chính công xã {self.commune}"

    @property
    def unit(self) -> str:
        return f"UBND xã {self.commune}"


LUONG_TAI_CENTRE = CommuneCentre("Lương Tài", "Luong_Tai", LUONG_TAI_PREDECESSORS, LAND_BRANCH_SHARE)

# the spellings the generator and the seed use for one commune, keyed to its canonical name
_CANONICAL = {
    "UBND thị trấn Thừa": "UBND thị trấn Thứa", "UBND thị trấn Thửa": "UBND thị trấn Thứa",
    "UBND xã Trùng Xá": "UBND xã Trừng Xá", "UBND xã Trung Khê": "UBND xã Trung Kênh",
    "UBND xã Phú Hoà": "UBND xã Phú Hòa", "Chi nhánh Văn phòng ĐKDD": LAND_BRANCH,
    "Chi nhánh Văn phòng ĐKĐĐ": LAND_BRANCH,
}
# the communes' portal online-payment rate (%) from 2025, carrying on from December 2024's 93 %
_PAYMENT_TARGET = {2025: (93.8, 94.5, 95.2, 95.8, 96.3, 96.8, 97.0, 97.3, 97.6, 97.9, 98.1, 98.3),
                   2026: (98.4, 98.5, 98.6, 98.7, 98.8, 98.9, 99.0, 99.0, 99.1, 99.1, 99.2, 99.2)}


def area_periods(first: Period = FIRST, last: Period = LAST) -> list[Period]:
    periods, period = [], first
    while period <= last:
        periods.append(period)
        period = period.next()
    return periods


def era(period: Period) -> str:
    """"district" (14 communes), "merged" (12 communes) or "commune" (the commune centre)."""
    start = period.start(CUTOFF_DAY)
    if start < MERGER:
        return "district"
    return "merged" if start < REORGANISATION else "commune"


def canonical(name: str) -> str:
    return _CANONICAL.get(name, name)


# --------------------------------------------------------------------------------------------
# reshaping tables


def _count_columns(table: ExportTable) -> list[str]:
    return [c for c in table.columns if c not in ("stt", "unit") and table.spec.column(c).kind is Kind.COUNT]


def _sum_rows(table: ExportTable, rows: list[ExportRow], name: str, group: str | None) -> ExportRow:
    values: dict[str, Value] = {"unit": name}
    for column in _count_columns(table):
        values[column] = sum(int(r.values.get(column) or 0) for r in rows)
    return ExportRow(values, group)


def _merged(table: ExportTable, merges: Mapping[str, tuple[str, ...]], *, keep_only: bool = False) -> ExportTable:
    """Rows of the predecessors of each new unit replaced, where the first of them stood, by one row of their
    sums; with `keep_only`, every other row dropped."""
    by_name = {canonical(str(r.values["unit"])): r for r in table.rows}
    parts = {old: new for new, olds in merges.items() for old in olds}
    rows: list[ExportRow] = []
    for row in table.rows:
        name = canonical(str(row.values["unit"]))
        new = parts.get(name)
        if new is None:
            if not keep_only:
                rows.append(row)
            continue
        if name == merges[new][0]:
            rows.append(_sum_rows(table, [by_name[o] for o in merges[new] if o in by_name], new, row.group))
    return replace(table, rows=_with_rates(table, rows))


def _with_rates(table: ExportTable, rows: list[ExportRow]) -> list[ExportRow]:
    """Rate columns recomputed from the (summed) counts, as the systems print them."""
    pairs = {"rate_paid_online": ("paid_online", "fee_bearing"), "rate_signed": ("docs_out_signed", "docs_out"),
             "rate_signed_from_workfiles": ("docs_out_signed_from_workfiles", "docs_out")}
    out = []
    for row in rows:
        values = dict(row.values)
        for rate, (num, den) in pairs.items():
            if rate in table.columns:
                values[rate] = generator._rate(int(values.get(num) or 0), int(values.get(den) or 0))
        out.append(ExportRow(values, row.group))
    return out


def _regrouped(rows: Iterable[ExportRow], group: str) -> list[ExportRow]:
    return [ExportRow(r.values, group) for r in rows]


def _raise_payments(rng: random.Random, payments: ExportTable, communes_group: str, year: int,
                    month: int) -> ExportTable:
    """The communes' portal payments brought to the month's rate (2025 on): each commune near it."""
    target = _PAYMENT_TARGET[year][month - 1] / 100
    rows = []
    for row in payments.rows:
        values = dict(row.values)
        if row.group == communes_group:
            fee = int(values["fee_bearing"] or 0)
            rate = min(1.0, max(0.85, rng.gauss(target, 0.015)))
            values["paid_online"] = fee if rate >= generator.FULL_RATE + 0.02 else min(fee, round(fee * rate))
        rows.append(ExportRow(values, row.group))
    return replace(payments, rows=_with_rates(payments, rows))


def _dossier_payments(rng: random.Random, communes: ExportTable, year: int, month: int) -> ExportTable:
    """The communes' one-stop desks record payments a little ahead of the portal (as in the seed)."""
    target = _PAYMENT_TARGET[year][month - 1] / 100
    rows = []
    for row in communes.rows:
        values = dict(row.values)
        fee = int(values["fee_bearing"] or 0)
        paid = fee - generator._binomial(rng, fee, (1 - target) * 0.3)
        values.update(paid_online=paid, paid_direct=fee - paid)
        rows.append(ExportRow(values, row.group))
    return replace(communes, rows=rows)


def _land_branch_row(rng: random.Random, centre: ExportTable, group: str | None,
                     share: float = LAND_BRANCH_SHARE) -> ExportRow:
    """The land registration branch's dossiers received at the commune centre: its share of the district's,
    drawn with the district row's outcome profile so every identity holds."""
    row = next(r for r in centre.rows if canonical(str(r.values["unit"])) == LAND_BRANCH)
    counts = {k: int(row.values.get(k) or 0) for k in seed_data.DOSSIER_COUNTS}
    received = generator._noisy(rng, counts["received"] * share, 0.10, floor=5)
    values = generator._dossier_row(
        rng, received, generator._profile(counts, generator._CENTRE_OUTCOME_PRIOR),
        p_late=0.006, p_on_time=0.04, p_overdue=0.03, p_undigitised=0.003, direct_share=0.0)
    values.update(fee_bearing=0, paid_online=0)
    return ExportRow({"unit": LAND_BRANCH, **values}, group)


# --------------------------------------------------------------------------------------------
# titles and file names (calendar months)


def _annex(start: date, end: date) -> str:
    return f"(Từ ngày {start:%d/%m/%Y}-{end:%d/%m/%Y})"


def _range(start: date, end: date, word: str = "đến") -> str:
    return f"Từ ngày {start:%d/%m/%Y} {word} ngày {end:%d/%m/%Y}"


def _retitled(period: Period, tables: dict[str, ExportTable], commune: bool,
              centre: CommuneCentre = LUONG_TAI_CENTRE) -> dict[str, ExportTable]:
    start, end, report = (period.start(CUTOFF_DAY), period.end(CUTOFF_DAY), period.report_date(CUTOFF_DAY))
    where = "TẠI TRUNG TÂM PVHCC" if commune else "TẠI TRUNG TÂM HCC"
    attached = (f"(Kèm theo Báo cáo số:/BC-TTPVHCC ngày {report.day}/{report.month}/{report.year} của Trung tâm "
                "Phục vụ hành chính công xã)" if commune else
                f"(Kèm theo Báo cáo số:/BC-TTHCC ngày {report.day}/{report.month}/{report.year} của Trung tâm "
                "hành chính công huyện)")
    body = f"UBND Xã {centre.commune}" if commune else "UBND Huyện Lương Tài"
    out = {}
    for key, table in tables.items():
        if table.spec is DOSSIERS:
            lines = [f"TÌNH HÌNH TIẾP NHẬN VÀ TRẢ KẾT QUẢ TTHC {where} " + _annex(start, end), attached]
        elif table.spec is SIGNING:
            lines = [f"Thống kê tình hình ký số văn bản điện tử - {body}", _range(start, end, "Đến")]
        elif table.spec is PAYMENTS:
            lines = [PAYMENTS.title, _range(start, end)]
        else:
            lines = [FEEDBACK.title, _range(start, end), *table.title_lines[2:]]
        out[key] = replace(table, title_lines=lines)
    return out


def _file_names(period: Period, commune: bool, centre: CommuneCentre = LUONG_TAI_CENTRE) -> dict[str, str]:
    m, y, stem = period.month, period.year, centre.file_stem
    start, end = period.start(CUTOFF_DAY), period.end(CUTOFF_DAY)
    return {
        "centre": f"Bieu_TTPVHCC_xa_{stem}_T{m}_{y}.xlsx" if commune else f"Bieu_TTHCC_thang{m}_{y}.xlsx",
        "communes": f"Bieu_UBND_xa_{stem}_T{m}_{y}.xlsx" if commune else f"Bieu_xa_thi_tran_T{m}_{y}.xlsx",
        "signing": f"ThongKeKySo_{start:%d%m%Y}_{end:%d%m%Y}.xlsx",
        "payments": "thanh-toan-truc-tuyen-dvcqg.xlsx",
        "feedback": f"PAKN_thang_{m}_{y}.xlsx",
    }


def _redated_feedback(rng: random.Random, period: Period, feedback: ExportTable,
                      units: Mapping[str, str] | None) -> ExportTable:
    """Items dated inside the calendar month; with `units`, only the items of those units, renamed."""
    start, end = period.start(CUTOFF_DAY), period.end(CUTOFF_DAY)
    items = []
    for row in feedback.rows:
        name = canonical(str(row.values["unit"]))
        if units is not None:
            if name not in units:
                continue
            name = units[name]
        else:
            name = str(row.values["unit"])
        day = start + timedelta(days=rng.randint(0, (end - start).days))
        items.append((day, {**row.values, "unit": name}))
    items.sort(key=lambda item: item[0])
    rows = [ExportRow({**values, "received_on": f"{day:%d/%m/%Y}"}) for day, values in items]
    stated = {s: sum(1 for r in rows if r.values["status"] == s) for s in ("Đã xử lý", "Đã ẩn", "Chưa trả lời")}
    summary = (f"Tổng số PAKN: {len(rows)}; Đã xử lý: {stated['Đã xử lý']}; Đã ẩn: {stated['Đã ẩn']}; "
               f"Chưa trả lời: {stated['Chưa trả lời']}")
    return replace(feedback, rows=rows, title_lines=[*feedback.title_lines[:2], summary])


# --------------------------------------------------------------------------------------------
# one period


def _base(period: Period, seed: int) -> dict[str, ExportTable]:
    """The shipped demo's month (September 2024: the seed's), keyed centre/communes/signing/payments/feedback."""
    if period == generator.SEED_PERIOD:
        return {"centre": seed_data.centre_table(), "communes": seed_data.communes_table(),
                "signing": seed_data.signing_table(), "payments": seed_data.payments_table(),
                "feedback": seed_data.feedback_table()}
    tables = generator.generate_period(period, seed=seed)
    centre, communes = generator._dossier_tables(tables)
    by_spec = {t.spec.name: t for t in tables.values()}
    return {"centre": centre, "communes": communes, "signing": by_spec["signing"],
            "payments": by_spec["payments"], "feedback": by_spec["feedback"]}


def district_month(period: Period, *, seed: int = DEFAULT_SEED) -> dict[str, ExportTable]:
    """The district's month every commune centre of the area is cut from (the 14 communes), as generated."""
    return _base(period, seed)


def generate_area_period(period: Period, *, seed: int = DEFAULT_SEED,
                         centre: CommuneCentre = LUONG_TAI_CENTRE) -> dict[str, ExportTable]:
    """The five exports of one month of the area: file name → table. With another `centre` than Lương Tài's,
    the months of that commune centre (from 1/7/2025 only)."""
    if not FIRST <= period <= LAST or not period.is_month:
        raise ValueError(f"kỳ {period} nằm ngoài dữ liệu minh họa của địa bàn Lương Tài ({FIRST} … {LAST})")
    kind = era(period)
    if centre != LUONG_TAI_CENTRE and kind != "commune":
        raise ValueError(f"{centre.name} hoạt động từ ngày 01/7/2025: kỳ {period} không có số liệu minh họa")
    rng = random.Random(f"{seed}-{centre.seed_key}-{period}")
    tables = _base(period, seed + centre.base_seed_offset)
    communes_group = seed_data.PAYMENT_GROUPS[1][0]
    if kind != "district":
        tables["payments"] = _raise_payments(rng, tables["payments"], communes_group, period.year, period.month)
        tables["communes"] = _dossier_payments(rng, tables["communes"], period.year, period.month)
    if kind == "merged":
        for key in ("communes", "signing", "payments"):
            tables[key] = _merged(tables[key], MERGED_2025)
        tables["feedback"] = _redated_feedback(rng, period, tables["feedback"], {
            **{n: n for n in _commune_names()}, **{o: new for new, olds in MERGED_2025.items() for o in olds}})
    elif kind == "commune":
        lineage = {centre.unit: centre.predecessors}
        tables["communes"] = _merged(tables["communes"], lineage, keep_only=True)
        signing = _merged(tables["signing"], lineage, keep_only=True)
        tables["signing"] = replace(signing, rows=_regrouped(signing.rows, "Các xã, phường"))
        land = _land_branch_row(rng, tables["centre"], None, centre.land_share)
        tables["centre"] = replace(tables["centre"], rows=[land])
        payments = _merged(tables["payments"], lineage, keep_only=True)
        fee = generator._binomial(rng, int(land.values["resolved"] or 0), 0.22)
        land_paid = fee - generator._binomial(rng, fee, 0.04)
        tables["payments"] = replace(payments, rows=_with_rates(payments, [
            ExportRow({"unit": LAND_BRANCH, "fee_bearing": fee, "paid_online": land_paid}, centre.name),
            *_regrouped(payments.rows, "UBND xã"),
        ]))
        tables["feedback"] = _redated_feedback(rng, period, tables["feedback"],
                                               dict.fromkeys(centre.predecessors, centre.unit))
    else:
        tables["feedback"] = _redated_feedback(rng, period, tables["feedback"], None)
    commune = kind == "commune"
    titled = _retitled(period, tables, commune, centre)
    names = _file_names(period, commune, centre)
    return {names[key]: table for key, table in titled.items()}


def _commune_names() -> list[str]:
    return [canonical(name) for name, *_ in seed_data.COMMUNE_ROWS]


# --------------------------------------------------------------------------------------------
# the analyst's notes


def analyst_notes(period: Period, tables: dict[str, ExportTable], *, seed: int = DEFAULT_SEED,
                  centre: CommuneCentre = LUONG_TAI_CENTRE) -> str:
    """The notes file of one month, marked `synthetic: true`; explanations count what the exports count."""
    rng = random.Random(f"{seed}-{centre.seed_key}-{period}-notes")
    dossiers = [t for t in tables.values() if t.spec is DOSSIERS]
    centre_table = next(t for t in dossiers if "paid_direct" not in t.columns)
    communes = next(t for t in dossiers if "paid_direct" in t.columns)
    commune = era(period) == "commune"
    body = "UBND xã" if commune else "UBND huyện"
    lines = [
        "# DỮ LIỆU MINH HỌA: mọi số liệu và nội dung của kỳ này do chương trình tạo ra",
        f"# (tthc.demo.reorganisation, seed {seed}), không phải số liệu thật của Trung tâm.",
        "synthetic: true",
        f"period: \"{period}\"   # Kỳ báo cáo của tệp ghi chú này",
        "",
        f"registration_fee_revenue: {_fee_revenue(rng, commune, centre.size)}"
        "   # Phí trước bạ phương tiện giao thông thu nộp NSNN (đồng)",
        f"e_certifications: {generator._noisy(rng, 560 if not commune else 150 * centre.size, 0.10)}"
        "   # Hồ sơ chứng thực điện tử, chứng thực không ký số trên cổng DVC tỉnh",
        f"directives_drafted: {rng.randint(3, 7)}   # Số văn bản chỉ đạo điều hành đã tham mưu {body}",
        *generator._block("directives_topics", "; ".join(
            t.replace("năm 2024", f"năm {period.year}") for t in rng.sample(generator._DIRECTIVE_TOPICS, 3)), 0),
        "",
    ]
    lines += generator.explanation_lines(rng, centre_table, communes)
    lines += ["", "sections:"]
    for key, paragraphs in _sections(period, centre).items():
        lines.append(f"  {key}:")
        for text in paragraphs:
            lines.extend(generator._item(text, 4))
    return "\n".join(lines) + "\n"


def _fee_revenue(rng: random.Random, commune: bool, size: float) -> int:
    return int(round(rng.gauss(2_600_000_000 if not commune else 700_000_000 * size, 1e8), -4))


def _sections(period: Period, centre: CommuneCentre = LUONG_TAI_CENTRE) -> dict[str, list[str]]:
    kind = era(period)
    if kind == "commune":
        work = ["Trung tâm Phục vụ hành chính công xã tiếp nhận hồ sơ của tổ chức, cá nhân không phụ thuộc địa "
                "giới hành chính trong tỉnh theo Nghị định số 118/2025/NĐ-CP; hướng dẫn người dân nộp hồ sơ trực "
                "tuyến và thanh toán phí, lệ phí trên cổng DVC quốc gia ngay tại Trung tâm."]
        if period == Period(2025, 7):
            work.append("Tháng đầu vận hành mô hình chính quyền địa phương hai cấp: tiếp nhận bàn giao hồ sơ, dữ "
                        f"liệu từ Trung tâm Hành chính công huyện và {centre.handover}.")
        limitations = ["Trụ sở Trung tâm còn chật hẹp; một số thủ tục mới chuyển từ cấp huyện về cấp xã, cán bộ "
                       "còn đang làm quen quy trình trên hệ thống."]
        communes_limits = ["Một số hồ sơ tiếp nhận tại các điểm tiếp nhận chưa được cập nhật kịp thời trên hệ "
                           "thống giải quyết TTHC của tỉnh."]
    else:
        work = ["Phối hợp, đôn đốc các cơ quan, đơn vị có liên quan thực hiện tốt việc tiếp nhận, thẩm định, trả "
                "kết quả giải quyết các thủ tục hành chính đảm bảo thời gian theo quy định."]
        if kind == "merged" and period == Period(2025, 1):
            work.append("Hướng dẫn UBND xã Quang Minh và xã An Tập (thành lập từ ngày 01/01/2025) cập nhật đơn "
                        "vị tiếp nhận trên hệ thống giải quyết TTHC của tỉnh.")
        limitations = ["Cơ sở vật chất, hệ thống trang thiết bị chưa đáp ứng được yêu cầu nhiệm vụ."]
        communes_limits = ["Cán bộ công chức một số xã, thị trấn chưa cập nhật hết các hồ sơ trên cổng DVC của "
                           "tỉnh."]
    return {
        "work_situation": work,
        "strengths": ["Việc tiếp nhận, xử lý, giải quyết các TTHC đảm bảo nhanh, gọn, hiệu quả và thuận lợi cho "
                      "các tổ chức, cá nhân tham gia giao dịch."],
        "limitations": limitations,
        "limitations_communes": communes_limits,
        "next_tasks": ["Giảm tỷ lệ hồ sơ quá hạn; 100% hồ sơ quá hạn phải có thư xin lỗi và văn bản giải trình "
                       "theo quy định; nâng cao chất lượng phục vụ tổ chức, cá nhân."],
    }


# --------------------------------------------------------------------------------------------
# writing


def write_area_period(period: Period, folder: Path, *, seed: int = DEFAULT_SEED,
                      centre: CommuneCentre = LUONG_TAI_CENTRE) -> list[Path]:
    """Write one month (five .xlsx exports marked synthetic and the notes .yaml) into `folder`."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables = generate_area_period(period, seed=seed, centre=centre)
    when = datetime.combine(period.report_date(CUTOFF_DAY), datetime.min.time()).replace(hour=8)
    written = []
    for name, table in tables.items():
        path = write_xlsx(table, folder / name, synthetic=True)
        generator._freeze_xlsx(path, when)
        written.append(path)
    notes = folder / NOTES_FILE
    notes.write_text(analyst_notes(period, tables, seed=seed, centre=centre), encoding="utf-8")
    written.append(notes)
    return written


def commune_totals(tables: dict[str, ExportTable], column: str = "received") -> dict[str, int]:
    """A count of the communes' dossiers export by canonical unit name (for tests and checks)."""
    communes = next(t for t in tables.values() if t.spec is DOSSIERS and "paid_direct" in t.columns)
    return {canonical(str(r.values["unit"])): int(r.values.get(column) or 0) for r in communes.rows}


def payment_rate(tables: dict[str, ExportTable], units: Iterable[str]) -> Fraction:
    """The portal online-payment rate of some units, from the payments export."""
    wanted = set(units)
    payments = next(t for t in tables.values() if t.spec is PAYMENTS)
    rows = [r for r in payments.rows if canonical(str(r.values["unit"])) in wanted]
    fee = sum(int(r.values["fee_bearing"] or 0) for r in rows)
    return Fraction(sum(int(r.values["paid_online"] or 0) for r in rows), fee or 1)
