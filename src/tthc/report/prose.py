"""The report's prose as Jinja2 templates the analyst edits in plain Vietnamese.

A template is written as plain text with four readable markups (see templates/README.md): one line is one
paragraph, "# [muc-1] …" a heading with its identifier, "**…**" bold, "*…*" italics. The system, not the
template, turns that into pandoc markdown: every value a template prints (`{{ … }}`) is escaped as literal
text (it can never become markup), and the template's own text is escaped around its markups, so no
template ever writes "2\\.".

A centre overrides any shipped template by putting a file of the same name in its data folder's
`reference/templates/`; the overrides are read with the rest of the configuration (`tthc.context`) and
reach the kernel in the build's snapshot. A template that cannot be read or rendered (a syntax error, a
variable that does not exist) is a `TemplateError`, in Vietnamese, naming the file and the line.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2

from tthc.errors import DataError
from tthc.formatting.dates import format_date
from tthc.formatting.numbers import format_decimal, format_int, format_percent, format_points, pad_count
from tthc.project import user_cache
from tthc.report.markdown import escape

#: The shipped templates, installed with the package (package data).
DEFAULT_FOLDER = Path(__file__).resolve().parent / "templates"
SUFFIX = ".j2"

# A printed value travels between these two private-use marks until the template's text is converted, so
# nothing in it is read as markup; neither can occur in data (escape() would keep them, but no export has them).
_OPEN, _CLOSE = "\ue000", "\ue001"
_SLOT = re.compile(f"{_OPEN}(.*?){_CLOSE}", flags=re.S)
_PLACEHOLDER = re.compile("\ue002(\\d+)\ue003")
_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|~^$@:;<>&\"'=/%,?])")
_SPACES = re.compile(r"[^\S\u00a0\u202f\n]+")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])")
_HEADING = re.compile(f"^#\\s+(?:\\[([A-Za-z0-9_{_OPEN}{_CLOSE}-]+)\\]\\s*)?(.*)$")  # an id may hold a number
_UNDEFINED = re.compile(r"'([^']+)' is undefined|has no attribute '([^']+)'")


class TemplateError(DataError):
    """A report template cannot be read, compiled or rendered; the message names the file and line."""


class Prose(str):
    """Text a template produced (a macro, a `{% set %}` block, the whole render): printed again unchanged."""


def _finalize(value: object) -> str:
    """Every value a template prints: data are escaped and sealed; a template's own output passes unchanged."""
    if value is None:
        return ""
    if isinstance(value, Prose):
        return value
    text = str(value)
    if _OPEN in text:  # e.g. a join of macro outputs: already converted pieces inside
        return text
    return f"{_OPEN}{escape(text)}{_CLOSE}" if text.strip() else text


def _escape_text(text: str) -> str:
    return _PUNCTUATION.sub(r"\\\1", text)


def _inline(line: str) -> str:
    """One paragraph's text: markups converted, the template's own text escaped, printed values put back."""
    values: list[str] = []

    def park(match: re.Match[str]) -> str:
        values.append(match.group(1))
        return f"\ue002{len(values) - 1}\ue003"

    text = _SLOT.sub(park, line)
    pieces: list[str] = []
    position = 0
    for match in re.finditer(f"{_BOLD.pattern}|{_ITALIC.pattern}", text):
        pieces.append(_escape_text(text[position:match.start()]))
        bold, italic = match.group(1), match.group(2)
        pieces.append(f"**{_escape_text(bold)}**" if bold is not None else f"*{_escape_text(italic)}*")
        position = match.end()
    pieces.append(_escape_text(text[position:]))
    return _PLACEHOLDER.sub(lambda m: values[int(m.group(1))], "".join(pieces))


def to_markdown(rendered: str) -> str:
    """A rendered template as pandoc markdown: each non-empty line a paragraph or a "# [id]" heading."""
    out = []
    for raw in rendered.split("\n"):
        line = _SPACES.sub(" ", raw).strip(" ")
        if not line.replace(_OPEN, "").replace(_CLOSE, "").strip():
            continue
        heading = _HEADING.match(line)
        if heading:
            identifier, text = heading.groups()
            identifier = (identifier or "").replace(_OPEN, "").replace(_CLOSE, "")
            attribute = f" {{#{identifier}}}" if identifier else ""
            out.append(f"## {_inline(text)}{attribute}\n\n")
        else:
            out.append(f"{_inline(line)}\n\n")
    return "".join(out)


def _date(value: date, padded: bool = False) -> str:
    return format_date(value, padded=padded)


FILTERS: dict[str, Callable[..., str]] = {
    "format_int": format_int,  # 2671770000 → 2.671.770.000
    "pad_count": pad_count,  # 5 → 05, 12 → 12
    "format_percent": format_percent,  # 99.53 → 99,53%
    "format_points": format_points,  # -8.34 → 8,34 (the template says tăng/giảm)
    "format_decimal": format_decimal,
    "format_date": _date,  # 24/8/2024; format_date(true): 24/08/2024
    "lower_first": lambda text: text[:1].lower() + text[1:],
}


# the environment's options shape the compiled code: the bytecode cache's folder is named by them
_AUTOESCAPE, _TRIM_BLOCKS, _LSTRIP_BLOCKS, _KEEP_TRAILING_NEWLINE = False, True, True, True
_OPTIONS_KEY = hashlib.sha256(repr((_AUTOESCAPE, _TRIM_BLOCKS, _LSTRIP_BLOCKS, _KEEP_TRAILING_NEWLINE,
                                    _finalize.__name__)).encode()).hexdigest()[:12]


class _Loader(jinja2.BaseLoader):
    """The centre's overrides (read with the configuration) first, then the shipped file of the same name."""

    def __init__(self, overrides: Mapping[str, str], override_folder: Path | None) -> None:
        self.overrides = overrides
        self.override_folder = override_folder

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        if template in self.overrides:
            folder = self.override_folder or Path("reference") / "templates"
            return self.overrides[template], str(folder / template), lambda: True
        path = DEFAULT_FOLDER / template
        if not path.is_file() or path.parent != DEFAULT_FOLDER:
            raise jinja2.TemplateNotFound(template)
        return path.read_text(encoding="utf-8"), str(path), lambda: True


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept on disk between runs: compiling the shipped set costs about 0,5 s, paid by the
    build's check and again in the kernel. Jinja keys each entry by the template's name and file and reloads
    it when the source's checksum changes (a centre's edited override included); a cache that cannot be read
    or written is ignored."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            self.directory_ready()
            super().dump_bytecode(bucket)
        except OSError:
            pass

    def directory_ready(self) -> None:
        Path(self.directory).mkdir(parents=True, exist_ok=True)


def _bytecode_cache() -> jinja2.BytecodeCache:
    return _BytecodeCache(str(user_cache() / f"jinja-{_OPTIONS_KEY}"))


class ProseTemplates:
    """The Jinja environment of one report: shipped templates, a centre's overrides, the number filters."""

    def __init__(self, overrides: Mapping[str, str] | None = None, override_folder: Path | None = None) -> None:
        self.loader = _Loader(overrides or {}, override_folder)
        self.environment = jinja2.Environment(
            loader=self.loader, undefined=jinja2.StrictUndefined, bytecode_cache=_bytecode_cache(),
            finalize=_finalize, autoescape=_AUTOESCAPE, trim_blocks=_TRIM_BLOCKS, lstrip_blocks=_LSTRIP_BLOCKS,
            keep_trailing_newline=_KEEP_TRAILING_NEWLINE)
        self.environment.concat = lambda parts: Prose("".join(parts))  # type: ignore[method-assign]
        self.environment.filters.update(FILTERS)

    def exists(self, name: str) -> bool:
        try:
            self.environment.get_template(name)
        except jinja2.TemplateNotFound:
            return False
        return True

    def check(self) -> None:
        """Compile every template (the centre's and the shipped ones): a syntax error stops the build before
        the notebook runs, with the file and line."""
        names = sorted({p.name for p in DEFAULT_FOLDER.glob(f"*{SUFFIX}")} | set(self.loader.overrides))
        for name in names:
            try:
                self.environment.get_template(name)
            except jinja2.TemplateSyntaxError as exc:
                raise TemplateError(_message(exc.filename or exc.name or name, exc.lineno,
                                             f"sai cú pháp mẫu ({exc.message})")) from None

    def render(self, name: str, variables: Mapping[str, Any]) -> str:
        """Pandoc markdown of one template, or a TemplateError naming its file and line."""
        try:
            template = self.environment.get_template(name)
            rendered = template.render(variables)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(_message(exc.filename or exc.name or name, exc.lineno,
                                         f"sai cú pháp mẫu ({exc.message})")) from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"không có mẫu văn bản {exc.name} (mẫu {name} dùng đến nó, hoặc hồ sơ báo cáo "
                                "ghi tên mục này)") from None
        except jinja2.UndefinedError as exc:
            where, line = _template_frame(sys.exc_info()[2], name)
            raise TemplateError(_message(where, line, _undefined_reason(str(exc)))) from None
        except (TypeError, ValueError, ArithmeticError, AttributeError, KeyError, IndexError) as exc:
            where, line = _template_frame(sys.exc_info()[2], name)
            raise TemplateError(_message(where, line, f"không tính được giá trị ({type(exc).__name__}: {exc})")) \
                from None
        return to_markdown(rendered)


def _message(filename: str, line: int | None, reason: str) -> str:
    at = f", dòng {line}" if line else ""
    return f"mẫu văn bản báo cáo {filename}{at}: {reason}"


def _undefined_reason(detail: str) -> str:
    match = _UNDEFINED.search(detail)
    name = next((g for g in match.groups() if g), detail) if match else detail
    return (f"không có biến hoặc thuộc tính \"{name}\" (kiểm tra lại tên trong dấu {{{{ }}}}; các tên dùng được "
            "ghi trong README.md của thư mục mẫu)")


def _template_frame(trace: TracebackType | None, name: str) -> tuple[str, int | None]:
    """The template file and line of the innermost template frame (Jinja rewrites frames to template lines)."""
    where: tuple[str, int | None] = (name, None)
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith(SUFFIX):
            where = (filename, trace.tb_lineno)
        trace = trace.tb_next
    return where


def read_overrides(folder: Path) -> dict[str, str]:
    """A centre's own templates (`reference/templates/*.j2`), by file name; {} when the folder is absent."""
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        try:
            found[path.name] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise TemplateError(f"không đọc được mẫu văn bản báo cáo {path} (cần tệp văn bản UTF-8): {exc}") from None
    return found

