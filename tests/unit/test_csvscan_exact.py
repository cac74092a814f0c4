"""read_records_exact, the record-by-record reader ingest falls back on: each physical record once."""

from __future__ import annotations

from analysis.ingest.csvscan import read_records_exact

HEADER = "reported_on,player,headline,url\n"


def _records(text: str) -> list[tuple[int, list[str] | None, str | None]]:
    return [(r.line_number, r.fields, r.error) for r in read_records_exact(HEADER + text, width=4)]


def test_a_closed_quote_over_two_lines_is_one_record_whatever_its_width():
    records = _records(
        '2025-01-25,Mohamed Salah,"stays\nat Anfield",https://x.test/a,EXTRA\n2025-01-26,Ibrahima Konaté,keen,\n'
    )
    assert records == [
        (2, ["2025-01-25", "Mohamed Salah", "stays\nat Anfield", "https://x.test/a", "EXTRA"], None),
        (4, ["2025-01-26", "Ibrahima Konaté", "keen", ""], None),
    ]


def test_a_quote_left_open_costs_its_own_line_and_reading_starts_again():
    (first, *rest) = _records('2025-01-25,"Mohamed Salah,stays,\n2025-01-26,Ibrahima Konaté,keen,\n')
    assert first[:2] == (2, None) and first[2].startswith("unterminated quote")
    assert rest == [(3, ["2025-01-26", "Ibrahima Konaté", "keen", ""], None)]
