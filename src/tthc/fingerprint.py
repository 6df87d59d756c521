"""Build keys: what a report's content depends on, hashed, so an unchanged report is never rebuilt.

Quarto's freeze cannot see changed data or parameters, so the project keeps its
own key: input files, reference files, the notebook, the package's code and the
render settings. Equal keys mean identical inputs, so the old outputs stand.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import tthc

PACKAGE_DIR = Path(tthc.__file__).resolve().parent
CODE_SUFFIXES = {".py", ".lua", ".css", ".html", ".yaml", ".j2"}


@dataclass(frozen=True)
class InputFile:
    name: str
    sha256: str
    size: int


def file_digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def hash_inputs(folder: Path) -> list[InputFile]:
    """The files an analyst put in a folder (hidden and Office lock files skipped), hashed."""
    if not folder.is_dir():
        return []
    return hash_files(sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))))


def input_file(name: str, data: bytes) -> InputFile:
    """The digest of a file whose content the caller has read already."""
    return InputFile(name, hashlib.sha256(data).hexdigest(), len(data))


def hash_files(paths: list[Path]) -> list[InputFile]:
    files = []
    for path in paths:  # streamed: a dossier-records file may be larger than the memory
        with path.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256")
            files.append(InputFile(path.name, digest.hexdigest(), handle.tell()))
    return files


def folder_digests(folder: Path) -> dict[str, str]:
    """name → sha256 of a folder's input files: the part of a build key that the data make."""
    return {f.name: f.sha256 for f in hash_inputs(folder)}


@cache
def code_digest() -> str:
    """One hash over the package's source, filters, templates and CSS."""
    digest = hashlib.sha256()
    for path in sorted(p for p in PACKAGE_DIR.rglob("*") if p.suffix in CODE_SUFFIXES and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(PACKAGE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_key(parts: dict) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
