"""Display helpers for the report notebooks: markdown and charts as raw Jupyter bundles.

Markdown is displayed without a text/plain twin, so neither pandoc nor Quarto
can pick the plain-text version by mistake. A chart is displayed as its HTML and
a request for its PNG, which the build fulfils outside the kernel
(:mod:`tthc.render.chart_png`).
"""

from __future__ import annotations

from IPython.display import display

from tthc.report.charts import chart_display  # Altair with it: imported while the kernel boots, not in a cell


def show_markdown(markdown: str) -> None:
    display({"text/markdown": markdown}, raw=True)


def show_chart(chart, element_id: str) -> None:
    if chart is None:
        return
    data, metadata = chart_display(chart, element_id=element_id)
    display(data, metadata=metadata, raw=True)
