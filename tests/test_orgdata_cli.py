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
    assert rows["NATO"]["members"] == "16" and rows["OSCE"]["name_then"] == "OSCE"
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


@pytest.mark.parametrize(
    "args",
    [
        ("data", "show", "treaties"),
        ("data", "show", "disputes", "--year", "1980"),
        ("data", "show", "disputes", "--year", "x"),
    ],
)
def test_bad_input_exits_2(capsys, args):
    """Unknown tables and dates outside 1991-2025 are input errors (exit code 2) with a message."""
    code, _, err = run_cli(capsys, *args)
    assert code == 2 and "error" in err.lower()
