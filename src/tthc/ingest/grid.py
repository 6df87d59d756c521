"""Read any supported export into a grid of cells with their Excel coordinates.

Findings must name the row and column the analyst sees in Excel, so the grid
keeps absolute positions (row 1 = first sheet row, column A = first column)
even where the sheet starts with empty rows or columns.

Files arrive from many hands, so nothing is assumed from the name alone: the
first bytes say whether a ".xlsx" is really a workbook, a password-protected
one, a web page, a picture or a CSV, and each case gets its own Vietnamese
explanation of what to do. A web page is what many web systems' "Xuất Excel"
gives (an HTML <table> saved as .xls): its tables are read as sheets named
"bảng 1", "bảng 2"…, rowspan/colspan becoming merged areas as in a workbook.

CSV encodings. Accepted: UTF-8 with or without a BOM, UTF-16 with a BOM (Excel's
"Unicode Text"), and Windows-1258 (the Vietnamese ANSI code page). "Wrong" means
the text the analyst saw cannot be recovered for sure: UTF-16 without a BOM,
bytes that are neither UTF-8 nor Windows-1258, binary content, and text that
decodes but is implausible: Windows-1258 whose non-ASCII characters are mostly
symbols (an old TCVN3/ABC or VNI font encoding), or UTF-8 full of mojibake such
as "Tá»•ng" (a UTF-8 file once saved through a Western code page). Such files
are reported with the encoding named and how to save them again as CSV UTF-8;
a plausible Windows-1258 file whose table is not recognised gets the same hint.
"""

from __future__ import annotations

import codecs
import csv
import errno
import functools
import gc
import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, BinaryIO, ParamSpec, TypeVar

import python_calamine

from tthc.errors import DataError
from tthc.ingest.xlsx_scan import MAX_SHEET_CELLS, SheetScan, scan_package

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
CSV_SUFFIXES = {".csv"}
SUPPORTED_SUFFIXES = EXCEL_SUFFIXES | CSV_SUFFIXES
CSV_ENCODINGS = ("utf-8-sig", "cp1258")
MAX_CSV_FIELD = 64 * 1024 * 1024

SAVE_AS_XLSX = "hãy mở tệp bằng Excel rồi lưu lại dạng Sổ làm việc Excel (.xlsx)"
SAVE_AS_CSV_UTF8 = "hãy mở tệp bằng Excel rồi lưu lại dạng CSV UTF-8 (Comma delimited) (*.csv)"


class FormulaCell(str):
    """A formula whose result the file does not hold (written by a program, never computed by Excel)."""


class ErrorCell(str):
    """An Excel error value such as #DIV/0! or #REF!."""


# (calamine also gives time-of-day and duration values; they are read as their text)
Cell = str | int | float | bool | date | datetime | time | timedelta | None


P = ParamSpec("P")
R = TypeVar("R")


def collector_paused(function: Callable[P, R]) -> Callable[P, R]:
    """`function` run with Python's cyclic garbage collector paused (unless a caller paused it already).

    An export of 100 000 rows becomes hundreds of thousands of lists, rows and findings at once. None of
    them forms a reference cycle (reference counting frees them), yet every burst of allocations makes the
    collector walk everything alive again: a tenth to a fifth of the time of a 100 000-row check. The reading,
    splitting, typing and checking steps pause it for their own length; it runs as usual afterwards.
    """

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused


class UnreadableFileError(DataError):
    """The file cannot be opened as the table format its name claims; message is Vietnamese."""


@dataclass(frozen=True)
class Sheet:
    file: Path
    name: str | None  # None for CSV
    rows: list[list[Cell]]
    merged: tuple[tuple[int, int, int, int], ...] = ()  # 0-based (first row, first col, last row, last col)
    problem: str | None = None  # the sheet could not be read (it is then empty); Vietnamese
    encoding_note: str | None = None  # a CSV whose text may not be what the analyst saw; Vietnamese
    format_note: str | None = None  # the file is not what its name says (an HTML page named .xls); Vietnamese
    suspicious_encoding: bool = False  # the note is a strong suspicion, worth a warning on its own

    def cell(self, row_index: int, col_index: int) -> Cell:
        row = self.rows[row_index]
        return row[col_index] if col_index < len(row) else None

    def merged_area(self, row_index: int, col_index: int) -> str | None:
        """"E9:E10" when the cell lies inside a merged area but is not its first cell."""
        for r1, c1, r2, c2 in self.merged:
            if r1 <= row_index <= r2 and c1 <= col_index <= c2 and (row_index, col_index) != (r1, c1):
                return f"{column_letter(c1)}{r1 + 1}:{column_letter(c2)}{r2 + 1}"
        return None


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


#: Files up to this size are read into memory once and every reader works on those bytes; a larger workbook is
#: read from disk in the parts each reader needs (a real export is a few megabytes).
IN_MEMORY_BYTES = 64 * 1024 * 1024


class _Content:
    """A file's content for the readers: its bytes when the caller read them (or the file is small), else the
    file itself, opened for each part that is needed."""

    def __init__(self, path: Path, data: bytes | None, size: int) -> None:
        self.path, self.data, self.size = path, data, size

    def head(self, count: int) -> bytes:
        if self.data is not None:
            return self.data[:count]
        with self.path.open("rb") as handle:
            return handle.read(count)

    def binary(self) -> BinaryIO:
        return io.BytesIO(self.data) if self.data is not None else self.path.open("rb")

    def whole(self) -> bytes:
        return self.data if self.data is not None else self.path.read_bytes()

    def workbook(self, misnamed: bool) -> python_calamine.CalamineWorkbook:
        """calamine's reader. From bytes or a handle calamine tells the format from the content; a large file whose
        name says its format truly is read from its path, in the parts calamine needs."""
        if self.data is not None:
            return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(self.data))
        if misnamed:
            with self.path.open("rb") as handle:
                return python_calamine.CalamineWorkbook.from_filelike(handle)
        return python_calamine.CalamineWorkbook.from_path(str(self.path))


def read_sheets(path: Path, data: bytes | None = None) -> list[Sheet]:
    """The sheets of an export; `data`, when the caller has read the file already, is its content (the file is
    then not opened again: sniffing, the package checks, the scan and the reader all use it)."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise UnreadableFileError(f"định dạng tệp {path.suffix} không được hỗ trợ")
    try:
        size = len(data) if data is not None else path.stat().st_size
        if data is None and (size <= IN_MEMORY_BYTES or suffix in CSV_SUFFIXES):
            data = path.read_bytes()
    except OSError as exc:
        raise UnreadableFileError(os_reason(exc)) from exc
    if size == 0:
        raise UnreadableFileError(
            "tệp rỗng (0 byte): có thể tệp chưa lưu xong hoặc tải về bị lỗi; hãy kết xuất hoặc tải lại tệp")
    if suffix in CSV_SUFFIXES:
        assert data is not None
        kind = sniff_kind(data[:4096])
        if kind in ("zip", "ole", "png", "jpeg", "gif", "pdf"):
            raise UnreadableFileError(_wrong_content(kind, path.suffix))
        return [_read_csv(path, data)]
    try:
        return _read_workbook(path, _Content(path, data, size))
    except OSError as exc:  # a large workbook is opened again for each part
        raise UnreadableFileError(os_reason(exc)) from exc


def os_reason(exc: OSError) -> str:
    """A Vietnamese reason for a file the system would not let us read."""
    reasons: dict[int | None, str] = {
        errno.ENOENT: "không tìm thấy tệp (có thể là liên kết/shortcut trỏ tới tệp không còn tồn tại)",
        errno.ELOOP: "tệp là liên kết (symlink) vòng lặp, trỏ về chính nó",
        errno.EACCES: "không có quyền đọc tệp; hãy kiểm tra quyền truy cập hoặc đóng chương trình đang khóa tệp",
        errno.EPERM: "không có quyền đọc tệp; hãy kiểm tra quyền truy cập",
        errno.EISDIR: "đây là thư mục, không phải tệp",
        errno.EIO: "lỗi đọc ổ đĩa",
    }
    return reasons.get(exc.errno, f"không đọc được tệp (lỗi hệ thống số {exc.errno})")


def sniff_kind(head: bytes) -> str:
    """What the first bytes say the file is, whatever its name."""
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"\x89PNG"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if head.startswith(b"%PDF"):
        return "pdf"
    text = head.removeprefix(codecs.BOM_UTF8).lstrip().lower()
    if text.startswith(b"<") and any(tag in head.lower() for tag in (b"<html", b"<table", b"<!doctype html")):
        return "html"
    if text.startswith(b"<"):  # <?xml …, or the XML Spreadsheet 2003 format
        return "xml"
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
            return "text"
        except UnicodeDecodeError as exc:
            if exc.start >= len(head) - 4:  # a character cut at the 4096-byte boundary
                return "text"
        if sum(b < 32 and b not in (9, 10, 13) for b in head) == 0:
            return "text"
    return "binary"


def _wrong_content(kind: str, suffix: str) -> str:
    described = {
        "png": "một ảnh PNG", "jpeg": "một ảnh JPEG", "gif": "một ảnh GIF", "pdf": "một tệp PDF",
        "zip": "một tệp nén ZIP (hoặc tệp Excel .xlsx)", "ole": "một tệp Office cũ (.xls/.doc) hoặc có mật khẩu",
    }[kind]
    return f"tệp mang đuôi {suffix} nhưng thực chất là {described}, không phải bảng số liệu; hãy lấy lại đúng tệp kết xuất"


def _is_encrypted_ole(content: _Content) -> bool:
    """Excel's password protection wraps the workbook in an OLE2 container with an "EncryptedPackage" stream."""
    head = content.head(1024 * 1024)
    return "EncryptedPackage".encode("utf-16-le") in head or "EncryptionInfo".encode("utf-16-le") in head


def _read_workbook(path: Path, content: _Content) -> list[Sheet]:
    kind = sniff_kind(content.head(4096))
    suffix = path.suffix.lower()
    if kind == "ole" and _is_encrypted_ole(content):
        raise UnreadableFileError(_PASSWORD)
    if kind in ("png", "jpeg", "gif", "pdf"):
        raise UnreadableFileError(_wrong_content(kind, path.suffix))
    if kind == "html":  # a web system's "Xuất Excel": an HTML table saved with an Excel name
        return read_html_sheets(path, content.whole() if content.size <= MAX_HTML_BYTES else None)
    if kind == "xml":
        raise UnreadableFileError(
            f"tệp mang đuôi {path.suffix} nhưng thực chất là văn bản XML (có thể là bảng tính XML 2003); {SAVE_AS_XLSX}")
    if kind == "text":
        raise UnreadableFileError(
            f"tệp mang đuôi {path.suffix} nhưng thực chất là văn bản (có thể là tệp CSV bị đặt nhầm đuôi); "
            "hãy đổi đuôi tệp thành .csv, hoặc mở bằng Excel rồi lưu lại dạng .xlsx")
    scans = None
    if kind == "zip" and suffix in (".xlsx", ".xlsm"):
        with content.binary() as binary:
            package = _xlsx_package(binary)
            if package is None:
                raise UnreadableFileError(
                    "tệp là tệp nén ZIP nhưng không phải tệp Excel (có thể là tệp Word, tệp nén hoặc tệp hỏng); "
                    "hãy lấy lại đúng tệp kết xuất")
            with package:
                scans = scan_package(package)
    if kind not in ("zip", "ole"):
        raise UnreadableFileError(f"tệp không phải tệp Excel hợp lệ (tệp hỏng hoặc định dạng khác); {SAVE_AS_XLSX}")
    try:
        workbook = content.workbook(misnamed=kind == "ole" and suffix != ".xls" or kind == "zip" and suffix == ".xls")
    except python_calamine.PasswordError as exc:
        raise UnreadableFileError(_PASSWORD) from exc
    except Exception as exc:  # calamine raises several types for corrupt files
        raise UnreadableFileError(
            f"không mở được tệp Excel: tệp bị hỏng hoặc lưu dở; {SAVE_AS_XLSX}, hoặc kết xuất lại") from exc
    sheets = []
    try:
        for index, name in enumerate(workbook.sheet_names):
            scan = (scans or {}).get(name)
            problem = _too_large(scan)
            if problem:
                sheets.append(Sheet(path, name, [], problem=problem))
                continue
            sheet = workbook.get_sheet_by_index(index)
            rows = _cleaned(sheet.to_python(skip_empty_area=False))
            if scan is not None:
                _mark_cells(rows, scan)
            merged = tuple((r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or ()))
            sheets.append(Sheet(path, name, rows, merged=merged))
    except UnreadableFileError:
        raise
    except Exception as exc:
        raise UnreadableFileError(f"không đọc được nội dung tệp Excel (tệp bị hỏng); {SAVE_AS_XLSX}") from exc
    finally:
        workbook.close()
    return sheets


_PASSWORD = ("tệp Excel có đặt mật khẩu (đã mã hóa) nên không đọc được; hãy mở tệp bằng Excel, gỡ mật khẩu "
             "(Tệp → Thông tin → Bảo vệ sổ làm việc → Mã hóa bằng mật khẩu, xóa mật khẩu), lưu lại rồi chạy lại")


def _xlsx_package(binary: BinaryIO) -> zipfile.ZipFile | None:
    """The open package when the content is an Excel workbook (a ZIP holding xl/workbook.xml), else None."""
    try:
        package = zipfile.ZipFile(binary)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "xl/workbook.xml" not in package.namelist():
        package.close()
        return None
    return package


def _too_large(scan: SheetScan | None) -> str | None:
    if scan is None:
        return None
    if scan.too_big:
        return "trang tính quá lớn để đọc (nội dung hơn 512 MB); hãy kiểm tra lại tệp kết xuất"
    if scan.area > MAX_SHEET_CELLS:
        last = f"{column_letter(scan.last_column - 1)}{scan.last_row}"
        return (f"trang tính có ô được dùng tận ô {last} ({_group(scan.last_row)} dòng × {_group(scan.last_column)} cột), "
                "quá lớn để đọc; có thể có ô thừa ở xa bảng: hãy bấm Ctrl+End trong Excel để tìm, "
                "xóa các dòng, cột thừa rồi lưu lại")
    return None


def _group(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _mark_cells(rows: list[list[Cell]], scan: SheetScan) -> None:
    """Put uncomputed formulas and error values where the reader saw only an empty cell."""
    for marks, kind in ((scan.formulas, FormulaCell), (scan.errors, ErrorCell)):
        for (r, c), text in marks.items():
            if r < len(rows) and c < len(rows[r]) and rows[r][c] is None:
                rows[r][c] = kind(text)


def _cleaned_text(rows: Iterable[list[Any]]) -> list[list[Cell]]:
    """_cleaned of rows holding only text (a CSV's), where "" is the one falsy value: quicker to test."""
    return [[cell or None for cell in row] if "" in row else row for row in rows]


def _cleaned(rows: Iterable[list[Any]]) -> list[list[Cell]]:  # the readers type their rows narrower than Cell
    """Rows with every empty text as None; a row without one (most of a dense export) is kept as it is."""
    return [[None if value == "" else value for value in row] if "" in row else row for row in rows]


# ---------------------------------------------------------------- CSV


_MOJIBAKE = re.compile("á[º»]|Ã[\u0080-\u00bf]|Æ[°¡¯]|Ä[‘ƒ]|Ä\u0091|áº|á»")


def _read_csv(path: Path, raw: bytes) -> Sheet:
    text, note, suspicious = _decode_csv(raw)
    if _looks_binary(text):
        raise UnreadableFileError(
            "tệp không phải văn bản (chứa ký tự nhị phân): có thể tệp hỏng hoặc là loại tệp khác đặt đuôi .csv")
    csv.field_size_limit(max(csv.field_size_limit(), MAX_CSV_FIELD))
    reader = csv.reader(io.StringIO(text, newline=""), _sniff(text))
    try:
        rows = _cleaned_text(reader)
    except csv.Error as exc:
        raise UnreadableFileError(
            f"tệp CSV sai cấu trúc ở dòng {reader.line_num} (dấu nháy kép không đóng hoặc ô quá dài); {SAVE_AS_CSV_UTF8}"
        ) from exc
    return Sheet(path, None, rows, encoding_note=note, suspicious_encoding=suspicious)


def _decode_csv(raw: bytes) -> tuple[str, str | None, bool]:
    """The text, a note when the encoding may have garbled it, and whether that is a strong suspicion."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:  # Excel's "Unicode Text" (UTF-16 with a BOM) is unambiguous
            return raw.decode("utf-16"), None, False
        except UnicodeDecodeError as exc:
            raise UnreadableFileError("tệp CSV có dấu hiệu bảng mã UTF-16 nhưng nội dung hỏng; " + SAVE_AS_CSV_UTF8) from exc
    if b"\x00" in raw:
        sample = raw[:4096]
        if sample[1::2].count(0) > len(sample) // 4 or sample[0::2].count(0) > len(sample) // 4:
            raise UnreadableFileError(
                "tệp CSV được lưu bằng bảng mã UTF-16 không có dấu BOM nên không đọc chắc chắn được; " + SAVE_AS_CSV_UTF8)
        raise UnreadableFileError(
            "tệp không phải văn bản (chứa ký tự nhị phân): có thể tệp hỏng hoặc là loại tệp khác đặt đuôi .csv")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        if len(_MOJIBAKE.findall(text)) >= 3:
            return text, (
                "chữ tiếng Việt trong tệp bị lỗi bảng mã (ví dụ 'Tá»•ng' thay cho 'Tổng'): tệp UTF-8 đã bị mở và "
                f"lưu lại sai bảng mã; hãy kết xuất lại tệp gốc, hoặc {SAVE_AS_CSV_UTF8}"), True
        return text, None, False
    try:
        text = raw.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(
            "tệp không phải văn bản CSV đọc được (không theo bảng mã UTF-8 hay Windows-1258): có thể tệp hỏng "
            f"hoặc là loại tệp khác đặt đuôi .csv; nếu là CSV, {SAVE_AS_CSV_UTF8}") from exc
    if _legacy_vietnamese(text):
        return text, (
            "tệp CSV không theo bảng mã UTF-8, và đọc theo Windows-1258 thì chữ tiếng Việt thành ký hiệu lạ: "
            f"có thể tệp dùng bảng mã cũ TCVN3 (ABC) hoặc VNI; {SAVE_AS_CSV_UTF8}"), True
    return text, (
        "tệp CSV không theo bảng mã UTF-8 nên đã được đọc theo bảng mã Windows-1258; nếu chữ tiếng Việt bị sai, "
        f"{SAVE_AS_CSV_UTF8}"), False


def _legacy_vietnamese(text: str) -> bool:
    """Windows-1258 text whose non-ASCII characters are mostly symbols, not letters and tone marks."""
    others = [ch for ch in text if ord(ch) > 127]
    if len(others) < 10:
        return False
    symbols = sum(1 for ch in others if not unicodedata.category(ch).startswith(("L", "M")))
    return symbols / len(others) > 0.15


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ch < " " and ch not in "\t\r\n")
    return controls > max(8, len(sample) // 200)


def _sniff(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        return csv.excel


# ---------------------------------------------------------------- HTML saved as .xls

MAX_HTML_BYTES = 256 * 1024 * 1024
HTML_SHEET = "bảng {}"  # the sheet name of the n-th table of a web page, as findings name it
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""")
_WHITESPACE = re.compile(r"\s+")
_MAX_SPAN = 1000  # a rowspan or colspan beyond this is a broken page, not a table


def read_html_sheets(path: Path, raw: bytes | None = None) -> list[Sheet]:
    """Every top-level <table> of a web page as a sheet: cells at their grid positions, spans as merged areas."""
    try:
        size = path.stat().st_size if raw is None else len(raw)
        if size > MAX_HTML_BYTES:
            raise UnreadableFileError("trang web (HTML) quá lớn để đọc (hơn 256 MB); hãy kiểm tra lại tệp kết xuất")
        raw = path.read_bytes() if raw is None else raw
    except OSError as exc:
        raise UnreadableFileError(os_reason(exc)) from exc
    parser = _TableParser()
    parser.feed(_decode_html(raw))
    parser.close()
    note = (f"tệp mang đuôi {path.suffix} nhưng thực chất là một trang web (HTML) do hệ thống kết xuất; các bảng "
            f"trong trang được đọc như trang tính ({HTML_SHEET.format(1)}, {HTML_SHEET.format(2)}…); nếu bảng không "
            f"được nhận dạng, {SAVE_AS_XLSX}")
    if not parser.tables:
        raise UnreadableFileError(f"tệp mang đuôi {path.suffix} nhưng thực chất là một trang web (HTML) không có bảng "
                                  f"số liệu nào; {SAVE_AS_XLSX}")
    sheets = []
    for number, table in enumerate(parser.tables, start=1):
        name = HTML_SHEET.format(number)
        rows, merged = _lay_out(table)
        width = max((len(r) for r in rows), default=0)
        if len(rows) * width > MAX_SHEET_CELLS:
            sheets.append(Sheet(path, name, [], problem=(
                f"bảng quá lớn để đọc ({_group(len(rows))} dòng × {_group(width)} cột); hãy kiểm tra lại tệp kết xuất"),
                format_note=note))
            continue
        sheets.append(Sheet(path, name, rows, merged=merged, format_note=note))
    return sheets


def _decode_html(raw: bytes) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", "replace")
    if raw.startswith(codecs.BOM_UTF8):
        return raw.decode("utf-8-sig", "replace")
    declared = _CHARSET.search(raw[:4096])
    encodings = [declared.group(1).decode("ascii")] if declared else []
    for encoding in (*encodings, "utf-8", "cp1258"):
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return raw.decode("utf-8", "replace")


_HtmlCell = tuple[str, int, int]  # text, rowspan, colspan


class _TableParser(HTMLParser):
    """The rows and cells of each outermost <table>; a nested table's text stays in its cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[_HtmlCell]]] = []
        self._depth = 0
        self._skip = 0  # inside <script> or <style>
        self._cell: list[str] | None = None
        self._spans = (1, 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag == "table":
            self._depth += 1
            if self._depth == 1:
                self.tables.append([])
        elif self._depth == 1 and tag == "tr":
            self._close_cell()
            self.tables[-1].append([])
        elif self._depth == 1 and tag in ("td", "th"):
            self._close_cell()
            if not self.tables[-1]:
                self.tables[-1].append([])
            values = dict(attrs)
            self._cell, self._spans = [], (_span(values.get("rowspan")), _span(values.get("colspan")))
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag == "table":
            if self._depth == 1:
                self._close_cell()
            self._depth = max(0, self._depth - 1)
        elif self._depth == 1 and tag in ("td", "th", "tr"):
            self._close_cell()

    def handle_data(self, data: str) -> None:
        if self._cell is not None and not self._skip:
            self._cell.append(data)

    def _close_cell(self) -> None:
        if self._cell is not None:
            text = _WHITESPACE.sub(" ", "".join(self._cell).replace("\xa0", " ")).strip()
            self.tables[-1][-1].append((text, *self._spans))
            self._cell = None


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), _MAX_SPAN)
    except ValueError:
        return 1


def _lay_out(table: list[list[_HtmlCell]]) -> tuple[list[list[Cell]], tuple[tuple[int, int, int, int], ...]]:
    """Cells at the positions a spreadsheet gives them: a cell spanning rows pushes the cells below it right."""
    taken: set[tuple[int, int]] = set()
    placed: dict[tuple[int, int], str] = {}
    merged: list[tuple[int, int, int, int]] = []
    last_row = len(table) - 1
    for r, row in enumerate(table):
        c = 0
        for text, rowspan, colspan in row:
            while (r, c) in taken:
                c += 1
            if text:
                placed[r, c] = text
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            if rowspan > 1 or colspan > 1:
                merged.append((r, c, r + rowspan - 1, c + colspan - 1))
                last_row = max(last_row, r + rowspan - 1)
            c += colspan
    width = max((c + 1 for _, c in taken), default=0)
    rows: list[list[Cell]] = [[None] * width for _ in range(last_row + 1)]
    for (r, c), text in placed.items():
        rows[r][c] = text
    return rows, tuple(merged)
