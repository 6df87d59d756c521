"""A quick look inside an .xlsx before the fast reader loads it.

The fast reader (calamine) loads a sheet as one dense block from A1 to its last
used cell, so a single stray character in cell XFD1048576 asks for 17 billion
cells and the process dies without a word. It also reads a formula whose result
the file does not hold (files written by programs other than Excel) and an Excel
error such as #DIV/0! as an empty cell. This module reads the sheet XML itself,
with byte searches and regular expressions only (no XML parse, so a 100 000-row
sheet costs a fraction of a second), to find for each sheet: its last row and
column, and the cells holding an uncomputed formula or an error value.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from html import unescape

MAX_SHEET_XML_BYTES = 512 * 1024 * 1024  # uncompressed; a real export is a few megabytes
# From A1 to the last used cell. A real export has a few thousand cells, a very large one a few
# million; the reader needs about 30 bytes a cell, so this is a few hundred megabytes at most.
MAX_SHEET_CELLS = 10_000_000

_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)>")
_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)>")
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_REF = re.compile(rb"([A-Z]{1,3})([0-9]{1,7})")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.DOTALL)
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?v>)", re.DOTALL)
# a literal first character lets the regular expression engine skip ahead quickly
_ROWS_BY_DIGITS = {n: re.compile(rb' r="[A-Z]{0,3}([0-9]{%d})"' % n) for n in range(7, 0, -1)}
_COLUMNS_BY_LETTERS = {n: re.compile(rb' r="([A-Z]{%d})[0-9]' % n) for n in range(3, 0, -1)}
# the long references of both lengths in one pass each: rows of six or seven digits, columns of two or three letters
_LONG_ROWS = re.compile(rb' r="[A-Z]{0,3}([0-9]{6,7})"')
_LONG_COLUMNS = re.compile(rb' r="([A-Z]{2,3})[0-9]')


@dataclass
class SheetScan:
    last_row: int = 0  # 1-based; exact when the sheet may be too large, else an upper bound
    last_column: int = 0  # 1-based; likewise
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 0-based → "=…" without result
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) 0-based → "#DIV/0!"
    too_big: bool = False  # the sheet's XML alone is larger than any real export

    @property
    def area(self) -> int:
        return self.last_row * self.last_column


def column_number(letters: bytes | str) -> int:
    """"A" → 1, "XFD" → 16384."""
    number = 0
    for ch in letters.decode() if isinstance(letters, bytes) else letters:
        number = number * 26 + ord(ch) - 64
    return number


_BROKEN = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, ValueError, EOFError, NotImplementedError,
           RuntimeError)


def scan_package(package: zipfile.ZipFile) -> dict[str, SheetScan] | None:
    """Sheet name → scan of a package the reader has open, or None when it is not a readable .xlsx package
    (the reader will say why)."""
    try:
        targets = _sheet_targets(package)
        if targets is None:
            return None
        return {name: _scan_member(package, member) for name, member in targets.items()}
    except _BROKEN:
        return None


def _attrs(raw: bytes) -> dict[bytes, bytes]:
    """Attributes by local name ("r:id" → "id")."""
    return {key.rsplit(b":", 1)[-1]: value for key, value in _ATTR.findall(raw)}


def _sheet_targets(package: zipfile.ZipFile) -> dict[str, str | None] | None:
    try:
        workbook = package.read("xl/workbook.xml")
        rels = package.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return None
    by_id = {}
    for match in _RELATIONSHIP.finditer(rels):
        attrs = _attrs(match.group(1))
        if b"Id" in attrs and b"Target" in attrs:
            target = unescape(attrs[b"Target"].decode("utf-8", "replace"))
            by_id[attrs[b"Id"].decode("utf-8", "replace")] = (
                target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target)))
    targets: dict[str, str | None] = {}
    for match in _SHEET.finditer(workbook):
        attrs = _attrs(match.group(1))
        if b"name" in attrs:
            name = unescape(attrs[b"name"].decode("utf-8", "replace"))
            targets[name] = by_id.get(attrs.get(b"id", b"").decode("utf-8", "replace"))
    return targets


def _scan_member(package: zipfile.ZipFile, member: str | None) -> SheetScan:
    scan = SheetScan()
    if member is None or member not in package.namelist():
        return scan
    info = package.getinfo(member)
    if info.file_size > MAX_SHEET_XML_BYTES:
        scan.too_big = True
        return scan
    with package.open(info) as handle:
        xml = handle.read(MAX_SHEET_XML_BYTES + 1)
    if len(xml) > MAX_SHEET_XML_BYTES:  # the size in the zip directory lied
        scan.too_big = True
        return scan
    scan.last_row, scan.last_column = _extent(xml)
    for marker in (b"<f>", b"<f ", b"<f/>", b":f>", b":f "):
        if marker in xml:
            _find_formulas(xml, scan)
            break
    if b't="e"' in xml:
        _find_errors(xml, scan)
    return scan


def _largest(xml: bytes, patterns: dict[int, re.Pattern[bytes]], lengths: tuple[int, ...]) -> bytes | None:
    """The largest reference part of the longest length found (same-length digit or letter strings
    compare like their numbers), found without a Python-level loop over the cells."""
    for length in lengths:
        found = patterns[length].findall(xml)
        if found:
            return max(found)
    return None


def _longest(found: list[bytes]) -> bytes | None:
    """The largest of the longest: what _largest gives over the lengths found, from one pass."""
    return max(found, key=lambda part: (len(part), part)) if found else None


def _extent(xml: bytes) -> tuple[int, int]:
    """(last row, last column): exact whenever the area could exceed MAX_SHEET_CELLS, else an upper bound.

    The rows of six or seven digits and the columns of two or three letters are few, so finding
    them is cheap; the costly pass over every cell reference is made only when the bounds they
    leave (99 999 rows, 26 columns) could still exceed the limit.
    """
    rows = _longest(_LONG_ROWS.findall(xml))
    letters = _longest(_LONG_COLUMNS.findall(xml))
    last_column = column_number(letters) if letters else 26
    last_row = int(rows) if rows else 99_999
    if rows is None and last_row * last_column > MAX_SHEET_CELLS:
        exact = _largest(xml, _ROWS_BY_DIGITS, (5, 4, 3, 2, 1))
        last_row = int(exact) if exact else 0
    if letters is None and last_row * last_column > MAX_SHEET_CELLS:
        exact = _largest(xml, _COLUMNS_BY_LETTERS, (1,))
        last_column = column_number(exact) if exact else 0
    return last_row, last_column


def _cell_around(xml: bytes, position: int) -> tuple[dict[bytes, bytes], bytes] | None:
    """The attributes and content of the <c> element that contains byte `position`."""
    start = max(xml.rfind(b"<c ", 0, position), xml.rfind(b":c ", 0, position))
    if start < 0:
        return None
    if xml[start:start + 1] != b"<":
        start = xml.rfind(b"<", 0, start)
    head_end = xml.find(b">", start)
    end = xml.find(b"c>", head_end)
    if head_end < 0 or end < 0:
        return None
    return _attrs(xml[start:head_end]), xml[head_end + 1:end]


def _position(attrs: dict[bytes, bytes]) -> tuple[int, int] | None:
    ref = _REF.fullmatch(attrs.get(b"r", b""))
    if ref is None:
        return None
    return int(ref.group(2)) - 1, column_number(ref.group(1)) - 1


def _find_formulas(xml: bytes, scan: SheetScan) -> None:
    for match in _FORMULA.finditer(xml):
        cell = _cell_around(xml, match.start())
        if cell is None:
            continue
        attrs, inner = cell
        position = _position(attrs)
        value = _VALUE.search(inner)
        if position is None or (value is not None and value.group(1)):
            continue  # a formula with its computed result: the result is what the analyst sees
        text = unescape((match.group(1) or b"").decode("utf-8", "replace")).strip()
        scan.formulas[position] = "=" + text if text else "=(công thức dùng chung)"


def _find_errors(xml: bytes, scan: SheetScan) -> None:
    for match in re.finditer(rb't="e"', xml):
        cell = _cell_around(xml, match.start())
        if cell is None:
            continue
        attrs, inner = cell
        position = _position(attrs)
        if position is None or attrs.get(b"t") != b"e":
            continue
        value = _VALUE.search(inner)
        scan.errors[position] = unescape((value.group(1) or b"").decode("utf-8", "replace")) if value else ""
        scan.errors[position] = scan.errors[position] or "#N/A"
