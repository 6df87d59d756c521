"""Whether an input file is real or synthetic (demo data), known per file from the file itself.

The demo generator marks what it writes: workbooks carry the keyword in their document
properties (Excel shows it under Tags), Parquet files in their key-value metadata, the
analyst's notes a `synthetic: true` key.
The notes are hand-edited YAML: is_synthetic reads only that one key. A file without the mark is real: replacing a demo
export with the system's own export makes that part of the report real again.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import polars as pl

from tthc.reference import parse_yaml

SYNTHETIC_KEYWORD = "tthc:synthetic"
SYNTHETIC_DESCRIPTION = "DỮ LIỆU MINH HỌA do chương trình tạo ra, không phải số liệu thật"
PARQUET_METADATA = {SYNTHETIC_KEYWORD: "true"}
_KEYWORDS = re.compile(rb"<cp:keywords[^>]*>([^<]*)</cp:keywords>")
CORE_PROPERTIES_LIMIT = 1 << 20  # docProps/core.xml is a few hundred bytes


def is_synthetic(path: Path, data: bytes | None = None) -> bool:
    """True when the file carries the demo generator's mark; any unreadable file counts as real. `data`, when
    the caller has read the file already, is its content."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            with zipfile.ZipFile(io.BytesIO(data) if data is not None else path) as archive:
                return _xlsx_marked(archive)
        if suffix == ".parquet":
            return pl.read_parquet_metadata(path).get(SYNTHETIC_KEYWORD) == "true"
        if suffix in (".yaml", ".yml"):
            notes = parse_yaml(path.read_text(encoding="utf-8-sig"))
            return isinstance(notes, dict) and notes.get("synthetic") is True
    except Exception:  # noqa: BLE001 - a broken file is reported by the readers, not here
        return False
    return False


def _xlsx_marked(archive: zipfile.ZipFile) -> bool:
    try:
        info = archive.getinfo("docProps/core.xml")
    except KeyError:
        return False
    if info.file_size > CORE_PROPERTIES_LIMIT:
        return False
    match = _KEYWORDS.search(archive.read(info))
    return match is not None and SYNTHETIC_KEYWORD.encode() in match.group(1)
