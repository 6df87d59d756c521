"""Word's chart pictures are drawn by the build, outside the kernel: the executed notebook ends with the PNG a
notebook explored by hand would show, and without the request the kernel left in the output's metadata."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import nbformat
import pytest

from tthc.render.chart_png import PICTURE_REQUEST, EarlyPictures, Painter, add_chart_pictures
from tthc.render.errors import RenderError
from tthc.report.charts import chart_display, chart_mimebundle, payment_chart

ROWS = [{"name": "UBND xã Trung Kênh", "rate": 96.5, "fee_bearing": 200, "paid_online": 193},
        {"name": "UBND xã An Thịnh", "rate": 81.25, "fee_bearing": 80, "paid_online": 65}]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def executed_notebook(folder: Path, outputs: list[tuple[dict, dict]]) -> Path:
    """A notebook as papermill writes it, one display output per chart."""
    cells = [nbformat.v4.new_code_cell("show_chart(chart, 'c')", outputs=[
        nbformat.v4.new_output("display_data", data=data, metadata=metadata)]) for data, metadata in outputs]
    path = folder / "executed.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=cells), str(path))
    return path


def chart_outputs(path: Path) -> list[dict]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [o for cell in notebook["cells"] for o in cell.get("outputs", [])]


def test_the_kernel_displays_the_html_and_asks_for_the_picture() -> None:
    data, metadata = chart_display(payment_chart(ROWS, 95), element_id="c")

    assert set(data) == {"text/html"}
    assert metadata[PICTURE_REQUEST]["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_the_build_draws_the_same_picture_as_a_notebook_explored_by_hand(tmp_path: Path) -> None:
    chart = payment_chart(ROWS, 95)
    path = executed_notebook(tmp_path, [chart_display(chart, element_id="c")])

    add_chart_pictures(path, pictures=True)

    [output] = chart_outputs(path)
    assert output["data"]["image/png"] == chart_mimebundle(chart, element_id="c")["image/png"]
    assert base64.b64decode(output["data"]["image/png"]).startswith(PNG_SIGNATURE)
    assert PICTURE_REQUEST not in output["metadata"]


def test_without_a_word_format_the_request_is_only_removed(tmp_path: Path) -> None:
    path = executed_notebook(tmp_path, [chart_display(payment_chart(ROWS, 95), element_id="c")])

    add_chart_pictures(path, pictures=False)

    [output] = chart_outputs(path)
    assert set(output["data"]) == {"text/html"}
    assert output["metadata"] == {}


def test_a_notebook_without_charts_is_left_byte_for_byte(tmp_path: Path) -> None:
    path = executed_notebook(tmp_path, [({"text/markdown": "**Phụ lục 1**"}, {})])
    before = path.read_bytes()

    add_chart_pictures(path, pictures=True)

    assert path.read_bytes() == before


def test_only_the_pictures_change_in_the_executed_notebook(tmp_path: Path) -> None:
    chart = payment_chart(ROWS, 95)
    path = executed_notebook(tmp_path, [({"text/markdown": "Mở đầu"}, {}), chart_display(chart, element_id="c")])
    expected = nbformat.read(str(path), as_version=4)
    expected.cells[1].outputs[0].metadata = {}
    expected.cells[1].outputs[0].data["image/png"] = chart_mimebundle(chart, element_id="c")["image/png"]

    add_chart_pictures(path, pictures=True)

    assert path.read_text(encoding="utf-8") == nbformat.writes(expected)


def test_a_chart_vega_cannot_draw_is_told_in_vietnamese(tmp_path: Path) -> None:
    broken = {"mark": "bar", "data": {"values": [{"a": 1}]}, "encoding": {"x": {"field": "a", "type": "nonsense"}},
              "transform": [{"calculate": "datum.a +", "as": "b"}]}
    path = executed_notebook(tmp_path, [({"text/html": "<div></div>"}, {PICTURE_REQUEST: broken})])

    with pytest.raises(RenderError, match="không vẽ được biểu đồ cho bản Word"):
        add_chart_pictures(path, pictures=True)


def test_a_picture_asked_for_when_its_cell_ran_is_not_painted_again(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The build hands each cell to EarlyPictures as it completes: the chart is painted while later cells run."""
    chart = payment_chart(ROWS, 95)
    path = executed_notebook(tmp_path, [chart_display(chart, element_id="c")])
    cell = nbformat.read(str(path), as_version=4).cells[0]
    early = EarlyPictures()
    try:
        early.cell_executed(cell)
        painted = early.paint(cell.outputs[0].metadata[PICTURE_REQUEST])  # waits for the painter's answer
        monkeypatch.setattr(Painter, "paint", lambda self, spec: pytest.fail("painted a second time"))

        add_chart_pictures(path, pictures=True, early=early)
    finally:
        early.close()

    [output] = chart_outputs(path)
    assert output["data"]["image/png"] == painted == chart_mimebundle(chart, element_id="c")["image/png"]


def test_a_chart_the_hook_did_not_see_is_painted_when_the_pictures_are_added(tmp_path: Path) -> None:
    chart = payment_chart(ROWS, 95)
    path = executed_notebook(tmp_path, [chart_display(chart, element_id="c")])
    early = EarlyPictures()
    try:
        add_chart_pictures(path, pictures=True, early=early)
    finally:
        early.close()

    [output] = chart_outputs(path)
    assert output["data"]["image/png"] == chart_mimebundle(chart, element_id="c")["image/png"]


def test_a_failure_painted_early_is_told_when_the_pictures_are_added(tmp_path: Path) -> None:
    broken = {"mark": "bar", "data": {"values": [{"a": 1}]}, "transform": [{"calculate": "datum.a +", "as": "b"}]}
    path = executed_notebook(tmp_path, [({"text/html": "<div></div>"}, {PICTURE_REQUEST: broken})])
    early = EarlyPictures()
    try:
        early.cell_executed(nbformat.read(str(path), as_version=4).cells[0])
        with pytest.raises(RenderError, match="không vẽ được biểu đồ cho bản Word"):
            add_chart_pictures(path, pictures=True, early=early)
    finally:
        early.close()
