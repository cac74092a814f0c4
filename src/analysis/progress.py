"""Progress for long work: live lines on a terminal, silence in cron logs and pipes.

What a scheduled run must record (per-file counts, failures) is printed by the CLI itself; this is
only the "still working" feedback a person at a terminal needs.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

BIG_FILE_BYTES = 8 << 20  # below this a file loads too fast for a progress bar to help


class Progress:
    def __init__(self, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self._started = time.perf_counter()
        self._last_draw = 0.0

    @classmethod
    def for_terminal(cls, stream: TextIO | None = None) -> Progress:
        stream = stream or sys.stderr
        return cls(stream, enabled=bool(getattr(stream, "isatty", lambda: False)()))

    @classmethod
    def quiet(cls) -> Progress:
        return cls(enabled=False)

    def _write(self, text: str, final: bool = True) -> None:
        if not self.enabled:
            return
        elapsed = time.perf_counter() - self._started
        self.stream.write(f"\r\033[K[{elapsed:6.1f}s] {text}" + ("\n" if final else ""))
        self.stream.flush()

    def start_file(self, n: int, total: int, name: str, size: int) -> None:
        self._write(f"({n}/{total}) {name} ({size / 1e6:,.1f} MB)")

    def step(self, name: str, message: str) -> None:
        self._write(f"      {name}: {message}")

    def bytes_callback(self, name: str, verb: str) -> Callable[[int, int], None] | None:
        if not self.enabled:
            return None

        def update(done: int, total: int) -> None:
            if total < BIG_FILE_BYTES:
                return
            now = time.perf_counter()
            if now - self._last_draw < 0.2 and done < total:
                return
            self._last_draw = now
            width = 30
            filled = int(width * done / max(total, 1))
            bar = "#" * filled + "-" * (width - filled)
            self._write(f"      {name}: {verb} [{bar}] {100 * done / max(total, 1):5.1f}%", final=done >= total)

        return update

    def note(self, message: str) -> None:
        self._write(message)
