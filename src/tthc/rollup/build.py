"""`tthc rollup`: the configuration read, every centre's store built or reused, the three files written."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from tthc.errors import ExitCode
from tthc.period import Period
from tthc.rollup.config import load_rollup_config
from tthc.rollup.figures import NO_VALID_DATA, CentreResult, build_rollup
from tthc.rollup.output import write_rollup


def run_rollup(period: Period, config_file: Path, out: Path, console: Console) -> int:
    """Exit code 1 when a centre has no valid figures: the files are written, with the centre listed as such."""
    config = load_rollup_config(config_file)

    def tell(result: CentreResult) -> None:
        state = ("dùng lại kho số liệu" if result.reused_store else "đã kiểm tra và lưu") if result.valid \
            else f"{NO_VALID_DATA}: {result.reason}"
        console.print(f"• {result.name}: {state}", highlight=False, markup=False)

    rollup = build_rollup(config, period, on_centre=tell)
    files = write_rollup(rollup, out)
    for note in rollup.notes:
        console.print(note, highlight=False, markup=False)
    console.print(f"Đã lập báo cáo tổng hợp kỳ {period} của {len(config.centres)} trung tâm:", highlight=False)
    for path in (files.html, files.xlsx, files.json):
        console.print(f"  {path}", highlight=False, markup=False)
    return int(ExitCode.DATA) if rollup.left_out else int(ExitCode.OK)
