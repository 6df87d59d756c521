"""The module map (docs/modules.md) and the tree are the same: each module listed once, each path real."""

from __future__ import annotations

import re

from support import REPO

MAP = REPO / "docs" / "modules.md"


def _listed() -> list[str]:
    return re.findall(r"^\| `(src/tthc/[^`]+\.py)` \|", MAP.read_text(encoding="utf-8"), flags=re.M)


def test_every_module_of_the_package_is_on_the_map_once():
    modules = sorted(str(p.relative_to(REPO)) for p in (REPO / "src" / "tthc").rglob("*.py")
                     if p.name != "__init__.py" and "__pycache__" not in p.parts)
    listed = _listed()
    assert sorted(set(listed)) == sorted(listed), "a module is listed twice"
    assert sorted(set(modules) - set(listed)) == [], "modules missing from docs/modules.md"


def test_every_path_on_the_map_exists():
    assert [p for p in _listed() if not (REPO / p).is_file()] == []
