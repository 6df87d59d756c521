"""Compiled templates are kept in the user's cache: a second report compiles nothing, and an edited template
(a centre's override) is compiled again, never served stale."""

from __future__ import annotations

import jinja2
import pytest

from tthc.report.prose import ProseTemplates


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "tthc"


def test_a_second_environment_compiles_no_template(cache, monkeypatch):
    ProseTemplates().check()
    assert len(list(cache.glob("jinja-*/*"))) >= 10  # the shipped templates

    def refuse(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", refuse)
    ProseTemplates().check()


def test_an_edited_override_is_compiled_again(cache):
    first = ProseTemplates({"muc-7.md.j2": "Phương hướng: giữ vững kết quả."})
    assert "giữ vững" in first.render("muc-7.md.j2", {})
    second = ProseTemplates({"muc-7.md.j2": "Phương hướng: nâng cao chất lượng."})
    assert "nâng cao" in second.render("muc-7.md.j2", {}) and "giữ vững" not in second.render("muc-7.md.j2", {})


def test_a_cache_that_cannot_be_written_is_ignored(tmp_path, monkeypatch):
    blocked = tmp_path / "blocked"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert "giữ vững" in ProseTemplates({"muc-7.md.j2": "Phương hướng: giữ vững."}).render("muc-7.md.j2", {})
