"""Benchmark: full `tthc site` build of every shipped period versus a rebuild with nothing changed.

Run on demand (not a test): `python benchmarks/site_build.py [--jobs N]`. Works on a copy of data/
in a temporary folder and prints the two wall times and their ratio (goal: the no-change rebuild
under 10 % of the full build).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from tthc.project import PROJECT_ROOT
from tthc.render.engine import Engine
from tthc.render.room import RenderOptions
from tthc.site.build import build_site


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(PROJECT_ROOT / "data" / "reference", root / "data" / "reference")
        shutil.copytree(PROJECT_ROOT / "data" / "raw", root / "data" / "raw")
        timings = []
        for label in ("full build", "no-change rebuild"):
            started = time.perf_counter()
            result = build_site(root / "data", root / "reports", root / "_site",
                                RenderOptions(engine=Engine.PANDOC, force=False), jobs=args.jobs)
            timings.append(time.perf_counter() - started)
            print(f"{label:<20}{timings[-1]:>8.2f} s   rebuilt {len(result.rebuilt):>2}, kept {len(result.kept):>2}, "
                  f"failed {len(result.failed)}")
    print(f"{'ratio':<20}{timings[1] / timings[0]:>8.1%}   (goal: under 10 %)")


if __name__ == "__main__":
    main()
