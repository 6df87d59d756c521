"""Write the September 2024 demo exports (reconstructed from the seed report) into a folder.

Developer tool: `python scripts/make_seed_exports.py data/raw/2024-09`. The analyst's
notes file beside them is hand-written and not produced here.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tthc.demo.seed import SEED_FILES
from tthc.exports.writer import write_xlsx


def main(folder: str) -> None:
    out = Path(folder)
    for name, make in SEED_FILES.items():
        write_xlsx(make(), out / name)
        print(out / name)


if __name__ == "__main__":
    main(sys.argv[1])
