"""Usage mistakes are answered in Vietnamese with exit code 2, never with a traceback."""

from __future__ import annotations

import pytest
from support import run_tthc


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check"], "thiếu PERIOD"),
        (["check", "2024-09", "--bogus"], "không có tùy chọn --bogus"),
        (["nope"], "không có lệnh này"),
        (["check", "2024-09", "thừa"], "thừa tham số"),
        (["site", "--jobs", "99"], "giá trị không hợp lệ cho --jobs"),
    ],
)
def test_usage_errors_are_vietnamese(args, message):
    completed = run_tthc(*args)
    assert completed.returncode == 2
    assert message in completed.stderr and "Xem hướng dẫn" in completed.stderr
    assert "Traceback" not in completed.stdout + completed.stderr


def test_help_still_works():
    completed = run_tthc("--help")
    assert completed.returncode == 0 and "check" in completed.stdout
