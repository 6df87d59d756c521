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
