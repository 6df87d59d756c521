"""Write the synthetic commune centres' data folders: the Lương Tài area's other three (examples/xa-lam-thao,
examples/xa-trung-chinh, examples/xa-trung-kenh) and the made-up ones of the province roll-up
(examples/tinh-bac-ninh/xa-minh-hoa-*).

Developer tool: `python scripts/make_commune_centres.py [EXAMPLES_DIR] [--seed N]`. Each folder gets its
reference files and its months (tthc.demo.communes: AREA_PERIODS for the area, PERIODS for the made-up ones), made by tthc.demo.communes (deterministic: the
same seed gives byte-identical files).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tthc.demo.communes import AREA_CENTRES, OTHER_CENTRES, write_centre_folder
from tthc.demo.reorganisation import DEFAULT_SEED

PROVINCE_FOLDER = "tinh-bac-ninh"  # the roll-up's folder; the made-up centres' folders are inside it


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("examples", nargs="?", default="examples", type=Path)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = parser.parse_args(argv)
    targets = [(e, args.examples / e.folder) for e in AREA_CENTRES]
    targets += [(e, args.examples / PROVINCE_FOLDER / e.folder) for e in OTHER_CENTRES]
    for entry, folder in targets:
        for path in write_centre_folder(entry, folder, seed=args.seed):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
