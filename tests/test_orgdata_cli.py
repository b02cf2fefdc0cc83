"""``secarch data show``: tables on a date, JSON output and errors.

Oracle: the published facts of test_orgdata_facts (NATO had 16 members in 1999, 32 in 2025) seen through
the command line, and the documented exit codes (2 for bad input).
"""

from __future__ import annotations

import json

import pytest

from clikit import run_cli


def test_organisations_json_by_year(capsys):
    """NATO's member count through the CLI for 1999 (1 July: after the 1999 round) and 1998."""
    code, out, _ = run_cli(capsys, "data", "show", "organisations", "--year", "1998", "--json")
    assert code == 0
    rows = {row["id"]: row for row in json.loads(out)}
    assert rows["NATO"]["members"] == 16 and rows["OSCE"]["name_then"] == "OSCE"
    assert "EAEU" not in rows and "EURASEC" not in rows and "CSTO" in rows
    _, out, _ = run_cli(capsys, "data", "show", "organisations", "--year", "2005", "--json")
    assert "EURASEC" in {row["id"] for row in json.loads(out)}
    _, out, _ = run_cli(capsys, "data", "show", "organisations", "--year", "1994", "--json")
    assert {row["id"]: row for row in json.loads(out)}["OSCE"]["name_then"] == "CSCE"


def test_agreements_and_disputes_tables(capsys):
    """Human tables print; the Russia-DPRK treaty is in force on 30 Jun 2025 and not in 2020."""
    code, out, _ = run_cli(capsys, "data", "show", "agreements")
    assert code == 0 and "agreements on 2025-06-30" in out
    _, out, _ = run_cli(capsys, "data", "show", "agreements", "--json")
    assert "rus-prk-2024" in {row["id"] for row in json.loads(out)}
    _, out, _ = run_cli(capsys, "data", "show", "agreements", "--year", "2020", "--json")
    assert "rus-prk-2024" not in {row["id"] for row in json.loads(out)}
    code, out, _ = run_cli(capsys, "data", "show", "disputes", "--year", "2008", "--json")
    assert code == 0 and "rus-geo-2008-war" not in {row["id"] for row in json.loads(out)}
    assert "geo-frozen" in {row["id"] for row in json.loads(out)}


def test_view_by_date():
    """The API behind the CLI takes ISO dates: the 2008 war is active on 10 Aug 2008 (7-12 Aug 2008)."""
    from secarch.data.orgs import view

    assert "rus-geo-2008-war" in {row["id"] for row in view("disputes", "2008-08-10")}


def _organisations(capsys, *args):
    code, out, err = run_cli(capsys, "data", "show", "organisations", *args, "--json")
    assert code == 0, err
    return {row["id"]: row for row in json.loads(out)}


def test_organisations_by_date_on_a_membership_change():
    """Oracle: dated membership changes. Georgia's withdrawal from the CIS took effect on 18 Aug 2009
    (notice of 18 Aug 2008, Charter Art. 9): Georgia is a member on 17 Aug 2009, not on 18 Aug 2009. Armenia
    froze its CSTO participation on 22 Feb 2024 (the bundled date, docs/data.md): a member on 21 Feb 2024,
    `frozen` from 22 Feb 2024."""
    from secarch.data.orgs import members

    assert "GEO" in members("CIS", "2009-08-17") and "GEO" not in members("CIS", "2009-08-18")
    assert "ARM" in members("CSTO", "2024-02-21") and members("CSTO", "2024-02-22", "frozen") == ["ARM"]


@pytest.mark.parametrize("option", ["--date", "--year", "-y"])
def test_organisations_date_option(capsys, option):
    """Oracle: the membership changes above through the CLI. `--date` takes a day; `--year` and `-y` take a
    year or a day, as in `secarch show`. The counts are JSON numbers."""
    before = _organisations(capsys, option, "2009-08-17")
    after = _organisations(capsys, option, "2009-08-18")
    assert before["CIS"]["members"] == after["CIS"]["members"] + 1
    assert before["CIS"]["date"] == "2009-08-17" and after["CIS"]["date"] == "2009-08-18"
    csto_before = _organisations(capsys, option, "2024-02-21")["CSTO"]
    csto_after = _organisations(capsys, option, "2024-02-22")["CSTO"]
    assert csto_before["members"] == 6 and "frozen" not in csto_before["other_statuses"]
    assert csto_after["members"] == 5 and csto_after["other_statuses"]["frozen"] == 1


def test_memberships_by_date(capsys):
    """Oracle: Georgia's CIS spell ends on 18 Aug 2009 (half-open [start, end), docs/data.md)."""
    code, out, _ = run_cli(capsys, "data", "show", "memberships", "--date", "2009-08-17", "--json")
    assert code == 0 and any(r["organisation"] == "CIS" and r["state"] == "GEO" for r in json.loads(out))
    code, out, _ = run_cli(capsys, "data", "show", "memberships", "--date", "2009-08-18", "--json")
    assert code == 0 and not any(r["organisation"] == "CIS" and r["state"] == "GEO" for r in json.loads(out))
    code, out, _ = run_cli(capsys, "data", "show", "organisations", "--date", "2009-08-18")
    assert code == 0 and "organisations on 2009-08-18" in out


def test_json_numbers_are_numbers(capsys):
    """Property: counts and numeric columns are JSON numbers in every `data show` table of organisations;
    agreements (hand-written and ATOP-derived) all have the same columns."""
    rows = _organisations(capsys, "--year", "2020")
    assert rows["UN"]["members"] == 193 and rows["UN"]["other_statuses"] == {"observer": 2}
    assert all(isinstance(r["members"], int) for r in rows.values())
    assert all(isinstance(n, int) for r in rows.values() for n in r["other_statuses"].values())
    code, out, _ = run_cli(capsys, "data", "show", "agreements", "--json")
    agreements = json.loads(out)
    assert code == 0 and all(isinstance(r["credibility"], float) for r in agreements)
    assert len({tuple(r) for r in agreements}) == 1
    assert next(r for r in agreements if r["id"] == "nato-art5")["credibility"] == 0.41


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("data", "show", "treaties"), "unknown table"),
        (("data", "show", "disputes", "--year", "1980"), "year 1980 is outside the bundled data"),
        (("data", "show", "disputes", "--year", "x"), "'x' is not a year or a date"),
        (("data", "show", "organisations", "--date", "2024-02-30"), "2024-02-30 is not a valid date"),
        (("data", "show", "organisations", "--date", "2009-13-01"), "2009-13-01 is not a valid date"),
        (("data", "show", "organisations", "--date", "18.08.2009"), "'18.08.2009' is not a year or a date"),
        (("data", "show", "organisations", "--date", "1990-12-31"), "1990-12-31 is outside the bundled"),
        (("data", "show", "memberships", "--date", "2025-07-01"), "2025-07-01 is outside the bundled"),
    ],
)
def test_bad_input_exits_2(capsys, args, message):
    """Unknown tables, impossible dates and dates outside 1 Jan 1991 - 30 Jun 2025 are input errors (exit
    code 2) naming the option, what is expected and an example, without a traceback."""
    code, out, err = run_cli(capsys, *args)
    assert code == 2 and message in err and "Traceback" not in err and out == ""
    if "treaties" not in args:
        assert "field --year/--date" in err and "expected: a year from 1991 to 2025" in err
        assert "YYYY-MM-DD" in err and "hint: e.g. --year 2008" in err
