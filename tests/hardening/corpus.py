"""A corpus of broken and hostile inputs, each built by code into a copy of the data folder.

Every case starts from a private copy of data/reference and data/raw/2024-09 (the
shipped September period: two known warnings, no error) and changes one thing the
way an analyst's folder really goes wrong: an empty or mislabelled file, a
password, a missing column, a formula, a wrong encoding, a hostile string, a huge
file. Each case says what `tthc check` must answer: the exit code and the
fragments the Vietnamese message must contain (file, sheet, row, column and the
reason), so that a civil servant can find and fix the cell without help.

Exit codes: 0 accepted (perhaps with warnings), 1 the data have errors, 2 usage or
reference files. The only binary fixture is files/encrypted_centre.xlsx (a real
workbook encrypted by msoffcrypto-tool, see files/make_encrypted.py), because the
encryption tool is not a dependency of the project.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import random
import re
import shutil
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml
from openpyxl import load_workbook

from tthc.demo import seed
from tthc.exports.writer import (
    ExportRow,
    ExportTable,
    build_grid,
    write_csv,
    write_xlsx,
)
from tthc.sources import DOSSIERS

SHIPPED = Path(__file__).resolve().parents[2] / "data"
FILES = Path(__file__).resolve().parent / "files"
PERIOD = "2024-09"

CENTRE = "Bieu_TTHCC_thang9.xlsx"
CENTRE_CSV = "Bieu_TTHCC_thang9.csv"
COMMUNES = "Bieu_xa_thi_tran_T9_2024.xlsx"
SIGNING = "ThongKeKySo_24082024_23092024.xlsx"
PAYMENTS = "thanh-toan-truc-tuyen-dvcqg.xlsx"
FEEDBACK = "PAKN_thang_9.xlsx"
FEEDBACK_CSV = "PAKN_thang_9.csv"
ANALYST = "ghi-chu-chuyen-vien.yaml"

# The centre's table: two title lines, a blank line, a two-row header (rows 4–5);
# its n-th unit is on row 5 + n, the total row is row 15.
HEADER_ROW = 4
TU_PHAP = "Phòng Tư pháp"
TU_PHAP_ROW = 11
TOTAL_ROW = 15
# The feedback list: three title lines, a blank line, a one-row header (row 5).
FEEDBACK_FIRST_ROW = 6

INJECTIONS = ("=cmd|' /C calc'!A0", "+1+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0")


@dataclass(frozen=True)
class Case:
    """One broken input: how to make it and what the analyst must be told."""

    name: str
    build: Callable[[Path], list[str] | None]  # data folder → CLI arguments (None: check the period)
    exit_code: int
    expect: Sequence[str] = ()  # fragments of the output (stdout + stderr)
    reject: Sequence[str] = ()  # fragments that must not appear
    indicators: bool = False  # also run `tthc indicators` (and check the store)
    needs_non_root: bool = False
    max_line: int = 2000  # no output line longer than this (long cells are shortened in messages)
    note: str = ""


def period_dir(data: Path) -> Path:
    return data / "raw" / PERIOD


def make_data_folder(target: Path) -> Path:
    """A private copy of the reference files and the shipped September exports."""
    shutil.copytree(SHIPPED / "reference", target / "reference")
    shutil.copytree(SHIPPED / "raw" / PERIOD, target / "raw" / PERIOD)
    return target


def check_args(data: Path) -> list[str]:
    return ["check", PERIOD, "--data", str(data)]


# ---------------------------------------------------------------- helpers that write exports


def put_centre(data: Path, table: ExportTable, *, as_csv: bool = False) -> Path:
    folder = period_dir(data)
    (folder / CENTRE).unlink()
    if as_csv:  # hostile strings are written as they are: this is an input, not the project's output
        return write_csv(table, folder / CENTRE_CSV, neutralise=False)
    return write_xlsx(table, folder / CENTRE)


def with_value(table: ExportTable, which: str, /, **changes: object) -> ExportTable:
    rows = [ExportRow({**r.values, **changes}, r.group) if r.values["unit"] == which else r for r in table.rows]
    return replace(table, rows=rows)


def csv_text(table: ExportTable, delimiter: str = ",") -> str:
    grid, _ = build_grid(table)
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(
        ["" if v is None else v for v in row] for row in grid)
    return out.getvalue()


def put_centre_bytes(data: Path, name: str, payload: bytes) -> None:
    (period_dir(data) / CENTRE).unlink()
    (period_dir(data) / name).write_bytes(payload)


def edit_centre(data: Path, edit: Callable) -> None:
    """Open the shipped centre workbook with openpyxl, change it, save it (no cached formula values)."""
    path = period_dir(data) / CENTRE
    workbook = load_workbook(path)
    edit(workbook.active)
    workbook.save(path)


def patch_sheet_xml(path: Path, patch: Callable[[str], str]) -> None:
    """Rewrite the first worksheet's XML inside an .xlsx (for what openpyxl cannot write)."""
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, payload in items:
            if info.filename == member:
                payload = patch(payload.decode("utf-8")).encode("utf-8")
            target.writestr(info, payload)


def set_cell_xml(xml: str, ref: str, inner: str, cell_type: str | None = None) -> str:
    """Replace one <c r="REF" …>…</c> (or <c r="REF"/>) with new content."""
    pattern = re.compile(rf'<c r="{ref}"(?: [^>]*)?(?:/>|>.*?</c>)', re.DOTALL)
    assert pattern.search(xml), ref
    kind = f' t="{cell_type}"' if cell_type else ""
    return pattern.sub(lambda _: f'<c r="{ref}"{kind}>{inner}</c>', xml, count=1)


def feedback_table(topics: Sequence[str] | None = None) -> ExportTable:
    table = seed.feedback_table()
    if topics is None:
        return table
    rows = [ExportRow({**r.values, "topic": topics[i % len(topics)]}, r.group) for i, r in enumerate(table.rows)]
    return replace(table, rows=rows)


def put_feedback(data: Path, table: ExportTable, *, as_csv: bool = False) -> Path:
    folder = period_dir(data)
    (folder / FEEDBACK).unlink()
    return write_csv(table, folder / FEEDBACK_CSV, neutralise=False) if as_csv else write_xlsx(table, folder / FEEDBACK)


def edit_analyst(data: Path, edit: Callable[[str], str]) -> None:
    path = period_dir(data) / ANALYST
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")


# ---------------------------------------------------------------- file-level cases


def empty_xlsx(data: Path) -> None:
    put_centre_bytes(data, CENTRE, b"")


def empty_csv(data: Path) -> None:
    put_centre_bytes(data, CENTRE_CSV, b"")


def text_named_xlsx(data: Path) -> None:
    put_centre_bytes(data, CENTRE, csv_text(seed.centre_table()).encode("utf-8"))


def png_named_xlsx(data: Path) -> None:
    png = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"
           b"\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
    put_centre_bytes(data, CENTRE, png)


def encrypted_xlsx(data: Path) -> None:
    put_centre_bytes(data, CENTRE, (FILES / "encrypted_centre.xlsx").read_bytes())


def html_named_xls(data: Path) -> None:
    """Many web systems 'export to Excel' an HTML table with an .xls name."""
    rows = "".join(f"<tr><td>{i}</td><td>{r.values['unit']}</td></tr>" for i, r in enumerate(seed.centre_table().rows))
    page = f"<html><head><meta charset='utf-8'></head><body><table>{rows}</table></body></html>"
    put_centre_bytes(data, "Bieu_TTHCC_thang9.xls", page.encode("utf-8"))


def zip_not_workbook(data: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bao_cao.docx", b"not a workbook")
    put_centre_bytes(data, CENTRE, buffer.getvalue())


def no_header(data: Path) -> None:
    table = seed.centre_table()
    put_centre(data, replace(table, labels={n: f"Cột {i}" for i, n in enumerate(table.columns)}))


def header_too_far_down(data: Path) -> None:
    table = seed.centre_table()
    put_centre(data, replace(table, title_lines=[*table.title_lines, *(f"Ghi chú {i}" for i in range(45))]))


def missing_column(name: str) -> Callable[[Path], None]:
    def build(data: Path) -> None:
        table = seed.centre_table()
        put_centre(data, replace(table, columns=[c for c in table.columns if c != name]))
    return build


def header_only(data: Path) -> None:
    put_centre(data, replace(seed.centre_table(), rows=[], with_total=False))


# ---------------------------------------------------------------- cell-level cases


def count_cell(value: object, *, as_csv: bool = False) -> Callable[[Path], None]:
    def build(data: Path) -> None:
        put_centre(data, with_value(seed.centre_table(), TU_PHAP, resolved_early=value), as_csv=as_csv)
    return build


def formula_without_value(data: Path) -> None:
    def edit(sheet):
        sheet["C6"] = "=1+1"
        sheet["B7"] = '=HYPERLINK("http://x","y")'
    edit_centre(data, edit)


def formula_with_cached_value(data: Path) -> None:
    """As Excel saves it: the formula and its last computed value (here 4 = the shipped figure)."""
    patch_sheet_xml(period_dir(data) / CENTRE, lambda xml: set_cell_xml(xml, "C6", "<f>2+2</f><v>4</v>"))


def error_value(data: Path) -> None:
    patch_sheet_xml(period_dir(data) / CENTRE,
                    lambda xml: set_cell_xml(xml, "D8", "<f>1/0</f><v>#DIV/0!</v>", cell_type="e"))


def merged_data_cells(data: Path) -> None:
    def edit(sheet):
        sheet.merge_cells("E9:E10")  # Tài chính KH (53) and Tài nguyên MT (0): the second reads blank
    edit_centre(data, edit)


def duplicate_unit(data: Path) -> None:
    table = seed.centre_table()
    put_centre(data, replace(table, rows=[*table.rows, table.rows[5]]))


def unknown_unit(data: Path) -> None:
    put_centre(data, with_value(seed.centre_table(), TU_PHAP, unit="Phòng Tư phap hộ tịch"))


def ambiguous_unit(data: Path) -> None:
    units = data / "reference" / "units.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace(
        "aliases: [Phòng Nội vụ huyện Lương Tài]", "aliases: [Phòng Nội vụ huyện Lương Tài, Phòng Tư pháp]"),
        encoding="utf-8")


def wrong_total(data: Path) -> None:
    put_centre(data, replace(seed.centre_table(), total={"received": 685}))


def two_files_same_table(data: Path) -> None:
    write_xlsx(seed.centre_table(), period_dir(data) / "ban_sao_bieu_TTHCC.xlsx")


def other_period_title(data: Path) -> None:
    table = replace(seed.payments_table(), title_lines=[
        "THỐNG KÊ THANH TOÁN TRỰC TUYẾN", "Từ ngày 24/07/2024 đến ngày 23/08/2024"])
    (period_dir(data) / PAYMENTS).unlink()
    write_xlsx(table, period_dir(data) / PAYMENTS)


def other_period_extra_file(data: Path) -> None:
    """August's centre table dropped into September's folder beside September's."""
    table = seed.centre_table()
    august = replace(table, title_lines=[table.title_lines[0].replace("24/08/2024-23/09/2024", "24/07/2024-23/08/2024")])
    write_xlsx(august, period_dir(data) / "Bieu_TTHCC_thang8.xlsx")


def far_apart_cells(data: Path) -> None:
    """One stray character at the last cell of a sheet: a naive reader allocates 17 billion cells."""
    patch_sheet_xml(period_dir(data) / CENTRE, lambda xml: xml.replace(
        "</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))


def many_sheets(data: Path) -> None:
    path = period_dir(data) / CENTRE
    workbook = load_workbook(path)
    for i in range(19):
        sheet = workbook.create_sheet(f"Ghi chú {i + 1}", index=0 if i % 2 else None)
        if i % 3:
            sheet.append(["Ghi chú", f"trang phụ số {i + 1}"])
    workbook.save(path)


def wide_row(data: Path) -> None:
    def edit(sheet):
        for col in range(21, 10_021):
            sheet.cell(row=TU_PHAP_ROW, column=col, value="x")
    edit_centre(data, edit)


# ---------------------------------------------------------------- encodings


def csv_bytes(data: Path, payload: bytes, name: str = CENTRE_CSV) -> None:
    put_centre_bytes(data, name, payload)


def csv_utf16_bom(data: Path) -> None:
    """Excel's "Unicode Text": UTF-16 little-endian with a BOM, tab-separated."""
    csv_bytes(data, codecs.BOM_UTF16_LE + csv_text(seed.centre_table(), "\t").encode("utf-16-le"))


def csv_utf16_no_bom(data: Path) -> None:
    csv_bytes(data, csv_text(seed.centre_table()).encode("utf-16-le"))


# Old Vietnamese 8-bit font encodings (TCVN3/ABC, VNI) put letters at bytes that
# Windows-1258 reads as symbols: "Tæng hå s¬" for "Tổng hồ sơ". This table imitates one.
_VIETNAMESE_LETTERS = sorted(set(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"))
_LEGACY = {ch: bytes([0xA1 + i % 94]) for i, ch in enumerate(_VIETNAMESE_LETTERS)}


def legacy_encode(text: str) -> bytes:
    return b"".join(_LEGACY.get(ch, b"?") if ord(ch) > 127 else ch.encode() for ch in text)


def csv_legacy_8bit(data: Path) -> None:
    csv_bytes(data, legacy_encode(unicodedata.normalize("NFC", csv_text(seed.centre_table()))))


def csv_latin1_lossy(data: Path) -> None:
    """Saved through a Western (Latin-1) code page: Vietnamese letters lost to '?', accents kept."""
    csv_bytes(data, csv_text(seed.centre_table()).encode("latin-1", errors="replace"))


def csv_mojibake(data: Path) -> None:
    """UTF-8 read as Windows-1252 and saved again as UTF-8: "Tá»•ng há»“ sÆ¡"."""
    text = csv_text(seed.centre_table()).encode("utf-8").decode("cp1252", errors="replace")
    csv_bytes(data, text.encode("utf-8"))


def csv_cp1258(data: Path) -> None:
    text = csv_text(seed.centre_table())
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            tones = [m for m in marks if m in "\u0300\u0301\u0303\u0309\u0323"]
            shape = "".join(m for m in marks if m not in tones)
            out += (unicodedata.normalize("NFC", base + shape) + "".join(tones)).encode("cp1258")
    csv_bytes(data, bytes(out))


def csv_bom(data: Path) -> None:
    csv_bytes(data, codecs.BOM_UTF8 + csv_text(seed.centre_table()).encode("utf-8"))


def csv_semicolons(data: Path) -> None:
    csv_bytes(data, csv_text(seed.centre_table(), ";").encode("utf-8"))


def csv_old_mac_line_ends(data: Path) -> None:
    csv_bytes(data, csv_text(seed.centre_table()).replace("\r\n", "\r").encode("utf-8"))


def csv_binary_with_nul(data: Path) -> None:
    csv_bytes(data, random.Random(1).randbytes(4096).replace(b"\x00", b"\x01") + b"\x00" * 16)


def csv_binary_without_nul(data: Path) -> None:
    rng = random.Random(2)
    csv_bytes(data, bytes(rng.choice(range(1, 256)) for _ in range(4096)))


def csv_huge_field(data: Path) -> None:
    """A 200 000-character unit name: above the csv module's default field limit."""
    put_centre(data, with_value(seed.centre_table(), TU_PHAP, unit="Phòng Tư pháp " + "x" * 200_000), as_csv=True)


# ---------------------------------------------------------------- hostile text


def injection_unit_names(data: Path) -> None:
    table = seed.centre_table()
    units = [r.values["unit"] for r in table.rows][:4]
    for unit, hostile in zip(units, INJECTIONS, strict=True):
        table = with_value(table, unit, unit=hostile)
    put_centre(data, table, as_csv=True)


def injection_feedback_csv(data: Path) -> None:
    put_feedback(data, feedback_table(INJECTIONS), as_csv=True)


def injection_feedback_xlsx(data: Path) -> None:
    """Hostile topics stored as text cells (as an export would), not as formulas."""
    path = period_dir(data) / FEEDBACK
    workbook = load_workbook(path)
    sheet = workbook.active
    for i in range(len(seed.feedback_table().rows)):
        cell = sheet.cell(row=FEEDBACK_FIRST_ROW + i, column=4)
        cell.value = INJECTIONS[i % len(INJECTIONS)]
        cell.data_type = "s"
    workbook.save(path)


def injection_analyst_notes(data: Path) -> None:
    path = period_dir(data) / ANALYST
    notes = yaml.safe_load(path.read_text(encoding="utf-8"))
    notes["directives_topics"] = INJECTIONS[0]
    notes["sections"]["strengths"] = list(INJECTIONS)
    path.write_text(yaml.safe_dump(notes, allow_unicode=True, sort_keys=False), encoding="utf-8")


def rich_markup_in_names(data: Path) -> None:
    table = with_value(seed.centre_table(), TU_PHAP, unit="[/] [bold red]Phòng[/bold red] [link=http://x]y[/link]")
    put_centre(data, table, as_csv=True)
    (period_dir(data) / CENTRE_CSV).rename(period_dir(data) / "bieu[bold]thang9[red].csv")


def control_characters(data: Path) -> None:
    """A carriage return inside a name (it would overwrite the line on a terminal) and a bidi override."""
    table = with_value(seed.centre_table(), TU_PHAP, unit="Phòng\rTư pháp")
    put_centre(data, with_value(table, "Phòng Nội vụ", unit="\u202ePhòng Nội vụ\u202c"), as_csv=True)


def long_unit_name(data: Path) -> None:
    put_centre(data, with_value(seed.centre_table(), TU_PHAP, unit="Phòng Tư pháp " + "Tư pháp " * 12_500))


def long_topic(data: Path) -> None:
    put_feedback(data, feedback_table(["Thoát nước " + "rất chậm " * 11_111]))


def long_count_cell(data: Path) -> None:
    put_centre(data, with_value(seed.centre_table(), TU_PHAP, resolved_early="9" * 100_000), as_csv=True)


def rows_100k_feedback(data: Path) -> None:
    """100 000 feedback items: a realistic large list, which must be accepted quickly."""
    table = seed.feedback_table()
    items = table.rows
    rows = [ExportRow({**items[i % len(items)].values, "topic": f"Phản ánh số {i + 1}"}) for i in range(100_000)]
    title = [line for line in table.title_lines if "Tổng số PAKN" not in line]
    put_feedback(data, replace(table, rows=rows, title_lines=title), as_csv=True)


def rows_100k_dossiers(data: Path) -> None:
    """The centre's nine units repeated over 100 000 rows: every repeat is a duplicate."""
    table = seed.centre_table()
    rows = [table.rows[i % len(table.rows)] for i in range(100_000)]
    put_centre(data, replace(table, rows=rows, with_total=False), as_csv=True)


def nfd_everywhere(data: Path) -> None:
    table = seed.centre_table()
    nfd = replace(
        table,
        title_lines=[unicodedata.normalize("NFD", line) for line in table.title_lines],
        rows=[ExportRow({**r.values, "unit": unicodedata.normalize("NFD", r.values["unit"])}) for r in table.rows],
        labels={n: unicodedata.normalize("NFD", table.label(n)) for n in table.columns},
    )
    put_centre(data, nfd)
    feedback = seed.feedback_table()
    put_feedback(data, replace(feedback, rows=[
        ExportRow({k: unicodedata.normalize("NFD", v) if isinstance(v, str) else v for k, v in r.values.items()})
        for r in feedback.rows]), as_csv=True)


def invisible_spaces(data: Path) -> None:
    """Names pasted from a web page: no-break spaces, a zero-width space, a byte-order mark, a soft hyphen."""
    table = with_value(seed.centre_table(), TU_PHAP, unit="Phòng\u00a0Tư\u200b pháp\u00a0")
    table = with_value(table, "Phòng Văn hóa TT", unit="Phòng Văn\u00ad hóa TT")
    put_centre(data, with_value(table, "Phòng Nội vụ", unit="\ufeffPhòng Nội vụ"))


# ---------------------------------------------------------------- reference and analyst files


def missing_organisation(data: Path) -> None:
    (data / "reference" / "organisation.yaml").unlink()


def missing_units(data: Path) -> None:
    (data / "reference" / "units.yaml").unlink()


def organisation_bad_yaml(data: Path) -> None:
    path = data / "reference" / "organisation.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "\nsigner: [unclosed\n", encoding="utf-8")


def organisation_empty(data: Path) -> None:
    (data / "reference" / "organisation.yaml").write_bytes(b"")


def units_wrong_structure(data: Path) -> None:
    (data / "reference" / "units.yaml").write_text("units: 5\n", encoding="utf-8")


def units_binary(data: Path) -> None:
    (data / "reference" / "units.yaml").write_bytes(b"\xff\xfe\x00\x01garbage\x9f")


def analyst_bad_syntax(data: Path) -> None:
    edit_analyst(data, lambda text: text.replace("e_certifications: 566", "e_certifications: [566"))


def analyst_wrong_type(data: Path) -> None:
    edit_analyst(data, lambda text: text.replace("e_certifications: 566", "e_certifications: năm trăm"))


def analyst_top_level_list(data: Path) -> None:
    (period_dir(data) / ANALYST).write_text("- một\n- hai\n", encoding="utf-8")


def analyst_non_string_keys(data: Path) -> None:
    edit_analyst(data, lambda text: text.replace("sections:\n", "sections:\n  1: một\n  2024-09-01: hai\n", 1))


def analyst_bad_explanations(data: Path) -> None:
    edit_analyst(data, lambda text: text.replace("explanations:\n  centre:\n",
                                                 "explanations:\n  centre:\n    5: năm\n", 1))


def analyst_binary(data: Path) -> None:
    (period_dir(data) / ANALYST).write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe\x00garbage")


def analyst_alias_bomb(data: Path) -> None:
    """The 'billion laughs' YAML: aliases nested nine deep."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]")
    lines.append("directives_topics: *i")
    (period_dir(data) / ANALYST).write_text("\n".join(lines) + "\n", encoding="utf-8")


def analyst_two_files(data: Path) -> None:
    shutil.copy(period_dir(data) / ANALYST, period_dir(data) / "ghi-chu-ban-cu.yml")


def analyst_missing(data: Path) -> None:
    (period_dir(data) / ANALYST).unlink()


# ---------------------------------------------------------------- folders


def data_is_a_file(data: Path) -> list[str]:
    target = data.parent / "du-lieu.txt"
    target.write_text("không phải thư mục", encoding="utf-8")
    return ["check", PERIOD, "--data", str(target)]


def period_is_a_file(data: Path) -> None:
    shutil.rmtree(period_dir(data))
    period_dir(data).write_text("nhầm", encoding="utf-8")


def period_folder_empty(data: Path) -> None:
    for path in period_dir(data).iterdir():
        path.unlink()


def data_folder_empty(data: Path) -> list[str]:
    empty = data.parent / "trong"
    empty.mkdir()
    return ["check", PERIOD, "--data", str(empty)]


def markup_in_data_path(data: Path) -> list[str]:
    odd = data.parent / "[/]số liệu[bold]"
    shutil.copytree(data / "reference", odd / "reference")
    return ["check", PERIOD, "--data", str(odd)]


def symlink_loop(data: Path) -> None:
    link = period_dir(data) / "vong_lap.xlsx"
    link.symlink_to(link.name)


def dangling_symlink(data: Path) -> None:
    (period_dir(data) / "lien_ket_hong.xlsx").symlink_to(data / "khong-ton-tai.xlsx")


def directory_named_like_export(data: Path) -> None:
    (period_dir(data) / "Bieu_TTHCC_thang9_cu.xlsx").mkdir()


def unreadable_file(data: Path) -> None:
    os.chmod(period_dir(data) / CENTRE, 0)


# ---------------------------------------------------------------- the corpus


def _column_cases() -> list[Case]:
    cases = []
    for spec in DOSSIERS.required:
        cases.append(Case(
            f"missing_column_{spec.name}", missing_column(spec.name), 1,
            (CENTRE, "trang tính Sheet1", f"dòng {HEADER_ROW}", "thiếu cột bắt buộc", spec.label)))
    return cases


WHERE_TU_PHAP = (CENTRE, "trang tính Sheet1", f"dòng {TU_PHAP_ROW}", "cột G (Đã giải quyết / Trước hạn)")
WHERE_TU_PHAP_CSV = (CENTRE_CSV, f"dòng {TU_PHAP_ROW}", "cột G (Đã giải quyết / Trước hạn)")

CASES: list[Case] = [
    # files that are not what their names say
    Case("empty_xlsx", empty_xlsx, 1, (CENTRE, "tệp rỗng")),
    Case("empty_csv", empty_csv, 1, (CENTRE_CSV, "tệp rỗng")),
    Case("text_named_xlsx", text_named_xlsx, 1, (CENTRE, "văn bản", ".csv")),
    Case("png_named_xlsx", png_named_xlsx, 1, (CENTRE, "ảnh PNG")),
    Case("encrypted_xlsx", encrypted_xlsx, 1, (CENTRE, "mật khẩu"), indicators=True),
    Case("html_named_xls", html_named_xls, 1, ("Bieu_TTHCC_thang9.xls", "HTML")),
    Case("zip_not_workbook", zip_not_workbook, 1, (CENTRE, "không phải tệp Excel")),
    Case("far_apart_cells", far_apart_cells, 1, (CENTRE, "trang tính Sheet1", "XFD1048576")),
    # tables that cannot be recognised
    Case("no_header", no_header, 1, (CENTRE, "trang tính Sheet1", "không nhận dạng được bảng")),
    Case("header_too_far_down", header_too_far_down, 1, (CENTRE, "trang tính Sheet1", "40 dòng đầu")),
    Case("header_only", header_only, 1, (CENTRE, "trang tính Sheet1", "không có dòng số liệu")),
    *_column_cases(),
    # count cells
    Case("count_text", count_cell("mười"), 1, (*WHERE_TU_PHAP, "'mười' không phải số"), indicators=True),
    Case("count_decimal", count_cell(12.5), 1, (*WHERE_TU_PHAP, "không phải số nguyên")),
    Case("count_negative", count_cell(-3), 1, (*WHERE_TU_PHAP, "số âm")),
    Case("count_huge", count_cell(10**12), 1, (*WHERE_TU_PHAP, "lớn bất thường")),
    Case("count_huge_float", count_cell(1e300), 1, (*WHERE_TU_PHAP, "lớn bất thường"), max_line=400),
    Case("count_nan_text", count_cell("NaN", as_csv=True), 1, (*WHERE_TU_PHAP_CSV, "không phải số")),
    Case("count_fullwidth_digits", count_cell("２３", as_csv=True), 1, (*WHERE_TU_PHAP_CSV, "không phải số")),
    Case("count_formula_text", count_cell("=SUM(C6:C9)", as_csv=True), 1, (*WHERE_TU_PHAP_CSV, "công thức")),
    Case("long_count_cell", long_count_cell, 1, (*WHERE_TU_PHAP_CSV, "lớn bất thường", "100.000 ký tự"), max_line=400),
    Case("formula_without_value", formula_without_value, 1,
         (CENTRE, "dòng 6", "cột C (", "=1+1", "dòng 7", "cột B (Tên đơn vị)", "HYPERLINK", "công thức")),
    Case("formula_with_cached_value", formula_with_cached_value, 0, ("0 lỗi",)),
    Case("error_value", error_value, 1, (CENTRE, "dòng 8", "cột D (", "#DIV/0!")),
    Case("merged_data_cells", merged_data_cells, 1, (CENTRE, "dòng 10", "cột E (", "gộp", "E9:E10")),
    # units and tables
    Case("duplicate_unit", duplicate_unit, 1, (CENTRE, "dòng 15", "cột B (Tên đơn vị)", "xuất hiện hai lần",
                                               f"dòng {TU_PHAP_ROW}")),
    Case("unknown_unit", unknown_unit, 1, (CENTRE, f"dòng {TU_PHAP_ROW}", "cột B (Tên đơn vị)",
                                           "không có trong danh mục", "Phòng Tư pháp")),
    Case("ambiguous_unit", ambiguous_unit, 1, (CENTRE, f"dòng {TU_PHAP_ROW}", "khớp với nhiều đơn vị")),
    Case("wrong_total", wrong_total, 0, (CENTRE, f"dòng {TOTAL_ROW}", "cột C (", "dòng tổng ghi", "685", "684"),
         indicators=True),
    Case("two_files_same_table", two_files_same_table, 1,
         ("ban_sao_bieu_TTHCC.xlsx", f"trùng với bảng ở tệp {CENTRE}", "cùng 9 đơn vị, cùng số liệu")),
    Case("other_period_title", other_period_title, 1, (PAYMENTS, "24/07/2024–23/08/2024", "kỳ khác")),
    Case("other_period_extra_file", other_period_extra_file, 1, ("Bieu_TTHCC_thang8.xlsx", "24/07/2024–23/08/2024")),
    Case("many_sheets", many_sheets, 0, (CENTRE, "trang tính Ghi chú 2", "không nhận dạng được bảng")),
    Case("wide_row", wide_row, 0, ("0 lỗi",)),
    # encodings
    Case("csv_utf16_bom", csv_utf16_bom, 0, ("0 lỗi",), indicators=True),
    Case("csv_utf16_no_bom", csv_utf16_no_bom, 1, (CENTRE_CSV, "UTF-16")),
    Case("csv_legacy_8bit", csv_legacy_8bit, 1, (CENTRE_CSV, "bảng mã", "UTF-8", "TCVN3")),
    Case("csv_latin1_lossy", csv_latin1_lossy, 1, (CENTRE_CSV, "bảng mã", "UTF-8")),
    Case("csv_mojibake", csv_mojibake, 1, (CENTRE_CSV, "bảng mã", "UTF-8")),
    Case("csv_cp1258", csv_cp1258, 0, ("0 lỗi",)),
    Case("csv_bom", csv_bom, 0, ("0 lỗi",), indicators=True),
    Case("csv_semicolons", csv_semicolons, 0, ("0 lỗi",)),
    Case("csv_old_mac_line_ends", csv_old_mac_line_ends, 0, ("0 lỗi",)),
    Case("csv_binary_with_nul", csv_binary_with_nul, 1, (CENTRE_CSV, "không phải văn bản")),
    Case("csv_binary_without_nul", csv_binary_without_nul, 1, (CENTRE_CSV, "không phải văn bản")),
    Case("csv_huge_field", csv_huge_field, 1, (CENTRE_CSV, f"dòng {TU_PHAP_ROW}", "không có trong danh mục",
                                               "200.014 ký tự"), max_line=600),
    # hostile text
    Case("injection_unit_names", injection_unit_names, 1,
         (CENTRE_CSV, "dòng 6", "dòng 9", *(f"'{s}'" for s in INJECTIONS), "không có trong danh mục")),
    Case("injection_feedback_csv", injection_feedback_csv, 0, ("0 lỗi",), indicators=True),
    Case("injection_feedback_xlsx", injection_feedback_xlsx, 0, ("0 lỗi",), indicators=True),
    Case("injection_analyst_notes", injection_analyst_notes, 0, ("0 lỗi",), indicators=True),
    Case("rich_markup_in_names", rich_markup_in_names, 1,
         ("bieu[bold]thang9[red].csv", "[/] [bold red]Phòng[/bold red] [link=http://x]y[/link]", "không có trong danh mục")),
    Case("control_characters", control_characters, 0, (CENTRE_CSV, "dòng 8", "khớp gần đúng"),
         reject=("\u202e", "\r")),
    Case("long_unit_name", long_unit_name, 1, (CENTRE, f"dòng {TU_PHAP_ROW}", "không có trong danh mục",
                                               "32.767 ký tự"), max_line=600),  # Excel cells hold 32 767 at most
    Case("long_topic", long_topic, 0, ("0 lỗi",)),
    Case("rows_100k_feedback", rows_100k_feedback, 0, ("0 lỗi",), indicators=True),
    Case("rows_100k_dossiers", rows_100k_dossiers, 1, (CENTRE_CSV, "xuất hiện hai lần", "99.991 lỗi")),
    Case("nfd_everywhere", nfd_everywhere, 0, ("0 lỗi",), indicators=True),
    Case("invisible_spaces", invisible_spaces, 0, ("0 lỗi",), reject=("khớp gần đúng", "không có trong danh mục")),
    # reference and analyst files
    Case("missing_organisation", missing_organisation, 2, ("organisation.yaml", "không tìm thấy tệp")),
    Case("missing_units", missing_units, 2, ("units.yaml", "không tìm thấy tệp")),
    Case("organisation_bad_yaml", organisation_bad_yaml, 2, ("organisation.yaml", "dòng", "cú pháp YAML")),
    Case("organisation_empty", organisation_empty, 2, ("organisation.yaml", "tệp rỗng")),
    Case("units_wrong_structure", units_wrong_structure, 2, ("units.yaml", "không đúng cấu trúc")),
    Case("units_binary", units_binary, 2, ("units.yaml", "UTF-8")),
    Case("analyst_bad_syntax", analyst_bad_syntax, 1, (ANALYST, "dòng", "cú pháp YAML")),
    Case("analyst_wrong_type", analyst_wrong_type, 1, (ANALYST, "dòng 7", "e_certifications", "năm trăm")),
    Case("analyst_top_level_list", analyst_top_level_list, 1, (ANALYST, "bảng khóa: giá trị")),
    Case("analyst_non_string_keys", analyst_non_string_keys, 1, (ANALYST, "sections", "khóa không dùng")),
    Case("analyst_bad_explanations", analyst_bad_explanations, 1, (ANALYST, "explanations.centre", "khóa không dùng")),
    Case("analyst_binary", analyst_binary, 1, (ANALYST, "UTF-8")),
    Case("analyst_alias_bomb", analyst_alias_bomb, 1, (ANALYST, "directives_topics")),
    Case("analyst_two_files", analyst_two_files, 1, (ANALYST, "ghi-chu-ban-cu.yml", "nhiều tệp ghi chú")),
    Case("analyst_missing", analyst_missing, 0, ("2024-09", "không có tệp ghi chú")),
    # folders
    Case("data_is_a_file", data_is_a_file, 2, ("du-lieu.txt", "không phải thư mục")),
    Case("period_is_a_file", period_is_a_file, 2, ("2024-09", "không có thư mục số liệu")),
    Case("period_folder_empty", period_folder_empty, 1, ("2024-09", "thiếu biểu tình hình tiếp nhận")),
    Case("data_folder_empty", data_folder_empty, 2, ("trong", "không tìm thấy")),
    Case("markup_in_data_path", markup_in_data_path, 2, ("[/]số liệu[bold]", "không có thư mục số liệu")),
    Case("symlink_loop", symlink_loop, 1, ("vong_lap.xlsx", "liên kết")),
    Case("dangling_symlink", dangling_symlink, 1, ("lien_ket_hong.xlsx", "liên kết")),
    Case("directory_named_like_export", directory_named_like_export, 0, ("Bieu_TTHCC_thang9_cu.xlsx", "thư mục")),
    Case("unreadable_file", unreadable_file, 1, (CENTRE, "không có quyền đọc"), needs_non_root=True),
]

BY_NAME = {case.name: case for case in CASES}
assert len(BY_NAME) == len(CASES), "case names must be unique"
