"""The build room: one way to execute, render and publish every document, with a renderer per engine."""

from __future__ import annotations

from tthc.render.engine import Engine
from tthc.render.room import RENDERERS, Renderer, RenderOptions


def test_every_engine_the_analyst_can_name_has_one_renderer_behind_the_same_interface():
    assert set(RENDERERS) == {e for e in Engine if e is not Engine.AUTO}
    assert all(isinstance(r, Renderer) for r in RENDERERS.values())


def test_options_are_frozen_and_auto_is_resolved_to_an_installed_engine():
    options = RenderOptions(("html",))
    assert options.resolved().engine in RENDERERS and options.engine is Engine.AUTO
    try:
        options.force = False  # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("RenderOptions must be frozen")
