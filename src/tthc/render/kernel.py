"""A notebook kernel started before the build needs it, with the notebook's imports already paid.

papermill starts its kernel only when execution begins, and the kernel then spends its first cell importing
polars, great-tables and Altair. Started at the beginning of a build instead, the kernel boots and imports in
its own process while the build validates the inputs on the other core; papermill then runs the real
notebook, every cell of it, on this kernel. The imports run before the kernel serves (IPython's
`exec_lines`, outside the history): they bind no name in the notebook's namespace and take no execution
count, so the executed notebook is the one a fresh kernel gives.
"""

from __future__ import annotations

import ast
import json
import shutil
import tempfile
from pathlib import Path
from types import TracebackType

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import run_sync

KERNEL_NAME = "python3"


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
            super().__init__(**kwargs)

        async def _async_start_kernel(self, **kw):
            # the kernel's own log lines (start-up, interrupt at shutdown) are not for the analyst
            kw.setdefault("stderr", (folder / "kernel.log").open("ab"))
            return await super()._async_start_kernel(**kw)

        start_kernel = _async_start_kernel

    return IPCKernelManager


class NotebookKernel:
    """One kernel for one notebook run: started by `start`, stopped by `close` (or leaving the `with` block).

    Start and execution must happen in the same thread (the manager lives on that thread's event loop).
    """

    def __init__(self, notebook: Path) -> None:
        self.notebook = notebook
        self.folder = Path(tempfile.mkdtemp(prefix="tthc-kernel-"))
        self.manager: AsyncKernelManager | None = None

    @property
    def log(self) -> Path:
        return self.folder / "kernel.log"

    def start(self) -> NotebookKernel:
        if self.manager is None:
            manager = ipc_kernel_manager(self.folder)(kernel_name=KERNEL_NAME)
            modules = notebook_imports(self.notebook)
            extra = [f"--IPKernelApp.exec_lines={warm_up_line(modules)}"] if modules else []
            run_sync(manager.start_kernel)(extra_arguments=extra)
            self.manager = manager
        return self

    def log_tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-1500:] if self.log.is_file() else ""

    def close(self) -> None:
        """Stop the kernel at once (it has nothing left to save) and remove its sockets."""
        manager, self.manager = self.manager, None
        try:
            if manager is not None and manager.has_kernel:
                run_sync(manager.shutdown_kernel)(now=True)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> NotebookKernel:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
