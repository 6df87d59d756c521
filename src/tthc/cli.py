"""The `tthc` command. Messages to the analyst are Vietnamese; exit codes are stable.

0: done, no error findings; 1: the data have errors (nothing written); 2: usage
(bad period, missing folder, broken reference files); 3: an unexpected internal
error (a bug: the message says so in Vietnamese; TTHC_DEBUG=1 shows the traceback).

Text from the data (unit names, file names, topics) is never read as rich markup
or emoji codes, and long lists of findings of one kind are cut short.
"""

from __future__ import annotations

import atexit
import functools
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import click
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from tthc.cli_help import CONTEXT_SETTINGS, Command, Group, examples, usage_error_lines
from tthc.errors import ExitCode, TthcError
from tthc.findings import SEVERITY_LABELS, Finding, Severity
from tthc.period import Period, PeriodError

if TYPE_CHECKING:  # the pipeline, polars and the readers are imported by the commands that use them
    from tthc.context import Context

EXIT_OK, EXIT_DATA_ERRORS, EXIT_USAGE, EXIT_INTERNAL = (int(code) for code in ExitCode)
MAX_FINDINGS_PER_KIND = 50  # per file and kind: 100 000 duplicate rows are summed up, not printed

app = typer.Typer(
    cls=Group,
    help="Báo cáo tháng của Trung tâm Hành chính công: kiểm tra số liệu, tính chỉ tiêu, lập báo cáo.",
    epilog=examples(("Kiểm tra số liệu tháng 9 năm 2024:", "tthc check 2024-09"),
                    ("Lập báo cáo tháng đó, chỉ bản Word:", "tthc report 2024-09 --formats docx"),
                    ("Xem hướng dẫn của một lệnh:", "tthc report --help")),
    context_settings=CONTEXT_SETTINGS,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=False, soft_wrap=True, emoji=False)
errors = Console(stderr=True, soft_wrap=True, emoji=False)

# Every value has a Vietnamese name (metavar); its help text says the default, the help page adds none.
DataOption = Annotated[Path, typer.Option("--data", metavar="THƯ_MỤC",
                                          help="Thư mục dữ liệu, chứa reference/ và raw/ (mặc định: data/).")]
OutOption = Annotated[Path, typer.Option("--out", metavar="THƯ_MỤC", help="Thư mục ghi báo cáo (mặc định: reports/).")]
EngineOption = Annotated[str, typer.Option("--engine", metavar="CÔNG_CỤ",
                                           help="Công cụ dựng báo cáo: auto (quarto nếu có, không thì pandoc), "
                                                "quarto hoặc pandoc (mặc định: auto).")]
FormatsOption = Annotated[str, typer.Option("--formats", metavar="ĐỊNH_DẠNG",
                                            help="Các định dạng cần lập, cách nhau bởi dấu phẩy: html, docx "
                                                 "(mặc định: html,docx).")]
PeriodArgument = Annotated[str, typer.Argument(
    metavar="KỲ", help="Kỳ báo cáo: tháng NĂM-THÁNG (2024-09), quý NĂM-Qn (2024-Q3), 6 tháng NĂM-Hn (2024-H1), năm NĂM "
                       "(2024) hoặc khoảng ngày NGÀY_ĐẦU..NGÀY_CUỐI (2022-12-15..2023-03-14, cả hai ngày đều tính; "
                       "thư mục số liệu raw/2022-12-15_2023-03-14).")]


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    errors.print(f"[bold red]Lỗi:[/] {escape(message)}", highlight=False)
    return typer.Exit(code)


def guarded(command):
    """Turn any failure of a command into a Vietnamese message and an exit code, never a traceback."""

    @functools.wraps(command)
    def run(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, click.exceptions.Exit, click.exceptions.Abort, click.exceptions.ClickException,
                KeyboardInterrupt):
            raise
        except TthcError as exc:  # the error tree carries its own exit code
            raise fail(str(exc), exc.exit_code) from None
        except OSError as exc:
            from tthc.ingest.grid import os_reason

            where = f" {exc.filename}" if exc.filename else ""
            raise fail(f"không đọc hoặc ghi được{where}: {os_reason(exc)}") from None
        except MemoryError:
            raise fail("không đủ bộ nhớ để xử lý số liệu (tệp quá lớn?)", EXIT_DATA_ERRORS) from None
        except Exception as exc:
            if os.environ.get("TTHC_DEBUG"):
                raise
            raise fail(
                f"chương trình gặp lỗi ngoài dự kiến ({type(exc).__name__}). Đây là lỗi của chương trình, không phải "
                "của người dùng: hãy báo cho người phụ trách kỹ thuật, gửi kèm thư mục số liệu của kỳ; chạy lại "
                "với biến môi trường TTHC_DEBUG=1 để xem chi tiết", EXIT_INTERNAL) from None

    return run


def open_context(data: Path) -> Context:
    from tthc.context import load_context

    if not data.exists():
        raise fail(f"không tìm thấy thư mục dữ liệu {data} (tham số --data)")
    if not data.is_dir():
        raise fail(f"{data} không phải thư mục: tham số --data cần thư mục dữ liệu (chứa reference/ và raw/)")
    return load_context(data)


def open_period(period_text: str, data: Path) -> tuple[Context, Period]:
    period = Period.parse(period_text)
    context = open_context(data)
    raw = context.paths.period_raw(period)
    dotted = raw.with_name(raw.name.replace("_", "..", 1))
    if period.is_range and not raw.is_dir() and dotted.is_dir():  # named as typed: never read as if missing
        raise fail(f"thư mục {dotted} có dấu '..' trong tên; hãy đổi tên thành {raw.name} (tên thư mục của một "
                   f"khoảng ngày dùng dấu '_' giữa hai ngày) rồi chạy lại")
    if period.is_range and context.paths.is_combined(period):
        period.month_periods(context.organisation.cutoff_day)  # refuses a range not made of whole months
    if not context.paths.has_inputs(period):
        if not context.paths.is_combined(period):
            raise fail(f"không có thư mục số liệu của kỳ {period}: {context.paths.period_raw(period)}")
        missing = [str(f) for _, f in context.paths.input_folders(period) if not f.is_dir()]
        raise fail(f"không có thư mục {context.paths.period_raw(period)} của kỳ {period} ({period.label()}), "
                   f"nên kỳ được cộng từ các tháng; thiếu thư mục số liệu của: {', '.join(missing)}")
    return context, period


def print_findings(findings: list[Finding]) -> None:
    if not findings:
        console.print("Không có lỗi hay cảnh báo nào.")
        return
    ordered = sorted(findings, key=lambda f: (f.severity is not Severity.ERROR, f.location.file, f.location.row or 0))
    n_errors = sum(f.is_error for f in findings)
    summary = f"Tổng cộng: {_group(n_errors)} lỗi, {_group(len(findings) - n_errors)} cảnh báo."
    shown, left = _cut_short(ordered)
    if not console.is_terminal:  # piped or logged: one finding per line, never wrapped
        for f in shown:
            console.print(one_line(f.describe()), highlight=False, markup=False)
        for line in left:
            console.print(line, highlight=False, markup=False)
        console.print(summary, highlight=False, markup=False)
        return
    table = Table(title="Kết quả kiểm tra số liệu", show_lines=True)
    for header in ("Mức", "Tệp", "Trang tính", "Dòng", "Cột", "Nội dung"):
        table.add_column(header, overflow="fold")
    for f in shown:
        style = "red" if f.is_error else "yellow"
        table.add_row(Text(SEVERITY_LABELS[f.severity], style=style), Text(one_line(f.location.file)),
                      Text(one_line(f.location.sheet or "")), Text(str(f.location.row or "")),
                      Text(one_line(f.location.column or "")), Text(one_line(f.message)))
    console.print(table, highlight=False)
    for line in left:
        console.print(line, highlight=False, markup=False)
    console.print(summary, highlight=False, markup=False)


# line breaks, carriage returns and other control characters, and the bidirectional overrides
# that can make a line display in another order than it reads ("Trojan Source")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]+")


def one_line(text: str) -> str:
    """A message as one printable line: a header's line break or a hostile control character becomes a space."""
    return _UNPRINTABLE.sub(" ", text)


def _group(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _cut_short(ordered: list[Finding]) -> tuple[list[Finding], list[str]]:
    """At most MAX_FINDINGS_PER_KIND findings of one kind in one file; a line saying how many more."""
    seen: Counter = Counter()
    shown = []
    for f in ordered:
        key = (f.severity, f.code, f.location.file)
        seen[key] += 1
        if seen[key] <= MAX_FINDINGS_PER_KIND:
            shown.append(f)
    left = [f"{SEVERITY_LABELS[severity]}: tệp {file}: còn {_group(count - MAX_FINDINGS_PER_KIND)} "
            f"{SEVERITY_LABELS[severity].lower()} cùng loại nữa (chỉ in {MAX_FINDINGS_PER_KIND} "
            f"{SEVERITY_LABELS[severity].lower()} đầu tiên; sửa các {SEVERITY_LABELS[severity].lower()} trên rồi chạy lại)"
            for (severity, _, file), count in seen.items() if count > MAX_FINDINGS_PER_KIND]
    return shown, left


@app.command("check", cls=Command, help="Kiểm tra số liệu của một kỳ; không ghi gì.",
             epilog=examples(("Kiểm tra số liệu tháng 9 năm 2024 trong data/:", "tthc check 2024-09"),
                             ("Tháng sau, khi đã chép các tệp vào data/raw/2024-10/:", "tthc check 2024-10")))
@guarded
def check(period: PeriodArgument, data: DataOption = Path("data")) -> None:
    from tthc.pipeline import check_period

    context, parsed = open_period(period, data)
    inputs = check_period(context, parsed)
    print_findings(inputs.findings)
    raise typer.Exit(EXIT_DATA_ERRORS if inputs.has_errors else EXIT_OK)


@app.command("formats", cls=Command,
             help="In mô tả các loại tệp đầu vào: tiêu đề cột được nhận, cột bắt buộc, các từ được hiểu trong ô, "
                  "loại tệp nào bắt buộc trong mỗi kỳ (theo organisation.yaml).",
             epilog=examples(("Xem mô tả các loại tệp (dạng Markdown, như tài liệu docs/formats.md):", "tthc formats"),
                             ("Theo organisation.yaml của một thư mục dữ liệu khác:", "tthc formats --data du-lieu")))
@guarded
def formats(data: DataOption = Path("data")) -> None:
    from tthc.formats import describe_formats

    context = open_context(data)
    sys.stdout.write(describe_formats(context.organisation, profile=context.profile))


@app.command("template", cls=Command,
             help="Ghi các tệp mẫu trống (chỉ có dòng tiêu đề, dạng .xlsx) của mọi loại bảng cho một kỳ.",
             epilog=examples(("Tệp mẫu tháng 9 năm 2024 vào thư mục mau/:", "tthc template 2024-09 --out mau"),
                             ("Ghi lại, đè lên các tệp mẫu đã có:", "tthc template 2024-09 --out mau --force")))
@guarded
def template(
    period: PeriodArgument,
    out: Annotated[Path, typer.Option("--out", metavar="THƯ_MỤC", help="Thư mục ghi các tệp mẫu.")],
    data: DataOption = Path("data"),
    force: Annotated[bool, typer.Option("--force", help="Ghi đè các tệp mẫu đã có trong thư mục.")] = False,
) -> None:
    from tthc.exports.template import write_templates

    parsed = Period.parse(period)
    cutoff = open_context(data).organisation.cutoff_day
    if out.exists() and not out.is_dir():
        raise fail(f"{out} không phải thư mục: tham số --out cần một thư mục")
    written = write_templates(parsed, parsed.start(cutoff), parsed.end(cutoff), out, force=force)
    console.print(f"Đã ghi {len(written)} tệp mẫu kỳ {parsed}:", highlight=False)
    for path in written:
        console.print(f"  {path}", highlight=False, markup=False)


@app.command("indicators", cls=Command, help="Kiểm tra, lưu số liệu sạch và tính các chỉ tiêu của một kỳ.",
             epilog=examples(("Bảng chỉ tiêu tháng 9 năm 2024:", "tthc indicators 2024-09"),
                             ("Cùng các chỉ tiêu, dạng JSON:", "tthc indicators 2024-09 --json")))
@guarded
def indicators(
    period: PeriodArgument,
    data: DataOption = Path("data"),
    as_json: Annotated[bool, typer.Option(
        "--json", help="In kết quả dạng JSON (tử số, mẫu số, nguồn của từng chỉ tiêu).")] = False,
) -> None:
    from tthc.indicators import compute_indicators
    from tthc.pipeline import build_period
    from tthc.stored import analyst_from_frames, load_frames

    context, parsed = open_period(period, data)
    inputs = build_period(context, parsed)
    if inputs.has_errors:
        print_findings(inputs.findings)
        raise fail("số liệu có lỗi, chưa tính chỉ tiêu và không ghi gì vào kho dữ liệu.", EXIT_DATA_ERRORS)
    frames = load_frames(context, parsed)
    result = compute_indicators(parsed, frames, analyst_from_frames(frames), context.organisation, context.registry,
                                context.profile, context.catalogue)
    if as_json:
        sys.stdout.write(result.to_json() + "\n")
    else:
        print_indicator_summary(result, context.profile.on(parsed.end(context.organisation.cutoff_day)))


@app.command("report", cls=Command, help="Lập báo cáo tháng (HTML và Word) của một kỳ vào reports/<kỳ>/.",
             epilog=examples(("Báo cáo tháng 9 năm 2024, bản HTML và bản Word:", "tthc report 2024-09"),
                             ("Chỉ bản Word để trình ký, dựng bằng pandoc:",
                              "tthc report 2024-09 --formats docx --engine pandoc")))
@guarded
def report(
    period: PeriodArgument,
    data: DataOption = Path("data"),
    formats: FormatsOption = "html,docx",
    engine: EngineOption = "auto",
    out: OutOption = Path("reports"),
) -> None:
    chosen_formats, chosen = parse_formats(formats), parse_engine(engine)  # a typo is told before any work
    Period.parse(period)  # likewise
    from tthc.project import MONTHLY_NOTEBOOK
    from tthc.render.kernel import prestart

    prestart(MONTHLY_NOTEBOOK)  # boots on the other core while this process imports, loads and validates
    context, parsed = open_period(period, data)
    from tthc.render.room import RenderOptions
    from tthc.report.build import InvalidInputsError, build_report

    try:
        result = build_report(parsed, data, out, RenderOptions(chosen_formats, chosen, on_step=print_step))
    except InvalidInputsError as exc:
        print_findings(exc.findings)
        raise fail("số liệu có lỗi, không lập báo cáo và không ghi gì.", exc.exit_code) from None
    for finding in result.warnings:
        console.print(f"[yellow]{escape(one_line(finding.describe()))}[/]", highlight=False)
    console.print(f"Đã lập báo cáo kỳ {result.period} ({result.engine}) trong {result.timings['total']:.1f} giây:",
                  highlight=False)
    for path in result.files.values():
        console.print(f"  {path}", highlight=False, markup=False)


def print_step(text: str) -> None:
    """One progress line of a build ("• Kiểm tra và lưu số liệu…")."""
    console.print(f"• {text}…", highlight=False, markup=False)


def parse_period_option(text: str, option: str) -> Period:
    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise fail(f"{option}: {exc}") from None


def parse_formats(text: str) -> tuple[str, ...]:
    """The --formats list (`html,docx`), every name known; one parser for every command that writes documents."""
    from tthc.project import FORMATS

    formats = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    unknown = [f for f in formats if f not in FORMATS]
    if not formats or unknown:
        raise fail(f"định dạng không hỗ trợ: {', '.join(unknown) or '(trống)'}; dùng html, docx")
    return formats


def parse_engine(engine: str):
    from tthc.render.engine import Engine

    try:
        return Engine(engine)
    except ValueError:
        raise fail(f"--engine '{engine}' không hợp lệ; dùng auto, quarto hoặc pandoc") from None


@app.command("trends", cls=Command, help="Lập báo cáo xu hướng qua nhiều kỳ vào reports/xu-huong/.",
             epilog=examples(("Xu hướng chín tháng đầu năm 2024:", "tthc trends --from 2024-01 --to 2024-09"),
                             ("Cả năm 2024, chỉ bản HTML:", "tthc trends --from 2024-01 --to 2024-12 --formats html"),
                             ("Giữ địa giới của từng kỳ (không cộng dồn theo sắp xếp đơn vị):",
                              "tthc trends --from 2024-01 --to 2026-11 --geography historical")))
@guarded
def trends(
    period_from: Annotated[str, typer.Option("--from", metavar="KỲ", help="Kỳ đầu, dạng NĂM-THÁNG.")],
    period_to: Annotated[str, typer.Option("--to", metavar="KỲ", help="Kỳ cuối, dạng NĂM-THÁNG.")],
    data: DataOption = Path("data"),
    formats: FormatsOption = "html,docx",
    engine: EngineOption = "auto",
    out: OutOption = Path("reports"),
    geography: Annotated[str, typer.Option(
        "--geography", metavar="ĐỊA_GIỚI",
        help="Số liệu theo xã trên địa giới nào: today (đơn vị hành chính hiện nay, số liệu cũ cộng dồn theo các "
             "lần sắp xếp; dùng khi không ghi tùy chọn này) hoặc historical (đơn vị tại thời điểm của từng kỳ).")] = "today",
) -> None:
    from tthc.render.room import RenderOptions
    from tthc.trends.build import build_trends
    from tthc.trends.geography import check_geography

    first, last = parse_period_option(period_from, "--from"), parse_period_option(period_to, "--to")
    if last < first:
        raise fail("--to phải là kỳ sau hoặc bằng --from")
    chosen_formats, chosen = parse_formats(formats), parse_engine(engine)
    try:
        check_geography(geography)
    except ValueError as exc:
        raise fail(f"--geography: {exc}") from None
    open_context(data)  # reference files must load before anything runs
    from tthc.render.kernel import prestart
    from tthc.trends.build import TRENDS_NOTEBOOK

    prestart(TRENDS_NOTEBOOK)  # the kernel boots on the other core while the periods validate
    result = build_trends(first, last, data, out, RenderOptions(chosen_formats, chosen, on_step=print_step),
                          geography)
    console.print(f"Đã lập báo cáo xu hướng {first}–{last} trong {result.timings['total']:.1f} giây:", highlight=False)
    for path in result.files.values():
        console.print(f"  {path}", highlight=False, markup=False)


@app.command("site", cls=Command,
             help="Dựng trang mạng nội bộ _site/: mọi báo cáo tháng, báo cáo xu hướng, trang chất lượng số liệu.",
             epilog=examples(("Dựng trang, chỉ lập lại các báo cáo có số liệu đổi:", "tthc site"),
                             ("Lập lại mọi báo cáo, bốn kỳ cùng lúc:", "tthc site --force --jobs 4")))
@guarded
def site(
    data: DataOption = Path("data"),
    out: OutOption = Path("reports"),
    site_dir: Annotated[Path, typer.Option("--site", metavar="THƯ_MỤC",
                                           help="Thư mục trang (mặc định: _site/).")] = Path("_site"),
    jobs: Annotated[int, typer.Option("--jobs", metavar="SỐ", min=1, max=8,
                                      help="Số kỳ lập đồng thời, từ 1 đến 8 (mặc định: 2).")] = 2,
    engine: EngineOption = "auto",
    force: Annotated[bool, typer.Option("--force", help="Lập lại mọi báo cáo, kể cả khi không đổi.")] = False,
) -> None:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from tthc.render.room import RenderOptions
    from tthc.site.build import build_site

    context = open_context(data)
    total = len(context.paths.periods()) + 1
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=not console.is_terminal) as bar:
        task = bar.add_task("Lập báo cáo", total=total)

        def advance(name: str, state: str) -> None:
            bar.update(task, advance=1, description=f"Lập báo cáo ({name}: {'lỗi' if state == 'failed' else 'xong'})")

        options = RenderOptions(engine=parse_engine(engine), force=force)
        result = build_site(data, out, site_dir, options, jobs=jobs, on_progress=advance)
    console.print(f"Trang: {result.site / 'index.html'} ({result.seconds:.1f} giây). "
                  f"Lập lại: {', '.join(result.rebuilt) or 'không'}; giữ nguyên: {len(result.kept)}.",
                  highlight=False)
    for name, reason in sorted(result.failed.items()):
        errors.print(f"[bold red]Lỗi[/] kỳ {escape(str(name))}: {escape(str(reason))}", highlight=False)
    raise typer.Exit(EXIT_DATA_ERRORS if result.failed else EXIT_OK)


@app.command("rollup", cls=Command,
             help="Lập báo cáo tổng hợp toàn tỉnh từ số liệu của nhiều trung tâm (theo tệp cấu hình): tổng cộng và "
                  "xếp hạng các trung tâm (HTML, Excel, JSON).",
             epilog=examples(("Tổng hợp tháng 9 năm 2025 theo tệp cấu hình rollup.yaml vào thư mục tong-hop/:",
                              "tthc rollup 2025-09 --config rollup.yaml --out tong-hop")))
@guarded
def rollup(
    period: PeriodArgument,
    config: Annotated[Path, typer.Option("--config", metavar="TỆP",
                                         help="Tệp cấu hình tổng hợp (rollup.yaml): các trung tâm và thư mục dữ liệu.")],
    out: Annotated[Path, typer.Option("--out", metavar="THƯ_MỤC", help="Thư mục ghi báo cáo tổng hợp.")],
) -> None:
    from tthc.rollup.build import run_rollup

    raise typer.Exit(run_rollup(Period.parse(period), config, out, console))


def print_indicator_summary(result, profile=None) -> None:
    """One line per rate of every tier of the report's profile (and of its grand total), named as the report does."""
    table = Table(title=f"Chỉ tiêu kỳ {result.period}")
    for header in ("Nhóm", "Chỉ tiêu", "Tử số", "Mẫu số", "Tỷ lệ"):
        table.add_column(header)
    names = {t.key: t.name for t in profile.tiers} if profile is not None else {}
    desks = [(names.get(key, key), desk) for key, desk in result.tiers.items()] or [
        ("Trung tâm", result.centre), ("Xã, thị trấn", result.communes)]
    if result.total is not None:
        desks.append((profile.total.name if profile is not None and profile.total else "Tổng cộng", result.total))
    for desk_label, desk in desks:
        for key, rate in desk.rates.items():
            table.add_row(desk_label, key, str(rate.numerator), str(rate.denominator), rate.display)
    console.print(table, highlight=False)


def main() -> None:
    """Console entry point: usage errors are reported in Vietnamese with exit code 2."""
    leave(run_command())


def run_command() -> int:
    """The command line's command, run; its exit code."""
    from typer._click import exceptions as typer_click  # Typer vendors its own copy of Click

    try:
        code = app(standalone_mode=False, prog_name="tthc")
    except typer_click.NoArgsIsHelpError as exc:  # its message is the help page, drawn once
        sys.stdout.write(exc.message + "\n")
        return EXIT_USAGE
    except typer_click.UsageError as exc:
        first, *rest = usage_error_lines(exc)
        errors.print(f"[bold red]Lỗi:[/]{escape(first.removeprefix('Lỗi:'))}", highlight=False)
        for line in rest:
            errors.print(line, highlight=False, markup=False)
        return EXIT_USAGE
    except (typer.Exit, click.exceptions.Exit) as exc:
        return int(exc.exit_code)
    except (typer.Abort, click.Abort, KeyboardInterrupt):
        errors.print("Đã dừng.", highlight=False)
        return 130
    return code if isinstance(code, int) else EXIT_OK


def leave(code: int) -> NoReturn:
    """End the process once its clean-up ran (the atexit handlers: kernels, the chart painter, logging; stdout
    and stderr flushed), without the interpreter's teardown of polars, Altair, Jupyter…, which made the analyst
    wait a third of a second more after every command for nothing."""
    atexit._run_exitfuncs()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
