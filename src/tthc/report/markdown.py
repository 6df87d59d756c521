"""Small builders for the pandoc-markdown the report is written in.

Anything that comes from data (analyst prose, unit names, feedback topics) goes
through `escape`, so it can neither inject HTML nor turn into markdown syntax
(a line starting with "-" or "2024." would otherwise become a list).
"""

from __future__ import annotations

import html
import re

_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^$@:;<>&\"'=/%,?])")
#: Runs of white space to collapse; a no-break space is kept (it is meant: "Số:      /BC-TTHCC").
_SPACES = re.compile(r"[^\S\u00a0\u202f]+")


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" ")


def escape(text: str) -> str:
    """Literal text in pandoc markdown: every ASCII punctuation mark backslash-escaped, so "<" stays text."""
    text = _collapse(text)
    return _PUNCTUATION.sub(r"\\\1", text)


def paragraph(*parts: str) -> str:
    return "".join(parts).strip() + "\n\n"


def div(content: str, *, classes: tuple[str, ...] = (), style: str | None = None,
        attributes: dict[str, str] | None = None) -> str:
    """A fenced div; `attributes` carry e.g. Quarto's when-format on .content-visible / .content-hidden."""
    pairs = dict(attributes or {})
    if style:
        pairs["custom-style"] = style
    parts = [*(f".{c}" for c in classes), *(f'{k}="{v}"' for k, v in pairs.items())]
    return f"::: {{{' '.join(parts)}}}\n{content.strip()}\n:::\n\n"


def heading(text: str, level: int = 2, identifier: str | None = None) -> str:
    attribute = f" {{#{identifier}}}" if identifier else ""
    return f"{'#' * level} {text}{attribute}\n\n"


def raw_html(markup: str) -> str:
    """A raw HTML block that pandoc and Quarto both pass through untouched (tables become Word tables)."""
    return f"```{{=html}}\n{markup.strip()}\n```\n\n"


def html_text(text: str) -> str:
    return html.escape(_collapse(text), quote=True)
