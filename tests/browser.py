"""Open a local HTML file in headless Chromium with the network cut off.

The report is read on an intranet without internet access: a page that tries
to load anything from outside is broken there, even if it looks fine on a
developer's machine.  This helper blocks every request that is not ``file:``
or ``data:``, records what was attempted, and collects console errors, page
errors and CSP violations.

Chromium is Debian's (``apt-get install -y chromium``) driven by Playwright
for Python; ``playwright install`` is never needed.  When either is missing
the tests skip with a reason (``-ra`` prints it); under CI (``CI=true``, as
.ci/run is run) or with ``TTHC_REQUIRE_BROWSER=1`` that skip is a failure.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tthc.render.html_check import XML_NAMESPACES

CHROMIUM = Path(os.environ.get("TTHC_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_SCHEMES = ("file:", "data:")
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}

_URL = re.compile(r"""https?://[^\s"'`<>()\\]+""", re.IGNORECASE)

_RECORD_CSP = """
document.addEventListener("securitypolicyviolation", (event) => {
  (window.__cspViolations = window.__cspViolations || []).push(
    event.violatedDirective + " " + (event.blockedURI || "(inline)"));
});
"""


@dataclass
class PageReport:
    """What happened while a page was open; empty lists mean a clean offline page."""

    url: str
    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    csp_violations: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [
            *(f"request: {u}" for u in self.external_requests),
            *(f"console: {m}" for m in self.console_errors),
            *(f"page error: {m}" for m in self.page_errors),
            *(f"CSP: {m}" for m in self.csp_violations),
        ]


@dataclass
class BrowserSession:
    """An open page plus what it has attempted so far; use ``page`` to interact."""

    page: Any  # playwright.sync_api.Page
    report: PageReport

    def finish(self) -> PageReport:
        """Collect CSP violations recorded in the page and return the report."""
        self.report.csp_violations[:] = self.page.evaluate("window.__cspViolations || []")
        return self.report

    def screenshot(self, path: Path, *, full_page: bool = True) -> Path:
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


def browser_problem() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"Chromium at {CHROMIUM} (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python (pip install playwright; no 'playwright install')"
    return None


def require_browser() -> None:
    """Skip the calling test, loudly, when Chromium or Playwright is missing."""
    problem = browser_problem()
    if problem is None:
        return
    message = f"BROWSER TEST NOT RUN: missing {problem}"
    if os.environ.get("TTHC_REQUIRE_BROWSER") or os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@contextmanager
def open_page(path: Path, *, viewport: dict[str, int] = DESKTOP) -> Iterator[BrowserSession]:
    """Open a local file with every non-file:/data: request aborted and recorded."""
    require_browser()
    from playwright.sync_api import sync_playwright

    url = Path(path).resolve().as_uri()
    report = PageReport(url)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            context = browser.new_context(viewport=viewport, service_workers="block")
            context.route("**/*", lambda route: _local_only(route, report))
            page = context.new_page()
            page.add_init_script(_RECORD_CSP)
            page.on("request", lambda request: _record_request(request.url, report))
            page.on("websocket", lambda socket: report.external_requests.append(socket.url))
            page.on("console", lambda message: _record_console(message, report))
            page.on("pageerror", lambda error: report.page_errors.append(str(error)))
            page.goto(url, wait_until="load")
            yield BrowserSession(page, report)
        finally:
            browser.close()


def load_page(path: Path, *, viewport: dict[str, int] = DESKTOP) -> PageReport:
    """Open, let the page settle, and report what it attempted."""
    with open_page(path, viewport=viewport) as session:
        session.page.wait_for_load_state("networkidle")
        return session.finish()


def find_external_urls(text: str, allowed: frozenset[str] = XML_NAMESPACES) -> list[str]:
    """Every http(s) URL in text that is not an allowed identifier (XML namespaces by default)."""
    return [url for url in _URL.findall(text) if url not in allowed]


def _local_only(route: Any, report: PageReport) -> None:
    url = route.request.url
    if url.startswith(LOCAL_SCHEMES):
        route.continue_()
        return
    _record_request(url, report)
    route.abort("blockedbyclient")


def _record_request(url: str, report: PageReport) -> None:
    if not url.startswith(LOCAL_SCHEMES) and url not in report.external_requests:
        report.external_requests.append(url)


def _record_console(message: Any, report: PageReport) -> None:
    if message.type == "error":
        report.console_errors.append(message.text)
