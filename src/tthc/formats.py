"""The input formats, described for the analyst from the table specs themselves.

`tthc formats` prints this description and docs/formats.md is the same text for the shipped
organisation.yaml (`tthc formats > docs/formats.md`; a test keeps the two equal). Every label,
value word and rule shown here is read from the TableSpec objects the ingest uses, and whether a
period needs a table from organisation.yaml (`inputs:`), so the description cannot drift from the code.
"""

from __future__ import annotations

from collections.abc import Sequence

from tthc.ingest.grid import CSV_SUFFIXES, EXCEL_SUFFIXES
from tthc.ingest.headers import HEADER_SEARCH_ROWS
from tthc.inputs import INPUT_KINDS
from tthc.organisation import Organisation
from tthc.profile import Profile, load_profile
from tthc.records.spec import RECORDS
from tthc.sources import SOURCES, TOTAL_ROW_LABELS
from tthc.tablespec import Column, Kind, TableSpec

TABLES: tuple[TableSpec, ...] = (*SOURCES, RECORDS)  # every kind of table a period folder may hold

# What a cell of each kind holds, and an example value, for the analyst.
KIND_TEXT: dict[Kind, tuple[str, str]] = {
    Kind.KEY: ("số thứ tự", "1"),
    Kind.UNIT: ("tên đơn vị, như trong danh mục data/reference/units.yaml (kể cả các cách viết khác)", "Phòng Tư pháp"),
    Kind.COUNT: ("số nguyên không âm", "12"),
    Kind.RATE: ("tỷ lệ phần trăm (ví dụ 95,5)", "95,5"),
    Kind.TEXT: ("văn bản", "…"),
    Kind.DATE: ("ngày, dạng ngày/tháng/năm", "24/08/2024"),
    Kind.BOOL: ("có hoặc không", "Có"),
    Kind.STATUS: ("trạng thái", ""),
    Kind.CHANNEL: ("kênh nộp", ""),
    Kind.PAUSE_KIND: ("loại tạm dừng", ""),
}
# Vietnamese names of the canonical values that value words map to; an unnamed value shows its id.
VALUE_NAMES = {
    "handled": "đã xử lý", "hidden": "đã ẩn", "unanswered": "chưa trả lời",
    "processing": "đang xử lý", "resolved": "đã giải quyết", "refused": "từ chối giải quyết",
    "withdrawn": "công dân rút hồ sơ", "online": "trực tuyến", "direct": "trực tiếp",
    "supplement": "yêu cầu bổ sung", "financial": "thực hiện nghĩa vụ tài chính", "other": "tạm dừng xử lý khác",
    "true": "có", "false": "không",
}
REQUIRED_TEXT = {True: "bắt buộc", False: "không bắt buộc"}
EXCEL, CSV = sorted(EXCEL_SUFFIXES), sorted(CSV_SUFFIXES)


def describe_formats(organisation: Organisation, tables: Sequence[TableSpec] = TABLES,
                     profile: Profile | None = None) -> str:
    """The whole description as Markdown (Vietnamese, for the analyst); the parts each input feeds numbered as
    `profile` (by default the seed's) numbers them."""
    profile = profile or load_profile(None)
    lines = [
        "# Các loại tệp đầu vào",
        "",
        "Tài liệu này do chương trình tạo ra từ chính mô tả bảng trong mã nguồn (lệnh `tthc formats`); "
        "không sửa tay.",
        "",
        f"Chép các tệp kết xuất vào `data/raw/NĂM-THÁNG/`, đặt tên tùy ý. Tệp Excel ({', '.join(EXCEL)}; kể cả "
        f"trang web HTML do hệ thống lưu với đuôi .xls) hoặc {', '.join(CSV)} (UTF-8 hoặc Windows-1258); danh sách "
        "hồ sơ còn có thể là .parquet. "
        "Chương trình nhận biết bảng theo dòng tiêu đề cột, không theo tên tệp hay vị trí cột: dòng tiêu đề "
        f"phải nằm trong {HEADER_SEARCH_ROWS} dòng đầu, các cột theo thứ tự tùy ý. Tiêu đề được so sánh không "
        "phân biệt dấu, chữ hoa chữ thường, khoảng trắng và dấu câu. Tiêu đề hai dòng (ô trên gộp trên nhiều "
        "ô dưới) được ghi ở đây là `Dòng trên / Dòng dưới`.",
        "",
        "Loại tệp nào bắt buộc trong mỗi kỳ do `data/reference/organisation.yaml` (mục `inputs`) quy định: "
        "thiếu tệp bắt buộc là lỗi, thiếu tệp không bắt buộc là cảnh báo.",
    ]
    for number, spec in enumerate(tables, start=1):
        lines += ["", *_describe(number, spec, organisation, profile)]
    return "\n".join(lines) + "\n"


def _describe(number: int, spec: TableSpec, organisation: Organisation, profile: Profile) -> list[str]:
    lines = [f"## {number}. {spec.short[0].upper()}{spec.short[1:]} (`{spec.name}`)", ""]
    lines.append(f"Tiêu đề bảng khi chương trình tạo tệp mẫu: {spec.title}.")
    lines.append("")
    lines.append("Trong mỗi kỳ:")
    lines.append("")
    for key in spec.inputs:
        kind = INPUT_KINDS[key]
        lines.append(f"- {kind.what[0].upper()}{kind.what[1:]} (`{key}`): "
                     f"{REQUIRED_TEXT[organisation.requires(key)]}; dùng cho {kind.parts(profile)}.")
    lines.append("")
    lines += _shape(spec)
    lines += _checks(spec)
    lines += ["", "| Cột | Bắt buộc | Tiêu đề được nhận | Nội dung ô |", "|---|---|---|---|"]
    for column in spec.columns:
        lines.append(f"| {column.label} | {'có' if column.required else 'không'} | "
                     f"{'; '.join(_cell(label) for label in column.labels)} | {_content(column)} |")
    for column, name in spec.stands_for:
        replaced = f"'{spec.column(name).label}'"
        lines.append(f"| {column.label} | thay cho {replaced} | {'; '.join(_cell(label) for label in column.labels)} "
                     f"| mã đơn vị trong danh mục data/reference/units.yaml |")
    lines += ["", "Ví dụ (dòng tiêu đề cột và một dòng số liệu, chỉ các cột bắt buộc):", "", "```"]
    shown = [c for c in spec.columns if c.required or c.kind is Kind.KEY]
    lines.append(" | ".join(c.label for c in shown))
    lines.append(" | ".join(_example(c) for c in shown))
    lines.append("```")
    return lines


def _shape(spec: TableSpec) -> list[str]:
    """What one row is, and the rules of the table's title block and last rows."""
    if spec.is_list:
        identity = ", ".join(f"'{spec.column(n).label}'" for n in spec.identity)
        lines = [f"Dạng danh sách: mỗi dòng một mục{f' (nhận diện bằng {identity})' if identity else ''}; "
                 "một đơn vị có thể có nhiều dòng."]
    else:
        lines = ["Dạng bảng số liệu: mỗi đơn vị một dòng; có thể có dòng tên nhóm đơn vị và dòng tổng (ô tên đơn vị "
                 f"ghi {', '.join(TOTAL_ROW_LABELS)}), dòng tổng được đối chiếu với tổng các dòng."]
    if spec in SOURCES:
        lines.append("Các dòng phía trên dòng tiêu đề cột nên ghi kỳ số liệu, ví dụ \"Từ ngày 24/08/2024 đến ngày "
                     "23/09/2024\": kỳ ghi khác kỳ báo cáo là lỗi.")
    if spec.stated_totals:
        stated = "; ".join(f"{label}: 12" for _, label in spec.stated_totals)
        lines.append(f"Đầu bảng có thể ghi các số tổng (ví dụ \"{stated}\"); chúng được đối chiếu với số dòng.")
    if spec.empty is None:
        lines.append("Bảng không có dòng nào (chỉ có dòng tiêu đề cột) vẫn hợp lệ.")
    else:
        severity = "lỗi" if spec.empty == "error" else "cảnh báo"
        lines.append(f"Bảng không có dòng số liệu nào (chỉ có dòng tiêu đề cột) là {severity}.")
    if spec.names_are_labels:
        lines.append("Tệp .parquet của chính dự án dùng tên cột tiếng Anh (như `dossier_code`); tên đó cũng được nhận.")
    return [line for text in lines for line in (text, "")][:-1]


def _checks(spec: TableSpec) -> list[str]:
    """The sums and rates every row must satisfy, as a list."""
    lines = []
    for identity in spec.identities:
        relation = "≤" if identity.at_most else "="
        right = " + ".join(spec.column(n).label for n in identity.right)
        how = "lỗi" if identity.severity == "error" else "cảnh báo"
        lines.append(f"- {spec.column(identity.left).label} {relation} {right} (sai là {how}).")
    for rate, numerator, denominator in spec.rates:
        lines.append(f"- {spec.column(rate).label} được đối chiếu với {spec.column(numerator).label} ÷ "
                     f"{spec.column(denominator).label} (khác là cảnh báo).")
    return ["", "Kiểm tra trên từng dòng:", "", *lines] if lines else []


def _content(column: Column) -> str:
    what = KIND_TEXT[column.kind][0]
    if not column.words:
        return what
    groups = "; ".join(f"{VALUE_NAMES.get(canonical, canonical)}: {', '.join(_cell(w) for w in words)}"
                       for canonical, words in column.words)
    return f"{what}, một trong các từ sau — {groups}"


def _example(column: Column) -> str:
    if column.words:
        return column.words[0][1][0]
    return KIND_TEXT[column.kind][1]


def _cell(text: str) -> str:
    """Text inside a Markdown table cell (a `|` would end the cell)."""
    return text.replace("|", "\\|")
