"""Running one notebook: papermill with a kernel over private socket files, a cell timeout, and a
notebook kept with its error when a cell fails, times out or the kernel dies."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from analysis import config
from analysis.report.export import export_html
from analysis.report.paths import inside
from analysis.wording import plural

# ---------------------------------------------------------------------------------------------
# Running notebooks


@dataclass
class Job:
    club_slug: str
    notebook: str  # template name in notebooks/
    output_name: str  # name of the executed notebook in the club folder
    parameters: dict
    title: str
    page: str | None = None  # name of its HTML page, when not output_name (the market watch's is index)


@dataclass
class Outcome:
    job: Job
    ok: bool
    seconds: float
    error: str | None = None
    files: list[Path] = field(default_factory=list)
    notebook: object = None  # the executed notebook node, until exported
    new_kernel: bool = False  # this notebook started its worker's kernel (and paid for the imports)
    cell_seconds: list[float] = field(default_factory=list)  # each of its own code cells' run time (papermill's)
    export_seconds: float = 0.0


def kernel_transport(folder: str) -> dict:
    """papermill arguments for a kernel that talks over socket files in `folder` (a fresh, private
    one per kernel) instead of TCP ports.

    Over TCP, each kernel is handed ports that were free a moment before; two kernels starting at
    once (two workers, or an analyst's JupyterLab beside a scheduled run) can be handed the same one,
    and the loser dies with "Kernel died before replying to kernel_info". Socket files in a private
    folder cannot collide. Where zmq has no socket files (Windows), TCP it is."""
    if os.name != "posix":
        return {}
    return {"kernel_manager_class": _socket_file_manager(folder)}


def _socket_file_manager(folder: str):
    from jupyter_client import AsyncKernelManager
    from traitlets import default

    class SocketFileKernelManager(AsyncKernelManager):
        @default("transport")
        def _transport_default(self) -> str:
            return "ipc"

        @default("ip")
        def _ip_default(self) -> str:  # jupyter_client's own default is relative to the kernel's cwd
            return os.path.join(folder, "kernel")

    return SocketFileKernelManager


class WarmKernel:
    """A worker's python3 kernel, and the client talking to it, kept from one notebook to the next.

    Starting a kernel and importing pandas, plotly, duckdb and the package cost more than most of
    our notebooks' own work, and so does a new client (jupyter_client waits for the kernel's output
    channel to stay quiet for 0.2 s before it hands one over): see README, "Where a report's time
    goes". So a worker pays for them once. Each notebook still starts as in a new kernel (empty
    namespace, execution count 1, papermill's working directory): see FRESH_START. Any failure (an
    error, a cell past its timeout, a dead kernel) discards the kernel, so the next notebook gets a
    new one and nothing a failed notebook left behind can reach it."""

    def __init__(self) -> None:
        from jupyter_client import AsyncKernelManager

        self.sockets = tempfile.mkdtemp(prefix="transfer-radar-kernel-")
        manager = _socket_file_manager(self.sockets) if os.name == "posix" else AsyncKernelManager
        self.manager = manager(kernel_name="python3")
        self.client = None  # made by nbclient for the first notebook, then kept

    def discard(self) -> None:
        from jupyter_core.utils import run_sync

        with contextlib.suppress(Exception):  # already gone: nothing to stop
            if self.client is not None:
                self.client.stop_channels()
            if self.manager.has_kernel:
                run_sync(self.manager.shutdown_kernel)(now=True)
        self.client = None
        shutil.rmtree(self.sockets, ignore_errors=True)


_warm: WarmKernel | None = None


def _warm_kernel() -> WarmKernel:
    global _warm
    if _warm is None:
        from multiprocessing.util import Finalize

        _warm = WarmKernel()
        Finalize(None, _discard_warm_kernel, exitpriority=10)  # at the worker's exit, the kernel goes too
    return _warm


def _discard_warm_kernel() -> None:
    global _warm
    if _warm is not None:
        _warm.discard()
        _warm = None


# Run silently before each notebook: the user namespace as a new kernel has it (imported modules
# stay loaded, which is the point), execution count 1, and the working directory papermill set.
# IPython's reset ends with a full garbage collection, a fifth of a second with pandas and plotly
# loaded, paid on every notebook; Python's own collector runs as usual instead.
FRESH_START = """
def __transfer_radar_fresh_start(cwd):
    import gc, os
    os.chdir(cwd)
    collect = gc.collect
    gc.collect = lambda *args, **kwargs: 0
    try:
        get_ipython().reset(new_session=True)
    finally:
        gc.collect = collect
__transfer_radar_fresh_start({cwd!r})
"""


@functools.cache
def _engine() -> str:
    """papermill's nbclient engine on a kept kernel (WarmKernel), and a cell running past its
    timeout, or a kernel that dies, fails the notebook as any error does: shown on the cell that was
    running, and the notebook saved. Plain papermill would raise past the save and lose the notebook."""
    import nbformat
    from jupyter_core.utils import run_sync
    from nbclient.exceptions import CellTimeoutError, DeadKernelError
    from papermill.clientwrap import PapermillNotebookClient
    from papermill.engines import NBClientEngine, papermill_engines
    from papermill.log import logger
    from papermill.utils import merge_kwargs, remove_args

    class FreshNamespaceClient(PapermillNotebookClient):
        async def _fresh_start(self) -> None:
            assert self.kc is not None
            msg_id = self.kc.execute(FRESH_START.format(cwd=os.getcwd()), silent=True, store_history=False)
            reply = await self.async_wait_for_reply(msg_id)
            if not reply or reply["content"].get("status") != "ok":
                raise DeadKernelError("the kept kernel could not be made ready for the next notebook")

        def papermill_execute_cells(self):
            run_sync(self._fresh_start)()
            super().papermill_execute_cells()

    class KeepStoppedNotebooks(NBClientEngine):
        @classmethod
        def execute_managed_notebook(
            cls,
            nb_man,
            kernel_name,
            log_output=False,
            stdout_file=None,
            stderr_file=None,
            start_timeout=60,
            execution_timeout=None,
            warm: WarmKernel | None = None,
            **kwargs,
        ):
            # as papermill's NBClientEngine, with our client, on the kept kernel and its client
            kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
            client = FreshNamespaceClient(
                nb_man,
                km=warm.manager if warm else None,
                **merge_kwargs(
                    kwargs,
                    timeout=execution_timeout,
                    startup_timeout=start_timeout,
                    kernel_name=kernel_name,
                    log=logger,
                    log_output=log_output,
                    stdout_file=stdout_file,
                    stderr_file=stderr_file,
                ),
            )
            if warm is not None and warm.client is not None and warm.manager.has_kernel:
                client.kc = warm.client
            try:
                return client.execute()
            except (CellTimeoutError, DeadKernelError) as exc:
                started = [c for c in nb_man.nb.cells if c.get("metadata", {}).get("papermill", {}).get("start_time")]
                if not started:
                    raise
                reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "the kernel stopped"
                started[-1].outputs.append(
                    nbformat.v4.new_output(
                        "error", ename=type(exc).__name__, evalue=reason, traceback=[f"{type(exc).__name__}: {reason}"]
                    )
                )
                nb_man.cell_exception(started[-1])
            finally:
                if warm is not None:
                    warm.client = client.kc  # kept for the next notebook (discarded with the kernel on failure)

    papermill_engines.register("transfer-radar", KeepStoppedNotebooks)
    return "transfer-radar"


def run_job(job: Job, out_root: str, cell_timeout: int | None = None) -> Outcome:
    """Executes one notebook (in a worker); any failure, a cell running past `cell_timeout` seconds
    included, is caught and reported, never raised. The executed notebook comes back with the
    outcome, for the main process to export."""
    import papermill

    started = time.perf_counter()
    executed = inside(Path(out_root), job.club_slug, f"{job.output_name}.ipynb")
    error, notebook = None, None
    kernel = _warm_kernel()
    new_kernel = kernel.client is None
    try:
        notebook = papermill.execute_notebook(
            str(config.NOTEBOOKS_DIR / f"{job.notebook}.ipynb"),
            str(executed),
            parameters=job.parameters,
            kernel_name="python3",
            engine_name=_engine(),
            progress_bar=False,
            cwd=str(config.NOTEBOOKS_DIR),
            request_save_on_cell_execute=False,  # saved once at the end (also on failure), not per cell
            execution_timeout=cell_timeout,  # a scheduled run must end, even if a cell never does
            warm=kernel,
        )
    except Exception as exc:  # papermill keeps the executed notebook with the failing cell marked
        error = _short_error(exc)
        _discard_warm_kernel()  # whatever state it was left in, the next notebook gets a new kernel
    files = [executed] if executed.exists() else []
    cells = [  # the notebook's own cells: the parameters and papermill's injected ones aside
        float(c.metadata.get("papermill", {}).get("duration") or 0.0)
        for c in (notebook.cells if notebook is not None else [])
        if c.cell_type == "code" and not {"parameters", "injected-parameters"} & set(c.metadata.get("tags", []))
    ]
    return Outcome(
        job,
        error is None,
        time.perf_counter() - started,
        error,
        files,
        notebook,
        new_kernel=new_kernel,
        cell_seconds=cells,
    )


def export_outcome(outcome: Outcome, out_root: Path) -> Outcome:
    """The executed notebook as HTML beside it (also a failed one: its error is what to read)."""
    if not outcome.files:
        return outcome
    page = inside(out_root, outcome.job.club_slug, f"{outcome.job.page or outcome.job.output_name}.html")
    started = time.perf_counter()
    try:
        outcome.files.append(export_html(outcome.notebook or outcome.files[0], page, outcome.job.title))
    except Exception as exc:
        outcome.ok, outcome.error = False, outcome.error or f"HTML export failed: {exc}"
    outcome.notebook = None  # exported: no need to hold it
    outcome.export_seconds = time.perf_counter() - started
    return outcome


def time_breakdown(outcomes: list[Outcome]) -> str:
    """Where a run's time per notebook went (medians over the notebooks that ran), for the log
    and `make bench`: the notebook's own cells (queries, figures, files), the first cell of a
    notebook that started a kernel (imports), kernel start and papermill's messaging around the
    cells, and the HTML export in the main process."""
    import statistics

    ran = [o for o in outcomes if o.ok and o.cell_seconds]
    if not ran:
        return "time per notebook: nothing ran"
    kept = [o for o in ran if not o.new_kernel] or ran
    fresh = [o for o in ran if o.new_kernel]

    def median(values) -> float:
        return statistics.median(values) if values else 0.0

    cells = median([sum(o.cell_seconds) for o in kept])
    messaging = median([o.seconds - sum(o.cell_seconds) for o in kept])
    start = median([o.seconds - sum(o.cell_seconds) for o in fresh]) - messaging
    imports = median([o.cell_seconds[0] for o in fresh]) - median([o.cell_seconds[0] for o in kept])
    return (
        f"time per notebook (median of {len(ran)}): {cells:.2f}s in its cells, {messaging:.2f}s papermill and "
        f"kernel messaging, {median([o.export_seconds for o in ran]):.2f}s HTML export (main process); "
        f"{plural(len(fresh), 'kernel start')}, {max(start, 0):.2f}s each plus {max(imports, 0):.2f}s of imports"
    )


def quiet_worker(log_path: str) -> None:
    """Kernels chatter on stderr (transport warnings, shutdown notices): into the run log with it,
    so the terminal and cron mail show only our progress and failures."""
    handle = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    os.dup2(handle, 2)
    os.close(handle)


def _short_error(exc: Exception) -> str:
    name = getattr(exc, "ename", type(exc).__name__)
    value = getattr(exc, "evalue", str(exc))
    return f"{name}: {value}".strip().splitlines()[0][:500]


def import_papermill() -> None:
    """Imports papermill once, before the workers fork, so none of them pays for it again.

    Through nbformat, jsonschema loads rfc3987_syntax, which builds an IRI grammar at import: about
    1 s, plus 0.2 s to tear down at exit, on every run (python-jsonschema/jsonschema#1428). Notebooks
    never use that format check, so it is left out while papermill loads, and only then. Later
    imports of rfc3987_syntax work as usual."""
    if "papermill" in sys.modules:
        return
    skipped = "rfc3987_syntax" not in sys.modules
    if skipped:
        sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import papermill  # noqa: F401
    finally:
        if skipped and sys.modules.get("rfc3987_syntax", False) is None:
            del sys.modules["rfc3987_syntax"]
