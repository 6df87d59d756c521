"""Before an HTML report is published it is checked to work offline, on its own, whatever engine wrote it.

Quarto is not installed here, so the pages Quarto 1.10.16 was seen to write (shared/rendering.md) are
crafted; the pandoc page is the real one.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from tthc.render.engine import Engine
from tthc.render.html_assets import vega_bundle
from tthc.render.html_check import HtmlCheckError, find_problems, verify_html
from tthc.render.room import Document, RenderOptions, produce

CHART = '<div id="bieu-do" class="chart"></div><script>vegaEmbed("#bieu-do", {}, {ast: true});</script>'
#: What Quarto wrote when embed-resources and minimal did not apply: libs beside the file, CDN scripts, no bundle.
QUARTO_PAGE = f"""<!DOCTYPE html><html lang="vi"><head>
<script src="https://cdnjs.cloudflare.com/ajax/libs/require.js/2.3.6/require.min.js"></script>
<script src="https://cdnjs.cloudflare.com/ajax/libs/jquery/3.5.1/jquery.min.js"></script>
<script src="bao-cao-thang-2024-09_files/libs/clipboard/clipboard.min.js"></script>
<script src="bao-cao-thang-2024-09_files/libs/quarto-html/quarto.js"></script>
<link href="bao-cao-thang-2024-09_files/libs/bootstrap/bootstrap.min.css" rel="stylesheet">
</head><body><h1>BÁO CÁO</h1>{CHART}</body></html>"""


def page(head: str = "", body: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def bundle() -> str:
    return f'<script id="vega-bundle">{vega_bundle()}</script>'


def test_the_page_quarto_wrote_fails_on_all_three_counts():
    problems = find_problems(QUARTO_PAGE)
    assert len(problems) == 3, problems
    external, files, chart = problems
    assert external.startswith("trang dẫn tới 2 địa chỉ bên ngoài") and "require.min.js" in external
    assert files.startswith("trang tải 3 tệp không được nhúng") and "_files/libs/quarto-html/quarto.js" in files
    assert chart.startswith("trang có biểu đồ nhưng thiếu thư viện vẽ biểu đồ")


def test_the_error_names_the_file_and_suggests_the_pandoc_engine(tmp_path: Path):
    path = tmp_path / "bao-cao-thang-2024-09.html"
    path.write_text(QUARTO_PAGE, encoding="utf-8")
    with pytest.raises(HtmlCheckError) as raised:
        verify_html(path, "quarto")
    message = str(raised.value)
    assert "Trang HTML bao-cao-thang-2024-09.html (tạo bằng quarto) không dùng được khi không có mạng" in message
    assert "Báo cáo cũ (nếu có) được giữ nguyên" in message and message.endswith("Hãy chạy lại với --engine pandoc.")


def test_the_real_pandoc_report_passes(september_report: Path):
    html = september_report / "reports" / "2024-09" / "bao-cao-thang-2024-09.html"
    assert 'id="vega-bundle"' in html.read_text(encoding="utf-8")
    assert find_problems(html.read_text(encoding="utf-8")) == []


def test_a_chart_with_its_bundle_passes_and_without_it_fails():
    assert find_problems(page(bundle(), CHART)) == []
    assert find_problems(page("", CHART)) == ["trang có biểu đồ nhưng thiếu thư viện vẽ biểu đồ nhúng sẵn "
                                              '(<script id="vega-bundle">)']


@pytest.mark.parametrize("markup", [
    '<link rel="stylesheet" href="//fonts.example.org/times.css">',
    '<img src="http://intranet.example/logo.png">',
    '<style>@font-face {src: url("https://fonts.example.org/t.woff2")}</style>',
    '<a href="https://dichvucong.gov.vn/">Cổng Dịch vụ công</a>',
    '<script>fetch("https://api.example.org/data.json")</script>',
    '<script id="vega-bundle">window.vegaEmbed = 1; load("https://cdn.example.org/x.js")</script>',
])
def test_any_external_address_fails(markup: str):
    problems = find_problems(page(body=markup))
    assert len(problems) == 1 and problems[0].startswith("trang dẫn tới 1 địa chỉ bên ngoài"), problems


@pytest.mark.parametrize("markup", [
    '<img src="bieu-do.png">',
    '<img srcset="a.png 1x, data:image/png;base64,AAAA 2x">',
    '<div style="background: url(nen.png)"></div>',
    '<link rel="icon" href="favicon.ico">',
])
def test_a_file_that_is_not_embedded_fails(markup: str):
    problems = find_problems(page(body=markup))
    assert len(problems) == 1 and problems[0].startswith("trang tải 1 tệp không được nhúng"), problems


def test_embedded_data_anchors_and_addresses_in_prose_pass():
    body = ('<img src="data:image/png;base64,iVBORw0KGgo="><a href="#muc-2">Mục 2</a>'
            "<p>Người dân nộp hồ sơ trên https://dichvucong.gov.vn.</p>"
            '<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    assert find_problems(page(body=body)) == []


def notebook(path: Path, html: str) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell('period = "2024-09"', metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell("from IPython.display import display\n"
                                          f"display({{'text/markdown': {json.dumps(html)}}}, raw=True)")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def test_a_failing_page_is_not_published_and_the_previous_report_stays(tmp_path: Path):
    final = tmp_path / "reports" / "2024-09"

    def run(source: Path) -> dict:
        return produce(Document(source, {"period": "2024-09"}, "bao-cao-thang-2024-09", final, "Báo cáo"),
                       RenderOptions(("html",), Engine.PANDOC), {})

    good = notebook(tmp_path / "good.ipynb", "Trung tâm đã tiếp nhận **684** hồ sơ.")
    run(good)
    published = {p.name: p.read_bytes() for p in final.iterdir()}
    assert "684" in (final / "bao-cao-thang-2024-09.html").read_text(encoding="utf-8")
    bad = notebook(tmp_path / "bad.ipynb", '```{=html}\n<script src="https://cdn.jsdelivr.net/npm/jquery@3.5.1/'
                                           'dist/jquery.min.js"></script>\n```\n\nTrung tâm đã tiếp nhận 700 hồ sơ.')
    with pytest.raises(HtmlCheckError, match="jquery.min.js"):
        run(bad)
    assert {p.name: p.read_bytes() for p in final.iterdir()} == published
    assert [p.name for p in final.parent.iterdir()] == ["2024-09"]  # no staging folder left behind
