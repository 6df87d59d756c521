"""The command line speaks Vietnamese: help, usage and mistakes; one option name for the formats; examples.

Usage mistakes are answered in Vietnamese with exit code 2, never with a traceback. Every `--help` says
"Cách dùng:", names its panels in Vietnamese, shows each default once and ends with a working "Ví dụ:".
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from support import run_tthc

COMMANDS = ["check", "indicators", "report", "trends", "site"]
FORMATS_COMMANDS = ["report", "trends"]  # the commands that write documents
# English that click or typer print on their own, and their type names
ENGLISH = ["Usage", "Options", "Arguments", "Commands", "Show this message", "Try", "Error", "Missing", "Invalid",
           "<bool>", "<str>", "<path>", "<int", "TEXT", "PATH", "INTEGER", "BOOLEAN", "default:", "required",
           "No such", "Did you mean", "Got unexpected", "Possible options", "requires", "does not take"]


def english_in(text: str) -> list[str]:
    return [word for word in ENGLISH if word in text]


def help_of(*command: str) -> str:
    completed = run_tthc(*command, "--help")
    assert completed.returncode == 0, completed.stderr
    assert completed.stderr == ""
    return completed.stdout


def flat(help_text: str) -> str:
    """The help page's words without its frames and line breaks: what it says, however wide the terminal."""
    return " ".join(re.sub("[│╭╮╰╯─]", " ", help_text).split())


def examples_in(help_text: str) -> list[list[str]]:
    """The command lines of the "Ví dụ:" block, as argument lists without the leading `tthc`."""
    block = help_text.split("Ví dụ:", 1)[1]
    lines = [line.strip() for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("tthc ")]


# --- help ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)], ids=["tthc", *COMMANDS])
def test_help_is_vietnamese_with_usage_and_an_example(command):
    text = help_of(*command)
    assert english_in(text) == []
    assert "Cách dùng: tthc" in text
    assert "Tùy chọn" in text
    assert "Hiện hướng dẫn này rồi thoát." in text
    assert "Ví dụ:" in text and examples_in(text), text


def test_root_help_lists_the_commands_under_a_vietnamese_title():
    text = help_of()
    assert "Lệnh" in text
    assert all(name in text for name in COMMANDS)
    assert "Cách dùng: tthc [TÙY_CHỌN] LỆNH" in text


@pytest.mark.parametrize("command", ["check", "indicators", "report"])
def test_the_period_argument_has_a_vietnamese_name(command):
    text = help_of(command)
    assert "Tham số" in text
    assert f"Cách dùng: tthc {command} [TÙY_CHỌN] KỲ" in text
    assert "{period}" not in text and "PERIOD" not in text


@pytest.mark.parametrize("command", COMMANDS)
def test_values_are_named_in_vietnamese_and_flags_take_none(command):
    text = help_of(command)
    assert "--data THƯ_MỤC" in text
    for flag in ("--help", "--json", "--force"):
        for line in text.splitlines():
            after = line.split(flag, 1)[1].split() if flag in line else []
            assert not after or not (after[0].isupper() or after[0].startswith("<")), line


DEFAULTS = {
    "check": ["data/"],
    "indicators": ["data/"],
    "report": ["data/", "html,docx", "auto", "reports/"],
    "trends": ["data/", "html,docx", "auto", "reports/"],
    "site": ["data/", "reports/", "_site/", "2", "auto"],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_each_default_is_shown_once_in_vietnamese(command):
    said = flat(help_of(command))
    assert "default" not in said
    for default in DEFAULTS[command]:
        assert said.count(f"(mặc định: {default})") == 1, default
    assert said.count("mặc định") == len(DEFAULTS[command])


def test_trends_usage_names_its_required_options():
    assert "Cách dùng: tthc trends --from KỲ --to KỲ [TÙY_CHỌN]" in help_of("trends")


def test_no_arguments_prints_the_help_once():
    completed = run_tthc()
    assert completed.returncode == 2
    assert completed.stdout.count("Cách dùng:") == 1
    assert english_in(completed.stdout + completed.stderr) == []


# --- one option name for the formats -------------------------------------------------------------------------

@pytest.mark.parametrize("command", FORMATS_COMMANDS)
def test_the_formats_option_has_one_name_in_every_command(command):
    text = help_of(command)
    assert "--formats ĐỊNH_DẠNG" in text
    assert "(mặc định: html,docx)" in flat(text)


def test_report_has_no_to_option_for_formats():
    """`--to` is the last period in `trends`; in `report` it would mean something else."""
    assert "--to" not in help_of("report")
    completed = run_tthc("report", "2024-09", "--to", "html")
    assert completed.returncode == 2
    assert "không có tùy chọn --to" in completed.stderr


@pytest.mark.parametrize("command", [["report", "2024-09"], ["trends", "--from", "2024-01", "--to", "2024-09"]],
                         ids=FORMATS_COMMANDS)
def test_an_unknown_format_is_a_usage_error_naming_the_known_ones(command, data_dir):
    completed = run_tthc(*command, "--data", str(data_dir), "--formats", "html,pdf")
    assert completed.returncode == 2, completed.stdout + completed.stderr
    assert "định dạng không hỗ trợ: pdf" in completed.stderr and "html, docx" in completed.stderr
    assert english_in(completed.stderr) == []


# --- examples ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)], ids=["tthc", *COMMANDS])
def test_every_example_is_a_command_line_the_program_accepts(command):
    """Each example parses: its command, options and values exist (run in-process, nothing is executed)."""
    from typer.main import get_command

    from tthc.cli import app

    group = get_command(app)
    for args in examples_in(help_of(*command)):
        assert args and args[0] in COMMANDS, args
        if command:
            assert args[0] == command[0], args
        if args[1:] == ["--help"]:
            continue  # the help of a command: the tests above read every one
        sub = group.get_command(None, args[0])
        with sub.make_context(args[0], args[1:], parent=group.make_context("tthc", [args[0]])):
            pass


def test_the_check_example_runs(data_dir: Path):
    """`tthc check 2024-09` as the help shows it, from the folder that holds data/."""
    assert ["check", "2024-09"] in examples_in(help_of("check"))
    completed = run_tthc("check", "2024-09", cwd=data_dir.parent)
    assert completed.returncode == 0, completed.stdout + completed.stderr


# --- mistakes ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check"], "thiếu tham số KỲ"),
        (["trends", "--to", "2024-09"], "thiếu tùy chọn --from"),
        (["check", "2024-09", "--bogus"], "không có tùy chọn --bogus"),
        (["check", "2024-09", "--dat", "data"], "có phải ý là --data"),
        (["nope"], "không có lệnh nope"),
        (["chek", "2024-09"], "có phải ý là check"),
        (["check", "2024-09", "thừa"], "thừa tham số: thừa"),
        (["check", "2024-09", "--data"], "tùy chọn --data cần một giá trị"),
        (["indicators", "2024-09", "--json=có"], "tùy chọn --json không nhận giá trị"),
        (["site", "--jobs", "99"], "giá trị không hợp lệ cho --jobs: cần số nguyên từ 1 đến 8"),
        (["site", "--jobs", "hai"], "giá trị không hợp lệ cho --jobs: cần số nguyên từ 1 đến 8"),
        (["check", "2024-13"], "kỳ báo cáo '2024-13' không hợp lệ"),
        (["check", "tháng chín"], "cần dạng NĂM-THÁNG"),
        (["trends", "--from", "2024-9x", "--to", "2024-09"], "--from: kỳ báo cáo '2024-9x' không hợp lệ"),
        (["report", "2024-09", "--engine", "word"], "--engine 'word' không hợp lệ"),
    ],
)
def test_usage_errors_are_vietnamese(args, message):
    completed = run_tthc(*args)
    assert completed.returncode == 2, completed.stdout + completed.stderr
    assert message in completed.stderr
    assert completed.stderr.startswith("Lỗi:")
    assert english_in(completed.stderr) == []
    assert "Traceback" not in completed.stdout + completed.stderr


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (["check"], "tthc check"),
        (["check", "2024-09", "--data"], "tthc check"),
        (["site", "--jobs", "99"], "tthc site"),
        (["nope"], "tthc"),
    ],
)
def test_a_usage_error_shows_the_usage_line_and_where_the_help_is(args, where):
    stderr = run_tthc(*args).stderr
    assert f"Cách dùng: {where} [TÙY_CHỌN]" in stderr
    assert f"Xem hướng dẫn: {where} --help" in stderr
