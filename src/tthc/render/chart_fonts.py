"""The fonts Word's chart pictures may be drawn with: families every face of which has the Vietnamese letters.

vl-convert draws text with the first installed face of the first family of the chart's font stack, and falls
back, for a whole label, to another font when that face lacks one of its letters. Debian installs two faces
named "Liberation Serif" when LibreOffice is there: fonts-liberation 1.07, without the Vietnamese letters,
and fonts-liberation2, with them; vl-convert took the first, so "Minh Tân" was drawn in it and "Phú Lương"
in DejaVu Serif, at another size, on the same axis. A browser (fontconfig) picks the newer face, so the
HTML page keeps the stack as it is; only the picture drops such a family.

Where fontconfig is not installed (Windows: Times New Roman has the letters) the stack is kept.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from collections.abc import Iterable, Mapping

#: The letters of Vietnamese beyond Latin-1, as fontconfig charset ranges: Ă ă Đ đ Ĩ ĩ Ũ ũ Ơ ơ Ư ư and
#: every letter with a tone mark (U+1EA0–U+1EF9).
VIETNAMESE_CHARSET = "102-103 110-111 128-129 168-169 1a0-1a1 1af-1b0 1ea0-1ef9"
GENERIC_FAMILIES = frozenset({"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"})


def usable_families(stack: str, faces: Mapping[str, Iterable[str]], complete: set[str]) -> str:
    """The stack without each named family one of whose faces (font files) is not in `complete`.

    A family with no face installed is kept (the renderer skips it), and so are generic names; the stack is
    returned unchanged when nothing would be left but generic names.
    """
    families = [name.strip() for name in stack.split(",") if name.strip()]
    kept = [name for name in families
            if name.strip("'\"").lower() in GENERIC_FAMILIES
            or all(face in complete for face in faces.get(name.strip("'\"").lower(), ()))]
    if all(name.lower() in GENERIC_FAMILIES for name in kept):
        return stack
    return ", ".join(kept)


@functools.cache
def picture_font_stack(stack: str) -> str:
    """`stack` as the chart pictures can use it on this machine (see the module's note)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return stack
    try:
        listed = _run([fc_list, "--format", "%{family}\t%{file}\n"])
        complete = set(_run([fc_list, "--format", "%{file}\n", f":charset={VIETNAMESE_CHARSET}"]).splitlines())
    except (OSError, subprocess.SubprocessError):
        return stack
    faces: dict[str, list[str]] = {}
    for line in listed.splitlines():
        names, _, path = line.partition("\t")
        for name in names.split(","):  # fontconfig lists a face's names in several languages
            faces.setdefault(name.strip().lower(), []).append(path)
    return usable_families(stack, faces, complete)


def _run(command: list[str]) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True, timeout=30,
                          encoding="utf-8", errors="replace").stdout
