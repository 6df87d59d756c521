"""One writer per period: a second run on the same period waits its turn and says so.

An advisory lock (flock) on <tmp>/tthc-locks/<data root>/<name>.lock is held while a
period's store or reports are written; the kernel releases it if the process
dies, so a killed run never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

WAIT_MESSAGE = "kỳ {name} đang được một lần chạy khác xử lý; đang chờ lần chạy đó xong…"


@contextmanager
def exclusive(lock_dir: Path, name: str, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the named lock; when another process holds it, report that (once) and wait."""
    lock_dir.mkdir(parents=True, exist_ok=True)
    handle = os.open(lock_dir / f"{name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait(WAIT_MESSAGE.format(name=name))
            fcntl.flock(handle, fcntl.LOCK_EX)
        os.ftruncate(handle, 0)
        os.write(handle, str(os.getpid()).encode())
        yield
    finally:
        os.close(handle)
