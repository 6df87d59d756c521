"""Two runs on the same period are serialised: the second says it waits, then goes on."""

from __future__ import annotations

import subprocess
import sys
import time

from tthc.locking import exclusive

HOLD = """
import sys, time
from pathlib import Path
from tthc.locking import exclusive
with exclusive(Path(sys.argv[1]), "2024-09"):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def test_second_holder_is_told_and_waits_for_the_first(tmp_path):
    first = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path), "1.5"], stdout=subprocess.PIPE, text=True)
    assert first.stdout.readline().strip() == "held"
    messages = []
    started = time.monotonic()
    with exclusive(tmp_path, "2024-09", on_wait=messages.append):
        waited = time.monotonic() - started
    first.wait(timeout=30)
    assert messages == ["kỳ 2024-09 đang được một lần chạy khác xử lý; đang chờ lần chạy đó xong…"]
    assert waited > 0.5  # it did wait for the first holder


def test_a_killed_holder_leaves_no_stale_lock(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(tmp_path), "60"], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait(timeout=30)
    messages = []
    with exclusive(tmp_path, "2024-09", on_wait=messages.append):
        pass
    assert messages == []
