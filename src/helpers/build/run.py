"""Run one report: execute its notebook with papermill and render it as HTML."""

from __future__ import annotations

import sys
from pathlib import Path

from helpers import paths
from helpers.build.parameters import OUTPUT_PARAMETERS, declared
from helpers.build.record import input_hashes, package_versions
from helpers.build.registry import ReportSpec
from helpers.errors import BuildError, KernelStartError

# jsonschema, under nbformat and papermill, imports rfc3987-syntax when it is installed (jupyterlab brings it),
# and that package builds a parser grammar on import: about 3 s in every process that reads a notebook. The
# notebook schemas check no IRI format, which is all it is for, so the build runs without it.
sys.modules.setdefault("rfc3987_syntax", None)

KERNEL = "jhn"  # the project's own kernelspec, installed into .venv by the build
KERNEL_ARGUMENTS = ("--IPKernelApp.log_level=CRITICAL",)
# Seconds a kernel has to start and answer (papermill's default); past it the build stops with a message.
KERNEL_START_TIMEOUT = 60


def kernel_start_error(err: Exception) -> KernelStartError:
    """Say, in one line, that a build kernel did not start, why, and what to do."""
    return KernelStartError(
        f"the build's Jupyter kernel did not start, or did not answer within {KERNEL_START_TIMEOUT} s ({err}); "
        "the machine may be "
        "overloaded or the kernel broken: check that `.venv/bin/python -m helpers kernel` works, then build again "
        "(with --jobs 1 on a busy machine)"
    )


def ensure_kernel() -> str:
    """Install (or refresh) the project's kernelspec in this environment and return its name.

    The kernel runs this environment's Python with a fixed hash seed, and
    logs only critical errors: ipykernel otherwise warns about its loopback
    TCP, and logs "KeyboardInterrupt caught in kernel" when it is shut down
    after its last cell. A failing cell reaches the build through papermill,
    not through the kernel's log.
    """
    import json
    import tempfile

    from ipykernel.kernelspec import write_kernel_spec
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    wanted = {"display_name": "Python (济宁高新区 report)", "env": {"PYTHONHASHSEED": "0"}}
    manager = KernelSpecManager()
    try:
        spec = manager.get_kernel_spec(KERNEL)
        if spec.argv[0] == sys.executable and spec.env == wanted["env"] and set(KERNEL_ARGUMENTS) <= set(spec.argv):
            return KERNEL
    except NoSuchKernel:
        pass
    with tempfile.TemporaryDirectory() as tmp:
        path = write_kernel_spec(Path(tmp) / KERNEL, overrides=wanted, extra_arguments=list(KERNEL_ARGUMENTS))
        json.loads((Path(path) / "kernel.json").read_text())  # fail here, not in a kernel, if it is malformed
        manager.install_kernel_spec(str(path), KERNEL, prefix=sys.prefix)
    return KERNEL


def resolved_parameters(notebook: Path, overrides: dict) -> dict:
    """Return the notebook's parameters: its defaults updated by ``overrides``."""
    values = {name: spec["default"] for name, spec in declared(notebook).items()}
    values.update({k: repr(v) for k, v in overrides.items()})
    return {k: v for k, v in values.items() if k not in OUTPUT_PARAMETERS}


# One kernel per build worker, reused from report to report (as Quarto's Jupyter daemon keeps
# kernels warm): starting a kernel and importing pandas, matplotlib and the helpers costs about
# 2 s per report, more than most year reviews' cells. Between reports the kernel is brought
# back to the state of a fresh one: its namespace emptied, figures closed, matplotlib's settings
# restored to those it started with, the execution counter reset (tests/test_build.py checks
# that reports are the same bytes as from fresh kernels).
WARM_KERNELS: dict = {}

# The fresh state is kept on the shell object, out of the namespace that %reset empties.
_FRESH_STATE = """
import matplotlib, matplotlib.pyplot
get_ipython().jhn_fresh_rc = dict(matplotlib.rcParams)
get_ipython().execution_count = 1
"""
_RESET = """
import matplotlib, matplotlib.pyplot
matplotlib.pyplot.close("all")
matplotlib.rcParams.update(get_ipython().jhn_fresh_rc)
get_ipython().run_line_magic("reset", "-f")
get_ipython().execution_count = 1
"""


def enable_warm_kernels() -> None:
    """Reuse one kernel per process for every report it runs (the initializer of each build worker).

    The kernel is shut down when the worker exits (a multiprocessing finaliser);
    if the worker is killed, the kernel exits on its own when it sees its parent gone.
    """
    from multiprocessing import util

    _die_with_parent()
    WARM_KERNELS.clear()
    WARM_KERNELS["enabled"] = True
    util.Finalize(None, stop_warm_kernel, exitpriority=10)


def _die_with_parent() -> None:
    """Ask Linux to kill this worker when the build process dies, however it dies (kill -9 included).

    Elsewhere nothing is asked; a kernel exits on its own when it sees its parent gone.
    """
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def warm_kernel():
    """Return this process's kernel, started and snapshotted on first use, reset to a fresh state otherwise."""
    km = WARM_KERNELS.get("km")
    if km is not None and km.is_alive():
        _run_quietly(km, _RESET)
        return km
    km = _start_kernel()
    WARM_KERNELS["km"] = km
    return km


def _start_kernel(attempts: int = 2):
    """Start a kernel and snapshot its fresh state; try again once if it dies or does not answer.

    jupyter_client picks free ports before the kernel binds them, so another
    program (another build on the machine) can take one in between, and the
    kernel dies with "Address already in use": a second start picks new ports.
    """
    from jupyter_client.manager import KernelManager

    failure = None
    for _ in range(attempts):
        km = KernelManager(kernel_name=ensure_kernel())
        try:
            km.start_kernel(cwd=str(paths.NOTEBOOKS))
            _run_quietly(km, _FRESH_STATE)
            return km
        except (RuntimeError, TimeoutError) as err:  # "Kernel didn't respond in 60 seconds", "Kernel died before…"
            if km.has_kernel:
                km.shutdown_kernel(now=True)
            failure = err
    raise kernel_start_error(failure) from failure


def _run_quietly(km, code: str) -> None:
    client = km.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=KERNEL_START_TIMEOUT)
        reply = client.execute_interactive(
            code, silent=True, store_history=False, timeout=60, output_hook=lambda m: None
        )
        if reply["content"]["status"] != "ok":
            raise BuildError(f"could not reset the build kernel: {reply['content'].get('evalue', '')}")
    finally:
        client.stop_channels()


def stop_warm_kernel() -> None:
    """Shut this process's kernel down (at the end of a worker's life)."""
    km = WARM_KERNELS.pop("km", None)
    if km is not None and km.is_alive():
        km.shutdown_kernel(now=True)


def execute(spec: ReportSpec, parameters: dict, work_dir: Path) -> Path:
    """Execute one notebook with papermill and return the executed notebook's path.

    Raises
    ------
    BuildError
        If a cell fails; the message names the executed notebook and the cell.
    """
    import nbformat  # slow to import (~1.5 s): only when a notebook actually runs
    import papermill

    executed = work_dir / "executed" / f"{spec.key}.ipynb"
    executed.parent.mkdir(parents=True, exist_ok=True)
    reuse = {"km": warm_kernel()} if WARM_KERNELS.get("enabled") else {}
    try:
        papermill.execute_notebook(
            str(spec.notebook),
            str(executed),
            parameters=parameters,
            kernel_name=ensure_kernel(),
            cwd=str(paths.NOTEBOOKS),
            progress_bar=False,
            log_output=False,
            start_timeout=KERNEL_START_TIMEOUT,
            **reuse,
        )
    except RuntimeError as err:
        # nbclient raises a bare RuntimeError when a fresh kernel does not answer in time
        if "didn't respond" in str(err):
            raise kernel_start_error(err) from err
        raise
    except papermill.PapermillExecutionError as err:
        raise BuildError(
            f"{spec.key}: cell {err.cell_index} failed with {err.ename}: {err.evalue}\n"
            f"  executed notebook kept for inspection: {executed}"
        ) from None
    nb = nbformat.read(executed, as_version=4)
    for index, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("name") == "stderr" and "missing from font" in out.get("text", ""):
                raise BuildError(
                    f"{spec.key}: cell {index} drew a character missing from the font: {out['text'].strip()}"
                )
    return executed


def render(
    spec: ReportSpec,
    executed: Path,
    parameters: dict,
    raw_dir: Path,
    manifest: Path,
    raw_files: list[str] | None = None,
) -> str:
    """Render an executed notebook into the report's HTML; its run record hashes ``raw_files`` (default all)."""
    import nbformat

    from helpers.report.render import clean_notebook, notebook_body, page

    nb = clean_notebook(nbformat.read(executed, as_version=4))
    record = {
        "parameters": parameters,
        "inputs": input_hashes(raw_dir, manifest, spec.notebook, spec.lexicons, parameters, raw_files),
        "packages": package_versions(),
    }
    return page(spec.title, notebook_body(nb), record, home=spec.home)
