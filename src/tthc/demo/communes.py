"""Synthetic data folders of commune centres from 1/7/2025 (demo only): the other three commune centres of the
Lương Tài area and a few made-up commune centres for the province roll-up (examples/tinh-bac-ninh).

The area's centres (xã Lâm Thao, xã Trung Chính, xã Trung Kênh; ../shared/domain.md §9) are cut from the same
synthetic district months as examples/xa-luong-tai (tthc.demo.reorganisation): each centre's commune row is the
sum of its predecessors' rows and it receives its share of the land registration branch's dossiers, so the four
centres of the area together hold what the district held. The made-up centres ("xã Minh Họa Một" …, names that
exist nowhere) are cut from other synthetic district months (another seed) the same way.

A folder is `reference/` (organisation.yaml, units.yaml, profile.yaml, index_766.yaml, written here from one
template with Vietnamese comments) and `raw/<period>/` for PERIODS, every file marked synthetic. Deterministic:
the same seed gives byte-identical files.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tthc.demo.reorganisation import DEFAULT_SEED, CommuneCentre, write_area_period
from tthc.period import Period
from tthc.reference import load_yaml_mapping

PERIODS = (Period(2025, 7), Period(2025, 9), Period(2026, 11))  # the made-up centres' months


def months_between(first: Period, last: Period) -> tuple[Period, ...]:
    months, period = [], first
    while period <= last:
        months.append(period)
        period = period.next()
    return tuple(months)


#: The Lương Tài area's commune centres: every month from their opening to the demo's end, as xã Lương Tài's.
AREA_PERIODS = months_between(Period(2025, 7), Period(2026, 11))
REPO = Path(__file__).resolve().parents[3]
INDEX_766 = REPO / "data" / "reference" / "index_766.yaml"
AREA_UNITS = REPO / "examples" / "xa-luong-tai" / "reference" / "units.yaml"  # the area's registry and lineage
NEW_SIGNER_FROM = "2025-12-31"  # NĐ 367/2025/NĐ-CP: the director heads the centre, no longer a vice-chairman


@dataclass(frozen=True)
class Signer:
    authority: str  # "" when the director signs directly
    title: str
    name: str  # made up


@dataclass(frozen=True)
class CentreFolder:
    """A commune centre's data folder: the centre (how its months are cut) and what its reference files say."""

    folder: str  # the folder's name: "xa-lam-thao"
    centre: CommuneCentre
    code: str  # mã ĐVHC of the commune ("" for a made-up commune)
    signers: tuple[Signer, Signer]  # until 30/12/2025, from 31/12/2025
    synthetic_place: bool = False  # a made-up commune: every name is fictitious, not only the figures
    months: tuple[Period, ...] = PERIODS  # the months its raw folder holds

    @property
    def slug(self) -> str:
        return self.folder.removeprefix("xa-").replace("-", "_")

    @property
    def unit_id(self) -> str:
        """The commune's id from 1/7/2025, as examples/xa-luong-tai/reference/units.yaml names it."""
        return f"{self.slug}_2025"


AREA_CENTRES = (
    CentreFolder("xa-lam-thao", CommuneCentre(
        "Lâm Thao", "Lam_Thao", ("UBND xã Bình Định", "UBND xã Quảng Phú", "UBND xã Lâm Thao"), 0.25,
        seed_key="xa-lam-thao", size=0.9, handover="UBND xã Bình Định, xã Quảng Phú, xã Lâm Thao"), "09529",
        (Signer("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Đỗ Văn Khải"), Signer("", "GIÁM ĐỐC", "Phạm Thị Lan")), months=AREA_PERIODS),
    CentreFolder("xa-trung-chinh", CommuneCentre(
        "Trung Chính", "Trung_Chinh", ("UBND xã Phú Lương", "UBND xã Trung Chính", "UBND xã Trừng Xá",
                                       "UBND xã Minh Tân"), 0.24,
        seed_key="xa-trung-chinh", size=0.9, handover="UBND xã Phú Lương, xã Trung Chính, xã Quang Minh"), "09523",
        (Signer("", "GIÁM ĐỐC", "Vũ Đình Thắng"), Signer("", "GIÁM ĐỐC", "Ngô Thị Hằng")), months=AREA_PERIODS),
    CentreFolder("xa-trung-kenh", CommuneCentre(
        "Trung Kênh", "Trung_Kenh", ("UBND xã An Thịnh", "UBND xã Trung Kênh", "UBND xã Mỹ Hương",
                                     "UBND xã Lai Hạ"), 0.23,
        seed_key="xa-trung-kenh", size=1.1, handover="UBND xã An Thịnh, xã Trung Kênh, xã An Tập"), "09499",
        (Signer("", "GIÁM ĐỐC", "Nguyễn Hữu Tài"), Signer("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lương Văn Sơn")), months=AREA_PERIODS),
)

# made-up commune centres of the province (names of no real commune): folders under examples/tinh-bac-ninh/
OTHER_CENTRES = (
    CentreFolder("xa-minh-hoa-mot", CommuneCentre(
        "Minh Họa Một", "Minh_Hoa_Mot", ("UBND xã An Thịnh", "UBND xã Bình Định", "UBND xã Lâm Thao",
                                         "UBND xã Quảng Phú", "UBND xã Phú Lương"), 0.35,
        seed_key="xa-minh-hoa-mot", base_seed_offset=101, size=1.3,
        handover="UBND các xã cũ trên địa bàn"), "",
        (Signer("", "GIÁM ĐỐC", "Trần Văn Minh Họa"), Signer("", "GIÁM ĐỐC", "Lê Thị Minh Họa")), True),
    CentreFolder("xa-minh-hoa-hai", CommuneCentre(
        "Minh Họa Hai", "Minh_Hoa_Hai", ("UBND xã Trung Kênh", "UBND xã Trung Chính"), 0.20,
        seed_key="xa-minh-hoa-hai", base_seed_offset=202, size=0.8,
        handover="UBND các xã cũ trên địa bàn"), "",
        (Signer("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Văn Minh Họa"), Signer("", "GIÁM ĐỐC", "Đặng Thị Minh Họa")),
        True),
    CentreFolder("xa-minh-hoa-ba", CommuneCentre(
        "Minh Họa Ba", "Minh_Hoa_Ba", ("UBND xã Tân Lãng", "UBND xã Phú Hòa", "UBND xã Mỹ Hương",
                                       "UBND xã Lai Hạ"), 0.27,
        seed_key="xa-minh-hoa-ba", base_seed_offset=303, size=1.0,
        handover="UBND các xã cũ trên địa bàn"), "",
        (Signer("", "GIÁM ĐỐC", "Bùi Văn Minh Họa"), Signer("", "GIÁM ĐỐC", "Phan Thị Minh Họa")), True),
)


def _signer(signer: Signer, indent: str) -> str:
    authority = f'"{signer.authority}"' if not signer.authority else signer.authority
    return (f"{indent}signer:\n{indent}  authority: {authority}\n{indent}  title: {signer.title}\n"
            f"{indent}  name: {signer.name}   # tên giả định\n")


def organisation_yaml(entry: CentreFolder) -> str:
    c = entry.centre
    place = "Xã, tên người và mọi số liệu trong thư mục này là minh họa (không có thật)." if entry.synthetic_place \
        else "Tên người ký là tên giả định; số liệu là minh họa."
    before, after = entry.signers
    return (
        f"# Thông tin cơ quan lập báo cáo: {c.name} (từ 01/7/2025, Nghị định 118/2025/NĐ-CP).\n"
        f"# DỮ LIỆU MINH HỌA do tthc.demo.communes tạo ra. {place}\n"
        "# Mục \"versions\" ghi các thay đổi theo thời gian (chỉ ghi các mục thay đổi): báo cáo của một kỳ dùng\n"
        "# phiên bản có hiệu lực vào ngày cuối kỳ.\n\n"
        f"parent_body: UBND XÃ {c.commune.upper()}           # Tên cơ quan chủ quản (viết hoa)\n"
        "parent_body_short: UBND xã                  # Cách gọi cơ quan chủ quản trong câu văn\n"
        "issuing_body: TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG   # Tên cơ quan ban hành (viết hoa)\n"
        "issuing_body_name: Trung tâm Phục vụ hành chính công   # Cách gọi cơ quan ban hành trong câu văn\n"
        f"issuing_body_full: {c.name}\n"
        f"place: {c.commune}                          # Địa danh ghi ở dòng ngày tháng\n"
        "report_code: BC-TTPVHCC                     # Ký hiệu báo cáo: \"Số:     /BC-TTPVHCC\"\n\n"
        "# Đến 30/12/2025: Giám đốc Trung tâm do Phó Chủ tịch UBND xã kiêm nhiệm.\n"
        + _signer(before, "") +
        "\nrecipients:\n"
        "  - Văn phòng UBND tỉnh Bắc Ninh (b/c)\n"
        "  - Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh\n"
        "  - Thường trực Đảng ủy, HĐND, UBND xã (b/c)\n"
        "  - Các phòng chuyên môn thuộc UBND xã\n"
        "  - Lãnh đạo Trung tâm PVHCC xã\n"
        "archive: \"Lưu: VT\"\n\n"
        "versions:\n"
        "  # Từ 31/12/2025 (Nghị định 367/2025/NĐ-CP có hiệu lực): Giám đốc Trung tâm là người đứng đầu đơn vị\n"
        "  # (tương đương trưởng phòng), không còn là Phó Chủ tịch UBND xã kiêm nhiệm: người ký mới.\n"
        f"  - valid_from: {NEW_SIGNER_FROM}\n"
        + _signer(after, "    ") +
        "\nperiod:\n"
        "  # Kỳ báo cáo là tháng dương lịch (từ ngày 01 đến ngày cuối tháng).\n"
        "  cutoff_day: 1\n\n"
        "# Các loại tệp của mỗi kỳ: required = bắt buộc (thiếu là lỗi); optional = không bắt buộc (thiếu là cảnh báo).\n"
        "inputs:\n"
        "  dossiers_centre: required     # Biểu hồ sơ của các cơ quan cấp tỉnh, ngành dọc tiếp nhận tại Trung tâm\n"
        f"  dossiers_communes: required   # Biểu hồ sơ thuộc thẩm quyền của UBND xã {c.commune}\n"
        "  signing: optional\n"
        "  payments: optional\n"
        "  feedback: optional\n"
        "  analyst_notes: optional\n"
        "  records: optional\n\n"
        "thresholds:\n"
        "  online_payment_target: 95   # Chỉ tiêu thanh toán trực tuyến, %\n"
        "  class_full: 100\n"
        "  class_high: 90\n\n"
        "signing_named_kinds: [department, commune]\n"
    )


def _area_history(unit_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The units that became `unit_id` (transitively) and the lineage links between them, from the area's
    registry; nothing for a unit the area does not have (a made-up commune)."""
    area = load_yaml_mapping(AREA_UNITS)
    links = list(area["lineage"])
    wanted, chosen, frontier = set(), [], [unit_id]
    while frontier:
        target = frontier.pop()
        for link in links:
            if link["to"] == target and link not in chosen:
                chosen.append(link)
                frontier.extend(link["from"])
                wanted.update(link["from"])
    units = [u for u in area["units"] if u["id"] in wanted]
    return units, [link for link in links if link in chosen]


def _flow(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def _history_yaml(entry: CentreFolder) -> tuple[str, str]:
    """The predecessors' entries and the `lineage:` section (empty for a made-up commune)."""
    units, links = _area_history(entry.unit_id)
    if not units:
        return "", ""
    lines = ["", "  # ---- Các xã, thị trấn cũ hợp thành xã từ 01/7/2025 (chép từ danh mục của địa bàn Lương Tài,",
             "  # examples/xa-luong-tai/reference/units.yaml): tên của các đơn vị này trong tệp kết xuất của kỳ",
             "  # từ 7/2025 là lỗi, chương trình nêu đơn vị kế thừa ----"]
    for unit in units:
        lines += [f"  - id: {unit['id']}", f"    name: {unit['name']}", f"    short_name: {unit['short_name']}",
                  "    kind: commune", f"    group: {unit['group']}", f'    code: "{unit["code"]}"',
                  "    level: commune"]
        lines += [f"    valid_from: {unit['valid_from']}"] if unit.get("valid_from") else []
        lines += [f"    valid_to: {unit['valid_to']}"]
        lines += [f"    aliases: {_flow(unit['aliases'])}"] if unit.get("aliases") else []
    lineage = ["", "# Các lần sắp xếp: \"from\" (danh sách id) hợp thành \"to\" từ ngày \"date\", theo \"basis\".",
               "lineage:"]
    for link in links:
        basis = f", basis: {link['basis']}" if link.get("basis") else ""
        lineage.append(f"  - {{from: {_flow(link['from'])}, to: {link['to']}, date: {link['date']}{basis}}}")
    return "\n".join(lines) + "\n", "\n".join(lineage) + "\n"


def units_yaml(entry: CentreFolder) -> str:
    c = entry.centre
    history, lineage = _history_yaml(entry)
    code = f'    code: "{entry.code}"\n' if entry.code else ""
    source = ("# Xã minh họa (không có thật): không có mã ĐVHC.\n" if entry.synthetic_place else
              f"# Mã ĐVHC {entry.code} theo danh mục 07/2025 (../shared/domain.md §9; Nghị quyết 1658/NQ-UBTVQH15).\n")
    return (
        f"# Danh mục đơn vị của {c.name} (DỮ LIỆU MINH HỌA, tthc.demo.communes).\n"
        "# Cùng cấu trúc với examples/xa-luong-tai/reference/units.yaml: mỗi đơn vị có id, tên, loại (kind),\n"
        "# nhóm, ngày bắt đầu hiệu lực (valid_from). Trung tâm mở từ 01/7/2025: các đơn vị của Trung tâm có hiệu\n"
        "# lực từ ngày đó; các xã cũ hợp thành xã (nếu có, cuối tệp) hết hiệu lực trước ngày đó.\n"
        + source +
        "#\n"
        "# kind: commune (UBND xã: hồ sơ thuộc thẩm quyền của xã)\n"
        "#       | provincial_body (đơn vị của tỉnh, ngành dọc: hồ sơ tiếp nhận tại Trung tâm, không phụ thuộc địa giới)\n\n"
        "matching:\n"
        "  # Tiền tố, hậu tố bỏ qua khi so khớp gần đúng (không phân biệt dấu, hoa thường).\n"
        "  prefixes: [UBND, Ủy ban nhân dân, xã, phường]\n"
        f"  suffixes: [xã {c.commune}]\n\n"
        "units:\n"
        f"  - id: {entry.unit_id}\n"
        f"    name: {c.unit}\n"
        f"    short_name: {c.commune}\n"
        "    kind: commune\n"
        "    group: Các xã\n"
        + code +
        "    level: commune\n"
        "    valid_from: 2025-07-01\n\n"
        "  # Các đơn vị của tỉnh, ngành dọc mà Trung tâm tiếp nhận hồ sơ thay:\n"
        "  - id: chi_nhanh_vpdk\n"
        "    name: Chi nhánh Văn phòng Đăng ký đất đai\n"
        "    kind: provincial_body\n"
        "    group: Các đơn vị của tỉnh, ngành dọc trên địa bàn xã\n"
        "    # tên gọi \"... khu vực\" là cách viết khác của cùng đơn vị\n"
        "    aliases: [Chi nhánh Văn phòng ĐKDD, Chi nhánh VPĐK đất đai, Chi nhánh Văn phòng Đăng ký đất đai khu vực,\n"
        "              Chi nhánh VPĐK đất đai khu vực, Chi nhánh Văn phòng ĐKĐĐ khu vực]\n"
        "    valid_from: 2025-07-01\n"
        f"  - id: cong_an_xa_{entry.slug}\n"
        f"    name: Công an xã {c.commune}\n"
        "    kind: provincial_body\n"
        "    group: Các đơn vị của tỉnh, ngành dọc trên địa bàn xã\n"
        "    aliases: [Công an xã]\n"
        "    valid_from: 2025-07-01\n"
        + history + lineage
    )


def profile_yaml(entry: CentreFolder) -> str:
    c = entry.centre
    return (
        f"# DỮ LIỆU MINH HỌA (tthc.demo.communes). Cấu trúc báo cáo của {c.name}\n"
        "# (NĐ 118/2025/NĐ-CP), như phiên bản từ 01/7/2025 của examples/xa-luong-tai: hồ sơ của các cơ quan cấp\n"
        "# tỉnh, ngành dọc tiếp nhận tại Trung tâm tách riêng với hồ sơ thuộc thẩm quyền của UBND xã.\n"
        "# Giải thích từng mục: tthc/defaults/profile.yaml.\n\n"
        f"name: {c.name}\n\n"
        "tiers:\n"
        "  - key: centre\n"
        "    kinds: [department, district_body, provincial_body]\n"
        "    input: dossiers_centre\n"
        "    template: muc-2   # mẫu câu chữ của mục; bỏ trống: mẫu chung của một cấp\n"
        "    name: Trung tâm\n"
        "    place: của các cơ quan cấp tỉnh, ngành dọc tiếp nhận tại Trung tâm\n"
        "    annex_title: HỒ SƠ CỦA CÁC CƠ QUAN CẤP TỈNH, NGÀNH DỌC TIẾP NHẬN TẠI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ\n"
        "  - key: communes\n"
        "    kinds: [commune]\n"
        "    input: dossiers_communes\n"
        "    template: muc-4\n"
        "    name: UBND xã\n"
        "    place: thuộc thẩm quyền của UBND xã\n"
        "    annex_title: HỒ SƠ THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA UBND XÃ\n\n"
        "sections: [work_situation, \"tier:centre\", digital_transformation, \"tier:communes\", e_certification, "
        "assessment,\n"
        "           next_tasks]\n"
        "parts: []\n"
        "annexes: [\"tier:centre\", \"tier:communes\", signing, data_quality, late_dossiers, index_766]\n"
        "definitions:\n"
        "  on_time_rate: over_resolved\n"
        "same_period_last_year: true\n"
        "wording:\n"
        "  centre_place: của các cơ quan cấp tỉnh, ngành dọc tiếp nhận tại Trung tâm\n"
        "  centre_place_prose: của các cơ quan cấp tỉnh, ngành dọc tại Trung tâm\n"
        "  centre_short: Trung tâm PVHCC xã\n"
        "  communes_place: thuộc thẩm quyền của UBND xã\n"
        "  communes_desks: Trung tâm Phục vụ hành chính công xã\n"
        "  communes_word: xã\n"
        "  all_units: các cơ quan, đơn vị\n"
        "  whole_area: toàn xã\n"
    )


def write_reference(entry: CentreFolder, folder: Path) -> list[Path]:
    reference = Path(folder) / "reference"
    reference.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (("organisation.yaml", organisation_yaml(entry)), ("units.yaml", units_yaml(entry)),
                       ("profile.yaml", profile_yaml(entry))):
        path = reference / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    written.append(Path(shutil.copyfile(INDEX_766, reference / "index_766.yaml")))
    return written


def write_centre_folder(entry: CentreFolder, folder: Path, *, periods: tuple[Period, ...] | None = None,
                        seed: int = DEFAULT_SEED) -> list[Path]:
    """The centre's whole data folder: reference files and the months of `periods` (default: the entry's)."""
    written = write_reference(entry, folder)
    for period in periods if periods is not None else entry.months:
        written += write_area_period(period, Path(folder) / "raw" / str(period), seed=seed, centre=entry.centre)
    return written
