"""Real headless Chromium (Debian's /usr/bin/chromium) driven by Playwright's sync API.

Playwright's own browser download is not used (never `playwright install`): the tests launch the
system Chromium. Without it they skip locally and FAIL under CI=true, so a CI image that lost
Chromium cannot turn the browser suite silently green.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason}; the browser tests must run under CI=true (apt-get install chromium)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_executable() -> Path:
    """/usr/bin/chromium, or skip (fail under CI=true) when it is missing."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"{CHROMIUM} not found or not executable")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_executable: Path) -> Iterator:
    """One headless Chromium for the session; every test opens its own pages (own contexts)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(chromium_executable), args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class WatchedPage:
    """A page plus everything it did that a test may want to refuse."""

    page: object
    requests: list[str] = field(default_factory=list)  # every request seen (page.on("request"))
    blocked: list[str] = field(default_factory=list)  # requests aborted by the route (not allowed)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    websockets: list[str] = field(default_factory=list)

    def reset(self) -> None:
        """Forget what was recorded, before the page moves on to the next URL."""
        for seen in (self.requests, self.blocked, self.console_errors, self.page_errors, self.dialogs, self.websockets):
            seen.clear()

    def visit(self, url: str, wait_until: str = "load") -> None:
        self.reset()
        self.page.goto(url, wait_until=wait_until)

    def disallowed(self, allowed: Callable[[str], bool]) -> list[str]:
        """Requests (seen or aborted) and websockets whose URL is not allowed."""
        return sorted({u for u in [*self.requests, *self.blocked, *self.websockets] if not allowed(u)})

    def problems(self) -> list[str]:
        return (
            [f"console error: {m}" for m in self.console_errors]
            + [f"page error: {m}" for m in self.page_errors]
            + [f"dialog: {m}" for m in self.dialogs]
        )


def open_watched(
    browser, allowed: Callable[[str], bool], *, intercept: str | re.Pattern = "**/*", **context_options
) -> WatchedPage:
    """A new page in its own context whose requests are recorded and, unless allowed, aborted.
    Dialogs (alert/confirm/prompt) are recorded and dismissed so a page cannot hang the test.
    Reuse one page for many URLs (`visit`): Chromium then keeps the compiled plotly.js, which
    makes a report page load in ~0.4 s instead of ~2 s.

    `intercept` is what the route sees ("**/*": every request). Routing every request of a big
    single-page app (JupyterLab loads hundreds of chunks) through Python slows it so much that its
    kernel sessions time out, so there pass a regex matching only the requests to refuse: Playwright
    matches it in the browser, and page.on("request") still records every request."""
    context = browser.new_context(**context_options)
    page = context.new_page()
    watched = WatchedPage(page)

    def route(route) -> None:
        url = route.request.url
        if allowed(url):
            route.continue_()
        else:
            watched.blocked.append(url)
            route.abort()

    def on_dialog(dialog) -> None:
        watched.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    context.route(intercept, route)
    page.on("request", lambda request: watched.requests.append(request.url))
    page.on(
        "console",
        lambda msg: watched.console_errors.append(f"{msg.text} @ {msg.location}") if msg.type == "error" else None,
    )
    page.on("pageerror", lambda error: watched.page_errors.append(str(error)))
    page.on("dialog", on_dialog)
    page.on("websocket", lambda ws: watched.websockets.append(ws.url))
    return watched


def close_watched(watched: WatchedPage) -> None:
    watched.page.context.close()
