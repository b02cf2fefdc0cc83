"""Published facts about membership that the bundled spells must reproduce.

Oracle: the organisations' own published counts and dates (NATO member countries page, SCO Secretariat,
CSTO and CIS statements, Council of Europe resolutions, UN and OSCE member lists), as cited in each test.
"""

from __future__ import annotations

from secarch.data.orgs import members, name_on, status_of, table_rows


def test_nato_16_in_1999_and_32_in_2025_after_seven_rounds():
    """NATO: 16 allies on 1 Jan 1999, 32 on 1 Jan 2025, joined in the 7 rounds of 1999, 2004, 2009, 2017,
    2020, 2023, 2024 (NATO, 'Member countries')."""
    before, after = members("NATO", "1999-01-01"), members("NATO", "2025-01-01")
    assert len(before) == 16 and len(after) == 32
    rounds = sorted(
        {
            row["start"]
            for row in table_rows("memberships")
            if row["organisation"] == "NATO"
            and row["status"] == "member"
            and "1999-01-01" < row["start"] <= "2025-01-01"
        }
    )
    assert [d[:4] for d in rounds] == ["1999", "2004", "2009", "2017", "2020", "2023", "2024"]
    assert set(after) - set(before) == {
        "CZE",
        "HUN",
        "POL",
        "BGR",
        "EST",
        "LVA",
        "LTU",
        "ROU",
        "SVK",
        "SVN",
        "ALB",
        "HRV",
        "MNE",
        "MKD",
        "FIN",
        "SWE",
    }


def test_sco_has_ten_members_on_1_january_2025():
    """SCO: ten members after Belarus joined on 4 Jul 2024 (Astana summit; TASS, 1 Sep 2025)."""
    assert members("SCO", "2025-01-01") == sorted(
        ["CHN", "KAZ", "KGZ", "RUS", "TJK", "UZB", "IND", "PAK", "IRN", "BLR"]
    )
    assert members("SCO", "2025-06-30", "observer") == ["AFG", "MNG"]
    assert len(members("SCO", "2025-06-30", "dialogue_partner")) == 14
    assert len(members("SCO", "2024-07-03")) == 9


def test_armenia_csto_frozen_from_february_2024():
    """Armenia froze its CSTO participation on 22-23 Feb 2024 (Prime Minister's statements)."""
    assert status_of("CSTO", "ARM", "2024-02-01") == "member"
    assert status_of("CSTO", "ARM", "2024-03-01") == "frozen"
    assert status_of("CSTO", "ARM", "2025-06-30") == "frozen"
    spell = next(
        r for r in table_rows("memberships") if r["organisation"] == "CSTO" and r["status"] == "frozen"
    )
    assert spell["start"].startswith("2024-02")
    assert members("CSTO", "2025-06-30") == ["BLR", "KAZ", "KGZ", "RUS", "TJK"]


def test_georgia_not_in_cis_after_august_2009():
    """Georgia's withdrawal took effect on 18 Aug 2009 (CIS Executive Committee)."""
    assert status_of("CIS", "GEO", "2009-08-17") == "member"
    for day in ("2009-08-18", "2009-09-01", "2015-01-01", "2025-06-30"):
        assert status_of("CIS", "GEO", day) is None


def test_cis_in_2025():
    """Nine members, Turkmenistan associate, Ukraine no longer participating (CIS Executive Committee)."""
    assert members("CIS", "2025-06-30") == sorted(
        ["ARM", "AZE", "BLR", "KAZ", "KGZ", "MDA", "RUS", "TJK", "UZB"]
    )
    assert status_of("CIS", "TKM", "2025-06-30") == "associate"
    assert status_of("CIS", "UKR", "2025-06-30") == "frozen"


def test_council_of_europe_and_russia_2022():
    """Russia's rights suspended 25 Feb 2022, membership ceased 16 Mar 2022 (CM/Res(2022)1 and 2); 46
    members remain (CoE, '46 Member States')."""
    assert status_of("COE", "RUS", "2022-02-24") == "member"
    assert status_of("COE", "RUS", "2022-03-01") == "suspended"
    assert status_of("COE", "RUS", "2022-03-16") is None
    assert len(members("COE", "2025-06-30")) == 46
    assert len(members("COE", "2022-01-01")) == 47


def test_uk_left_the_eu_on_31_january_2020():
    """The UK was a member until 31 Jan 2020 at midnight CET (Withdrawal Agreement); 27 members remain."""
    assert status_of("EU", "GBR", "2020-01-31") == "member"
    assert status_of("EU", "GBR", "2020-02-01") is None
    assert len(members("EU", "2020-01-31")) == 28 and len(members("EU", "2025-06-30")) == 27
    assert len(members("EU", "1993-10-31")) == 12 and name_on("EU", "1993-10-31") == "EC"


def test_uzbekistan_csto_spells():
    """Uzbekistan: Treaty party 1992-1999, member again from 2006, suspended from 28 Jun 2012
    (orgs-post-soviet.md; ITAR-TASS)."""
    assert status_of("CSTO", "UZB", "1995-01-01") == "member"
    assert status_of("CSTO", "UZB", "2000-01-01") is None
    assert status_of("CSTO", "UZB", "2010-01-01") == "member"
    assert status_of("CSTO", "UZB", "2013-01-01") == "suspended"


def test_membership_counts_of_universal_and_regional_organisations():
    """UN 193, OSCE 57, ASEAN 10, GCC 6, EAEU 5, CICA 28 on 30 Jun 2025 (the organisations' lists)."""
    on = "2025-06-30"
    assert len(members("UN", on)) == 193
    assert len(members("OSCE", on)) == 57
    assert len(members("ASEAN", on)) == 10
    assert len(members("GCC", on)) == 6
    assert members("EAEU", on) == ["ARM", "BLR", "KAZ", "KGZ", "RUS"]
    assert len(members("CICA", on)) == 28
    assert members("USRB", on) == ["BLR", "RUS"]


def test_brics_2025():
    """BRICS: ten members after Indonesia (6 Jan 2025) and ten partners by 13 Jun 2025 (Brazilian MFA)."""
    assert len(members("BRICS", "2025-06-30")) == 10
    assert "SAU" not in members("BRICS", "2025-06-30")
    assert len(members("BRICS", "2025-06-30", "partner")) == 10
    assert len(members("BRICS", "2023-12-31")) == 5


def test_names_over_time():
    """CSCE to 1994, Shanghai Five to June 2001, CST before the 2002 Charter (founding documents)."""
    assert name_on("OSCE", "1994-12-31") == "CSCE" and name_on("OSCE", "1995-01-01") == "OSCE"
    assert name_on("SCO", "2001-06-14") == "Shanghai Five" and name_on("SCO", "2001-06-15") == "SCO"
    assert name_on("CSTO", "1999-01-01") == "CST"
