"""The bundled architectures: generated files in sync with the tables, every file valid, and the facts
and stated assumptions of each visible in its snapshots.

Oracles: the generator (history/today must equal its output), the model's validation, published
membership facts (NATO, SCO, CSTO, CIS, as in test_orgdata_facts), and properties that each alternative's
assumptions imply (e.g. no guarantee from the United States to a Eurasian state in eurasian-proposal).
"""

from __future__ import annotations

import numpy as np
import pytest

from secarch.data.orgs_history import ARCH_DIR, generated
from secarch.spec import bundled_names, load_architecture


def _members(snapshot, organisation, status=1):
    k = snapshot.organisations.index(organisation)
    return sorted(snapshot.states[i] for i in np.flatnonzero(snapshot.membership[:, k] == status))


@pytest.mark.parametrize(("name", "text"), list(generated()), ids=lambda v: v if v.endswith(".yaml") else "")
def test_generated_files_are_in_sync(name, text):
    """history.yaml and today.yaml are exactly what secarch.data.orgs_history generates from the tables."""
    bundled = (ARCH_DIR / name).read_text(encoding="utf-8")
    assert bundled == text, f"{name} is out of date: run python -m secarch.data.orgs_history"


@pytest.mark.parametrize("name", bundled_names())
def test_every_bundled_architecture_validates_and_cites_sources(name):
    """Each bundled file loads without problems and every element has a source."""
    arch = load_architecture(name)
    for section in ("organisations", "memberships", "agreements", "disputes", "rivalries", "recognitions"):
        for element in arch.elements(section):
            assert len(element.source) >= 3, (section, element)
    assert arch.at(arch.date).states


def test_history_slices():
    """Slices of history reproduce published memberships (NATO, CIS, SCO, CSTO)."""
    history = load_architecture("history")
    assert len(_members(history.at("1999-01-01"), "NATO")) == 16
    assert len(_members(history.at("2025-01-01"), "NATO")) == 32
    assert "GEO" in _members(history.at(2008), "CIS")
    assert "GEO" not in _members(history.at(2010), "CIS")
    assert len(_members(history.at("2025-01-01"), "SCO")) == 10
    frozen = 7  # status code of 'frozen' (secarch.model.status_code)
    assert _members(history.at("2024-06-01"), "CSTO", frozen) == ["ARM"]


def test_today():
    """today on 30 Jun 2025: organisations and disputes in force, the Russia-DPRK guarantee present."""
    today = load_architecture("today")
    snap = today.at()
    assert "WEU" not in snap.organisations and "EURASEC" not in snap.organisations
    assert len(_members(snap, "NATO")) == 32
    assert "rus-ukr-war" in snap.disputes
    assert "kgz-tjk-settlement" not in snap.disputes
    i, j = snap.states.index("RUS"), snap.states.index("PRK")
    assert snap.guarantee[i, j] > 0 and snap.guarantee[j, i] > 0


def test_eurasian_proposal_assumptions():
    """No US or Canadian guarantee to a Eurasian state; every UN member of the region in the continental
    layer with collective guarantees among them; the subregional structures kept."""
    arch = load_architecture("eurasian-proposal")
    snap = arch.at()
    region = [snap.states.index(s) for s in arch.region.states]
    for outsider in ("USA", "CAN"):
        assert snap.guarantee[snap.states.index(outsider), region].max() == 0.0
    layer = _members(snap, "EURASIAN-LAYER")
    assert set(layer) == set(arch.region.states) - {"TWN", "XKX", "PSE"}
    i, j = snap.states.index("IND"), snap.states.index("PAK")
    assert snap.guarantee[i, j] > 0
    for organisation in ("USRB", "CSTO", "EAEU", "CIS", "SCO", "ASEAN", "GCC", "CICA", "BRICS", "NATO"):
        assert _members(snap, organisation), organisation


def test_eurasian_proposal_other_reading_is_one_line_away(tmp_path):
    """Uncommenting the marked line (reading B: NATO's clause replaced) gives a valid architecture without
    nato-art5 and without the record of its invocation (removed with it)."""
    text = (ARCH_DIR / "eurasian-proposal.yaml").read_text(encoding="utf-8")
    assert text.count("    # - nato-art5\n") == 1
    text = text.replace("    # - nato-art5\n", "    - nato-art5\n")
    variant = tmp_path / "reading-b.yaml"
    variant.write_text(text, encoding="utf-8")
    arch = load_architecture(variant)
    assert "nato-art5" not in {a.id for a in arch.agreements}
    assert "nato-2001-usa" not in {i.id for i in arch.invocations}


def test_helsinki_plus_assumptions():
    """The OSCE's settlement mechanism is binding and every UN member of the region participates."""
    arch = load_architecture("helsinki-plus")
    osce = next(o for o in arch.organisations if o.id == "OSCE")
    assert osce.mandate.conflict_settlement is not None and osce.mandate.conflict_settlement.binding
    snap = arch.at()
    assert set(arch.region.states) - {"TWN", "XKX", "PSE"} <= set(_members(snap, "OSCE"))
    assert {"helsinki-plus-consultation", "helsinki-plus-arms-limitation"} <= set(snap.agreements)


def test_two_blocs_assumptions():
    """Guarantees inside each bloc, none across the bloc line; cross-bloc partnerships removed."""
    snap = load_architecture("two-blocs").at()
    position = {s: i for i, s in enumerate(snap.states)}
    bloc_a = [position[s] for s in ("USA", "DEU", "JPN", "KOR", "AUS")]
    bloc_b = [position[s] for s in ("RUS", "CHN", "PRK", "IRN", "BLR")]
    assert snap.guarantee[np.ix_(bloc_a, bloc_a)][~np.eye(5, dtype=bool)].min() > 0
    assert snap.guarantee[np.ix_(bloc_b, bloc_b)][~np.eye(5, dtype=bool)].min() > 0
    assert (
        snap.guarantee[np.ix_(bloc_a, bloc_b)].max() == 0
        and snap.guarantee[np.ix_(bloc_b, bloc_a)].max() == 0
    )
    assert "KAZ" not in _members(snap, "NATO", 4)  # 4 = partner
