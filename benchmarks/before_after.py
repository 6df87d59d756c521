"""Run a benchmark against an earlier commit and the working tree in one go, so both see the same load.

`tree(rev)` unpacks the commit's `src/` and `notebooks/` into a temporary folder; a benchmark's
`--json` run with PYTHONPATH pointing there uses that code (the kernel inherits the variable).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

from tthc.project import PROJECT_ROOT


def load() -> str:
    """The 1-minute load average, to print beside every figure (the machine is shared)."""
    return f"{os.getloadavg()[0]:.2f}"


def tree(rev: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=f"tthc-{rev[:12]}-"))
    archive = subprocess.run(["git", "archive", rev, "src", "notebooks", "_quarto.yml"], cwd=PROJECT_ROOT,
                             capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def run_json(script: Path, args: list[str], source: Path | None) -> dict:
    """One `--json` run of `script`, with the code of `source` (a `tree`) or of the working tree."""
    env = dict(os.environ)
    if source is not None:
        env["PYTHONPATH"] = str(source / "src")
    completed = subprocess.run([sys.executable, str(script), *args, "--json"], capture_output=True, text=True,
                               env=env, check=False)
    if completed.returncode != 0:
        raise SystemExit(completed.stderr[-3000:])
    return json.loads(completed.stdout.strip().splitlines()[-1])


def alternate(script: Path, args: list[str], source: Path | None, count: int,
              line: Callable[[dict], str]) -> dict[str, list[dict]]:
    """`count` rounds of a `--json` run with the earlier code (when `source`) then the working tree, one after the
    other so both meet the same load; `line` prints each run as it ends."""
    runs: dict[str, list[dict]] = {"before": [], "after": []}
    for index in range(count):
        if source is not None:
            runs["before"].append(run_json(script, args, source))
        runs["after"].append(run_json(script, args, None))
        for label in ("before", "after"):
            if runs[label]:
                print(f"run {index + 1} {label:<6} {line(runs[label][-1])}")
    return runs
