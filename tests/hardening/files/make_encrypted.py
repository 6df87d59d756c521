"""Regenerate encrypted_centre.xlsx: the shipped centre table, password-protected by Excel's scheme.

Needs msoffcrypto-tool (`pip install msoffcrypto-tool`), which the project does not depend on,
so the result is kept in the repository. Run from the repository root:

    python tests/hardening/files/make_encrypted.py
"""

from __future__ import annotations

import io
from pathlib import Path

from msoffcrypto.format import ooxml

from tthc.demo import seed
from tthc.exports.writer import write_xlsx

HERE = Path(__file__).resolve().parent
PASSWORD = "matkhau"


def main() -> None:
    plain = HERE / "_plain.xlsx"
    write_xlsx(seed.centre_table(), plain)
    out = io.BytesIO()
    with plain.open("rb") as handle:
        ooxml.OOXMLFile(handle).encrypt(PASSWORD, out)
    plain.unlink()
    (HERE / "encrypted_centre.xlsx").write_bytes(out.getvalue())


if __name__ == "__main__":
    main()
