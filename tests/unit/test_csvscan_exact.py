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


def _extra(tmp_path, text: str, delimiter: str = ",") -> bool:
    """Both looks landing makes: the line count's (does a line end with the delimiter?), then the
    field count of those lines."""
    from analysis.ingest import csvscan

    path = tmp_path / "file.csv"
    path.write_bytes(text.encode())
    records = len(list(read_records_exact(text, delimiter=delimiter)))
    _, trailing = csvscan.one_record_per_line(path, records, delimiter)
    return trailing and csvscan.extra_empty_fields(path, delimiter, width=4) == "some"


def test_an_empty_last_field_is_not_an_extra_one(tmp_path):
    assert not _extra(tmp_path, HEADER + "2025-01-25,Mohamed Salah,stays,\n2025-01-26,Konaté,keen,https://x\n")
    assert not _extra(tmp_path, HEADER + '2025-01-25,Salah,"stays, for now",\r\n')  # a quoted comma
    assert not _extra(tmp_path, HEADER + '2025-01-25,Salah,"stays,\nat Anfield",\n')  # over two lines
    assert not _extra(tmp_path, HEADER.replace(",", ";") + "2025-01-25;Salah;stays, for now;\n", delimiter=";")
    assert not _extra(tmp_path, HEADER + "2025-01-25,Mohamed Salah,stays,for now\n")  # too many, but not empty


def test_a_field_too_many_with_the_last_empty_is_found_wherever_it_is(tmp_path, monkeypatch):
    from analysis.ingest import csvscan

    assert _extra(tmp_path, HEADER + "2025-01-25,Mohamed Salah,stays,for now,\n")
    assert _extra(tmp_path, HEADER + "2025-01-25,Mohamed Salah,stays,for now,\r\n")  # CRLF
    assert _extra(tmp_path, HEADER + "2025-01-25,Salah,keen,\n2025-01-25,Salah,stays,for now,")  # no last break
    assert _extra(tmp_path, HEADER + '2025-01-25,"Salah",stays,for now,\n')  # quoted elsewhere: counted by csv
    assert _extra(tmp_path, HEADER.replace(",", ";") + "2025-01-25;Salah;stays;for now;\n", delimiter=";")
    # a line ending split between two chunks of the line count is still seen
    text = HEADER + "2025-01-25,Mohamed Salah,stays,for now,\r\n2025-01-26,Konaté,keen,https://x\n"
    end = text.index("\r\n")
    for chunk in range(end - 1, end + 3):
        monkeypatch.setattr(csvscan, "CHUNK_BYTES", chunk)
        assert _extra(tmp_path, text), chunk


def test_every_line_ending_in_the_separator_is_the_exporter_s_way_not_a_stray_comma(tmp_path):
    from analysis.ingest import csvscan

    path = tmp_path / "file.csv"
    path.write_bytes((HEADER + '2025-01-25,Salah,stays,,\n2025-01-26,"Konaté",keen,https://x,\n').encode())
    assert csvscan.extra_empty_fields(path, ",", width=4) == "every"
    path.write_bytes((HEADER + "2025-01-25,Salah,stays,,\n2025-01-26,Konaté,keen,https://x\n").encode())
    assert csvscan.extra_empty_fields(path, ",", width=4) == "some"
