"""Word's picture of each chart, drawn by the build in a process of its own, not by the notebook's kernel.

vl-convert spends about a second starting its JavaScript engine on first use, and holds Python's GIL all
that time: inside the kernel it stalled the notebook's imports and cells by that second. The notebooks
therefore display a chart as its HTML plus, in the output's metadata, the Vega-Lite specification the
picture is drawn from (see :func:`tthc.report.charts.chart_display`); the build starts a painter process
when it begins a document for Word (it warms up while the kernel boots and runs), and once the notebook has
run, :func:`add_chart_pictures` replaces each such request with the PNG in the executed notebook, which
both pandoc and Quarto then read. One painter serves every document of the process (the site's periods).
The build hands each cell to :class:`EarlyPictures` as soon as it has run, so a chart is painted while the
cells after it still run, not after the last one.

Run as a module (``python -m tthc.render.chart_png``), this file is the painter: one specification per
line in, one JSON answer per line out.
"""

from __future__ import annotations

import atexit
import base64
import json
import subprocess
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from tthc.render.chart_fonts import picture_font_stack
from tthc.render.errors import RenderError

#: d3-format locale for Vietnamese: d3 ships no ``vi-VN`` number locale.
VI_NUMBER_LOCALE: dict[str, Any] = {
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["", " ₫"],
}
PNG_SCALE = 2
#: Output metadata key under which a notebook asks the build for a chart's PNG (its Vega-Lite spec).
PICTURE_REQUEST = "tthc-png-from-vegalite"
_WARM_SPEC = {"mark": "point", "data": {"values": [{"a": 1}]}, "encoding": {"x": {"field": "a", "type": "quantitative"}}}


def png_base64(spec: dict[str, Any]) -> str:
    """The chart as Word shows it: a PNG at twice the specification's size, numbers in Vietnamese, its text in
    fonts that have every Vietnamese letter (:mod:`tthc.render.chart_fonts`)."""
    import vl_convert

    png = vl_convert.vegalite_to_png(with_picture_fonts(spec), scale=PNG_SCALE, format_locale=VI_NUMBER_LOCALE)
    return base64.b64encode(png).decode("ascii")


def with_picture_fonts(spec: dict[str, Any]) -> dict[str, Any]:
    """The specification with each font stack of its configuration (font, labelFont, titleFont, …) as the
    picture can use it on this machine; the specification given is not changed."""
    def fonts(node: Any, key: str = "") -> Any:
        if isinstance(node, dict):
            return {k: fonts(v, k) for k, v in node.items()}
        if isinstance(node, str) and key.lower().endswith("font"):
            return picture_font_stack(node)
        return node

    if "config" not in spec:
        return spec
    return {**spec, "config": fonts(spec["config"])}


class Painter:
    """A painter process and its pipes; one request at a time (a lock serialises the threads of a site build)."""

    def __init__(self) -> None:
        self._process = subprocess.Popen([sys.executable, "-m", "tthc.render.chart_png"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                         encoding="ascii")  # both ways JSON with escapes, never raw UTF-8
        self._lock = threading.Lock()

    def paint(self, spec: dict[str, Any]) -> str:
        with self._lock:
            stdin, stdout = self._process.stdin, self._process.stdout
            assert stdin is not None and stdout is not None
            try:
                stdin.write(json.dumps(spec) + "\n")  # ASCII: whatever the painter's locale, it reads the same
                stdin.flush()
                answer = stdout.readline()
            except OSError as exc:
                raise RenderError(f"không vẽ được biểu đồ cho bản Word: tiến trình vẽ đã dừng ({exc})") from exc
        if not answer:
            raise RenderError("không vẽ được biểu đồ cho bản Word: tiến trình vẽ đã dừng")
        reply = json.loads(answer)
        if "error" in reply:
            raise RenderError(f"không vẽ được biểu đồ cho bản Word: {reply['error']}")
        return str(reply["png"])

    @property
    def alive(self) -> bool:
        return self._process.poll() is None

    def stop(self) -> None:
        """Killed, not asked to finish: it holds nothing to save, and its JavaScript engine takes half a second
        to shut down cleanly, which the analyst would wait for at the end of every command."""
        self._process.kill()
        self._process.wait()


_painter: Painter | None = None
_painter_lock = threading.Lock()


def start_painter() -> Painter:
    """The process's painter, started (and warming up) on first call; stopped when the process exits."""
    global _painter
    with _painter_lock:
        if _painter is None or not _painter.alive:
            _painter = Painter()
            atexit.register(_painter.stop)
        return _painter


def _request_key(spec: dict[str, Any]) -> str:
    return json.dumps(spec, sort_keys=True)


class EarlyPictures:
    """The pictures of a notebook's charts, each painted (on a thread of its own, by the painter) as soon as
    the cell that displays it has run: the cells after it and the painting go on at once."""

    def __init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="chart-png")
        self._painted: dict[str, Future[str]] = {}

    def cell_executed(self, cell: dict[str, Any]) -> None:
        """nbclient's hook: ask for the picture of each chart the cell displayed (returns at once)."""
        for output in cell.get("outputs", []):
            spec = output.get("metadata", {}).get(PICTURE_REQUEST)
            if spec is not None:
                key = _request_key(spec)
                if key not in self._painted:
                    self._painted[key] = self._pool.submit(start_painter().paint, spec)

    def paint(self, spec: dict[str, Any]) -> str:
        """The picture asked for early, or painted now (a request the hook did not see)."""
        future = self._painted.get(_request_key(spec))
        return future.result() if future is not None else start_painter().paint(spec)

    def close(self) -> None:
        """Waits for the painting under way (a failed build does not leave the painter's pipe mid-answer)."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def add_chart_pictures(executed: Path, pictures: bool, early: EarlyPictures | None = None) -> None:
    """Each chart's request replaced by its PNG (when `pictures`: a Word format was asked for), in place;
    those `early` already painted are taken from it.

    Without `pictures` the requests are only removed: the executed notebook never keeps them.
    """
    text = executed.read_text(encoding="utf-8")
    if PICTURE_REQUEST not in text:
        return
    notebook = json.loads(text)
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            spec = output.get("metadata", {}).pop(PICTURE_REQUEST, None)
            if spec is not None and pictures:
                output["data"]["image/png"] = early.paint(spec) if early is not None else start_painter().paint(spec)
    # nbformat's own layout (papermill wrote the file with it): the same bytes but for the pictures
    executed.write_text(json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False), encoding="utf-8")


def serve() -> None:
    """The painter's loop: warm vl-convert at once, then answer each line of stdin until it closes."""
    png_base64(_WARM_SPEC)
    for line in sys.stdin:
        try:
            reply = {"png": png_base64(json.loads(line))}
        except Exception as exc:  # told to the build, which names the chart's failure to the analyst
            reply = {"error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    serve()
