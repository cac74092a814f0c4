"""Every kind of bad input: kept or rejected with its reason and physical line, nothing lost."""

from __future__ import annotations

import shutil

import pytest

from analysis import config
from tests.conftest import GOOD_ROW, RUMOUR_HEADER, assert_accounted

GOOD = "2025-01-25,Trent Alexander-Arnold,Liverpool,Real Madrid,Marca,,interest,,Madrid keen,"


def rejected(raw, source_file):
    return raw.query(
        "SELECT line_number, reason, raw FROM rejected_rows WHERE source_file = ? ORDER BY line_number",
        [source_file],
    )


def warnings(raw, source_file):
    return raw.query(
        "SELECT line_number, message FROM ingest_warnings WHERE source_file = ? ORDER BY line_number",
        [source_file],
    )


@pytest.mark.parametrize("force_exact", [False, True], ids=["duckdb", "exact"])
def test_each_bad_row_is_rejected_with_reason_and_physical_line(raw, force_exact):
    raw.rumours(
        "bad.csv",
        GOOD,  # line 2
        ",Mohamed Salah,Liverpool,PSG,Marca,,interest,,,",  # 3: missing reported_on
        "2025-02-30,Mohamed Salah,Liverpool,PSG,Marca,,interest,,,",  # 4: impossible date
        "2025-01-25,Mohamed Salah,Liverpool,PSG,Marca,,interest,,,,surplus",  # 5: too many fields
        '2025-01-25,"Virgil\nvan Dijk",Liverpool,PSG,Marca,,interest,,"two\nline headline",',  # 6-8: quoted newlines
        "2025-01-25,Mohamed Salah,Liverpool",  # 9: too few fields
        "2025-01-25,,Liverpool,PSG,Marca,,interest,,,",  # 10: missing player
        "sometime,Mohamed Salah,Liverpool,PSG,Marca,,interest,,,",  # 11: unrecognised date
        "2025-01-26,Mohamed Salah,Liverpool,PSG,,,interest,,,",  # 12: missing source
    )
    raw.ingest(force_exact=force_exact)
    rows = rejected(raw, "rumours/bad.csv")
    assert [(line, reason) for line, reason, _ in rows] == [
        (3, "missing required value: reported_on"),
        (4, "impossible date in reported_on: '2025-02-30'"),
        (5, "too many fields: expected 10, found 11"),
        (9, "too few fields: expected 10, found 3"),
        (10, "missing required value: player"),
        (11, "unrecognised date in reported_on: 'sometime'"),
        (12, "missing required value: source"),
    ]
    assert rows[2][2] == "2025-01-25,Mohamed Salah,Liverpool,PSG,Marca,,interest,,,,surplus"
    assert raw.query("SELECT line_number, player, headline FROM rumours ORDER BY line_number") == [
        (2, "Trent Alexander-Arnold", "Madrid keen"),
        (6, "Virgil van Dijk", "two\nline headline"),  # names tidied, free text kept as written
    ]
    assert_accounted(raw)


def test_unparseable_fee_and_unknown_stage_keep_the_row_with_a_warning(raw):
    raw.rumours(
        "doubtful.csv",
        "2025-01-25,Mohamed Salah,Liverpool,PSG,Marca,,interest,a lot of money,,",
        "2025-01-26,Mohamed Salah,Liverpool,PSG,Marca,,pondering,£10m,,",
    )
    raw.ingest()
    assert raw.query("SELECT line_number, stage, fee_eur, fee_as_written FROM rumours ORDER BY 1") == [
        (2, "interest", None, "a lot of money"),
        (3, None, 10_000_000 * 1.20, "£10m"),
    ]
    assert warnings(raw, "rumours/doubtful.csv") == [
        (2, "fee not understood, stored as null: 'a lot of money'"),
        (3, "unknown stage, stored as null (counts as interest): 'pondering'"),
    ]
    assert_accounted(raw)


@pytest.mark.parametrize("force_exact", [False, True], ids=["duckdb", "exact"])
def test_bom_and_crlf_are_read_and_lines_still_count_from_the_header(raw, force_exact):
    content = "\ufeff" + RUMOUR_HEADER + "\r\n" + GOOD + "\r\n" + "\r\n" + "bad-date,X,Y,Z,Marca,,,,,\r\n"
    raw.write("rumours/excel.csv", content)
    raw.ingest(force_exact=force_exact)
    assert raw.query("SELECT reported_on::VARCHAR, player, url FROM rumours") == [
        ("2025-01-25", "Trent Alexander-Arnold", None)
    ]
    assert [(line, reason) for line, reason, _ in rejected(raw, "rumours/excel.csv")] == [
        (4, "unrecognised date in reported_on: 'bad-date'")
    ]
    assert raw.query("SELECT rows_read FROM ingest_files") == [(2,)]
    assert_accounted(raw)


def test_windows_1252_file_is_read_with_a_warning_never_dropped(raw):
    content = RUMOUR_HEADER + "\n" + "2025-01-25,N’Golo Kanté,Chelsea,Al-Ittihad,Marca,,bid,€30m,Kanté café deal,\n"
    raw.write("rumours/excel_1252.csv", content, encoding="cp1252")
    raw.ingest()
    assert raw.query("SELECT player, fee_eur, headline FROM rumours") == [("N'Golo Kanté", 30e6, "Kanté café deal")]
    assert warnings(raw, "rumours/excel_1252.csv") == [(None, "not valid UTF-8: read as Windows-1252 (Excel's export)")]
    assert raw.query("SELECT encoding FROM ingest_files") == [("cp1252",)]


def test_windows_1252_bytes_deep_in_a_large_file_are_caught(raw):
    rows = [GOOD.replace("Madrid keen", f"headline {i}") for i in range(30_000)]
    rows.append("2025-01-26,Mohamed Salah,Liverpool,PSG,Marca,,interest,,caf\xe9 talk,")
    body = (RUMOUR_HEADER + "\n" + "\n".join(rows) + "\n").encode("latin-1")
    raw.write("rumours/late_1252.csv", body)
    raw.ingest()
    assert raw.query("SELECT count(*), max(line_number) FROM rumours") == [(30_001, 30_002)]
    assert raw.query("SELECT headline FROM rumours WHERE line_number = 30002") == [("café talk",)]
    assert raw.query("SELECT encoding FROM ingest_files") == [("cp1252",)]


def test_exact_duplicates_are_stored_once_and_counted_also_across_files(raw):
    raw.rumours("a.csv", GOOD, GOOD, "2025-01-26,Mohamed Salah,Liverpool,PSG,Marca,,interest,,,")
    raw.rumours("b.csv", GOOD)
    raw.ingest()
    assert raw.query("SELECT source_file, rows_read, accepted, rejected, duplicates FROM ingest_files ORDER BY 1") == [
        ("rumours/a.csv", 3, 2, 0, 1),
        ("rumours/b.csv", 1, 0, 0, 1),
    ]
    assert raw.query("SELECT source_file, line_number FROM rumours ORDER BY 1, 2") == [
        ("rumours/a.csv", 2),
        ("rumours/a.csv", 4),
    ]
    assert_accounted(raw)


def test_quotes_in_names_and_text_survive(raw):
    raw.rumours(
        "quotes.csv",
        '2025-01-25,N\'Golo Kanté,Chelsea,Al-Ittihad,Marca,,bid,,"Kanté: ""it\'s done"", says agent",',
        "2025-01-25,N’Golo Kanté,Chelsea,Al-Ittihad,Marca,,agreed,,<script>alert(1)</script>,",
    )
    raw.ingest()
    assert raw.query("SELECT player, headline FROM rumours ORDER BY line_number") == [
        ("N'Golo Kanté", 'Kanté: "it\'s done", says agent'),
        ("N'Golo Kanté", "<script>alert(1)</script>"),
    ]


def test_contract_bad_rows_and_optional_date_warnings(raw):
    raw.contracts(
        "c.csv",
        "Mohamed Salah,Liverpool,2025-06-30,",
        "Mohamed Salah,Liverpool,2027-06-30,2025-04-11",
        "Virgil van Dijk,Liverpool,31/02/2027,",
        "Virgil van Dijk,,2027-06-30,",
        "Ibrahima Konaté,Liverpool,2026-06-30,next spring",
    )
    raw.ingest()
    assert [(line, reason) for line, reason, _ in rejected(raw, "contracts/c.csv")] == [
        (4, "impossible date in contract_expires: '31/02/2027'"),
        (5, "missing required value: club"),
    ]
    assert raw.query(
        "SELECT player, contract_expires::VARCHAR, recorded_on::VARCHAR FROM contracts ORDER BY line_number"
    ) == [
        ("Mohamed Salah", "2025-06-30", "1900-01-01"),
        ("Mohamed Salah", "2027-06-30", "2025-04-11"),
        ("Ibrahima Konaté", "2026-06-30", None),
    ]
    assert warnings(raw, "contracts/c.csv") == [
        (6, "unrecognised date in recorded_on, stored as null (treated as far past): 'next spring'")
    ]
    assert_accounted(raw)


def test_unterminated_quote_loses_nothing(raw):
    raw.rumours(
        "open_quote.csv",
        GOOD,
        '2025-01-25,"Mohamed Salah,Liverpool,PSG,Marca,,interest,,,',
        GOOD.replace("keen", "keener"),
    )
    raw.ingest()
    ((_read, accepted, rejected_count, dups),) = raw.query(
        "SELECT rows_read, accepted, rejected, duplicates FROM ingest_files"
    )
    # the open quote costs its own line only: the line after it still loads (trial C13)
    assert (_read, accepted, rejected_count, dups) == (3, 2, 1, 0)
    assert raw.query("SELECT line_number FROM rejected_rows") == [(3,)]
    assert raw.query("SELECT line_number FROM rumours ORDER BY 1") == [(2,), (4,)]
    assert_accounted(raw)


def test_header_only_and_blank_lines(raw):
    raw.rumours("empty.csv")
    raw.write("rumours/blank_lines.csv", RUMOUR_HEADER + "\n\n" + GOOD + "\n\n\n")
    raw.ingest()
    assert raw.query("SELECT source_file, rows_read, accepted FROM ingest_files ORDER BY 1") == [
        ("rumours/blank_lines.csv", 1, 1),
        ("rumours/empty.csv", 0, 0),
    ]
    assert raw.query("SELECT line_number FROM rumours") == [(3,)]


def test_reference_headers_never_become_sql(raw, tmp_path):
    """A header in a reference file is text, not SQL: quotes and an injection attempt are only odd
    column names (ignored: reference files keep the columns they are known by)."""
    import shutil

    from analysis import config
    from analysis.ingest import ingest
    from analysis.progress import Progress

    reference = tmp_path / "reference"
    shutil.copytree(config.REFERENCE_DIR, reference)
    injected = (
        "x':'VARCHAR'})UNION/**/ALL/**/SELECT/**/'PWNED:'||trim(content),1,'x'/**/FROM/**/"
        "read_text('/etc/hostname')/**/WHERE/**/'{}'::json<>to_json({'a"
    )
    outlets = (reference / "outlets.csv").read_text(encoding="utf-8").splitlines()
    header = outlets[0] + ',"' + injected.replace('"', '""') + "\",o'reilly"
    (reference / "outlets.csv").write_text(
        "\n".join([header] + [f"{row},x,y" for row in outlets[1:]]) + "\n", encoding="utf-8"
    )
    raw.rumours("r.csv", GOOD_ROW)
    ingest(raw.root, reference, raw.warehouse, progress=Progress.quiet())
    outlets_table = raw.query("SELECT outlet, tier FROM ref_outlets ORDER BY outlet")
    assert len(outlets_table) == len(outlets) - 1
    assert not [row for row in outlets_table if "pwned" in str(row).lower()]
    assert ("Marca", 2) in outlets_table


@pytest.mark.parametrize("force_exact", [False, True], ids=["duckdb", "exact"])
def test_a_stray_comma_before_an_empty_last_field_is_rejected_not_shifted(raw, force_exact):
    """A desk row whose fee `€4,5m` was not quoted has 11 fields under a 10-column header, the last
    (url) empty. DuckDB reads the empty 11th field as a trailing delimiter and kept the row with every
    field after the comma shifted: fee €4, headline '5m', url the headline (trial 2). It must be
    rejected like any record with a field too many; rows whose only last field is empty stay good."""
    raw.rumours(
        "desk.csv",
        GOOD,  # line 2: ends with the delimiter, its url empty: good
        "2025-01-24,Håkon Berg,FK Bodø/Glimt,Ajax,De Telegraaf,,bid,€4,5m,Ajax bid for Berg,",  # line 3
        '2025-01-24,N\'Golo Kanté,Al-Ittihad,Fenerbahçe,Fanatik,,interest,,"Kanté, wanted in Istanbul",',  # 4: good
        "2025-01-24,Kasper Høgh,FK Bodø/Glimt,PSV,Marca,,interest,,Ajax, PSV chase Høgh,",  # line 5
        "2025-01-24,Kasper Høgh,FK Bodø/Glimt,PSV,Marca,,interest,,Ajax, PSV chase Høgh,https://x.invalid/1",  # 6
        '2025-01-24,Håkon Berg,FK Bodø/Glimt,Ajax,"De Telegraaf",,bid,"€4,5m",Ajax bid, for Berg,',  # line 7
    )
    raw.ingest(force_exact=force_exact)
    assert [(line, reason) for line, reason, _ in rejected(raw, "rumours/desk.csv")] == [
        (3, "too many fields: expected 10, found 11"),
        (5, "too many fields: expected 10, found 11"),
        (6, "too many fields: expected 10, found 11"),
        (7, "too many fields: expected 10, found 11"),
    ]
    stored = raw.query("SELECT line_number, player, fee_as_written, headline, url FROM rumours ORDER BY line_number")
    assert stored == [
        (2, "Trent Alexander-Arnold", None, "Madrid keen", None),
        (4, "N'Golo Kanté", None, "Kanté, wanted in Istanbul", None),
    ]
    assert raw.query("SELECT rows_read, accepted, rejected FROM ingest_files") == [(6, 2, 4)]


@pytest.mark.parametrize("force_exact", [False, True], ids=["duckdb", "exact"])
def test_an_exporter_that_ends_every_line_with_the_separator_loses_no_row(raw, force_exact):
    """Some exporters end every line but the header with a comma: that is their way, not a stray
    comma, so the rows load as DuckDB reads them, with one warning for the file."""
    raw.rumours(
        "ended.csv",
        "2025-01-25,Mohamed Salah,Liverpool,Al-Hilal,Marca,,interest,,Salah wanted,https://x.invalid/1,",
        '2025-01-26,N\'Golo Kanté,Al-Ittihad,Fenerbahçe,Marca,,interest,,"Kanté, wanted",,',
    )
    raw.ingest(force_exact=force_exact)
    assert rejected(raw, "rumours/ended.csv") == []
    assert raw.query("SELECT line_number, headline, url FROM rumours ORDER BY line_number") == [
        (2, "Salah wanted", "https://x.invalid/1"),
        (3, "Kanté, wanted", None),
    ]
    assert warnings(raw, "rumours/ended.csv") == [
        (
            None,
            "every line ends with ',' after its last field, the header's excepted: read as a separator "
            "closing the line, not as an empty column",
        )
    ]


def test_an_unknown_outlet_is_warned_once_per_file_with_the_tier_reports_give_it(raw, tmp_path, monkeypatch):
    """The tier is the unknown_outlet_tier of the intensity.yml reports read (data/reference), not a
    fixed 4: an analyst who sets it to 3 reads 3 in the warning; an unreadable file leaves it unsaid."""
    raw.rumours(
        "blogs.csv",
        "2025-01-25,Mohamed Salah,Liverpool,PSG,Blog FC,,interest,,,",  # line 2
        "2025-01-26,Mohamed Salah,Liverpool,PSG,Blog FC,,interest,,,",  # 3: the same outlet again
        "2025-01-26,Mohamed Salah,Liverpool,PSG,Marca,Fan Site,interest,,,",  # 4: an unknown relay
    )
    reference = tmp_path / "reference"
    shutil.copytree(config.REFERENCE_DIR, reference)
    monkeypatch.setattr(config, "REFERENCE_DIR", reference)
    intensity = reference / "intensity.yml"
    intensity.write_text(
        intensity.read_text(encoding="utf-8").replace("unknown_outlet_tier: 4", "unknown_outlet_tier: 3")
    )
    raw.ingest(reference)
    assert warnings(raw, "rumours/blogs.csv") == [
        (
            2,
            "outlet not in outlets.csv, weighed as tier 3 by intensity.yml's unknown_outlet_tier "
            "(first of 2 rows): 'Blog FC'",
        ),
        (4, "outlet not in outlets.csv, weighed as tier 3 by intensity.yml's unknown_outlet_tier (1 row): 'Fan Site'"),
    ]
    intensity.write_text("unknown_outlet_tier: [")
    raw.ingest(reference)
    assert warnings(raw, "rumours/blogs.csv")[0] == (
        2,
        "outlet not in outlets.csv, weighed as the tier of intensity.yml's unknown_outlet_tier "
        "(first of 2 rows): 'Blog FC'",
    )
    assert_accounted(raw)
