"""What the self-contained HTML report carries inline: CSS, the vega bundle, a CSP.

The report is read on an intranet without internet access, so the page must
load nothing from outside: styles and chart libraries are inlined by pandoc's
template, and a Content-Security-Policy makes the browser refuse any other load.

How the caller runs pandoc (the variables travel in a pandoc *defaults* file,
whose ``variables`` are literal strings -- values of a ``--metadata-file`` would
be parsed as Markdown and mangle the JavaScript)::

    args = pandoc_html_arguments(workdir)
    # ["--standalone", "--template", ".../report.html", "--defaults", ".../report-html.yaml"]
    pypandoc.convert_file("report.ipynb", "html", outputfile="report.html",
                          extra_args=[*args, "--metadata", "pagetitle=Báo cáo ..."])
    insert_vega_bundle(Path("report.html"))

The vega bundle (~900 KB) goes in after pandoc: pandoc writes a short
placeholder where the template puts it, and :func:`insert_vega_bundle` swaps
the bundle in.  pandoc runs without ``--embed-resources``: the page links
nothing to embed (the template inlines the CSS, the notebook filter keeps the
charts' HTML and never their PNG for an HTML target), and that option re-read
and re-wrote the whole page (half of pandoc's time for it, about 0,17 s, only to
minify the CSS). Whatever engine wrote the page, :mod:`tthc.render.html_check`
refuses it if it loads anything from outside or beside it.
"""

from __future__ import annotations

import functools
import json
import os
from importlib import resources
from pathlib import Path

import vl_convert

from tthc.project import user_cache

#: Forbid every load the page does not carry inline.  Scripts and styles are
#: inline, hence 'unsafe-inline'; no 'unsafe-eval' because charts are embedded
#: with vegaEmbed's ``ast: true`` (vega's CSP-safe expression interpreter).
#: base-uri and form-action do not fall back to default-src, so they are
#: listed.  frame-ancestors/report-uri/sandbox are ignored in a <meta> CSP.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; "
    "script-src 'unsafe-inline'; "
    "style-src 'unsafe-inline'; "
    "img-src data:; "
    "font-src data:; "
    "connect-src 'none'; "
    "base-uri 'none'; "
    "form-action 'none'"
)

TEMPLATE_NAME = "report.html"
#: What pandoc writes in place of the vega bundle (a name no report text holds), replaced by the bundle after it.
BUNDLE_PLACEHOLDER = "/* tthc: vega bundle inserted here after pandoc (3b9d51c2) */"
DEFAULTS_NAME = "report-html.yaml"
_PACKAGE = resources.files("tthc.render")


@functools.cache
def vega_bundle() -> str:
    """vega + vega-lite + vega-embed, defining window.vegaEmbed/vega/vegaLite.

    vl-convert's default snippet already assigns the three globals, so charts'
    inline scripts can call ``vegaEmbed`` without any network access.
    """
    bundle = _cached_bundle()
    if "</script" in bundle.lower() or "<!--" in bundle:
        raise ValueError("the vega bundle cannot be inlined in a <script> element")
    return bundle


def _cached_bundle() -> str:
    """vl-convert bundles the JavaScript on each call (about 2,5 s); keep the result per version on disk."""
    version = getattr(vl_convert, "__version__", "unknown")
    path = user_cache() / f"vega-bundle-{version}.js"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        pass
    bundle = vl_convert.javascript_bundle()  # type: ignore[call-arg]  # snippet is optional; the stub says required
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temp.write_text(bundle, encoding="utf-8")
        os.replace(temp, path)
    except OSError:  # a read-only home only costs the time
        pass
    return bundle


def report_css() -> str:
    """Screen and print styles of the report page."""
    return (_PACKAGE / "report.css").read_text(encoding="utf-8")


def write_pandoc_template(folder: Path) -> Path:
    """Copy the HTML template where pandoc's ``--template`` can read it."""
    target = Path(folder) / TEMPLATE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text((_PACKAGE / "templates" / TEMPLATE_NAME).read_text(encoding="utf-8"), encoding="utf-8")
    return target


def write_pandoc_defaults(folder: Path) -> Path:
    """Write a pandoc defaults file with the template variables csp, css-inline, vega-bundle (the placeholder).

    JSON is valid YAML; ``ensure_ascii`` keeps every character YAML could
    reject (DEL, BOM, ...) as an escape sequence.
    """
    variables = {
        "csp": CONTENT_SECURITY_POLICY,
        "css-inline": report_css(),
        "vega-bundle": BUNDLE_PLACEHOLDER,
    }
    target = Path(folder) / DEFAULTS_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps({"variables": variables}, ensure_ascii=True, sort_keys=True), encoding="utf-8")
    return target


def pandoc_html_arguments(folder: Path) -> list[str]:
    """pandoc arguments for one self-contained, offline report page (files written to folder); the page pandoc
    writes with them is finished by :func:`insert_vega_bundle`."""
    template = write_pandoc_template(folder)
    defaults = write_pandoc_defaults(folder)
    return [
        "--standalone",
        "--template",
        str(template),
        "--defaults",
        str(defaults),
    ]


def insert_vega_bundle(page: Path) -> None:
    """Put the vega bundle where pandoc wrote the placeholder (the template's <script id="vega-bundle">).

    Only the first placeholder is replaced: the template's, in <head>, before anything the notebook wrote.
    """
    data, placeholder = page.read_bytes(), BUNDLE_PLACEHOLDER.encode("utf-8")  # bytes: newlines stay as written
    if placeholder in data:
        page.write_bytes(data.replace(placeholder, vega_bundle().encode("utf-8"), 1))
