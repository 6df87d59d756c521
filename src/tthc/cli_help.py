"""The command line's own words in Vietnamese: help pages, usage lines and the usage mistakes.

Typer 0.29 and the copy of Click it carries write "Usage:", "Options", "Show this message and exit.",
"<bool>", "[default: …]" and "Missing argument …" from literal strings, not through gettext, so no
translation catalogue reaches them. The tthc commands therefore use `Command` and `Group` below: they draw
the help page themselves from each parameter's name, Vietnamese metavar and help text (the help text says
the default, once), end it with the command's examples, and `usage_message` says in Vietnamese what
a usage error means, from the exception's type and parameter rather than its English text.
"""

from __future__ import annotations

import difflib
import re
import shutil
from typing import Any

from rich.console import Console, RenderableType
from rich.console import Group as Lines
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text
from typer import _click  # Typer 0.29 vendors Click: its exceptions and Context are these, not click's
from typer._click import exceptions as click_errors
from typer.core import TyperCommand, TyperGroup, TyperOption

USAGE_PREFIX = "Cách dùng: "
OPTIONS_METAVAR = "[TÙY_CHỌN]"
SUBCOMMAND_METAVAR = "LỆNH [THAM_SỐ]..."
HELP_OPTION_TEXT = "Hiện hướng dẫn này rồi thoát."
ARGUMENTS_TITLE, OPTIONS_TITLE, COMMANDS_TITLE, EXAMPLES_TITLE = "Tham số", "Tùy chọn", "Lệnh", "Ví dụ:"
REQUIRED_TEXT = "(bắt buộc)"
VALUE_METAVAR = "GIÁ_TRỊ"  # only for an option someone forgot to give a Vietnamese metavar
CONTEXT_SETTINGS: dict[str, Any] = {"help_option_names": ["-h", "--help"]}
MAX_WIDTH = 100


def examples(*pairs: tuple[str, str]) -> str:
    """A command's examples as its epilog: a line saying what each does, then the command line itself."""
    return "\n".join(f"{what}\n{command}" for what, command in pairs)


class VietnameseHelp(_click.Command):
    """What `Command` and `Group` share: the Vietnamese usage line, help option and help page.

    A Click command itself, so its `super()` calls reach Typer's command or group next in the MRO.
    """

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """Click's usage line with "Cách dùng:" for its hard-coded "Usage:" (also what a usage error shows)."""
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix=USAGE_PREFIX)

    def collect_usage_pieces(self, ctx: _click.Context) -> list[str]:
        """Required options first (they are needed like arguments), then [TÙY_CHỌN], the arguments, LỆNH."""
        params = self.get_params(ctx)
        pieces = [f"{p.opts[0]} {metavar_of(p)}" for p in params if is_option(p) and p.required and not getattr(p, "hidden", False)]
        pieces.append(OPTIONS_METAVAR)
        for p in params:
            if p.param_type_name == "argument":
                pieces.append(metavar_of(p) if p.required else f"[{metavar_of(p)}]")
        if isinstance(self, TyperGroup):
            pieces.append(SUBCOMMAND_METAVAR)
        return pieces

    def get_help_option(self, ctx: _click.Context) -> TyperOption | None:
        """Click's --help, described in Vietnamese (Click builds it with a fixed English text)."""
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option

    def format_help(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        """The help page as text, not printed here: `ctx.get_help()` returns it, so it is printed exactly once."""
        formatter.write(render_help(self, ctx))

    def parse_args(self, ctx: _click.Context, args: list[str]) -> list[str]:
        """Errors of the option parser carry no context; attach it, so the message can name the command."""
        try:
            return super().parse_args(ctx, args)
        except click_errors.UsageError as exc:
            if exc.ctx is None:
                exc.ctx, exc.cmd = ctx, self
            raise


class Command(VietnameseHelp, TyperCommand):
    """A tthc subcommand."""


class UnknownCommand(click_errors.UsageError):
    """A command name that is not one of ours, with the close ones (a typo's likely meaning)."""

    def __init__(self, name: str, known: list[str], ctx: _click.Context) -> None:
        super().__init__(f"không có lệnh {name}", ctx)
        self.name, self.known = name, known
        self.close = difflib.get_close_matches(name, known)


class Group(VietnameseHelp, TyperGroup):
    """The `tthc` command itself; it resolves command names so an unknown one is told with the close ones."""

    def resolve_command(self, ctx: _click.Context,
                        args: list[str]) -> tuple[str | None, _click.Command | None, list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is None and not name.startswith("-") and not ctx.resilient_parsing:
            raise UnknownCommand(name, [n for n in self.list_commands(ctx) if not self.commands[n].hidden], ctx)
        return super().resolve_command(ctx, args)


def is_option(param: _click.Parameter) -> bool:
    return param.param_type_name == "option"


def metavar_of(param: _click.Parameter) -> str:
    if param.metavar:
        return param.metavar
    return (param.name or "").upper() if param.param_type_name == "argument" else VALUE_METAVAR


def param_label(param: _click.Parameter) -> str:
    """How the help page names a parameter: `KỲ`, `--data THƯ_MỤC`, `-h, --help` (a flag takes no value)."""
    if not is_option(param):
        return metavar_of(param)
    names = ", ".join(sorted(param.opts, key=len))
    return names if getattr(param, "is_flag", False) else f"{names} {metavar_of(param)}"


def flowing(text: str) -> list[str]:
    """A help text's paragraphs, each as one line for rich to wrap (single line breaks are layout only)."""
    return [" ".join(paragraph.split()) for paragraph in re.split(r"\n\s*\n", text.strip()) if paragraph.strip()]


def render_help(command: _click.Command, ctx: _click.Context) -> str:
    """The whole help page, as text with colours when the output is a terminal."""
    console = Console(width=min(shutil.get_terminal_size((80, 24)).columns, MAX_WIDTH), emoji=False,
                      highlight=False, markup=False)
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    rows = {
        ARGUMENTS_TITLE: [(param_label(p), help_of(p)) for p in params if not is_option(p)],
        OPTIONS_TITLE: [(param_label(p), help_of(p)) for p in params if is_option(p)],
    }
    if isinstance(command, TyperGroup):
        listed = [(name, command.get_command(ctx, name)) for name in command.list_commands(ctx)]
        rows[COMMANDS_TITLE] = [(name, (flowing(sub.short_help or sub.help or "") or [""])[0])
                                for name, sub in listed if sub is not None and not sub.hidden]
    label_width = max((len(label) for panel in rows.values() for label, _ in panel), default=0)

    parts: list[RenderableType] = [Padding(Text(command.get_usage(ctx), style="bold"), (1, 1, 1, 1))]
    if command.help:
        parts.append(Padding(Lines(*(Text(p) for p in flowing(command.help))), (0, 1, 1, 1)))
    for title, panel in rows.items():
        if panel:
            parts.append(_panel(title, panel, label_width))
    if command.epilog:
        parts.append(_examples(command.epilog))
    with console.capture() as captured:
        console.print(*parts)
    return "\n".join(line.rstrip(" ") for line in captured.get().splitlines())  # no padding to the right edge


def help_of(param: _click.Parameter) -> str:
    text = " ".join(flowing(getattr(param, "help", None) or ""))
    return f"{text} {REQUIRED_TEXT}".strip() if param.required else text


def _panel(title: str, rows: list[tuple[str, str]], label_width: int) -> Panel:
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(style="bold cyan", no_wrap=True, min_width=label_width)
    table.add_column(ratio=1)
    for label, text in rows:
        table.add_row(Text(label), Text(text))
    return Panel(table, title=title, title_align="left", border_style="dim")


def _examples(epilog: str) -> Padding:
    """`Ví dụ:` then each example: what it does, and the command line, never wrapped (it is to be copied)."""
    lines: list[Text] = [Text(EXAMPLES_TITLE, style="bold")]
    for line in epilog.strip().splitlines():
        if line.startswith("tthc "):
            lines.append(Text("    " + line, style="green", no_wrap=True, overflow="ignore"))
        else:
            lines.append(Text("  " + line.strip()))
    return Padding(Lines(*lines), (1, 1, 0, 1))


# --- usage mistakes ------------------------------------------------------------------------------------------

_EXTRA_ARGUMENTS = re.compile(r"unexpected extra arguments?(?:\(s\))? \((?P<extra>.*)\)", re.DOTALL)


def usage_message(exc: click_errors.UsageError) -> str:
    """What was wrong, in Vietnamese, from the kind of error and the parameter it names."""
    param = getattr(exc, "param", None)
    if isinstance(exc, UnknownCommand):
        guess = f" (có phải ý là {' hoặc '.join(exc.close)}?)" if exc.close else ""
        return f"không có lệnh {exc.name}{guess}; các lệnh: {', '.join(exc.known)}"
    if isinstance(exc, click_errors.MissingParameter) and param is not None:
        if is_option(param):
            return f"thiếu tùy chọn {param.opts[0]} {metavar_of(param)}"
        return f"thiếu tham số {metavar_of(param)}"
    if isinstance(exc, click_errors.NoSuchOption):
        close = sorted(getattr(exc, "possibilities", None) or [])
        guess = f" (có phải ý là {' hoặc '.join(close)}?)" if close else ""
        return f"không có tùy chọn {exc.option_name}{guess}"
    if isinstance(exc, click_errors.BadOptionUsage):
        option = _option_named(exc.ctx, exc.option_name)
        if option is not None and getattr(option, "is_flag", False):
            return f"tùy chọn {exc.option_name} không nhận giá trị (chỉ cần ghi {exc.option_name})"
        return f"tùy chọn {exc.option_name} cần một giá trị" + (f" {metavar_of(option)}" if option else "")
    if isinstance(exc, click_errors.BadParameter) and param is not None:
        name = param.opts[0] if is_option(param) else metavar_of(param)
        low, high = getattr(param, "min", None), getattr(param, "max", None)
        if low is not None and high is not None:
            return f"giá trị không hợp lệ cho {name}: cần số nguyên từ {low} đến {high}"
        return f"giá trị không hợp lệ cho {name}"
    extra = _EXTRA_ARGUMENTS.search(exc.message)
    if extra:
        return f"thừa tham số: {extra.group('extra')}"
    if exc.message.startswith("Missing command"):
        return "thiếu tên lệnh"
    return "câu lệnh không đúng cú pháp"


def _option_named(ctx: _click.Context | None, name: str) -> _click.Parameter | None:
    if ctx is None:
        return None
    return next((p for p in ctx.command.get_params(ctx) if is_option(p) and name in p.opts), None)


def usage_error_lines(exc: click_errors.UsageError) -> list[str]:
    """The three lines a usage mistake prints: the error, the command's usage line, where its help is."""
    ctx = exc.ctx
    lines = [f"Lỗi: {usage_message(exc)}."]
    if ctx is not None:
        lines.append(ctx.command.get_usage(ctx))
    lines.append(f"Xem hướng dẫn: {ctx.command_path if ctx is not None else 'tthc'} --help")
    return lines
