"""Helpers for tests: real export files, tree hashing, the real CLI in a subprocess."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from tthc.exports.writer import ExportRow, ExportTable, write_csv, write_xlsx
from tthc.period import Period

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "data"
SEPTEMBER = Period(2024, 9)


def with_value(table: ExportTable, which: str, /, **changes: object) -> ExportTable:
    """A copy of an export table with some cells of one unit's row changed."""
    rows = [
        ExportRow({**row.values, **changes}, row.group) if row.values["unit"] == which else row
        for row in table.rows
    ]
    return replace(table, rows=rows)


def replace_export(folder: Path, name: str, table: ExportTable, *, as_csv: bool = False) -> Path:
    """Overwrite one shipped export (same file name) with another table."""
    (folder / name).unlink()
    if as_csv:
        return write_csv(table, folder / (Path(name).stem + ".csv"))
    return write_xlsx(table, folder / name)


def tree_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def run_tthc(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real console command in a subprocess: real exit codes, real stdout/stderr."""
    return subprocess.run([sys.executable, "-m", "tthc", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)

