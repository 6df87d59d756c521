"""The `tthc` command. Messages to the analyst are Vietnamese; exit codes are stable.

0: done, no error findings; 1: the data have errors (nothing written); 2: usage
(bad period, missing folder, broken reference files).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tthc.findings import SEVERITY_LABELS, Finding, Severity
from tthc.indicators import compute_indicators
from tthc.period import Period, PeriodError
from tthc.pipeline import Context, PeriodNotFoundError, analyst_from_frames, build_period, load_context, load_frames
from tthc.reference import ReferenceError

EXIT_OK, EXIT_DATA_ERRORS, EXIT_USAGE = 0, 1, 2

app = typer.Typer(
    help="Báo cáo tháng của Trung tâm Hành chính công: kiểm tra số liệu, tính chỉ tiêu, lập báo cáo.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=False, soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)

DataOption = Annotated[Path, typer.Option("--data", help="Thư mục dữ liệu (mặc định: data/).")]
PeriodArgument = Annotated[str, typer.Argument(help="Kỳ báo cáo dạng NĂM-THÁNG, ví dụ 2024-09.")]


def fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    errors.print(f"[bold red]Lỗi:[/] {message}", highlight=False)
    return typer.Exit(code)


def open_context(data: Path) -> Context:
    try:
        return load_context(data)
    except ReferenceError as exc:
        raise fail(str(exc)) from None


def open_period(period_text: str, data: Path) -> tuple[Context, Period]:
    try:
        period = Period.parse(period_text)
    except PeriodError as exc:
        raise fail(str(exc)) from None
    context = open_context(data)
    if not context.paths.period_raw(period).is_dir():
        raise fail(f"không có thư mục số liệu của kỳ {period}: {context.paths.period_raw(period)}")
    return context, period


def print_findings(findings: list[Finding]) -> None:
    if not findings:
        console.print("Không có lỗi hay cảnh báo nào.")
        return
    ordered = sorted(findings, key=lambda f: (f.severity is not Severity.ERROR, f.location.file, f.location.row or 0))
    n_errors = sum(f.is_error for f in findings)
    summary = f"Tổng cộng: {n_errors} lỗi, {len(findings) - n_errors} cảnh báo."
    if not console.is_terminal:  # piped or logged: one finding per line, never wrapped
        for f in ordered:
            console.print(f.describe(), highlight=False, markup=False)
        console.print(summary, highlight=False)
        return
    table = Table(title="Kết quả kiểm tra số liệu", show_lines=True)
    for header in ("Mức", "Tệp", "Trang tính", "Dòng", "Cột", "Nội dung"):
        table.add_column(header, overflow="fold")
    for f in ordered:
        style = "red" if f.is_error else "yellow"
        table.add_row(f"[{style}]{SEVERITY_LABELS[f.severity]}[/]", f.location.file, f.location.sheet or "",
                      str(f.location.row or ""), f.location.column or "", f.message)
    console.print(table, highlight=False)
    console.print(summary, highlight=False)


@app.command("check", help="Kiểm tra số liệu của một kỳ; không ghi gì.")
def check(period: PeriodArgument, data: DataOption = Path("data")) -> None:
    from tthc.pipeline import ingest_period

    context, parsed = open_period(period, data)
    inputs = ingest_period(context, parsed)
    print_findings(inputs.findings)
    raise typer.Exit(EXIT_DATA_ERRORS if inputs.has_errors else EXIT_OK)


@app.command("indicators", help="Kiểm tra, lưu số liệu sạch và tính các chỉ tiêu của một kỳ.")
def indicators(
    period: PeriodArgument,
    data: DataOption = Path("data"),
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")] = False,
) -> None:
    context, parsed = open_period(period, data)
    inputs = build_period(context, parsed)
    if inputs.has_errors:
        print_findings(inputs.findings)
        raise fail("số liệu có lỗi, chưa tính chỉ tiêu và không ghi gì vào kho dữ liệu.", EXIT_DATA_ERRORS)
    frames = load_frames(context, parsed)
    result = compute_indicators(parsed, frames, analyst_from_frames(frames), context.organisation, context.registry)
    if as_json:
        sys.stdout.write(result.to_json() + "\n")
    else:
        print_indicator_summary(result)


@app.command("report", help="Lập báo cáo tháng (HTML và Word) của một kỳ vào reports/<kỳ>/.")
def report(
    period: PeriodArgument,
    data: DataOption = Path("data"),
    to: Annotated[str, typer.Option("--to", help="Định dạng, cách nhau bởi dấu phẩy: html,docx.")] = "html,docx",
    engine: Annotated[str, typer.Option("--engine", help="auto | quarto | pandoc")] = "auto",
    out: Annotated[Path, typer.Option("--out", help="Thư mục báo cáo (mặc định: reports/).")] = Path("reports"),
) -> None:
    from tthc.render.engine import RenderError
    from tthc.report.build import ReportDataErrors, build_report

    context, parsed = open_period(period, data)
    formats = parse_formats(to)
    chosen = parse_engine(engine)
    try:
        result = build_report(parsed, data, out, formats, chosen,
                              on_step=lambda text: console.print(f"• {text}…", highlight=False))
    except ReportDataErrors as exc:
        print_findings(exc.findings)
        raise fail("số liệu có lỗi, không lập báo cáo và không ghi gì.", EXIT_DATA_ERRORS) from None
    except RenderError as exc:
        raise fail(str(exc), EXIT_DATA_ERRORS) from None
    for finding in result.warnings:
        console.print(f"[yellow]{finding.describe()}[/]", highlight=False)
    console.print(f"Đã lập báo cáo kỳ {result.period} ({result.engine}) trong {result.timings['total']:.1f} giây:",
                  highlight=False)
    for path in result.files.values():
        console.print(f"  {path}", highlight=False)


def parse_period_option(text: str, option: str) -> Period:
    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise fail(f"{option}: {exc}") from None


def parse_formats(to: str) -> tuple[str, ...]:
    from tthc.report.build import FORMATS

    formats = tuple(f.strip().lower() for f in to.split(",") if f.strip())
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


@app.command("trends", help="Lập báo cáo xu hướng qua nhiều kỳ vào reports/xu-huong/.")
def trends(
    period_from: Annotated[str, typer.Option("--from", help="Kỳ đầu, dạng NĂM-THÁNG.")],
    period_to: Annotated[str, typer.Option("--to", help="Kỳ cuối, dạng NĂM-THÁNG.")],
    data: DataOption = Path("data"),
    formats: Annotated[str, typer.Option("--formats", help="Định dạng: html,docx.")] = "html,docx",
    engine: Annotated[str, typer.Option("--engine", help="auto | quarto | pandoc")] = "auto",
    out: Annotated[Path, typer.Option("--out", help="Thư mục báo cáo (mặc định: reports/).")] = Path("reports"),
) -> None:
    from tthc.render.engine import RenderError
    from tthc.trends.build import build_trends

    first, last = parse_period_option(period_from, "--from"), parse_period_option(period_to, "--to")
    if last < first:
        raise fail("--to phải là kỳ sau hoặc bằng --from")
    open_context(data)  # reference files must load before anything runs
    try:
        result = build_trends(first, last, data, out, parse_formats(formats), parse_engine(engine),
                              on_step=lambda text: console.print(f"• {text}…", highlight=False))
    except RenderError as exc:
        raise fail(str(exc), EXIT_DATA_ERRORS) from None
    console.print(f"Đã lập báo cáo xu hướng {first}–{last} trong {result.timings['total']:.1f} giây:", highlight=False)
    for path in result.files.values():
        console.print(f"  {path}", highlight=False)


@app.command("site", help="Dựng trang mạng nội bộ _site/: mọi báo cáo tháng, báo cáo xu hướng, trang chất lượng số liệu.")
def site(
    data: DataOption = Path("data"),
    out: Annotated[Path, typer.Option("--out", help="Thư mục báo cáo (mặc định: reports/).")] = Path("reports"),
    site_dir: Annotated[Path, typer.Option("--site", help="Thư mục trang (mặc định: _site/).")] = Path("_site"),
    jobs: Annotated[int, typer.Option("--jobs", min=1, max=8, help="Số kỳ lập đồng thời.")] = 2,
    engine: Annotated[str, typer.Option("--engine", help="auto | quarto | pandoc")] = "auto",
    force: Annotated[bool, typer.Option("--force", help="Lập lại mọi báo cáo, kể cả khi không đổi.")] = False,
) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from tthc.site.build import build_site

    context = open_context(data)
    total = len(context.paths.periods()) + 1
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=not console.is_terminal) as bar:
        task = bar.add_task("Lập báo cáo", total=total)

        def advance(name: str, state: str) -> None:
            bar.update(task, advance=1, description=f"Lập báo cáo ({name}: {'lỗi' if state == 'failed' else 'xong'})")

        result = build_site(data, out, site_dir, jobs=jobs, engine=parse_engine(engine), force=force,
                            on_progress=advance)
    console.print(f"Trang: {result.site / 'index.html'} ({result.seconds:.1f} giây). "
                  f"Lập lại: {', '.join(result.rebuilt) or 'không'}; giữ nguyên: {len(result.kept)}.",
                  highlight=False)
    for name, reason in sorted(result.failed.items()):
        errors.print(f"[bold red]Lỗi[/] kỳ {name}: {reason}", highlight=False)
    raise typer.Exit(EXIT_DATA_ERRORS if result.failed else EXIT_OK)


def print_indicator_summary(result) -> None:
    table = Table(title=f"Chỉ tiêu kỳ {result.period}")
    for header in ("Nhóm", "Chỉ tiêu", "Tử số", "Mẫu số", "Tỷ lệ"):
        table.add_column(header)
    for desk_label, desk in (("Trung tâm", result.centre), ("Xã, thị trấn", result.communes)):
        for key, rate in desk.rates.items():
            table.add_row(desk_label, key, str(rate.numerator), str(rate.denominator), rate.display)
    console.print(table, highlight=False)


def main() -> None:  # pragma: no cover - console entry point
    app()
