"""Ship the notebooks and _quarto.yml inside the package, so a plain `pip install .` works from any folder.

They stay at the top of the checkout (where analysts and Quarto look for them); a built
wheel carries copies in ``tthc/_project/``, which :mod:`tthc.project` prefers when present.
An editable install reads the checkout's own files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
PROJECT_FILES = ["_quarto.yml", *(p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "notebooks").glob("*.ipynb")))]


class BuildWithProjectFiles(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "tthc" / "_project"
        for name in PROJECT_FILES:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / name, target / name)


setup(cmdclass={"build_py": BuildWithProjectFiles})
