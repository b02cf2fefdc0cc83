"""Each principle check on small hand-made architectures where the right finding is known.

Oracle for every test: the finding worked out by hand from the check's documented operationalisation
(each test's docstring says what it should be and why).
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from _principles_arch import SIX, STATES, agreement, build, clean, members, organisation, variant
from secarch.errors import InputError
from secarch.principles import CHECK_MODULES, Severity, checks, run_checks

EQUAL = {code: 1.0 for code in STATES}


def findings(arch, principle, **kwargs):
    return run_checks(arch, principles=[principle], **kwargs).findings


@pytest.mark.parametrize("principle", CHECK_MODULES)
def test_clean_architecture_has_no_findings(principle):
    """Oracle: by construction (see _principles_arch.clean) no check has anything to find."""
    assert findings(clean(), principle, capabilities=EQUAL) == ()


def test_registry_lists_every_check_with_its_statement():
    """Property: every module registers one check, each with an attributed statement."""
    registry = checks()
    assert tuple(registry) == CHECK_MODULES
    # Positions are attributed: each statement says whose principle it is.
    assert all(("According to" in c.statement or "Charter" in c.statement) for c in registry.values())


# --- equality -------------------------------------------------------------------------------------------


def test_equality_unilateral_guarantee():
    """AAA alone guarantees BBB (credibility .9): protection 0 .9 0 0, Gini = 0.75 ≥ 0.6 → high; and the
    guarantee is one-way → a low finding naming AAA→BBB."""
    spec = variant(
        agreements=[agreement("umbrella", "mutual_assistance", 0.9, parties=["AAA"], beneficiaries=["BBB"])]
    )
    found = findings(build(spec), "equality")
    assert [f.severity for f in found] == [Severity.HIGH, Severity.LOW]
    assert found[0].evidence["gini"] == pytest.approx(0.75)
    assert set(found[0].evidence["unprotected_states"]) == {"AAA", "CCC", "DDD"}
    assert found[1].evidence["one_way_pairs"] == ["AAA→BBB"]


def test_equality_uses_the_security_hook():
    """A security scorer giving 1 0 0 0 has Gini 0.75 → a high finding naming the least secure states."""
    found = findings(clean(), "equality", security=lambda arch, snap: np.array([1.0, 0.0, 0.0, 0.0]))
    assert len(found) == 1 and found[0].severity == Severity.HIGH
    assert found[0].evidence["gini"] == pytest.approx(0.75)


# --- indivisibility -------------------------------------------------------------------------------------


def test_indivisibility_targeted_guarantee():
    """A defence pact of AAA and BBB naming CCC (in the region) as target → high, naming the agreement."""
    spec = variant(add_agreements=[agreement("axis", parties=["AAA", "BBB"], targets=["CCC"])])
    (finding,) = findings(build(spec), "indivisibility")
    assert finding.severity == Severity.HIGH
    assert finding.elements == ("axis", "CCC")


def test_indivisibility_targeted_consultation_is_medium():
    """A consultation pact naming a target is targeted but not a guarantee → medium."""
    spec = variant(
        add_agreements=[agreement("talks", "consultation", parties=["AAA", "BBB"], targets=["DDD"])]
    )
    (finding,) = findings(build(spec), "indivisibility")
    assert finding.severity == Severity.MEDIUM


class _Effect:
    """A hand-made leave-one-out effect with the shape the security model's hook returns."""

    def __init__(
        self, element, effect_class, losers, *, kind="agreement", mean=0.02, gainers=(("AAA", 0.02),)
    ):
        self.element, self.effect_class, self.kind = element, effect_class, kind
        self.parties = ("AAA", "BBB")
        self.gainers = gainers
        self.losers = losers
        self.net = sum(v for _, v in gainers) + sum(v for _, v in losers)
        self.parties_mean_change = mean
        self.threshold = 0.001


def test_indivisibility_zero_sum_hook():
    """The hook reports one zero-sum element with a non-party loss of .08 ≥ .05 → high, naming the loser; a
    positive-sum element gives no finding of its own; the classification is one info finding; without the
    hook, a note says the part was not evaluated."""
    effects = [_Effect("pact-art5", "zero-sum", (("CCC", -0.08),)), _Effect("x", "positive-sum", ())]
    report = run_checks(clean(), principles=["indivisibility"], zero_sum=lambda a, s: effects)
    summary, finding = report.findings
    assert finding.severity == Severity.HIGH and finding.elements == ("pact-art5", "CCC")
    assert summary.severity == Severity.INFO
    assert "zero_sum" in run_checks(clean(), principles=["indivisibility"]).notes["indivisibility"][0]


def test_indivisibility_names_non_party_losers_and_parties_that_lose_apart():
    """Oracle, by hand: parties AAA and BBB; AAA gains .05, BBB (a party) loses .09, CCC (not a party) loses
    .02. The text names only CCC as the state at whose expense the element works and says that 1 of the 2
    parties loses; BBB is in the evidence as a party that loses. Severity follows the non-party loss:
    .02 < .05 → medium, although BBB's loss is larger than .05."""
    effect = _Effect(
        "pact-art5",
        "zero-sum",
        (("BBB", -0.09), ("CCC", -0.02)),
        gainers=(("AAA", 0.15),),
        mean=0.03,
    )
    report = run_checks(clean(), principles=["indivisibility"], zero_sum=lambda a, s: [effect])
    (finding,) = [f for f in report.findings if f.severity != Severity.INFO]
    assert finding.severity == Severity.MEDIUM
    assert finding.elements == ("pact-art5", "CCC")
    assert "non-parties CCC" in finding.title and "BBB" not in finding.title
    assert "1 of its 2 parties also loses" in finding.title
    assert finding.evidence["losers"] == {"CCC": -0.02}
    assert finding.evidence["parties_losing"] == {"BBB": -0.09}
    assert finding.evidence["parties_mean_change"] == pytest.approx(0.03)


def test_indivisibility_reports_the_whole_classification():
    """Oracle, by hand: three agreements and a membership of the given classes and a dispute. The info
    finding counts 1 zero-sum, 1 negative-sum, 1 positive-sum and 1 neutral, lists the four agreements and
    memberships (zero-sum first) with their class, parties' mean change and losers, and leaves out the
    dispute (only agreements and memberships are classified here)."""
    effects = [
        _Effect("calm", "neutral", (), gainers=(), mean=0.0),
        _Effect("PACT:DDD", "negative-sum", (("AAA", -0.01),), kind="membership", gainers=(), mean=-0.005),
        _Effect("pact-art5", "zero-sum", (("CCC", -0.03),)),
        _Effect("nap", "positive-sum", ()),
        _Effect("d-1", "negative-sum", (("AAA", -0.2),), kind="dispute", gainers=(), mean=-0.1),
    ]
    report = run_checks(clean(), principles=["indivisibility"], zero_sum=lambda a, s: effects)
    summary = next(f for f in report.findings if f.severity == Severity.INFO)
    counts = {"zero-sum": 1, "negative-sum": 1, "positive-sum": 1, "neutral": 1}
    assert summary.evidence["counts"] == counts
    assert "4 agreement(s) and membership(s): 1 zero-sum, 1 negative-sum, 1 positive-sum, 1 neutral" in (
        summary.title
    )
    rows = summary.evidence["elements"]
    assert [(r["element"], r["class"]) for r in rows] == [
        ("pact-art5", "zero-sum"),
        ("PACT:DDD", "negative-sum"),
        ("nap", "positive-sum"),
        ("calm", "neutral"),
    ]
    assert rows[1]["parties_losing"] == {"AAA": -0.01} and rows[1]["losers"] == {}
    assert rows[0]["losers"] == {"CCC": -0.03} and rows[1]["parties_mean_change"] == -0.005
    assert summary.evidence["threshold"] == 0.001
    # JSON-ready: the report goes through json.dumps unchanged.
    assert json.loads(json.dumps(report.as_dict()))["findings"][0]["evidence"]["counts"] == counts


# --- inclusiveness --------------------------------------------------------------------------------------


def test_inclusiveness_state_outside_every_structure():
    """EEE is in the region but in no organisation: 1 of 5 = 20 % (≥ 10 %, < 33 %) → medium; and PACT
    covers 80 % of the region → a low finding. The evidence gives PACT's accession rule."""
    spec = variant(region={"name": "Testland", "states": [*STATES, "EEE"]}, participants=[*STATES, "EEE"])
    outside, widest = findings(build(spec), "inclusiveness")
    assert outside.severity == Severity.MEDIUM and outside.elements == ("EEE",)
    assert outside.evidence["accession_requirements"] == {"PACT": "unanimous decision of members"}
    assert widest.severity == Severity.LOW and widest.evidence["coverage"]["PACT"] == pytest.approx(0.8)


def test_inclusiveness_ignores_universal_organisations_and_observers():
    """Membership of a universal organisation or observer status does not count as inside a structure."""
    spec = variant(
        region={"name": "Testland", "states": [*STATES, "EEE"]},
        participants=[*STATES, "EEE"],
        add_organisations=[organisation("UN", kind="universal", binding=None)],
        add_memberships=[
            *members("UN", [*STATES, "EEE"]),
            {
                "organisation": "PACT",
                "state": "EEE",
                "status": "observer",
                "start": "2000-01-01",
                "source": "test",
            },
        ],
    )
    assert findings(build(spec), "inclusiveness")[0].elements == ("EEE",)


# --- multipolarity --------------------------------------------------------------------------------------


def test_multipolarity_one_pole_and_one_guarantor():
    """Capabilities 10 .1 .1 .1: AAA holds 97 % → 1 pole → medium. AAA alone guarantees the others →
    100 % of the region's guarantees → medium."""
    spec = variant(
        agreements=[
            agreement("hub", "mutual_assistance", parties=["AAA"], beneficiaries=["BBB", "CCC", "DDD"])
        ]
    )
    poles, hub = findings(
        build(spec), "multipolarity", capabilities={"AAA": 10, "BBB": 0.1, "CCC": 0.1, "DDD": 0.1}
    )
    assert poles.evidence["poles"] == 1 and poles.elements == ("AAA",)
    assert hub.elements == ("AAA",) and hub.evidence["share"] == pytest.approx(1.0)


def test_multipolarity_without_capabilities_notes_it():
    """Without capabilities the polarity part is not evaluated and the report says so."""
    report = run_checks(clean(), principles=["multipolarity"])
    assert report.findings == () and "capabilit" in report.notes["multipolarity"][0]


# --- network, not hierarchy -----------------------------------------------------------------------------


def test_network_out_tree_of_guarantees_is_a_hierarchy():
    """Guarantees AAA→BBB, AAA→CCC, BBB→DDD form an out-tree: Krackhardt hierarchy 1 and LUB 1 → high."""
    spec = variant(
        agreements=[
            agreement("g1", "mutual_assistance", parties=["AAA"], beneficiaries=["BBB", "CCC"]),
            agreement("g2", "mutual_assistance", parties=["BBB"], beneficiaries=["DDD"]),
        ]
    )
    found = [f for f in findings(build(spec), "network_not_hierarchy") if "one way" in f.title]
    assert len(found) == 1 and found[0].severity == Severity.HIGH
    assert found[0].evidence["hierarchy"] == 1.0 and found[0].elements[0] == "AAA"


def test_network_star_of_structures_and_disjoint_blocs():
    """Three two-member organisations AAA–BBB, AAA–CCC, AAA–DDD (no common organisation of all) form a star
    around AAA: betweenness centralisation 1 → medium. Two organisations with no common member → low."""
    star = variant(
        organisations=[organisation(o) for o in ("P1", "P2", "P3")],
        memberships=members("P1", ["AAA", "BBB"])
        + members("P2", ["AAA", "CCC"])
        + members("P3", ["AAA", "DDD"]),
        agreements=[],
    )
    (central,) = findings(build(star), "network_not_hierarchy")
    assert central.elements == ("AAA",) and central.evidence["betweenness_centralisation"] == pytest.approx(
        1.0
    )
    blocs = variant(
        organisations=[organisation("WEST"), organisation("EAST")],
        memberships=members("WEST", ["AAA", "BBB"]) + members("EAST", ["CCC", "DDD"]),
        agreements=[],
    )
    (disjoint,) = findings(build(blocs), "network_not_hierarchy")
    assert disjoint.severity == Severity.LOW and set(disjoint.elements) == {"WEST", "EAST"}


# --- regional ownership ---------------------------------------------------------------------------------


def test_regional_ownership_off_region_commitments():
    """OFF (outside the region) guarantees AAA → medium; OFF consults with BBB → low."""
    spec = variant(
        participants=[*STATES, "OFF"],
        add_agreements=[
            agreement("offshore", "mutual_assistance", parties=["OFF"], beneficiaries=["AAA"]),
            agreement("dialogue", "consultation", parties=["OFF", "BBB"]),
        ],
    )
    guarantee, talks = findings(build(spec), "regional_ownership")
    assert guarantee.severity == Severity.MEDIUM and guarantee.elements == ("offshore", "OFF")
    assert guarantee.evidence["region_states"] == ["AAA"]
    assert talks.severity == Severity.LOW


# --- conflict settlement --------------------------------------------------------------------------------


def _dispute(did, a, b, intensity="war", **fields):
    return {
        "id": did,
        "name": did,
        "side_a": a,
        "side_b": b,
        "issue": "territory",
        "intensity": intensity,
        "start": "2005-01-01",
        "source": "test",
        **fields,
    }


def test_conflict_settlement_coverage():
    """AAA–BBB (both in PACT, binding mechanism) is covered → nothing; AAA–OFF at war (OFF in no
    structure) → high; a latent AAA–FAR claim → low."""
    spec = variant(
        participants=[*STATES, "OFF", "FAR"],
        disputes=[
            _dispute("ab", ["AAA"], ["BBB"]),
            _dispute("ao", ["AAA"], ["OFF"]),
            _dispute("af", ["AAA"], ["FAR"], "latent"),
        ],
    )
    war, latent = findings(build(spec), "conflict_settlement")
    assert war.elements == ("ao", "AAA", "OFF") and war.severity == Severity.HIGH
    assert war.evidence["mechanisms_with_some_parties"] == ["PACT"]
    assert latent.severity == Severity.LOW


def test_conflict_settlement_non_binding_and_frozen_member():
    """With a non-binding mechanism the covered dispute is a low finding; a frozen member is outside, so
    a militarized dispute involving it is uncovered → medium."""
    spec = variant(
        organisations=[organisation("PACT", binding=False, threats=SIX)],
        disputes=[_dispute("ab", ["AAA"], ["BBB"], "militarized")],
    )
    (finding,) = findings(build(spec), "conflict_settlement")
    assert finding.severity == Severity.LOW and "non-binding" in finding.title
    frozen = variant(
        memberships=members("PACT", ["AAA", "BBB", "CCC"]) + members("PACT", ["DDD"], "frozen"),
        disputes=[_dispute("cd", ["CCC"], ["DDD"], "militarized")],
    )
    (finding,) = findings(build(frozen), "conflict_settlement")
    assert finding.severity == Severity.MEDIUM


# --- territorial integrity ------------------------------------------------------------------------------


def test_territorial_integrity_recognition_and_agreement():
    """AAA recognises Northland on territory 'North', over which BBB and CCC are in armed conflict → high;
    an agreement covering 'South' (no active dispute) → medium. Names match ignoring case and spacing."""
    spec = variant(
        disputes=[_dispute("bc", ["BBB"], ["CCC"], "armed_conflict", territory="North")],
        recognitions=[
            {
                "id": "rec-n",
                "by": "AAA",
                "entity": "Northland",
                "territory": " north ",
                "start": "2008-01-01",
                "source": "test",
            }
        ],
        add_agreements=[
            agreement("south-deal", "consultation", parties=["AAA", "DDD"], territories=["South"])
        ],
    )
    recognition, deal = findings(build(spec), "territorial_integrity")
    assert recognition.severity == Severity.HIGH and recognition.elements == ("rec-n", "AAA", "bc")
    assert deal.severity == Severity.MEDIUM and deal.evidence["active_disputes"] == []


# --- guarantee credibility ------------------------------------------------------------------------------


@pytest.mark.parametrize("credibility, severity", [(0.2, Severity.HIGH), (0.4, Severity.MEDIUM)])
def test_guarantee_credibility_below_threshold(credibility, severity):
    """A collective-defence clause below .5 is a finding (high below .25), and every member's best
    guarantee is then below .5 → a medium finding listing the four states."""
    spec = variant(
        agreements=[
            agreement(
                "pact-art5", credibility=credibility, organisation="PACT", credibility_rationale="estimate"
            )
        ]
    )
    clause, states = findings(build(spec), "guarantee_credibility")
    assert clause.severity == severity and clause.evidence["rationale"] == "estimate"
    assert states.elements == tuple(STATES)


def test_guarantee_credibility_threshold_parameter():
    """Raising the threshold to .9 turns the clean .8 clause into a finding (parameters are honoured)."""
    report = run_checks(
        clean(),
        principles=["guarantee_credibility"],
        parameters={"guarantee_credibility": {"threshold": 0.9}},
    )
    assert report.findings[0].severity == Severity.MEDIUM


@pytest.mark.parametrize(
    "outcome, severity",
    [("not_honoured", Severity.HIGH), ("partly_honoured", Severity.MEDIUM), ("honoured", None)],
)
def test_guarantee_credibility_invocations(outcome, severity):
    """A recorded invocation of the clause that was not honoured is a high finding, partly honoured a medium
    one, honoured none; an invocation after the snapshot's date is not yet known."""
    invocation = {
        "id": "ccc-request",
        "agreement": "pact-art5",
        "requested_by": "CCC",
        "date": "2009-05-01",
        "outcome": outcome,
        "source": "hand-made test architecture",
    }
    arch = build(variant(invocations=[invocation]))
    found = [f for f in run_checks(arch, principles=["guarantee_credibility"]).findings]
    if severity is None:
        assert found == []
    else:
        assert [(f.severity, f.elements) for f in found] == [(severity, ("pact-art5", "CCC", "ccc-request"))]
    assert run_checks(arch, 2008, principles=["guarantee_credibility"]).findings == ()


# --- threat agenda --------------------------------------------------------------------------------------


def test_threat_agenda_coverage():
    """PACT lists five items (not terrorism); ORG2 (AAA only) lists terrorism: BBB, CCC, DDD (75 % ≥ 50 %)
    are uncovered → medium. Nobody lists biological security when it is dropped too → medium."""
    spec = variant(
        organisations=[organisation("PACT", threats=SIX[1:5]), organisation("ORG2", threats=["terrorism"])],
        memberships=members("PACT", STATES) + members("ORG2", ["AAA"]),
    )
    terrorism, biological = findings(build(spec), "threat_agenda")
    assert terrorism.elements == ("BBB", "CCC", "DDD") and terrorism.severity == Severity.MEDIUM
    assert biological.evidence == {"item": "biological_security"}


# --- running and reporting ------------------------------------------------------------------------------


def test_unknown_principle_is_an_input_error_with_a_hint():
    """Bad input: a misspelt check name gets an InputError suggesting the right one."""
    with pytest.raises(InputError, match="did you mean equality"):
        run_checks(clean(), principles=["equalty"])


@pytest.mark.parametrize(
    ("parameters", "field", "message"),
    [
        ({"nope": {"x": 1}}, "nope.x", "unknown principle check 'nope'"),
        ({"guarantee_credibilty": {"threshold": 0.4}}, "guarantee_credibilty.threshold", "did you mean"),
        ({"threat_agenda": {"typo": 1}}, "threat_agenda.typo", "no parameter 'typo'"),
        ({"guarantee_credibility": {"treshold": 0.4}}, "guarantee_credibility.treshold", "did you mean"),
        ({"conflict_settlement": {"x": 1}}, "conflict_settlement.x", "no parameter 'x'"),
        ({"guarantee_credibility": {"threshold": 5}}, "guarantee_credibility.threshold", "between 0 and 1"),
        ({"equality": {"gini_high": -0.1}}, "equality.gini_high", "between 0 and 1"),
        ({"indivisibility": {"large_loss": "nan"}}, "indivisibility.large_loss", "between 0 and 1"),
        ({"multipolarity": {"dominance": "half"}}, "multipolarity.dominance", "between 0 and 1"),
        (
            {"mutual_consideration": {"power_correlation": "inf"}},
            "mutual_consideration.power_correlation",
            "",
        ),
        ({"threat_agenda": {"items": "terorism"}}, "threat_agenda.items", "did you mean terrorism"),
        ({"threat_agenda": {"items": ""}}, "threat_agenda.items", "comma-separated"),
    ],
)
def test_bad_parameters_are_input_errors(parameters, field, message):
    """Bad input: an unknown check or parameter (with the nearest name), a value that is not a number or
    lies outside its range (shares, credibilities, Gini coefficients and losses in [0, 1]; any number finite)
    is an InputError naming CHECK.NAME, whether or not the check is run."""
    with pytest.raises(InputError) as caught:
        run_checks(clean(), principles=["regional_ownership"], parameters=parameters)
    problem = caught.value.problems[0]
    assert problem.location.field == field
    assert message in str(caught.value) and problem.expected


def test_parameters_at_the_ends_of_their_range_are_accepted():
    """Property: the bounds are inclusive (0 and 1 are valid shares); a correlation threshold below −1 is
    accepted (it switches that part of the check off); strings from the command line are converted."""
    parameters = {
        "guarantee_credibility": {"threshold": "1", "severe": 0},
        "mutual_consideration": {"power_correlation": "-1.5"},
    }
    report = run_checks(clean(), principles=["guarantee_credibility"], parameters=parameters)
    # Threshold 1: the clean clause (credibility .8) is below it → the finding of a weak guarantee.
    assert report.findings and report.findings[0].evidence["threshold"] == 1.0


def test_threat_agenda_items_parameter():
    """Oracle, by hand: PACT lists no terrorism and nobody lists biological security (as in
    test_threat_agenda_coverage); restricted to the items "terrorism" (a comma-separated string, as from
    --set) the check reports terrorism only, and given as a list the same."""
    spec = variant(
        organisations=[organisation("PACT", threats=SIX[1:5]), organisation("ORG2", threats=["terrorism"])],
        memberships=members("PACT", STATES) + members("ORG2", ["AAA"]),
    )
    arch = build(spec)
    for items in ("terrorism", ["terrorism"], "terrorism, extremism"):
        found = findings(arch, "threat_agenda", parameters={"threat_agenda": {"items": items}})
        assert [f.evidence["item"] for f in found] == ["terrorism"]


def test_architecture_principles_choose_the_checks():
    """Property: an architecture listing principles runs only those."""
    spec = variant(principles=["threat_agenda"])
    assert run_checks(build(spec)).principles == ("threat_agenda",)


def test_report_is_json_ready_and_severity_parses():
    """Property: the report serialises to JSON; severities order info < low < medium < high."""
    spec = variant(agreements=[agreement("pact-art5", credibility=0.2, organisation="PACT")])
    report = run_checks(build(spec))
    assert json.loads(json.dumps(report.as_dict()))["findings"]
    assert report.reaches(Severity.parse("HIGH")) and report.worst() == Severity.HIGH
    with pytest.raises(InputError):
        Severity.parse("severe")
