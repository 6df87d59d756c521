"""A kernel kept between runs (the site build's workers) gives the notebook a fresh kernel would give."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from tthc.render import kernel as kernel_module
from tthc.render.engine import RenderError, execute_notebook
from tthc.render.kernel import NotebookKernel, prestart, reused_kernels

CELLS = [
    "x: str = 'a'",
    "import os\npid = os.getpid()\ny = x * 2\nprint(y)\n'left_over' in dir()",
    "left_over = 1\ny",
]


def notebook(folder: Path, cells: list[str] = CELLS) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(cells[0], metadata={"tags": ["parameters"]}),
                *(nbformat.v4.new_code_cell(c) for c in cells[1:])]
    nb.metadata["kernelspec"] = {"name": "python3", "language": "python", "display_name": "Python 3"}
    path = folder / "n.ipynb"
    nbformat.write(nb, path)
    return path


def outputs(path: Path) -> list[tuple[int | None, list]]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return [(c.get("execution_count"), c.get("outputs")) for c in cells if c["cell_type"] == "code"]


def kernel_pid(path: Path) -> str:
    """The kernel's process id, which the second cell keeps in `pid` (printed by a later run's cell)."""
    return json.loads(path.read_text(encoding="utf-8"))["cells"][-1]["outputs"][0]["text"][0]


def test_runs_on_a_kept_kernel_equal_a_fresh_kernel_s_run(tmp_path: Path) -> None:
    source = notebook(tmp_path)
    execute_notebook(source, tmp_path / "fresh.ipynb", {"x": "b"})
    with reused_kernels():
        for index in range(3):
            execute_notebook(source, tmp_path / f"kept-{index}.ipynb", {"x": "b"})
    fresh = outputs(tmp_path / "fresh.ipynb")
    assert fresh[2][1][1]["data"]["text/plain"] == ["False"]  # nothing of an earlier run is left
    assert [c[0] for c in fresh] == [1, 2, 3, 4]
    for index in range(3):
        assert outputs(tmp_path / f"kept-{index}.ipynb") == fresh


def test_one_kernel_serves_the_runs_of_a_thread(tmp_path: Path) -> None:
    source = notebook(tmp_path, [*CELLS, "print(pid)"])
    with reused_kernels():
        for index in range(2):
            execute_notebook(source, tmp_path / f"kept-{index}.ipynb", {"x": "b"})
    for index in range(2):
        execute_notebook(source, tmp_path / f"fresh-{index}.ipynb", {"x": "b"})
    kept = {kernel_pid(tmp_path / f"kept-{index}.ipynb") for index in range(2)}
    fresh = {kernel_pid(tmp_path / f"fresh-{index}.ipynb") for index in range(2)}
    assert len(kept) == 1
    assert len(fresh) == 2


def test_a_failed_run_s_kernel_is_not_kept_and_kept_kernels_stop_with_the_block(tmp_path: Path) -> None:
    failing = notebook(tmp_path, ["x: str = 'a'", "raise ValueError(x)"])
    kernel = NotebookKernel(failing)
    with reused_kernels():
        with pytest.raises(RenderError, match="ValueError"):
            execute_notebook(failing, tmp_path / "failed.ipynb", {"x": "b"}, kernel)
        assert not kernel.folder.exists()  # stopped and removed, not kept
        (tmp_path / "good").mkdir()
        good = notebook(tmp_path / "good")
        runner = NotebookKernel(good)
        execute_notebook(good, tmp_path / "good.ipynb", {"x": "b"}, runner)
        kept_folder = runner.folder
        assert kept_folder.exists()  # kept for the next run of this notebook
    assert not kept_folder.exists()  # the block stopped it


def test_a_kernel_started_early_serves_the_next_run_of_its_notebook(tmp_path: Path) -> None:
    source = notebook(tmp_path, [*CELLS, "print(pid)"])
    prestart(source)
    [(_, early_folder)] = kernel_module._local.early.values()
    kernel = NotebookKernel(source).start()
    assert kernel.folder == early_folder  # the early kernel, not a new one
    assert not kernel_module._local.early
    execute_notebook(source, tmp_path / "early.ipynb", {"x": "b"}, kernel)
    execute_notebook(source, tmp_path / "fresh.ipynb", {"x": "b"})
    assert outputs(tmp_path / "early.ipynb")[:3] == outputs(tmp_path / "fresh.ipynb")[:3]
    assert not kernel.folder.exists()  # used once and stopped (no reused_kernels block)


def test_a_kernel_started_early_and_never_used_stops_with_the_process(tmp_path: Path) -> None:
    source = notebook(tmp_path)
    code = ("import sys; from pathlib import Path; from tthc.render import kernel as k; "
            "k.prestart(Path(sys.argv[1])); [(m, folder)] = k._local.early.values(); "
            "print(folder, m.provisioner.process.pid, flush=True)")
    completed = subprocess.run([sys.executable, "-c", code, str(source)], capture_output=True, text=True,
                               check=True, timeout=120)
    folder, pid = completed.stdout.split()
    assert not Path(folder).exists()
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid), 0)
