"""The parsing rules of sql/staging/macros.sql, on a real in-memory DuckDB."""

from __future__ import annotations

import duckdb
import pytest

from analysis import sqlfiles


@pytest.fixture(scope="module")
def con():
    con = duckdb.connect()
    sqlfiles.run_file(con, "staging/macros.sql")
    yield con
    con.close()


def one(con, sql: str, *params):
    ((value,),) = con.execute(sql, list(params)).fetchall()
    return value


@pytest.mark.parametrize(
    "written, amount, currency",
    [
        ("£20 million", 20e6, "GBP"),
        ("£20m", 20e6, "GBP"),
        ("€45.5m", 45.5e6, "EUR"),
        ("$30M", 30e6, "USD"),
        ("75.00m", 75e6, "EUR"),
        ("250k", 250e3, "EUR"),
        ("20000000", 20e6, "EUR"),
        ("20,000,000", 20e6, "EUR"),
        ("€1.2bn", 1.2e9, "EUR"),
        ("45,5m", 45.5e6, "EUR"),
        ("£ 12 m", 12e6, "GBP"),
        ("30m euros", 30e6, "EUR"),
        ("GBP 15m", 15e6, "GBP"),
    ],
)
def test_money_as_written(con, written, amount, currency):
    assert one(con, "SELECT money_amount(money_parts(?))", written) == pytest.approx(amount)
    assert one(con, "SELECT money_currency(money_parts(?))", written) == currency


@pytest.mark.parametrize("written", ["undisclosed", "Undisclosed", "-", "unknown"])
def test_unknown_amounts_are_not_errors(con, written):
    assert one(con, "SELECT money_is_unknown(?)", written)


@pytest.mark.parametrize("written", ["free", "Free transfer", "bosman"])
def test_free_transfers(con, written):
    assert one(con, "SELECT money_is_free(?)", written)


@pytest.mark.parametrize("written", ["a lot of money", "£", "20m£$", "m"])
def test_unparseable_money(con, written):
    assert one(con, "SELECT money_parts(?).number", written) == ""


@pytest.mark.parametrize(
    "written, expected",
    [
        ("2025-01-25", "2025-01-25 00:00:00"),
        ("2025-01-25T09:30:00Z", "2025-01-25 09:30:00"),
        ("25/01/2025", "2025-01-25 00:00:00"),
        ("3 Jan 2025", "2025-01-03 00:00:00"),
        ("3 January 2025", "2025-01-03 00:00:00"),
        ("Jun 30, 2027", "2027-06-30 00:00:00"),
        ("15.01.2025 - 14:00", "2025-01-15 14:00:00"),
        ("01/02/2025", "2025-02-01 00:00:00"),
    ],
)
def test_dates_in_every_documented_form(con, written, expected):
    assert str(one(con, "SELECT parse_when(?)", written)) == expected


@pytest.mark.parametrize(
    "written, problem",
    [("2025-02-30", "impossible date"), ("31/02/2025", "impossible date"), ("soon", "unrecognised date")],
)
def test_date_problems_are_named(con, written, problem):
    assert one(con, "SELECT parse_when(?)", written) is None
    assert one(con, "SELECT date_problem(?)", written) == problem


def test_name_key_ignores_case_accents_spacing_and_curly_quotes(con):
    keys = {one(con, "SELECT name_key(?)", n) for n in ["N’Golo Kanté", "n'golo  KANTE", " N'Golo Kante "]}
    assert keys == {"n'golo kante"}


def test_stage_key(con):
    assert {one(con, "SELECT stage_key(?)", s) for s in ["Bid Rejected", "bid_rejected", "bid-rejected"]} == {
        "bid rejected"
    }


@pytest.mark.parametrize(
    "written, damaged",
    [
        ("Thomas M?ller", True),  # a Windows-1252 export read as UTF-8: ü lost
        ("Bar?? Alper Y?lmaz", True),  # ş and ı: two in a row, and one inside a later word
        ("?lkay Gündo?an", True),  # the first letter lost (İ), the accented ü kept
        ("Ibrahima Konat?", True),  # the last letter of a surname after a given name
        ("Abd?lkerim Bardak??", True),
        ("Caoimh\ufffdn Kelleher", True),  # bytes that were no text
        ("Who?", False),  # a question, not a name with a letter lost
        ("Salah??", False),
        ("N'Golo Kanté", False),
        ("Thomas Müller", False),
        ("?", False),  # 'unknown'
        ("Kanté (?)", False),  # a doubt written next to the name, not inside a word
    ],
)
def test_name_damaged_needs_a_question_mark_inside_a_word(con, written, damaged):
    assert one(con, "SELECT name_damaged(?)", written) is damaged
