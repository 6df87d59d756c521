"""The trends report is rebuilt when anything its figures come from changes, the centre's catalogue included."""

from __future__ import annotations

from tthc.catalogue import default_catalogue_path
from tthc.context import load_context
from tthc.period import Period
from tthc.render.engine import Engine
from tthc.trends.build import trends_key_parts


def test_a_centre_catalogue_of_its_own_is_part_of_the_trends_key(data_dir):
    first = last = Period(2024, 9)
    before = trends_key_parts(load_context(data_dir), first, last, ("html",), Engine.PANDOC)
    context = load_context(data_dir)
    context.paths.catalogue.write_text(default_catalogue_path().read_text(encoding="utf-8"), encoding="utf-8")
    after = trends_key_parts(load_context(data_dir), first, last, ("html",), Engine.PANDOC)
    assert after["reference"].keys() - before["reference"].keys() == {context.paths.catalogue.name}
