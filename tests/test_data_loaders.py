"""Loaders for the original datasets: they read the published layouts, keep codes as integers, turn
missing-value codes into missing values, and reject a wrong file with a located InputError."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secarch.data import external as ext
from secarch.errors import InputError


def _count_rows(path: Path) -> int:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as handle:  # type: ignore[operator]
        return len(pd.read_csv(handle, dtype=str, keep_default_na=False))


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    if name.endswith(".gz"):
        path.write_bytes(gzip.compress(text.encode()))
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(ext.FOLDER_FILES))
def test_every_loader_reads_the_reference_copy(shared_data, name):
    """Oracle: the reference copies in ../shared/data; every row is kept and codes stay integers."""
    path = ext.dataset_path(shared_data, name)
    frame = ext.load_dataset(shared_data, name)
    assert len(frame) == _count_rows(path), name
    for code in ("ccode", "ccode1", "ccode2", "year", "dispnum", "ionum", "conflict_id", "gwcode"):
        if code in frame:
            assert frame[code].dtype == np.int64, (name, code)


def test_every_loader_is_listed_and_exercised():
    """Property: LOADERS is complete, so `secarch data check` can reach every loader, and every loader but
    the published wide IGO layout (not in ../shared/data) reads some file of the folder layout."""
    used = {loader for loader, _ in ext.FOLDER_FILES.values()}
    assert set(ext.LOADERS) == used | {"igo-membership-wide"}


def test_folder_layout_names_every_reference_file(shared_data):
    """Oracle: the files of ../shared/data — FOLDER_FILES lists every CSV file there once."""
    files = {
        str(p.relative_to(shared_data))
        for p in shared_data.rglob("*")
        if p.name.endswith((".csv", ".csv.gz")) and p.parts[-2] not in ("ktab", "bdm")
    }
    listed = [relative for _, relative in ext.FOLDER_FILES.values()]
    assert sorted(listed) == sorted(files)


def test_dataset_path_names_what_is_missing(tmp_path):
    """Property: a missing folder or file is an InputError naming it, with a hint about --from."""
    with pytest.raises(InputError) as info:
        ext.dataset_path(tmp_path / "nowhere", "atop")
    assert "nowhere" in str(info.value) and "--from" in str(info.value)
    with pytest.raises(InputError) as info:
        ext.load_dataset(tmp_path, "atop")
    assert "atop/atop_alliance.csv.gz" in str(info.value)


def test_nmc_missing_codes_become_nan_and_codes_stay_int(tmp_path):
    """Oracle: the NMC codebook: -9 means missing; a missing value must not become zero."""
    path = _write(
        tmp_path,
        "nmc.csv",
        "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version\n"
        "USA,2,2020,778000000,1388,72700,-9,331000,-9,0.1377,2021\n"
        "RUS,365,2020,-9,1454,71600,1000000,145000,107000,0.0633,2021\n",
    )
    frame = ext.load_nmc(path)
    assert frame["ccode"].tolist() == [2, 365] and frame["ccode"].dtype == np.int64
    assert np.isnan(frame.loc[0, "pec"]) and np.isnan(frame.loc[1, "milex"])
    assert frame.loc[0, "milex"] == 778000000.0 and frame["stateabb"].tolist() == ["USA", "RUS"]


def test_missing_column_is_named_with_file_and_line(tmp_path):
    """Property: a file without a required column is rejected, naming the file, line 1 and the column."""
    path = _write(tmp_path, "nmc.csv", "ccode,year,milex,milper,irst,pec,tpop,upop\n2,2020,1,1,1,1,1,1\n")
    with pytest.raises(InputError) as caught:
        ext.load_nmc(path)
    problem = caught.value.problems[0]
    assert problem.location.file == str(path) and problem.location.line == 1
    assert problem.location.field == "cinc" and "cinc" in caught.value.format()


def test_wrong_dataset_lists_every_missing_column(tmp_path):
    """Property: passing a MID file to the NMC loader reports all the NMC columns it lacks."""
    path = _write(tmp_path, "mid.csv", "dispnum,styear,stmon,hostlev\n2,1902,7,3\n")
    with pytest.raises(InputError) as caught:
        ext.load_nmc(path)
    fields = {p.location.field for p in caught.value.problems}
    assert {"ccode", "year", "cinc", "milex"} <= fields


def test_ill_typed_value_gives_the_physical_line(tmp_path):
    """Oracle: the physical line number of the bad record, counted by hand (a quoted field with a line
    break and a blank line come before it)."""
    text = (
        "ionum,ioname,orgname,sdate,deaddate,sourcesandnotes\n"  # line 1
        '1,AAA,"First\norg",1950,,"note"\n'  # lines 2-3
        "\n"  # line 4 (blank)
        "2,BBB,Second,1960,,\n"  # line 5
        "3,CCC,Third,19x0,,\n"  # line 6
    )
    path = _write(tmp_path, "orgs.csv", text)
    with pytest.raises(InputError) as caught:
        ext.load_igo_organizations(path)
    problem = caught.value.problems[0]
    assert (problem.location.line, problem.location.field) == (6, "sdate")
    assert "19x0" in problem.message


def test_fractional_code_is_rejected(tmp_path):
    """Property: codes are whole numbers; 2.5 is not a state code (2.0 is accepted)."""
    path = _write(tmp_path, "c.csv", "ccode1,ccode2,year,mindist\n2.0,20.0,2000,1\n2.5,20,2000,1\n")
    with pytest.raises(InputError) as caught:
        ext.load_mindist(path)
    assert caught.value.problems[0].location.line == 3
    assert ext.load_mindist(_write(tmp_path, "d.csv", "ccode1,ccode2,year,mindist\n2.0,20.0,2000,1\n"))[
        "ccode1"
    ].tolist() == [2]


def test_out_of_range_value_is_rejected(tmp_path):
    """Property: the contiguity type is 0-5 (CoW codebook); 7 is rejected with its line."""
    path = _write(
        tmp_path,
        "c.csv",
        "ccode1,ccode2,conttype,stdate,enddate\n2,20,1,1920-01-01,2016-12-01\n2,70,7,1831-01-01,2016-12-01\n",
    )
    with pytest.raises(InputError) as caught:
        ext.load_contiguity(path)
    assert (caught.value.problems[0].location.line, caught.value.problems[0].location.field) == (
        3,
        "conttype",
    )


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("empty.csv", "", "empty"),
        ("ragged.csv", "ccode1,ccode2,year,mindist\n2,20,2000,1\n2,20,2000,1,5,6\n", "well-formed"),
        ("bad.csv.gz", "not gzip at all", "cannot read"),
    ],
)
def test_unreadable_files_are_input_errors(tmp_path, name, content, fragment):
    """Property: empty, ragged and corrupt files give an InputError, never a traceback."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        ext.load_mindist(path)
    assert fragment in caught.value.format()


def test_missing_file_and_directory(tmp_path):
    """Property: a path that is not a file is reported as such."""
    with pytest.raises(InputError, match="file not found"):
        ext.load_nmc(tmp_path / "nope.csv")
    with pytest.raises(InputError, match="not a file"):
        ext.load_nmc(tmp_path)


def test_contiguity_published_layout_with_yyyymm(tmp_path):
    """Oracle: the published contdir.csv layout (statelno, statehno, begin/end as YYYYMM) gives the same
    spells as the peacesciencer layout (first day of the month)."""
    published = _write(
        tmp_path,
        "contdir.csv",
        "dyad,statelno,statelab,statehno,statehab,conttype,begin,end,version\n"
        "2020,2,USA,20,CAN,1,192001,201612,3.2\n",
    )
    copy = _write(
        tmp_path, "copy.csv", "ccode1,ccode2,conttype,stdate,enddate\n2,20,1,1920-01-01,2016-12-01\n"
    )
    pd.testing.assert_frame_equal(ext.load_contiguity(published), ext.load_contiguity(copy))
    bad = _write(tmp_path, "bad.csv", "statelno,statehno,conttype,begin,end\n2,20,1,192013,201612\n")
    with pytest.raises(InputError, match="YYYYMM"):
        ext.load_contiguity(bad)


def test_atop_published_names(tmp_path):
    """Oracle: ATOP's published ddyr layout (stateA, stateB, defense …) maps to the canonical names."""
    path = _write(
        tmp_path,
        "atop5_1ddyr.csv",
        "stateA,stateB,year,atopally,defense,offense,neutral,nonagg,consul\n2,20,1950,1,1,0,0,0,1\n",
    )
    frame = ext.load_atop_dyad_years(path)
    assert frame.loc[0, ["ccode1", "ccode2", "atop_defense", "atop_consul"]].tolist() == [2, 20, 1, 1]


def test_ucdp_codes_labels_and_code_lists(tmp_path):
    """Oracle: the UCDP codebook: incompatibility 1/2/3, type 1-4; labelled copies give the same codes;
    a side with several governments ("2, 200") keeps every GW code."""
    head = (
        "conflict_id,year,gwno_a,gwno_a_2nd,gwno_b,gwno_b_2nd,incompatibility,intensity_level,"
        "type_of_conflict,start_date,start_prec,start_date2,start_prec2,ep_end,ep_end_date\n"
    )
    coded = _write(
        tmp_path,
        "a.csv",
        head + '259,2003,"2, 200, 900",,645,,2,2,2,2003-03-20,1,2003-03-20,1,1,2003-04-09\n',
    )
    labelled = _write(
        tmp_path,
        "b.csv",
        head
        + '259,2003,"2, 200, 900",,645,,government,2,interstate,2003-03-20,1,2003-03-20,1,1,2003-04-09\n',
    )
    a, b = ext.load_ucdp_acd(coded), ext.load_ucdp_acd(labelled)
    pd.testing.assert_frame_equal(a, b)
    assert (
        a.loc[0, "gwno_a"] == (2, 200, 900) and a.loc[0, "gwno_b"] == (645,) and a.loc[0, "gwno_a_2nd"] == ()
    )
    bad = _write(tmp_path, "c.csv", head + "1,2003,2,,645,,government,2,war,2003-03-20,1,,,0,\n")
    with pytest.raises(InputError) as caught:
        ext.load_ucdp_acd(bad)
    assert caught.value.problems[0].location.field == "type_of_conflict"


def test_igo_wide_layout_matches_long(tmp_path):
    """Oracle: the same memberships written in the published wide layout and in the long layout load to
    the same rows (status 0 rows are dropped from the wide layout)."""
    wide = _write(
        tmp_path,
        "igo_year_formatv3.csv",
        "ioname,orgname,year,russia,usa,belarus,ionum,version\n"
        "CSTO,Collective Security Treaty Org,2003,1,0,1,900,3\n"
        "CSTO,Collective Security Treaty Org,2004,1,-9,1,900,3\n",
    )
    long = _write(
        tmp_path,
        "long.csv",
        "ionum,ioname,year,state,status\n900,CSTO,2003,belarus,1\n900,CSTO,2003,russia,1\n"
        "900,CSTO,2004,belarus,1\n900,CSTO,2004,russia,1\n900,CSTO,2004,usa,-9\n",
    )
    got = ext.load_igo_membership_wide(wide)
    want = ext.load_igo_membership(long)
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), want.sort_values(["ioname", "year", "state"]).reset_index(drop=True)
    )


def test_gzip_and_latin1(tmp_path):
    """Property: .csv.gz is read transparently and a Latin-1 file (older CoW releases) is decoded."""
    path = _write(tmp_path, "m.csv.gz", "ccode1,ccode2,year,mindist\n2,20,2000,0\n")
    assert ext.load_mindist(path)["mindist"].tolist() == [0.0]
    latin = tmp_path / "s.csv"
    latin.write_bytes(
        "ccode,cw_abb,cw_name,start,end\n271,WRT,Württemberg,1816-01-01,1871-01-18\n".encode("latin-1")
    )
    assert ext.load_cow_system(latin)["cw_name"].tolist() == ["Württemberg"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=st.sampled_from(list('ccodeyar,0123456789.-9\n"x é\t')), max_size=300))
def test_fuzz_loader_only_raises_input_error(tmp_path, text):
    """Property (fuzz): whatever the bytes, the NMC loader returns a frame or raises InputError."""
    path = tmp_path / "fuzz.csv"
    path.write_text("ccode,year,milex,milper,irst,pec,tpop,upop,cinc\n" + text, encoding="utf-8")
    try:
        frame = ext.load_nmc(path)
    except InputError as error:
        assert error.problems and error.problems[0].location.file == str(path)
    else:
        assert frame["ccode"].dtype == np.int64 and frame["year"].dtype == np.int64


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(blob=st.binary(max_size=400), gz=st.booleans())
def test_fuzz_arbitrary_bytes_only_raise_input_error(tmp_path, blob, gz):
    """Property (fuzz): arbitrary bytes, plain or gzip-compressed, never escape as another exception
    from the UCDP loader (code lists, labels and dates included)."""
    path = tmp_path / ("fuzz.csv.gz" if gz else "fuzz.csv")
    path.write_bytes(gzip.compress(blob) if gz else blob)
    try:
        ext.load_ucdp_acd(path)
    except InputError as error:
        assert error.problems[0].location.file == str(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(
        st.tuples(
            st.integers(2, 999),
            st.integers(2, 999),
            st.integers(1400, 2100),
            st.one_of(st.none(), st.floats(0, 20000, allow_nan=False)),
        ),
        max_size=30,
    ),
    as_float=st.booleans(),
)
def test_fuzz_valid_tables_round_trip(tmp_path, rows, as_float):
    """Property (fuzz): any valid mindist table, with codes written as 2 or 2.0 and blanks for missing
    distances, loads back to exactly the values written."""
    lines = ["ccode1,ccode2,year,mindist"]
    for a, b, year, dist in rows:
        fmt = (lambda v: f"{v}.0") if as_float else str
        lines.append(f"{fmt(a)},{fmt(b)},{fmt(year)},{'' if dist is None else repr(dist)}")
    path = tmp_path / "rt.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame = ext.load_mindist(path)
    assert frame[["ccode1", "ccode2", "year"]].to_numpy().tolist() == [[a, b, y] for a, b, y, _ in rows]
    got = frame["mindist"].to_numpy()
    want = np.array([np.nan if d is None else d for *_, d in rows], dtype=float)
    np.testing.assert_array_equal(got, want)
