"""The last look at an HTML report before it is published: does it work offline, on its own?

The page is copied to an intranet and opened without internet, so whatever engine
wrote it (pandoc or Quarto), it must not load anything from outside or from a
folder beside it, and a page that draws charts must carry the chart bundle.
Quarto, for instance, links ``<name>_files/libs/`` and adds require.js and jQuery
from a CDN when ``embed-resources`` does not apply: those pages fail here.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from tthc.render.errors import RenderError

#: Identifiers that look like URLs but are never fetched (XML namespace names).
XML_NAMESPACES = frozenset({
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/2000/xmlns/",
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/XML/1998/namespace",
    "http://www.w3.org/1998/Math/MathML",
})
#: URLs inside the vendored vega bundle that are identifiers or dead code for our pages, never fetched:
#: the "$schema" id vega-lite writes into compiled specs, the disabled "Open in Vega Editor" action,
#: a link inside an error message. A new vega version adding a URL fails the bundle test, so someone looks.
INERT_BUNDLE_URLS = frozenset({
    "https://vega.github.io/schema/vega/v6.json",
    "https://vega.github.io/editor/",
    "https://github.com/vega/vega-lite/issues/2415",
})
BUNDLE_ID = "vega-bundle"
#: Attributes through which a browser loads something (an <a href> is followed only when clicked).
_LOADING_ATTRIBUTES = frozenset({"src", "href", "data", "poster", "srcset", "background", "xlink:href"})
_URL = re.compile(r"""https?://[^\s"'`<>()\\]+""", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""", re.IGNORECASE)
_EMBEDDED = ("data:", "#", "about:", "javascript:", "mailto:", "tel:")
_CHART_CALL = "vegaEmbed("
_SHOWN = 5


class HtmlCheckError(RenderError):
    """The page would not work on its own; the message is Vietnamese and names what was found."""


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.linked: list[str] = []  # resources loaded from a file or a server
        self.code: list[str] = []  # scripts and styles outside the chart bundle, external link targets
        self.bundle: list[str] = []
        self._in_bundle = False
        self._in_code = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "style"):
            self._in_bundle = tag == "script" and values.get("id") == BUNDLE_ID
            self._in_code, self._in_style = True, tag == "style"
        for name, value in attrs:
            if not value:
                continue
            if name == "style":
                self.linked.extend(_css_urls(value))
            elif name in _LOADING_ATTRIBUTES and not (tag == "a" and name == "href"):
                # srcset candidates are separated by a comma and a space (a data: URI holds a bare comma)
                for url in (part.split()[0] for part in re.split(r",\s+", value) if part.strip()) \
                        if name == "srcset" else (value,):
                    if not url.strip().lower().startswith(_EMBEDDED):
                        self.linked.append(url.strip())
            elif tag == "a" and name == "href" and _URL.match(value):
                self.code.append(value)

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._in_bundle = self._in_code = self._in_style = False

    def handle_data(self, data: str) -> None:
        """Prose may name a web address; only code (scripts, styles) can load one."""
        if self._in_bundle:
            self.bundle.append(data)
        elif self._in_code:
            if self._in_style:
                self.linked.extend(_css_urls(data))
            self.code.append(data)


def _css_urls(css: str) -> list[str]:
    urls = (first or second for first, second in _CSS_URL.findall(css))
    return [url.strip() for url in urls if not url.strip().lower().startswith(_EMBEDDED)]


def find_problems(page: str) -> list[str]:
    """What keeps `page` from working offline on its own, one Vietnamese phrase per kind of problem."""
    scanner = _Scanner()
    scanner.feed(page)
    scanner.close()
    problems = []
    bundle = "".join(scanner.bundle)
    external = sorted(({url for code in scanner.code for url in _URL.findall(code)} - XML_NAMESPACES)
                      | {url for url in scanner.linked if _is_remote(url)}
                      | (set(_URL.findall(bundle)) - INERT_BUNDLE_URLS - XML_NAMESPACES))
    if external:
        problems.append(f"trang dẫn tới {len(external)} địa chỉ bên ngoài ({_listed(external)})")
    files = sorted({url for url in scanner.linked if not _is_remote(url)})
    if files:
        problems.append(f"trang tải {len(files)} tệp không được nhúng vào trang ({_listed(files)})")
    if any(_CHART_CALL in code for code in scanner.code) and "vegaEmbed" not in bundle:
        problems.append("trang có biểu đồ nhưng thiếu thư viện vẽ biểu đồ nhúng sẵn "
                        f'(<script id="{BUNDLE_ID}">)')
    return problems


def _is_remote(url: str) -> bool:
    return bool(re.match(r"(?i)^([a-z][a-z0-9+.-]*:)?//", url))


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:_SHOWN])
    return shown + (f" và {len(items) - _SHOWN} địa chỉ khác" if len(items) > _SHOWN else "")


def verify_html(path: Path, engine: str) -> None:
    """Raise before publishing a page that would not work offline; the previous report stays."""
    problems = find_problems(path.read_text(encoding="utf-8"))
    if problems:
        advice = " Hãy chạy lại với --engine pandoc." if engine != "pandoc" else ""
        raise HtmlCheckError(
            f"Trang HTML {path.name} (tạo bằng {engine}) không dùng được khi không có mạng: "
            + "; ".join(problems) + ". Báo cáo cũ (nếu có) được giữ nguyên, không công bố trang này." + advice)
