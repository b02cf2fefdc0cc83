"""From an architecture to the security model: elements, relations, patches and the what-if API."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from secarch.errors import InputError
from secarch.security.adapter import (
    architecture_elements,
    build_case,
    classify,
    expand_removals,
    what_if,
)
from secarch.security.history import great_circle_miles
from secarch.security.model import Geography
from secarch.spec import load_architecture

# Hand-made capability shares for the example's participants (an illustration, not data).
SHARES = {"KAZ": 0.010, "KGZ": 0.001, "TJK": 0.001, "TKM": 0.002, "UZB": 0.003, "RUS": 0.04, "CHN": 0.23}


def geography(states, year=2021):
    """Capitals from the bundled states table, hand-made shares, no contiguity, a 193-state system."""
    from secarch import data

    table = data.states().set_index("iso3").loc[list(states)]
    distance = great_circle_miles(table["lat"], table["lon"])
    capability = [SHARES[s] for s in states]
    n = len(states)
    return Geography.build(
        states, capability, distance, np.zeros((n, n), bool), year, capability_total=1.0, system_size=193
    )


@pytest.fixture(scope="module")
def example():
    return load_architecture("example")


def test_elements_follow_the_architecture(example):
    """Oracle: the example file read by hand (CSTO Art. 4 among RUS, KAZ, KGZ, TJK at credibility 0.22; a
    consultation agreement without modelled effect; the armed phase of the KGZ–TJK dispute in 2021)."""
    _, elements = architecture_elements(example, example.resolve_date(2021))
    by_id = {e.id: e for e in elements}
    csto = by_id["csto-art4"]
    assert {(x.actor, x.object) for x in csto.links} == {
        (a, b) for a in ("RUS", "KAZ", "KGZ", "TJK") for b in ("RUS", "KAZ", "KGZ", "TJK") if a != b
    }
    assert {x.value for x in csto.links} == {0.22}
    assert by_id["sco-shanghai-convention"].links == ()
    kaz = by_id["CSTO:KAZ:2002-10-07"]
    assert {x.key for x in kaz.links} <= {x.key for x in csto.links}
    assert len(kaz.links) == 6 and all("KAZ" in (x.actor, x.object) for x in kaz.links)
    assert by_id["CIS:TKM:2005-08-26"].links == ()  # an associate takes no part in agreements
    dispute = by_id["kgz-tjk-2021"]
    assert {(x.actor, x.object, x.value) for x in dispute.links} == {("KGZ", "TJK", 1.0), ("TJK", "KGZ", 1.0)}
    _, later = architecture_elements(example, example.resolve_date(2024))
    latent = next(e for e in later if e.id == "kgz-tjk-claim")
    assert {x.value for x in latent.links} == {0.26}


def test_guarantees_match_the_snapshot(example):
    """Oracle: Snapshot.guarantee of secarch.model (one guarantee agreement per pair, so noisy-or = max)."""
    case = build_case(example, 2021, geography=geography(tuple(example.participants)))
    snapshot = example.at(2021)
    np.testing.assert_allclose(case.table.relations().guarantee, snapshot.guarantee)


def test_removals_accept_memberships_and_organisations(example):
    """ORG:STATE names the state's membership spells in force; an organisation id all its memberships and
    the agreements tied to it; an unknown id is an InputError."""
    case = build_case(example, 2021, geography=geography(tuple(example.participants)))
    assert expand_removals(case, ["CSTO:KAZ"], example) == ("CSTO:KAZ:2002-10-07",)
    removed = expand_removals(case, ["CSTO"], example)
    assert set(removed) == {"csto-art4"} | {f"CSTO:{s}:2002-10-07" for s in ("RUS", "KAZ", "KGZ", "TJK")}
    with pytest.raises(InputError, match="no element with id"):
        expand_removals(case, ["NATO"], example)


def test_patch_equals_recomputing_the_patched_architecture(example, tmp_path):
    """Oracle: the patched architecture loaded by the spec loader (extends) and scored from scratch."""
    patch = tmp_path / "patch.yaml"
    patch.write_text(
        "add:\n"
        "  agreements:\n"
        "    - id: rus-uzb\n"
        "      name: Russia–Uzbekistan alliance (hypothetical)\n"
        "      type: mutual_assistance\n"
        "      parties: [RUS, UZB]\n"
        "      credibility: 0.5\n"
        "      start: 2020-01-01\n"
        "      source: hypothetical, for a test\n"
        "modify:\n"
        "  agreements:\n"
        "    - {id: csto-art4, credibility: 0.6}\n"
        "remove:\n"
        "  disputes: [kgz-tjk-2021]\n",
        encoding="utf-8",
    )
    geo = geography(tuple(example.participants))
    result = what_if("example", ["CIS:TKM"], patch, 2021, geography=geo)
    full_text = patch.read_text() + "extends: example\n"
    variant = load_architecture(tmp_path / "variant.yaml", text=full_text)
    expected = build_case(variant, 2021, geography=geo).scores().security
    np.testing.assert_allclose(result.after, expected, rtol=1e-10)
    np.testing.assert_allclose(result.before, build_case(example, 2021, geography=geo).scores().security)
    assert set(result.removed) >= {"kgz-tjk-2021", "csto-art4", "CIS:TKM:2005-08-26"}


def test_bad_patches_are_located_errors(tmp_path):
    """A patch with an unknown section, or one that changes the participants, is an InputError."""
    geo = geography(tuple(load_architecture("example").participants))
    bad = tmp_path / "bad.yaml"
    bad.write_text("agreements: []\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        what_if("example", [], bad, 2021, geography=geo)
    assert "unknown section 'agreements'" in caught.value.format() and "bad.yaml" in caught.value.format()
    grow = tmp_path / "grow.yaml"
    grow.write_text("add:\n  participants: [MNG]\n", encoding="utf-8")
    with pytest.raises(InputError, match="participants"):
        what_if("example", [], grow, 2021, geography=geo)


def test_classification_names_gainers_and_losers(example):
    """The API the indivisibility check uses: per element a class, gainers and losers with amounts; the
    CSTO agreement raises its members' security and (through dissimilar portfolios) lowers outsiders'."""
    result = classify(example, 2021, geography=geography(tuple(example.participants)))
    csto = result.by_id()["csto-art4"]
    assert csto.effect_class == "zero-sum"
    assert {s for s, _ in csto.gainers} <= {"RUS", "KAZ", "KGZ", "TJK"}
    assert all(v < -0.001 for _, v in csto.losers) and csto.losers
    assert result.by_id()["sco-shanghai-convention"].effect_class == "neutral"


VALID_PATCH = (
    "add:\n"
    "  agreements:\n"
    "    - {id: rus-uzb, name: x, type: mutual_assistance, parties: [RUS, UZB], credibility: 0.5,\n"
    "       start: 2020-01-01, source: hypothetical}\n"
    "modify:\n"
    "  agreements:\n"
    "    - {id: csto-art4, credibility: 0.6}\n"
    "remove:\n"
    "  memberships: [{organisation: CIS, state: TKM}]\n"
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_patch_files_fail_only_with_input_errors(tmp_path, data):
    """Fuzz: any mutation of a valid patch either works or raises InputError, never another exception."""
    text = VALID_PATCH
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        kind = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        piece = data.draw(
            st.sampled_from([":", "-", " ", "\n", "[", "]", "{", "}", "x", "2", "'", "add", "NATO"])
        )
        if kind == "insert":
            text = text[:at] + piece + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + len(piece) :]
        else:
            text = text[:at] + piece + text[at + 1 :]
    patch = tmp_path / "fuzz.yaml"
    patch.write_text(text, encoding="utf-8")
    geo = geography(tuple(load_architecture("example").participants))
    try:
        result = what_if("example", [], patch, 2021, geography=geo)
    except InputError:
        return
    assert len(result.after) == len(geo.states)
