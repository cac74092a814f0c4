"""Where each CSV record starts: physical line numbers and byte offsets, at numpy speed.

DuckDB parses the fields (fast, parallel) but does not say on which physical line an accepted row
began, and its reject line numbers skip newlines inside quoted fields. This module finds every record
boundary (a newline outside quotes) in one vectorised pass, so ingest can give users the line to open
in their editor. `read_records_exact` is the slow pure-Python reader used when DuckDB and the scan
disagree, and as the reference the tests compare the fast path against.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis.wording import plural

CHUNK_BYTES = 1 << 24  # 16 MiB: keeps the scan inside cache-friendly buffers and memory flat
SCAN_THREADS = 2
QUOTE = ord('"')
NEWLINE = ord("\n")
CARRIAGE_RETURN = ord("\r")
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class RecordIndex:
    """Records after the header, in file order (blank lines excluded)."""

    start_offset: np.ndarray  # byte offset where the record starts
    end_offset: np.ndarray  # byte offset of its terminating newline (or file end)
    start_line: np.ndarray  # 1-based physical line where it starts
    duckdb_line: np.ndarray  # the line number DuckDB reports for it (embedded newlines not counted)
    header_end: int  # byte offset just after the header record
    total_bytes: int

    def __len__(self) -> int:
        return len(self.start_offset)


def _scan_chunk(path: Path, offset: int) -> tuple[np.ndarray, np.ndarray, int]:
    """Newline positions in one chunk, quotes before each (within the chunk), and the chunk's quotes."""
    with path.open("rb") as fh:
        fh.seek(offset)
        arr = np.frombuffer(fh.read(CHUNK_BYTES), dtype=np.uint8)
    quotes = np.flatnonzero(arr == QUOTE)
    newlines = np.flatnonzero(arr == NEWLINE)
    return newlines.astype(np.int64) + offset, np.searchsorted(quotes, newlines), len(quotes)


def scan_records(path: Path, progress: Callable[[int, int], None] | None = None) -> RecordIndex:
    """Finds record boundaries: newlines with an even number of quotes before them.

    RFC 4180 escapes a quote by doubling it, so quote-count parity tells inside from outside.
    Chunks are scanned on two threads (numpy releases the GIL); parity is carried across in order.
    """
    total = path.stat().st_size
    newline_chunks: list[np.ndarray] = []
    inside_chunks: list[np.ndarray] = []
    parity = 0
    with ThreadPoolExecutor(max_workers=SCAN_THREADS) as pool:
        for newlines, quotes_before, quote_count in pool.map(
            lambda offset: _scan_chunk(path, offset), range(0, total, CHUNK_BYTES)
        ):
            newline_chunks.append(newlines)
            inside_chunks.append(((quotes_before + parity) & 1).astype(bool))
            parity = (parity + quote_count) & 1
            if progress:
                progress(min(int(newlines[-1]) + 1 if len(newlines) else total, total), total)
    if progress:
        progress(total, total)
    newlines = np.concatenate(newline_chunks) if newline_chunks else np.empty(0, np.int64)
    inside = np.concatenate(inside_chunks) if inside_chunks else np.empty(0, bool)

    terminators = newlines[~inside]
    # physical line of each terminator = its index among all newlines + 1
    terminator_line = np.flatnonzero(~inside).astype(np.int64) + 1
    embedded_before_terminator = np.cumsum(inside)[~inside] if len(inside) else np.empty(0, np.int64)

    starts = np.concatenate(([0], terminators + 1))
    ends = np.concatenate((terminators, [total]))
    start_lines = np.concatenate(([1], terminator_line + 1))
    embedded_before = np.concatenate(([0], embedded_before_terminator)).astype(np.int64)
    # drop the empty tail after a final newline
    if len(starts) > 1 and starts[-1] >= total:
        starts, ends, start_lines, embedded_before = starts[:-1], ends[:-1], start_lines[:-1], embedded_before[:-1]

    header_end = int(ends[0]) + 1 if len(ends) else total
    starts, ends, start_lines, embedded_before = starts[1:], ends[1:], start_lines[1:], embedded_before[1:]
    blank = _blank_records(path, starts, ends)
    keep = ~blank
    return RecordIndex(
        start_offset=starts[keep],
        end_offset=ends[keep],
        start_line=start_lines[keep],
        duckdb_line=(start_lines - embedded_before)[keep],
        header_end=header_end,
        total_bytes=total,
    )


def _count_chunk(path: Path, offset: int, separator: int) -> tuple[int, bool, bool, bool, bool]:
    """Line breaks in one chunk; whether it holds a carriage return not followed by a line break,
    ends with a carriage return, starts with a line break; whether a line ending in it ends with the
    separator (`...,\n`; read from two bytes before the chunk, so an ending split between two
    chunks is still seen)."""
    begin = max(offset - 2, 0)
    with path.open("rb") as fh:
        fh.seek(begin)
        both = np.frombuffer(fh.read(CHUNK_BYTES + offset - begin), dtype=np.uint8)
    arr = both[offset - begin :]
    returns = np.flatnonzero(arr == CARRIAGE_RETURN)
    inner = returns[returns + 1 < len(arr)]
    lone = bool(len(inner)) and not bool((arr[inner + 1] == NEWLINE).all())
    ends_cr = bool(len(returns)) and int(returns[-1]) == len(arr) - 1
    breaks = np.flatnonzero(both == NEWLINE)
    breaks = breaks[breaks >= offset - begin]  # this chunk's own line breaks
    before = breaks[breaks >= 1] - 1
    before = np.where((both[before] == CARRIAGE_RETURN) & (before >= 1), before - 1, before)
    trailing = bool((both[before] == separator).any())
    return len(breaks), lone, ends_cr, bool(len(arr)) and int(arr[0]) == NEWLINE, trailing


def one_record_per_line(
    path: Path, records: int, delimiter: str = ",", progress: Callable[[int, int], None] | None = None
) -> tuple[bool, bool]:
    """Whether a file DuckDB parsed into `records` records after its header holds them on its lines
    2, 3, ... one each, so that no scan is needed to say where each starts; and whether a line ends
    with the delimiter (then extra_empty_fields must look closer; most files have none).

    One record per line when the file has exactly records + 1 lines and no carriage return outside
    a CRLF: a record spanning lines, a header spanning lines or a blank line all add a line, and only
    a lone carriage return (which ends a record too) could make up for one. Counted on two threads.
    """
    total = path.stat().st_size
    separator = delimiter.encode()[0]
    lines = 0
    after_cr = False  # the previous chunk ended with a carriage return
    single = True
    trailing = False
    with ThreadPoolExecutor(max_workers=SCAN_THREADS) as pool:
        for done, (newlines, lone, ends_cr, starts_lf, ends_delimited) in enumerate(
            pool.map(lambda offset: _count_chunk(path, offset, separator), range(0, total, CHUNK_BYTES)), 1
        ):
            single = single and not (lone or (after_cr and not starts_lf))
            trailing = trailing or ends_delimited
            lines += newlines
            after_cr = ends_cr
            if progress:
                progress(min(done * CHUNK_BYTES, total), total)
    if after_cr:  # the file ends with a carriage return
        single = False
    if total:
        with path.open("rb") as fh:
            fh.seek(total - 1)
            final = fh.read(1)
        if final != b"\n":
            lines += 1  # the last line has no line break
            trailing = trailing or final[0] == separator
    return single and lines == records + 1, trailing


def extra_empty_fields(path: Path, delimiter: str, width: int, index: RecordIndex | None = None) -> str:
    """Which records have one field more than the header's `width`, the last one empty: '' none,
    'some', or 'every' (an exporter that ends every line but the header with the separator).

    DuckDB reads such a record as ending in a trailing separator and keeps it: right when every line
    is written so, but for a record among others it hides a stray comma (`...,bid,€4,5m,Ajax bid for
    Berg,` under a header ending in `url`), every field after it shifted one column left, with no
    reject. A record ending in the separator is legitimate when its last field is empty, so only
    those have their fields counted: by separators when the record has no quote, else by the csv
    module. `index`: the file's scan_records, when the caller has it."""
    sep = delimiter.encode()
    if len(sep) != 1:
        return ""  # planning only ever chooses one ASCII byte: , ; tab |
    index = index if index is not None else scan_records(path)
    if not len(index):
        return ""
    data = np.memmap(path, dtype=np.uint8, mode="r")
    last = index.end_offset - 1
    last = np.where((last >= index.start_offset) & (data[np.maximum(last, 0)] == CARRIAGE_RETURN), last - 1, last)
    candidates = np.flatnonzero((last >= index.start_offset) & (data[np.maximum(last, 0)] == sep[0]))
    if not len(candidates):
        return ""
    separators = np.flatnonzero(data == sep[0])
    quotes = np.flatnonzero(data == QUOTE)
    starts, ends = index.start_offset[candidates], index.end_offset[candidates]
    quoted = np.searchsorted(quotes, ends) > np.searchsorted(quotes, starts)
    fields = np.searchsorted(separators, ends) - np.searchsorted(separators, starts) + 1
    every = len(candidates) == len(index) > 1  # one line alone says nothing of an exporter's way
    extra = int(np.count_nonzero(fields[~quoted] > width))
    if extra and not (every and bool((fields[~quoted] == width + 1).all())):
        return "some"
    for raw in read_raw(path, index, candidates[quoted], "utf-8"):
        try:
            counts = [len(row) for row in csv.reader([raw], delimiter=delimiter)]
        except csv.Error:
            continue  # quoting DuckDB rejects on its own
        if any(count > width for count in counts):
            if not every:
                return "some"
            extra += 1
    return "every" if extra == len(index) else ("some" if extra else "")


def _blank_records(path: Path, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Blank lines are not records: they count as neither read nor rejected."""
    length = ends - starts
    blank = length == 0
    maybe_cr = np.flatnonzero(length == 1)
    if len(maybe_cr):
        with path.open("rb") as fh:
            for i in maybe_cr:
                fh.seek(int(starts[i]))
                if fh.read(1) == b"\r":
                    blank[i] = True
    return blank


def read_raw(path: Path, index: RecordIndex, positions: np.ndarray, encoding: str) -> list[str]:
    """The record text exactly as in the file, for the rows a user must be shown."""
    out = []
    with path.open("rb") as fh:
        for i in positions:
            fh.seek(int(index.start_offset[i]))
            data = fh.read(int(index.end_offset[i] - index.start_offset[i]))
            out.append(data.decode(encoding, errors="replace").rstrip("\r\n"))
    return out


@dataclass(frozen=True)
class ExactRecord:
    line_number: int
    fields: list[str] | None  # None when the record could not be split into fields
    raw: str
    error: str | None = None


def read_header(path: Path, encoding: str, delimiter: str = ",") -> list[str]:
    """Header fields, read with Python's csv module (small, and it handles quoted names)."""
    with path.open("r", encoding=encoding, errors="replace", newline="") as fh:
        for row in csv.reader(fh, delimiter=delimiter):
            return row
    return []


def read_records_exact(
    text: str, include_header: bool = False, delimiter: str = ",", width: int | None = None
) -> Iterator[ExactRecord]:
    """Every record after the header (or from the header on) with its physical start line; slow
    but exact.

    With `width` (the header's field count), damage from a quote left open is bounded: a record that
    runs over several lines and cannot be split (the csv module fails on it, at a quote out of place
    or at the end of the file) is its first line alone, rejected as an unterminated quote, and reading
    starts again on the next line. Otherwise one stray quote would swallow every line up to the next
    quote (or the end of the file) into one rejected row. A record over several lines that splits
    cleanly (a quoted headline with a line break) is one record whatever its field count: the caller
    rejects it whole when it has not `width` fields, and each physical record is read once."""
    lines = text.split("\n")
    physical = [line + "\n" for line in lines[:-1]] + ([lines[-1]] if lines[-1] else [])

    def reader_from(line: int) -> Iterator[list[str]]:
        """A csv reader from physical line `line` + 1 on (lines end at \n only, as the byte scan counts)."""
        return csv.reader((physical[i] for i in range(line, len(physical))), strict=True, delimiter=delimiter)

    # csv.reader reports how many physical lines it has consumed; records start one after the last
    base = consumed = 0
    reader = reader_from(0)
    first = not include_header
    while True:
        try:
            fields = next(reader)
            error = None
        except StopIteration:
            return
        except csv.Error as exc:
            fields, error = None, f"malformed quoting: {exc}"
        start, consumed = consumed + 1, base + reader.line_num  # type: ignore[attr-defined]
        raw = "\n".join(lines[start - 1 : consumed]).rstrip("\r\n")
        if first:
            first = False
            continue
        if fields == [] and error is None:
            continue  # blank line
        swallowed = consumed - start
        if width is not None and swallowed and fields is None:
            yield ExactRecord(
                line_number=start,
                fields=None,
                raw=lines[start - 1].rstrip("\r"),
                error=f"unterminated quote: a quoted field opens on this line and is not closed on it (it ran on "
                f"over the next {plural(swallowed, 'line', grouped=False)}, read again as records of their own)",
            )
            base = consumed = start
            reader = reader_from(start)
            continue
        yield ExactRecord(line_number=start, fields=fields, raw=raw, error=error)
