"""A notebook kernel started before the build needs it, with the notebook's imports already paid.

papermill starts its kernel only when execution begins, and the kernel then spends its first cell importing
polars, great-tables and Altair. Started at the beginning of a build instead, the kernel boots and imports in
its own process while the build validates the inputs on the other core; papermill then runs the real
notebook, every cell of it, on this kernel. The imports run before the kernel serves (IPython's
`exec_lines`, outside the history): they bind no name in the notebook's namespace and take no execution
count, so the executed notebook is the one a fresh kernel gives.

Inside `reused_kernels()` (the site build's workers), a kernel that ran a notebook to the end is reset
(namespace cleared, execution count back to 1, imported modules kept) and kept by its thread for the next run
of the same notebook: the interpreter, the imports and the chart renderer are paid once per worker, not once
per period.
"""

from __future__ import annotations

import ast
import atexit
import json
import shutil
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

KERNEL_NAME = "python3"
# run silently (no execution count, no history): a new session, the namespace cleared, modules kept
RESET_CODE = "get_ipython().reset(new_session=True, aggressive=False)"
RESET_TIMEOUT = 30  # seconds; a kernel that does not answer is stopped and a fresh one started next time
IOPUB_WAIT = 0.02  # seconds; jupyter_client waits 0.2 for each IOPub message of its readiness check (see ReadyClient)
REAP_POLL = 0.01  # seconds between checks that a stopped kernel has exited (jupyter_client: 0.1)

_local = threading.local()  # `shelf`: notebook → (manager, folder) kept by this thread, None outside reused_kernels


@contextmanager
def reused_kernels() -> Iterator[None]:
    """In this thread, within the block, kernels are reset and kept between runs of the same notebook.

    Every kernel kept is stopped when the block ends (on the thread that started it: the manager lives on
    that thread's event loop).
    """
    if getattr(_local, "shelf", None) is not None:  # nested: the outer block keeps and stops them
        yield
        return
    shelf: dict[Path, tuple[AsyncKernelManager, Path]] = {}
    _local.shelf = shelf
    try:
        yield
    finally:
        _local.shelf = None
        for manager, folder in shelf.values():
            _stop(manager, folder)


def prestart(notebook: Path) -> None:
    """Start the kernel for `notebook` now, for this thread's next `NotebookKernel(notebook).start()`.

    A command calls this before its own imports: the kernel boots and imports on the other core while the
    command imports the pipeline and validates. A kernel nobody took is stopped when the process exits.
    """
    if getattr(_local, "early", None) is None:
        _local.early = {}
        atexit.register(_stop_early, _local.early)
    kernel = NotebookKernel(notebook)
    if kernel._key in _local.early:
        shutil.rmtree(kernel.folder, ignore_errors=True)
        return
    kernel.start()
    assert kernel.manager is not None
    _local.early[kernel._key] = (kernel.manager, kernel.folder)


def _stop_early(early: dict[Path, tuple[AsyncKernelManager, Path]]) -> None:
    while early:
        _stop(*early.popitem()[1])


def _stop(manager: AsyncKernelManager | None, folder: Path) -> None:
    try:
        if manager is not None and manager.has_kernel:
            run_sync(manager.shutdown_kernel)(now=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def reset_kernel(manager: AsyncKernelManager) -> bool:
    """Clear the kernel's namespace and restart its execution count; False when it did not answer so."""
    client = manager.client()
    client.start_channels()
    try:
        # a new client's IOPub subscription takes a moment to connect: without waiting for it, the "idle" that
        # ends the reset could be missed and the reset taken for a timeout (a busy machine made it happen)
        run_sync(client.wait_for_ready)(timeout=RESET_TIMEOUT)
        reply = run_sync(client.execute_interactive)(RESET_CODE, silent=True, store_history=False,
                                                    timeout=RESET_TIMEOUT)
        return bool(reply["content"]["status"] == "ok")
    except (TimeoutError, RuntimeError, OSError):
        return False
    finally:
        client.stop_channels()


def notebook_imports(notebook: Path) -> list[str]:
    """The absolute modules the notebook's code cells import, in order (cells that are not Python are skipped)."""
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    modules: list[str] = []
    for cell in cells:
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        try:
            tree = ast.parse("".join(source) if isinstance(source, list) else source)
        except SyntaxError:  # IPython magics: not ours to guess
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                modules.append(node.module)
    return list(dict.fromkeys(modules))


def warm_up_line(modules: list[str]) -> str:
    """One line for `exec_lines` that imports the modules and leaves no name behind."""
    return (f"import importlib as _tthc_importlib; [_tthc_importlib.import_module(m) for m in {modules!r}]; "
            "del _tthc_importlib")


class ReadyClient(AsyncKernelClient):
    """jupyter_client's client, whose readiness check does not wait 0.2 s for nothing on every run.

    `wait_for_ready` asks for kernel_info until the reply comes and an IOPub message shows the subscription
    works, then drains IOPub until no message came for 0.2 s: a fixed 0.2 s before the first cell, since the
    kernel has long finished starting. With IOPUB_WAIT instead, a missed message only means one more
    kernel_info round, and nbclient keeps only the messages whose parent is the cell it runs, so a status
    message arriving after the drain is ignored as before.
    """

    async def wait_for_ready(self, timeout: float | None = None) -> None:
        channel = self.iopub_channel
        get_msg = channel.get_msg

        async def quick(timeout: float | None = None) -> dict:
            return await get_msg(timeout=IOPUB_WAIT if timeout is None else min(timeout, IOPUB_WAIT))

        channel.get_msg = quick  # for this check only
        try:
            await AsyncKernelClient.wait_for_ready(self, timeout=timeout)
        finally:
            del channel.get_msg  # the class's method again


def ipc_kernel_manager(folder: Path) -> type[AsyncKernelManager]:
    """A kernel manager talking over Unix sockets in `folder`.

    TCP kernels pick free ports by binding and releasing them, which races when
    several periods run at once; IPC sockets in a private folder cannot collide
    (and the kernel does not warn about unencrypted TCP on the analyst's screen).
    """
    class IPCKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            kwargs.setdefault("transport", "ipc")
            kwargs.setdefault("ip", str(folder / "kernel"))
            kwargs.setdefault("client_factory", ReadyClient)
            super().__init__(**kwargs)

        async def _async_wait(self, pollinterval: float = REAP_POLL) -> None:
            # a killed kernel exits within milliseconds; polling every 0.1 s kept the build waiting for nothing
            await super()._async_wait(pollinterval=min(pollinterval, REAP_POLL))

        async def _async_start_kernel(self, **kw):
            # the kernel's own log lines (start-up, interrupt at shutdown) are not for the analyst
            kw.setdefault("stderr", (folder / "kernel.log").open("ab"))
            return await super()._async_start_kernel(**kw)

        start_kernel = _async_start_kernel

    return IPCKernelManager


def _shelf() -> dict[Path, tuple[AsyncKernelManager, Path]]:
    shelf = getattr(_local, "shelf", None)
    return shelf if shelf is not None else {}


class NotebookKernel:
    """One kernel for one notebook run: started by `start`, stopped by `close` (or leaving the `with` block).

    Start and execution must happen in the same thread (the manager lives on that thread's event loop).
    """

    def __init__(self, notebook: Path) -> None:
        self.notebook = notebook
        self.folder = Path(tempfile.mkdtemp(prefix="tthc-kernel-"))
        self.manager: AsyncKernelManager | None = None
        self._handed_over = False

    @property
    def log(self) -> Path:
        return self.folder / "kernel.log"

    def start(self) -> NotebookKernel:
        if self.manager is None:
            kept = _shelf().pop(self._key, None) or (getattr(_local, "early", None) or {}).pop(self._key, None)
            if kept is not None and kept[0].has_kernel:  # reset when it was kept: ready for this run
                shutil.rmtree(self.folder, ignore_errors=True)
                self.manager, self.folder = kept
                self._handed_over = False
                return self
            if kept is not None:
                _stop(*kept)
            manager = ipc_kernel_manager(self.folder)(kernel_name=KERNEL_NAME)
            modules = notebook_imports(self.notebook)
            extra = [f"--IPKernelApp.exec_lines={warm_up_line(modules)}"] if modules else []
            run_sync(manager.start_kernel)(extra_arguments=extra)
            self.manager = manager
        return self

    @property
    def _key(self) -> Path:
        return self.notebook.resolve()

    def log_tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-1500:] if self.log.is_file() else ""

    def close(self, reuse: bool = True) -> None:
        """Stop the kernel at once (it has nothing left to save) and remove its sockets; inside
        `reused_kernels()`, with `reuse`, reset it and hand it to the thread's next run instead."""
        manager, self.manager = self.manager, None
        if manager is None:
            if not self._handed_over:
                shutil.rmtree(self.folder, ignore_errors=True)
            return
        shelf = getattr(_local, "shelf", None)
        if reuse and shelf is not None and self._key not in shelf and manager.has_kernel and reset_kernel(manager):
            shelf[self._key] = (manager, self.folder)
            self._handed_over = True  # the folder holds the kept kernel's sockets and log now
            return
        _stop(manager, self.folder)

    def __enter__(self) -> NotebookKernel:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close(reuse=kind is None)  # a failed run's kernel is not kept
