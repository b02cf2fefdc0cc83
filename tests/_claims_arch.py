"""A hand-made architecture for the claims tests: NATO, CSTO, CIS, SCO, EAEU and the Union State,
1 Jan 1991 – 30 Jun 2025, with membership dates as published by the organisations (sources in the rows).

It lets the claims tests run on known facts whatever the state of the bundled ``history`` architecture;
tests that use ``history`` itself skip where it is not bundled.
"""

from __future__ import annotations

from functools import lru_cache

from secarch.model import Architecture

NATO_SRC = "NATO, Member countries (nato.int), date of deposit of the instrument of accession"
CSTO_SRC = "Collective Security Treaty (UNTS 32307) and CSTO Charter; orgs-post-soviet.md"
CIS_SRC = "Belovezha Agreement and Alma-Ata Protocol (1991); CIS Charter ratifications (en.kremlin.ru)"
SCO_SRC = "SCO Secretariat: Shanghai Five (26 Apr 1996), SCO declaration (15 Jun 2001), summit decisions"
EAEU_SRC = "Treaty on the Eurasian Economic Union (in force 1 Jan 2015); accession treaties"
USRB_SRC = "Treaty on the Community of Belarus and Russia (2 Apr 1996)"

NATO_MEMBERS: dict[str, str] = {
    **dict.fromkeys(
        ["BEL", "CAN", "DNK", "FRA", "ISL", "ITA", "LUX", "NLD", "NOR", "PRT", "GBR", "USA"], "1949-08-24"
    ),
    "GRC": "1952-02-18", "TUR": "1952-02-18", "DEU": "1955-05-06", "ESP": "1982-05-30",
    "CZE": "1999-03-12", "HUN": "1999-03-12", "POL": "1999-03-12",
    **dict.fromkeys(["BGR", "EST", "LVA", "LTU", "ROU", "SVK", "SVN"], "2004-03-29"),
    "ALB": "2009-04-01", "HRV": "2009-04-01", "MNE": "2017-06-05", "MKD": "2020-03-27",
    "FIN": "2023-04-04", "SWE": "2024-03-07",
}  # fmt: skip

# (organisation, state, status, start, end)
OTHER_SPELLS: list[tuple[str, str, str, str, str | None]] = [
    ("CSTO", "ARM", "member", "1992-05-15", "2024-02-22"),
    ("CSTO", "ARM", "frozen", "2024-02-22", None),
    ("CSTO", "AZE", "member", "1993-09-24", "1999-04-20"),
    ("CSTO", "BLR", "member", "1993-12-31", None),
    ("CSTO", "GEO", "member", "1993-12-09", "1999-04-20"),
    ("CSTO", "KAZ", "member", "1992-05-15", None),
    ("CSTO", "KGZ", "member", "1992-05-15", None),
    ("CSTO", "RUS", "member", "1992-05-15", None),
    ("CSTO", "TJK", "member", "1992-05-15", None),
    ("CSTO", "UZB", "member", "1992-05-15", "1999-04-20"),
    ("CSTO", "UZB", "member", "2006-08-16", "2012-06-28"),
    ("CSTO", "UZB", "suspended", "2012-06-28", None),
    ("CIS", "ARM", "member", "1991-12-21", None),
    ("CIS", "BLR", "member", "1991-12-08", None),
    ("CIS", "GEO", "member", "1993-12-01", "2009-08-18"),
    ("CIS", "KAZ", "member", "1991-12-21", None),
    ("CIS", "RUS", "member", "1991-12-08", None),
    ("CIS", "TKM", "member", "1991-12-21", "2005-08-26"),
    ("CIS", "TKM", "associate", "2005-08-26", None),
    ("CIS", "UKR", "member", "1991-12-08", "1993-01-22"),
    ("CIS", "UKR", "associate", "1993-01-22", "2018-05-19"),
    ("CIS", "UKR", "frozen", "2018-05-19", None),
    ("SCO", "CHN", "member", "1996-04-26", None),
    ("SCO", "KAZ", "member", "1996-04-26", None),
    ("SCO", "KGZ", "member", "1996-04-26", None),
    ("SCO", "RUS", "member", "1996-04-26", None),
    ("SCO", "TJK", "member", "1996-04-26", None),
    ("SCO", "UZB", "member", "2001-06-15", None),
    ("SCO", "IND", "member", "2017-06-09", None),
    ("SCO", "PAK", "member", "2017-06-09", None),
    ("SCO", "IRN", "member", "2023-07-04", None),
    ("SCO", "BLR", "member", "2024-07-04", None),
    ("SCO", "MNG", "observer", "2004-06-17", None),
    ("EAEU", "BLR", "member", "2015-01-01", None),
    ("EAEU", "KAZ", "member", "2015-01-01", None),
    ("EAEU", "RUS", "member", "2015-01-01", None),
    ("EAEU", "ARM", "member", "2015-01-02", None),
    ("EAEU", "KGZ", "member", "2015-08-06", None),
    ("USRB", "BLR", "member", "1996-04-02", None),
    ("USRB", "RUS", "member", "1996-04-02", None),
]

ORGANISATIONS = [
    {"id": "NATO", "name": "North Atlantic Treaty Organization", "kind": "collective_defence",
     "founded": "1949-08-24", "source": "North Atlantic Treaty (in force 24 Aug 1949)"},
    {"id": "CSTO", "name": "Collective Security Treaty Organization", "kind": "collective_defence",
     "founded": "1992-05-15", "source": CSTO_SRC},
    {"id": "CIS", "name": "Commonwealth of Independent States", "kind": "political_union",
     "founded": "1991-12-08", "source": CIS_SRC},
    {"id": "SCO", "name": "Shanghai Cooperation Organisation", "kind": "security_cooperation",
     "founded": "1996-04-26", "source": SCO_SRC},
    {"id": "EAEU", "name": "Eurasian Economic Union", "kind": "economic_integration",
     "founded": "2015-01-01", "source": EAEU_SRC},
    {"id": "USRB", "name": "Union State of Russia and Belarus", "kind": "political_union",
     "founded": "1996-04-02", "source": USRB_SRC},
]  # fmt: skip

SOURCES = {"CSTO": CSTO_SRC, "CIS": CIS_SRC, "SCO": SCO_SRC, "EAEU": EAEU_SRC, "USRB": USRB_SRC}


@lru_cache(maxsize=1)
def claims_architecture() -> Architecture:
    """The test architecture (validated against the bundled states table)."""
    memberships = [
        {"organisation": "NATO", "state": code, "start": start, "source": NATO_SRC}
        for code, start in NATO_MEMBERS.items()
    ]
    for org, state, status, start, end in OTHER_SPELLS:
        row = {"organisation": org, "state": state, "status": status, "start": start, "source": SOURCES[org]}
        if end:
            row["end"] = end
        memberships.append(row)
    participants = sorted({m["state"] for m in memberships} | {"TKM", "MDA"})
    return Architecture.model_validate(
        {
            "name": "claims-test",
            "title": "Membership 1991-2025 for the claims tests",
            "date": "2025-06-30",
            "period": {"start": "1991-01-01", "end": "2025-06-30"},
            "region": {"name": "Eurasia (part)", "states": ["RUS", "BLR", "KAZ", "ARM"]},
            "participants": participants,
            "organisations": ORGANISATIONS,
            "memberships": memberships,
        }
    )
