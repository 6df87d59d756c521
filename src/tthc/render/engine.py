"""Execute a report notebook with papermill and render it with Quarto or pandoc.

Both engines start from the same executed notebook: papermill runs the code,
the renderer only converts. Quarto is used when installed (engine "auto") or
asked for; pandoc comes from the pypandoc-binary wheel so it is always there.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from enum import StrEnum
from importlib import resources
from pathlib import Path

import pypandoc

from tthc.period import Period
from tthc.render.errors import RenderError
from tthc.render.kernel import NotebookKernel, ipc_kernel_manager

__all__ = ["Engine", "RenderError", "check_parameters", "execute_notebook", "ipc_kernel_manager", "pandoc_docx",
           "pandoc_html", "quarto_render", "resolve_engine"]

FILTERS = ("notebook_outputs.lua", "conditional_content.lua", "html_tables.lua")


class Engine(StrEnum):
    AUTO = "auto"
    QUARTO = "quarto"
    PANDOC = "pandoc"


def quarto_executable() -> str | None:
    return shutil.which("quarto")


def resolve_engine(requested: Engine) -> Engine:
    if requested is Engine.QUARTO and quarto_executable() is None:
        raise RenderError("không tìm thấy Quarto (lệnh 'quarto'); cài Quarto hoặc dùng --engine pandoc")
    if requested is Engine.AUTO:
        return Engine.QUARTO if quarto_executable() else Engine.PANDOC
    return requested


def pandoc_version() -> str:
    return pypandoc.get_pandoc_version()


def quarto_version() -> str | None:
    path = quarto_executable()
    if path is None:
        return None
    return subprocess.run([path, "--version"], capture_output=True, text=True, check=False).stdout.strip() or None


def filter_path(name: str) -> Path:
    return Path(str(resources.files("tthc.render") / "filters" / name))


def __getattr__(name: str):
    """`engine.papermill`, imported on first use: papermill and nbclient cost half a second, paid while the
    kernel boots rather than before it starts (callers and tests may still patch it here)."""
    if name == "papermill":
        import papermill

        return papermill
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def check_parameters(notebook: Path, parameters: dict[str, str]) -> None:
    """Refuse what the notebook does not declare, and values that are not what their names say.

    papermill only warns about unknown names and injects values as code, so every
    value is checked here first: periods must parse, folders and files must exist.
    """
    import papermill

    declared = papermill.inspect_notebook(str(notebook))
    unknown = sorted(set(parameters) - set(declared))
    if unknown:
        raise RenderError(f"sổ tính {notebook.name} không có tham số: {', '.join(unknown)}")
    for name, value in parameters.items():
        if not isinstance(value, str) or any(ord(ch) < 32 for ch in value):
            raise RenderError(f"tham số {name} không hợp lệ: {value!r}")
        if name == "period" or name.startswith("period_"):
            try:
                Period.parse(value)
            except ValueError as exc:
                raise RenderError(f"tham số {name}: {exc}") from None
        if name.endswith("_dir") and not Path(value).is_dir():
            raise RenderError(f"tham số {name}: không có thư mục {value}")
        if name.endswith("_file") and value and not Path(value).is_file():
            raise RenderError(f"tham số {name}: không có tệp {value}")


def execute_notebook(notebook: Path, output: Path, parameters: dict[str, str],
                     kernel: NotebookKernel | None = None, on_start: Callable[[], None] | None = None,
                     on_cell: Callable[[dict], None] | None = None) -> None:
    """Run the notebook with papermill, on `kernel` when the caller started one early (it is closed here).

    `on_start` is called once, when the kernel is ready and the cells are about to run: from there until the
    last cell this process only waits, so a caller starts there what can run meanwhile (it must return at once).
    `on_cell` is called with each cell once it has run, its outputs in it (it must return at once too).

    No `cwd` is passed, because papermill would chdir the whole process and break relative paths in the
    other threads of a parallel build (parameters are absolute). The executed notebook is written once,
    when it has run (papermill's default rewrites the whole file before and after every cell); a failed run
    still writes it, with the error marked, before raising.
    """
    import papermill

    check_parameters(notebook, parameters)
    with kernel or NotebookKernel(notebook) as running:
        try:
            papermill.execute_notebook(
                str(notebook), str(output), parameters=parameters, kernel_name="python3",
                progress_bar=False, log_output=False, report_mode=True, km=running.start().manager,
                request_save_on_cell_execute=False,  # written once at the end, not after every cell
                on_notebook_start=(lambda notebook: on_start()) if on_start else None,  # nbclient's hooks
                on_cell_executed=(lambda cell, **_: on_cell(cell)) if on_cell else None,
            )
        except papermill.PapermillExecutionError as exc:
            raise RenderError(f"sổ tính {notebook.name} lỗi khi chạy ô số {exc.exec_count}: "
                              f"{exc.ename}: {exc.evalue}") from exc
        except RuntimeError as exc:  # the kernel died or did not start: its log says why
            raise RenderError(f"không chạy được sổ tính {notebook.name}: {exc}\n{running.log_tail()}") from exc


def run_pandoc(args: list[str], cwd: Path) -> None:
    completed = subprocess.run([pypandoc.get_pandoc_path(), *args], cwd=cwd, capture_output=True, text=True,
                               check=False, env={**os.environ, "LANG": "C.UTF-8"})
    if completed.returncode != 0:
        raise RenderError(f"pandoc lỗi (mã {completed.returncode}): {completed.stderr.strip()[:2000]}")


def pandoc_docx(executed: Path, output: Path, workdir: Path) -> Path:
    from tthc.render.docx.gt_tables import write_word_notebook

    executed, output, workdir = executed.resolve(), output.resolve(), workdir.resolve()
    source = write_word_notebook(executed, workdir / executed.name)  # the annexes already Word tables
    return docx_of_notebook(source, output, workdir)


def docx_of_notebook(source: Path, output: Path, workdir: Path) -> Path:
    """pandoc and the ND 30 post-processing on a notebook as it is given (HTML tables read by pandoc itself)."""
    from tthc.render.docx_postprocess import postprocess_docx
    from tthc.render.reference_docx import cached_reference_docx

    reference = cached_reference_docx(workdir / "reference.docx")
    args = [str(source), "--from", "ipynb", "--ipynb-output=all", "--to", "docx", "--output", str(output),
            "--reference-doc", str(reference)]
    for name in FILTERS:
        args += ["--lua-filter", str(filter_path(name))]
    run_pandoc(args, cwd=workdir)
    postprocess_docx(output)
    return output


def pandoc_html(executed: Path, output: Path, workdir: Path, title: str) -> Path:
    from tthc.render.html_assets import insert_vega_bundle, pandoc_html_arguments

    executed, output, workdir = executed.resolve(), output.resolve(), workdir.resolve()
    args = [str(executed), "--from", "ipynb", "--ipynb-output=all", "--to", "html5", "--output", str(output)]
    for name in FILTERS:
        args += ["--lua-filter", str(filter_path(name))]
    args += [*pandoc_html_arguments(workdir), "--metadata", f"pagetitle={title}", "--toc", "--toc-depth=2",
             "--metadata", "toc-title=Mục lục", "--metadata", "lang=vi"]
    run_pandoc(args, cwd=workdir)
    insert_vega_bundle(output)
    return output


def quarto_render(executed: Path, output: Path, fmt: str, workdir: Path, title: str) -> Path:
    """`quarto render` of the executed notebook in a private project folder built from _quarto.yml.

    The render options travel in the notebook's own front matter (see :mod:`tthc.render.quarto_assets`),
    so they apply whatever the project's render list says.
    """
    from tthc.render.quarto_assets import prepare_quarto_project, write_quarto_notebook

    project = prepare_quarto_project(workdir, executed.name)
    source = write_quarto_notebook(executed, project / executed.name, fmt, title)
    quarto = quarto_executable()
    assert quarto is not None  # resolve_engine chose Quarto because it is installed
    command = [quarto, "render", source.name, "--to", fmt, "--no-execute"]
    completed = subprocess.run(command, cwd=project, capture_output=True, text=True, check=False)
    if completed.returncode != 0:
        raise RenderError(f"quarto render lỗi (mã {completed.returncode}): {completed.stderr.strip()[:2000]}")
    produced = project / f"{source.stem}.{fmt}"
    if not produced.is_file():
        raise RenderError(f"quarto render không tạo ra tệp {produced.name}")
    shutil.move(produced, output)
    if fmt == "docx":
        from tthc.render.docx_postprocess import postprocess_docx

        postprocess_docx(output)
    return output
