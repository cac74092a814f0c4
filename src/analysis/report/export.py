"""Files a report writes: chart pages, their CSVs, the one shared plotly.js, and notebooks as
offline HTML (code hidden, charts interactive, nothing fetched from a CDN)."""

from __future__ import annotations

import functools
import html
import os
import re
import tempfile
import threading
from pathlib import Path

from analysis.report.paths import inside

CHROMIUM = Path("/usr/bin/chromium")
_exporter_lock = threading.Lock()  # the cached exporter is not safe to use from two threads at once


def to_html(fig, path: str | Path, *, plotlyjs: str | bool = "directory") -> Path:
    """A standalone interactive page. The default puts plotly.min.js beside the file once, so a
    folder of reports works offline and without a CDN; no MathJax (data text is never LaTeX)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.write_html(
        path, include_plotlyjs=plotlyjs, include_mathjax=False, full_html=True, config={"displaylogo": False}
    )
    # plotly writes no <title>: name the tab and bookmark after the chart (its title is escaped text)
    text = html.unescape(re.sub(r"<[^>]+>", " ", str(fig.layout.title.text or path.stem)))  # drawn text
    title = html.escape(text, quote=False)
    page = path.read_text(encoding="utf-8").replace("<head>", f"<head><title>{title}</title>", 1)
    path.write_text(page, encoding="utf-8")
    return path


PNG_ATTEMPTS = 3


def write_png(fig, path: str | Path, *, width: int = 1200, height: int = 700) -> Path:
    """A static image for slides, drawn by kaleido in the system Chromium. Kaleido is told to use
    plotly's own plotly.js and no MathJax, so nothing is fetched from a CDN (a closed network made
    page loads slow). Its page can still be asked to draw before its script has loaded (a race in
    kaleido 1.x on a busy machine: 'kaleido_scopes is not defined'), so a failed attempt starts a
    fresh browser, up to PNG_ATTEMPTS times, before the error is raised."""
    import kaleido
    import plotly

    if CHROMIUM.exists():
        os.environ.setdefault("BROWSER_PATH", str(CHROMIUM))
    path = Path(path)
    plotly_js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    kopts = {"mathjax": False, "plotlyjs": plotly_js}
    opts = {"format": "png", "width": width, "height": height}
    for attempt in range(1, PNG_ATTEMPTS + 1):
        try:
            kaleido.write_fig_sync(fig, path=path, opts=opts, kopts=kopts)
            return path
        except Exception:  # kaleido's JavascriptError, KaleidoError or a browser that failed to start
            if attempt == PNG_ATTEMPTS:
                raise
    return path


@functools.cache
def _csv_writer():
    """One in-memory DuckDB for every CSV a process writes: opening one costs more than writing
    most chart data, and a single thread is all a small frame needs."""
    import duckdb

    return duckdb.connect(config={"threads": 1})


_csv_lock = threading.Lock()


def write_csv(data, path: Path) -> Path:
    """DuckDB's CSV writer (several times faster than pandas on the larger chart data); date-only
    columns are written as dates, as pandas would, and a date at or before the far past (how a
    contract with no recorded_on is stored: from always) is written empty, as pages show it '—'."""
    from analysis.report.formatting import FAR_PAST

    with _csv_lock:
        con = _csv_writer().cursor()
    with con:
        relation = con.from_df(data)
        columns = []
        for name, dtype in zip(data.columns, data.dtypes):
            quoted = '"' + str(name).replace('"', '""') + '"'
            values = data[name]
            if str(dtype).startswith("datetime64"):
                known = values.dropna()
                value = f"CAST({quoted} AS DATE)" if (known == known.dt.normalize()).all() else quoted
                far_past = f"TIMESTAMP '{FAR_PAST:%Y-%m-%d}'"
                columns.append(f"CASE WHEN {quoted} <= {far_past} THEN NULL ELSE {value} END AS {quoted}")
            else:
                columns.append(quoted)
        relation.project(", ".join(columns)).write_csv(str(path), header=True)
    return path


@functools.cache
def _plotly_js() -> bytes:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs().encode("utf-8")


def write_plotly_js(folder: Path) -> Path:
    """The one copy of plotly.js a club's report shares (offline: nothing from a CDN). Rewritten
    when it differs (a folder reused after a plotly upgrade), and swapped in whole, as notebooks
    running side by side may each make sure of it."""
    folder.mkdir(parents=True, exist_ok=True)
    target = inside(folder, "plotly.min.js")
    script = _plotly_js()
    if target.exists() and target.stat().st_size == len(script):
        with target.open("rb") as fh:
            if fh.read(1024) == script[:1024]:
                return target
    with tempfile.NamedTemporaryFile(dir=folder, prefix=".plotly-", suffix=".js", delete=False) as tmp:
        tmp.write(script)
    os.chmod(tmp.name, 0o644)  # a temp file is private (0600); a report folder is served and shared
    os.replace(tmp.name, target)
    return target


@functools.cache
def plotly_js_in(folder: str) -> Path:
    """write_plotly_js once per folder and process (a notebook exports several charts)."""
    return write_plotly_js(Path(folder))


_NETWORK_BITS = [
    re.compile(r'<script[^>]*\bsrc=""[^>]*>\s*</script>', re.S),
    re.compile(r'<script type="text/x-mathjax-config">.*?</script>', re.S),
    re.compile(r'<script type="module">(?:(?!</script>).)*mermaid(?:(?!</script>).)*</script>', re.S),
]


@functools.cache
def _exporter():
    """One HTML exporter per process: building it (imports, template compile) costs over a second,
    reusing it a tenth of that."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        template_name="lab",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        mathjax_url="",
        require_js_url="",
        jquery_url="",
        mermaid_js_url="",
        widget_renderer_url="",
        jupyter_widgets_base_url="",
    )


def export_html(notebook, target: Path, title: str) -> Path:
    """nbconvert's lab template with code hidden, stripped of every CDN reference, plus the club's
    shared plotly.min.js so the charts stay interactive offline. `notebook` is the executed
    notebook node, or the path of one."""
    import nbformat

    if not isinstance(notebook, nbformat.NotebookNode):
        notebook = nbformat.read(notebook, as_version=4)
    notebook.metadata["title"] = title
    with _exporter_lock:
        body, _ = _exporter().from_notebook_node(notebook)
    for pattern in _NETWORK_BITS:
        body = pattern.sub("", body)
    body = body.replace("</head>", '<script src="plotly.min.js"></script>\n</head>', 1)
    target.write_text(body, encoding="utf-8")
    return target


def warm_exporter() -> None:
    """Builds the exporter and compiles its templates on a one-cell notebook: the first export
    costs several times any later one, so this runs while the first notebooks execute."""
    import nbformat

    with _exporter_lock:
        _exporter().from_notebook_node(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("warm-up")]))
