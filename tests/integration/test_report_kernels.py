"""Report kernels talk over socket files in a private folder each, so kernels starting side by side
cannot be handed the same TCP port (the loser dies before replying to kernel_info)."""

from __future__ import annotations

import concurrent.futures
import json
import os
import tempfile
from pathlib import Path

import nbformat
import papermill
import pytest

from analysis.report import execute as report

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name != "posix", reason="socket files are a POSIX transport; TCP elsewhere"),
]

PROBE = """
import json
from ipykernel import get_connection_file
with open(get_connection_file()) as fh:
    info = json.load(fh)
print(json.dumps({"transport": info["transport"], "ip": info["ip"]}))
"""


def run_probe(notebook: str, out: str, cwd: str) -> tuple[dict, str, list[str]]:
    """In a worker: runs the probe as the report runs a notebook; what the kernel saw, its socket
    folder, and what was left in that folder afterwards."""
    with tempfile.TemporaryDirectory(prefix="transfer-radar-kernel-") as sockets:
        executed = papermill.execute_notebook(
            notebook,
            out,
            kernel_name="python3",
            progress_bar=False,
            cwd=cwd,
            shutdown_kernel="immediate",
            **report.kernel_transport(sockets),
        )
        left = os.listdir(sockets)
    return json.loads(executed.cells[0].outputs[0]["text"]), sockets, left


def test_kernels_started_side_by_side_each_get_their_own_socket_files(tmp_path):
    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    nb.cells = [nbformat.v4.new_code_cell(PROBE)]
    notebook = tmp_path / "probe.ipynb"
    nbformat.write(nb, notebook)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    with concurrent.futures.ProcessPoolExecutor(2) as pool:
        runs = list(
            pool.map(
                run_probe, [str(notebook)] * 4, [str(tmp_path / f"out-{i}.ipynb") for i in range(4)], [str(cwd)] * 4
            )
        )
    for seen, sockets, left in runs:
        assert seen["transport"] == "ipc"
        assert Path(seen["ip"]).parent == Path(sockets)  # absolute, in its own folder, not the kernel's cwd
        assert left == []  # socket files removed at shutdown
        assert not Path(sockets).exists()
    assert len({sockets for _, sockets, _ in runs}) == 4
    assert list(cwd.iterdir()) == []


PLANTED = """
import os
assert "planted" not in globals(), "a name left by an earlier notebook"
planted = True
os.chdir("/")  # a notebook that wanders off: the next one still starts in papermill's cwd
print("kernel", os.getpid())
"""


def test_kept_kernels_start_every_notebook_afresh(article_warehouse, tmp_path):
    """Workers keep their kernel between notebooks; each notebook still sees a new kernel's state."""
    from tests.conftest import run_cli
    from tests.integration.test_report import notebooks_with

    env = notebooks_with(
        tmp_path, **{name: PLANTED for name in ("interest_intensity", "expiry_timeline", "player_dossier")}
    )
    out = tmp_path / "run"
    result = run_cli(
        "report", "--club", "Liverpool", "--club", "007", "--as-of", "2025-01-25", "--warehouse",
        str(article_warehouse), "--out", str(out), "--jobs", "2", env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    kernels = []
    for executed in sorted(out.glob("*/*.ipynb")):
        nb = nbformat.read(executed, as_version=4)
        counts = [c.execution_count for c in nb.cells if c.cell_type == "code"]
        assert counts == list(range(1, len(counts) + 1)), f"{executed.name}: {counts}"
        printed = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
        kernels += [line.split()[1] for line in printed.splitlines() if line.startswith("kernel ")]
    assert len(kernels) == 8, "2 + 3 notebooks for Liverpool, 2 + 1 for 007"
    assert len(set(kernels)) <= 2, f"two workers, two kept kernels: {kernels}"
