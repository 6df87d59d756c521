"""Display helpers for the report notebooks: markdown and charts as raw Jupyter bundles.

Markdown is displayed without a text/plain twin, so neither pandoc nor Quarto
can pick the plain-text version by mistake.
"""

from __future__ import annotations

import threading

from IPython.display import display

_WARM_SPEC = {"mark": "point", "data": {"values": [{"a": 1}]}, "encoding": {"x": {"field": "a", "type": "quantitative"}}}


def _warm_up_chart_renderer() -> None:
    """vl-convert starts its JavaScript engine on first use (about 1 s): start it while the data load."""
    import vl_convert

    vl_convert.vegalite_to_png(_WARM_SPEC)


threading.Thread(target=_warm_up_chart_renderer, name="vl-convert-warm-up", daemon=True).start()


def show_markdown(markdown: str) -> None:
    display({"text/markdown": markdown}, raw=True)


def show_chart(chart, element_id: str) -> None:
    if chart is None:
        return
    from tthc.report.charts import chart_mimebundle

    display(chart_mimebundle(chart, element_id=element_id), raw=True)
