"""`make lab` for real: JupyterLab started through the Makefile, the interest intensity notebook opened
in headless Chromium, "Run All Cells" from the Run menu, and its plotly charts drawn in the output
area, with the browser talking to nobody but the local server."""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pytest

from analysis import config
from tests.browser.conftest import close_watched, open_watched
from tests.conftest import RawFolder

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PROJECT = config.PROJECT_ROOT
NOTEBOOK = "interest_intensity.ipynb"
SERVER_TIMEOUT = 90
RUN_TIMEOUT = 120


@dataclass
class Lab:
    port: int
    token: str
    notebooks: Path
    log: Path
    process: subprocess.Popen

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}?token={self.token}"

    def log_tail(self, lines: int = 40) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM the make/jupyter process group (the server then shuts its kernels down), then
    SIGKILL whatever is left after 20 s, including kernels, which jupyter_client starts in
    sessions of their own (so outside the group)."""
    import psutil

    try:
        family = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
    except psutil.NoSuchProcess:
        family = []
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    _, alive = psutil.wait_procs(family, timeout=20)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    for leftover in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            leftover.kill()
    psutil.wait_procs(alive, timeout=10)
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def lab_warehouse(tmp_path_factory) -> Path:
    folder = RawFolder(tmp_path_factory.mktemp("lab-data") / "raw")
    for kind in ("rumours", "contracts"):
        shutil.copy(config.RAW_DIR / kind / "article_2025-01-25.csv", folder.root / kind / "article_2025-01-25.csv")
    folder.ingest()
    assert folder.query("SELECT count(*) FROM rumours") == [(11,)]
    return folder.warehouse


@pytest.fixture(scope="module")
def jupyterlab(chromium_executable, lab_warehouse, tmp_path_factory) -> Lab:
    base = tmp_path_factory.mktemp("lab")
    notebooks = base / "notebooks"
    shutil.copytree(PROJECT / "notebooks", notebooks)
    home = base / "jupyter"  # no user settings, workspaces, kernels or runtime files leak in or out
    env = {
        **os.environ,
        "TRANSFER_RADAR_WAREHOUSE": str(lab_warehouse),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "lab-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "lab-workspaces"),
        "IPYTHONDIR": str(home / "ipython"),
    }
    port, token = _free_port(), secrets.token_hex(24)
    lab_args = [
        "--no-browser",
        f"--ServerApp.port={port}",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.token={token}",
        "--ServerApp.open_browser=False",
        "--LabApp.news_url=None",
        "--ServerApp.disable_check_xsrf=False",
    ]
    if os.geteuid() == 0:  # containers run tests as root; jupyter refuses root without this
        lab_args.append("--ServerApp.allow_root=True")
    log = base / "lab.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            # -o: `lab` depends on `setup`; never let a test pip-install into the shared venv
            [
                "make",
                "-o",
                ".venv/.installed-stamp",
                "-C",
                str(PROJECT),
                "lab",
                f"NOTEBOOK_DIR={notebooks}",
                f"LAB_ARGS={' '.join(lab_args)}",
            ],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    lab = Lab(port, token, notebooks, log, process)
    try:
        deadline = time.monotonic() + SERVER_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(f"`make lab` exited with {process.returncode}:\n{lab.log_tail()}")
            try:
                with urllib.request.urlopen(lab.url("/api/status"), timeout=2) as response:
                    if response.status == 200:
                        json.load(response)
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError, json.JSONDecodeError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not answer within {SERVER_TIMEOUT}s:\n{lab.log_tail()}")
            time.sleep(0.5)
        yield lab
    finally:
        _stop(process)


def _local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob") or parsed.hostname in ("127.0.0.1", "localhost")


# every URL that _local refuses: the route aborts these (and only these, see open_watched)
NOT_LOCAL = re.compile(r"^(?!(?:https?|wss?)://(?:127\.0\.0\.1|localhost)(?::\d+)?(?:[/?#]|$))(?!data:|blob:)")


EXECUTED = """() => {
  const prompts = Array.from(document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt'));
  const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
  return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent))
    && (!indicator || indicator.getAttribute('data-status') === 'idle');
}"""

CHARTS = """() => Array.from(document.querySelectorAll('.jp-OutputArea .js-plotly-plot')).map(gd => ({
  svgs: gd.querySelectorAll('.main-svg').length,
  traces: gd.querySelectorAll('.scatterlayer .trace, .barlayer .trace').length,
  heatmaps: gd.querySelectorAll('.heatmaplayer image').length,
  width: gd.getBoundingClientRect().width,
}))"""

ERRORS = """() => Array.from(document.querySelectorAll(
    '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'))
  .map(e => e.textContent).filter(t => /Traceback|Error/.test(t))"""


def _accept_kernel_dialog(page) -> bool:
    """If JupyterLab asks which kernel to use, take its default (the venv's Python 3)."""
    dialog = page.locator(".jp-Dialog").filter(has_text="Select Kernel")
    if dialog.count():
        dialog.locator(".jp-Dialog-button.jp-mod-accept").click()
        return True
    return False


def _give_up(page, what: str, timeout: float, lab: Lab, shots: Path, details: str = "") -> None:
    shot = shots / f"{re.sub(r'[^a-z0-9]+', '-', what.lower())}.png"
    page.screenshot(path=str(shot))
    pytest.fail(
        f"JupyterLab: {what} did not happen within {timeout:.0f}s (screenshot {shot}) {details}\n"
        f"server log:\n{lab.log_tail()}"
    )


def _wait(page, condition: str, timeout: float, what: str, lab: Lab, shots: Path) -> None:
    deadline = time.monotonic() + timeout
    while not page.evaluate(condition):
        _accept_kernel_dialog(page)
        if time.monotonic() > deadline:
            _give_up(page, what, timeout, lab, shots)
        page.wait_for_timeout(250)


def _kernel_of(lab: Lab, path: str) -> dict | None:
    """The server's kernel for the notebook's session, if there is one."""
    with urllib.request.urlopen(lab.url("/api/sessions"), timeout=5) as response:
        sessions = json.load(response)
    return next((s["kernel"] for s in sessions if s.get("path") == path and s.get("kernel")), None)


INDICATOR_IDLE = """() => {
  const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
  return !!indicator && indicator.getAttribute('data-status') === 'idle';
}"""


def _wait_for_kernel(page, frames: dict[str, int], lab: Lab, shots: Path, timeout: float = 60) -> str:
    """Until the notebook's session has a kernel on the server, idle, whose channels websocket in
    this page has carried messages, and the notebook shows it idle. (The toolbar says 'idle' even
    before there is a session; "Run All Cells" clicked then runs nothing.)"""
    deadline = time.monotonic() + timeout
    kernel = None
    while True:
        _accept_kernel_dialog(page)
        kernel = _kernel_of(lab, NOTEBOOK)
        if kernel and kernel.get("execution_state") == "idle":
            channel = f"/api/kernels/{kernel['id']}/channels"
            if any(channel in url and count > 0 for url, count in frames.items()) and page.evaluate(INDICATOR_IDLE):
                return kernel["id"]
        if time.monotonic() > deadline:
            _give_up(page, "kernel ready", timeout, lab, shots, f"(server kernel: {kernel}, websockets: {frames})")
        page.wait_for_timeout(250)


def test_make_lab_runs_the_notebook_and_draws_plotly_charts(browser, jupyterlab: Lab, tmp_path):
    on_disk = jupyterlab.notebooks / NOTEBOOK
    watched = open_watched(browser, _local, intercept=NOT_LOCAL, viewport={"width": 1400, "height": 1000})
    page = watched.page
    frames: dict[str, int] = {}  # websocket URL -> messages received

    def on_websocket(ws) -> None:
        frames.setdefault(ws.url, 0)
        ws.on("framereceived", lambda _payload: frames.__setitem__(ws.url, frames[ws.url] + 1))

    page.on("websocket", on_websocket)
    try:
        page.goto(jupyterlab.url(f"/lab/tree/{NOTEBOOK}"), wait_until="domcontentloaded")
        _wait(
            page,
            "() => document.querySelectorAll('.jp-Notebook .jp-Cell').length > 0",
            60,
            "notebook opened",
            jupyterlab,
            tmp_path,
        )
        kernel_id = _wait_for_kernel(page, frames, jupyterlab, tmp_path)

        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        _wait(
            page,
            "() => document.querySelectorAll('.jp-OutputArea .js-plotly-plot .main-svg').length > 0",
            RUN_TIMEOUT,
            "first chart drawn",
            jupyterlab,
            tmp_path,
        )
        _wait(page, EXECUTED, RUN_TIMEOUT, "all cells executed", jupyterlab, tmp_path)

        charts = page.evaluate(CHARTS)
        assert len(charts) >= 2, f"expected the intensity line chart and the heatmap, got {charts}"
        for chart in charts:
            assert chart["svgs"] >= 1 and chart["width"] > 300, chart
            assert chart["traces"] + chart["heatmaps"] >= 1, f"a chart with nothing plotted: {chart}"
        assert page.evaluate(ERRORS) == [], "a cell failed"
        # the latest-reports table rendered from the warehouse named in TRANSFER_RADAR_WAREHOUSE
        table = page.locator(".jp-OutputArea-output table.dataframe")
        assert table.count() == 1 and "Alexander-Arnold" in table.inner_text()

        network = watched.disallowed(_local)
        assert network == [], f"requests beyond the local server: {network}"
        assert watched.requests and all(_local(u) for u in watched.requests)
        assert watched.dialogs == [], watched.dialogs
        assert _kernel_of(jupyterlab, NOTEBOOK)["id"] == kernel_id, "the notebook kept its kernel"

        # Save (Ctrl+S) and, if JupyterLab wrote the file, check what it wrote.
        before = on_disk.stat().st_mtime_ns
        page.locator(".jp-Notebook").first.click(position={"x": 5, "y": 5})
        page.keyboard.press("Control+s")
        deadline = time.monotonic() + 15
        while on_disk.stat().st_mtime_ns == before and time.monotonic() < deadline:
            time.sleep(0.25)
    finally:
        close_watched(watched)

    if on_disk.stat().st_mtime_ns != before:
        saved = json.loads(on_disk.read_text(encoding="utf-8"))
        outputs = [o for cell in saved["cells"] for o in cell.get("outputs", [])]
        assert [o for o in outputs if o.get("output_type") == "error"] == []
        assert sum("application/vnd.plotly.v1+json" in o.get("data", {}) for o in outputs) >= 2
