"""Progress shows on a terminal and stays out of logs and pipes."""

import io

from analysis.progress import BIG_FILE_BYTES, Progress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_terminal_gets_a_bar_for_big_files():
    stream = FakeTerminal()
    progress = Progress.for_terminal(stream)
    update = progress.bytes_callback("big.csv", "scanning")
    update(BIG_FILE_BYTES, BIG_FILE_BYTES * 2)
    update(BIG_FILE_BYTES * 2, BIG_FILE_BYTES * 2)
    text = stream.getvalue()
    assert "big.csv: scanning [" in text and "100.0%" in text


def test_pipe_gets_nothing():
    stream = io.StringIO()
    progress = Progress.for_terminal(stream)
    assert progress.bytes_callback("big.csv", "scanning") is None
    progress.start_file(1, 1, "big.csv", 10)
    progress.step("big.csv", "parsing")
    assert stream.getvalue() == ""
