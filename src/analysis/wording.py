"""English as reports, charts and terminal lines write it, without pandas (the report command says
what it is doing before the heavy imports): a count with its noun in the right number."""

from __future__ import annotations


def noun(count: int, word: str, words: str | None = None) -> str:
    """`word` in the number `count` asks for, the count itself written elsewhere or not at all
    ('used the shipped ones'); `words` for an irregular plural."""
    return word if count == 1 else (words or word + "s")


def plural(count: int, word: str, words: str | None = None, *, grouped: bool = True) -> str:
    """'1 notebook', '4 notebooks', '0 clubs', '1,200 notebooks'. grouped=False writes the count as
    charts write every other count (formatting.fmt_int, hovers): '1200 renewal talks', so a
    subtitle's count reads like the hover that counts the same things."""
    number = f"{count:,}" if grouped else str(count)
    return f"{number} {noun(count, word, words)}"
