"""English as reports and their terminal lines write it, without pandas (the report command says
what it is doing before the heavy imports): a count with its noun in the right number."""

from __future__ import annotations


def plural(count: int, word: str, words: str | None = None) -> str:
    """'1 notebook', '4 notebooks', '0 clubs' (`words` for an irregular plural)."""
    return f"{count:,} {word if count == 1 else (words or word + 's')}"
