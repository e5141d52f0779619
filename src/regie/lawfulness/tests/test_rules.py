"""The engine as a table: every bullet of issue #5 and of the VNG factsheet, and the issue's
examples exactly. Each row is a scenario and what the decision must say about it."""

from typing import Any

import pytest

from regie.lawfulness.rules import RULES, Decision, ScenarioError, assess, parse_scenario

ADULT: dict[str, Any] = {"necessary": True, "subject_age": 40}
WMO_ASSESS: dict[str, Any] = {
    "law": "wmo",
    "action": "use",
    "purpose": "support_assessment",
    **ADULT,
}


def _scenario(**fields: Any) -> dict[str, Any]:
    return {**WMO_ASSESS, "counterparty": "ciz", **fields}


# The issue's examples, input and the output fields it names.
EXAMPLES = [
    pytest.param(
        {
            "law": "wmo",
            "action": "use",
            "counterparty": "ciz",
            "purpose": "support_assessment",
            "necessary": True,
            "subject_age": 40,
        },
        {"outcome": "allowed", "consent_from": None, "inform_resident": True},
        id="ciz-data-for-assessment",
    ),
    pytest.param(
        {
            "law": "wmo",
            "action": "use",
            "counterparty": "jeugdwet_records",
            "purpose": "support_assessment",
            "necessary": True,
            "subject_age": 40,
        },
        {"outcome": "consent_required", "consent_from": "resident"},
        id="jeugdwet-data-for-assessment",
    ),
    pytest.param(
        {
            "law": "wmo",
            "action": "provide",
            "counterparty": "health_insurer",
            "purpose": "zvw_tasks",
            "necessary": True,
            "subject_age": 15,
            "subject_capable": False,
        },
        {"outcome": "consent_required", "consent_from": "legal_representative"},
        id="health-insurer-minor-not-capable",
    ),
    pytest.param(
        _scenario(necessary=False, general_consent_on_file=True),
        {"outcome": "not_allowed", "legal_basis": None, "consent_from": None},
        id="not-necessary-with-general-consent",
    ),
    pytest.param(
        _scenario(objection=True),
        {"outcome": "objection_review", "objection_options": ["stop", "limited"]},
        id="objection-without-safety-risk",
    ),
]


@pytest.mark.parametrize(("scenario", "expected"), EXAMPLES)
def test_it_decides_the_issues_examples(scenario: dict[str, Any], expected: dict[str, Any]):
    decision = assess(scenario).as_json()

    assert {key: decision[key] for key in expected} == expected
    assert decision["legal_basis"] != "consent"


UNNECESSARY: dict[str, dict[str, Any]] = {
    "allowed-otherwise": {},
    "consent-case": {"counterparty": "jeugdwet_records"},
    "general-consent": {"general_consent_on_file": True},
    "objection": {"objection": True, "safety_at_risk": True},
    "secrecy": {"professional_secrecy": True},
}

# (scenario, outcome, consent_from, rule that must decide it)
TABLE = [
    # A general consent statement is never the ground; the ground is obligation or task.
    pytest.param(
        _scenario(general_consent_on_file=True),
        "allowed",
        None,
        "general_consent.not_a_ground",
        id="general-consent-is-no-ground",
    ),
    pytest.param(
        _scenario(counterparty="jeugdwet_records", general_consent_on_file=True),
        "consent_required",
        "resident",
        "general_consent.not_a_ground",
        id="general-consent-replaces-no-specific-consent",
    ),
    # Consent is needed to break a professional secrecy.
    pytest.param(
        _scenario(action="collect", counterparty="general_practitioner"),
        "consent_required",
        "resident",
        "consent.professional_secrecy",
        id="asking-a-gp-for-medical-data",
    ),
    pytest.param(
        _scenario(
            law="jeugdwet",
            action="collect",
            counterparty="general_practitioner",
            purpose="support_delivery",
        ),
        "consent_required",
        "resident",
        "consent.professional_secrecy",
        id="asking-a-gp-under-the-jeugdwet",
    ),
    pytest.param(
        _scenario(counterparty="wmo_provider", action="collect", professional_secrecy=True),
        "consent_required",
        "resident",
        "consent.professional_secrecy",
        id="any-secrecy-flagged",
    ),
    # Wmo: consent to use data obtained for the Participatiewet or the Jeugdwet...
    pytest.param(
        _scenario(counterparty="participatiewet_records"),
        "consent_required",
        "resident",
        "wmo.consent.other_law_data",
        id="wmo-uses-participatiewet-data",
    ),
    pytest.param(
        _scenario(counterparty="jeugdwet_records"),
        "consent_required",
        "resident",
        "wmo.consent.other_law_data",
        id="wmo-uses-jeugdwet-data",
    ),
    # ... or obtained from health insurers and care providers, to assess the need.
    pytest.param(
        _scenario(counterparty="health_insurer"),
        "consent_required",
        "resident",
        "wmo.consent.health_data",
        id="wmo-uses-health-insurer-data",
    ),
    pytest.param(
        _scenario(counterparty="zvw_care_provider", action="collect"),
        "consent_required",
        "resident",
        "wmo.consent.health_data",
        id="wmo-collects-care-provider-data",
    ),
    # ... to provide data to a health insurer or Zvw care provider for their Zvw tasks.
    pytest.param(
        _scenario(action="provide", counterparty="zvw_care_provider", purpose="zvw_tasks"),
        "consent_required",
        "resident",
        "wmo.consent.provide_zvw",
        id="wmo-provides-to-zvw-care-provider",
    ),
    # ... and to inform anyone other than the resident or give inspection or copies.
    pytest.param(
        _scenario(action="provide", counterparty="third_party", purpose="other"),
        "consent_required",
        "resident",
        "wmo.consent.inform_others",
        id="wmo-informs-a-third-party",
    ),
    pytest.param(
        _scenario(action="provide", counterparty="health_insurer", purpose="other"),
        "consent_required",
        "resident",
        "wmo.consent.inform_others",
        id="wmo-informs-an-insurer-outside-zvw",
    ),
    pytest.param(
        _scenario(
            action="provide", counterparty="general_practitioner", purpose="support_delivery"
        ),
        "consent_required",
        "resident",
        "wmo.consent.inform_others",
        id="wmo-informs-a-gp",
    ),
    # No consent for CIZ data, nor for the recipients the Wmo names.
    pytest.param(
        _scenario(counterparty="ciz"),
        "allowed",
        None,
        "wmo.no_consent.ciz",
        id="wmo-uses-ciz-data",
    ),
    *[
        pytest.param(
            _scenario(action="provide", counterparty=party, purpose="support_delivery"),
            "allowed",
            None,
            "wmo.no_consent.task_recipient",
            id=f"wmo-provides-to-{party}",
        )
        for party in (
            "cooperating_professional",
            "wmo_provider",
            "pgb_third_party",
            "cak",
            "svb",
            "supervisor",
            "veilig_thuis",
        )
    ],
    pytest.param(
        _scenario(action="provide", counterparty="resident", purpose="support_delivery"),
        "allowed",
        None,
        "ground.public_task",
        id="wmo-provides-to-the-resident-themselves",
    ),
    # The other laws: their own records are theirs; another law's need consent.
    pytest.param(
        _scenario(law="jeugdwet", counterparty="jeugdwet_records", purpose="support_delivery"),
        "allowed",
        None,
        "ground.public_task",
        id="jeugdwet-uses-its-own-records",
    ),
    pytest.param(
        _scenario(law="participatiewet", counterparty="jeugdwet_records", purpose="other"),
        "consent_required",
        "resident",
        "consent.other_law_data",
        id="participatiewet-uses-jeugdwet-records",
    ),
    pytest.param(
        _scenario(law="jeugdwet", action="provide", counterparty="third_party", purpose="other"),
        "consent_required",
        "resident",
        "consent.share_outside_task",
        id="jeugdwet-informs-a-third-party",
    ),
    pytest.param(
        _scenario(law="participatiewet", action="provide", counterparty="svb", purpose="other"),
        "allowed",
        None,
        "no_consent.task_recipient",
        id="participatiewet-provides-to-svb",
    ),
    pytest.param(
        _scenario(
            law="jeugdwet", action="use", counterparty="health_insurer", purpose="support_delivery"
        ),
        "consent_required",
        "resident",
        "consent.professional_secrecy",
        id="jeugdwet-uses-health-insurer-data",
    ),
    # Consent from the legal representative under 12, or 12-17 and not capable.
    pytest.param(
        _scenario(counterparty="jeugdwet_records", subject_age=11),
        "consent_required",
        "legal_representative",
        "consent.representative.under_12",
        id="eleven-years-old",
    ),
    pytest.param(
        _scenario(counterparty="jeugdwet_records", subject_age=0),
        "consent_required",
        "legal_representative",
        "consent.representative.under_12",
        id="a-baby",
    ),
    pytest.param(
        _scenario(counterparty="jeugdwet_records", subject_age=12, subject_capable=False),
        "consent_required",
        "legal_representative",
        "consent.representative.not_capable",
        id="twelve-not-capable",
    ),
    pytest.param(
        _scenario(counterparty="jeugdwet_records", subject_age=17, subject_capable=False),
        "consent_required",
        "legal_representative",
        "consent.representative.not_capable",
        id="seventeen-not-capable",
    ),
    pytest.param(
        _scenario(counterparty="jeugdwet_records", subject_age=12, subject_capable=True),
        "consent_required",
        "resident",
        "consent.from_resident",
        id="twelve-and-capable",
    ),
    pytest.param(
        _scenario(counterparty="jeugdwet_records", subject_age=18),
        "consent_required",
        "resident",
        "consent.from_resident",
        id="eighteen",
    ),
    # Even with consent, nothing that is not necessary.
    *[
        pytest.param(
            _scenario(necessary=False, **extra),
            "not_allowed",
            None,
            "necessity",
            id=f"not-necessary-{name}",
        )
        for name, extra in UNNECESSARY.items()
    ],
    # An objection or refused consent: review, with involuntary only when safety is at stake.
    pytest.param(
        _scenario(counterparty="jeugdwet_records", objection=True),
        "objection_review",
        "resident",
        "objection.review",
        id="consent-refused",
    ),
    pytest.param(
        _scenario(objection=True, safety_at_risk=True),
        "objection_review",
        None,
        "objection.involuntary",
        id="objection-with-safety-risk",
    ),
]


def _first(values: Any) -> dict[str, Any]:
    return dict(values[0])


@pytest.mark.parametrize(("scenario", "outcome", "consent_from", "rule"), TABLE)
def test_it_decides_each_row_of_the_table(
    scenario: dict[str, Any], outcome: str, consent_from: str | None, rule: str
):
    decision = assess(scenario)

    assert decision.outcome == outcome
    assert decision.consent_from == consent_from
    assert rule in decision.rules


def test_it_never_gives_consent_as_the_legal_basis():
    for row in TABLE:
        _check_basis(assess(_first(row.values)))


def _check_basis(decision: Decision) -> None:
    if decision.outcome == "not_allowed":
        assert decision.legal_basis is None
    else:
        assert decision.legal_basis in {"legal_obligation", "public_task"}


def test_it_calls_providing_to_the_cak_svb_or_a_supervisor_a_legal_obligation():
    for party in ("cak", "svb", "supervisor"):
        decision = assess(_scenario(action="provide", counterparty=party))
        assert decision.legal_basis == "legal_obligation", party
    assert assess(_scenario(action="provide", counterparty="wmo_provider")).legal_basis == (
        "public_task"
    )


def test_it_offers_involuntary_service_only_when_safety_is_at_risk():
    without = assess(_scenario(objection=True))
    with_risk = assess(_scenario(objection=True, safety_at_risk=True))
    risk_only = assess(_scenario(safety_at_risk=True))

    assert without.objection_options == ("stop", "limited")
    assert with_risk.objection_options == ("stop", "limited", "involuntary")
    assert risk_only.outcome == "allowed"
    assert risk_only.objection_options == ()


def test_it_always_tells_the_resident_unless_the_situation_does_not_allow_it():
    told = [assess(_first(row.values)) for row in TABLE]
    for decision in told:
        if decision.outcome != "not_allowed":
            assert decision.inform_resident, decision.rules
            assert "transparency.inform" in decision.rules

    urgent = assess(_scenario(action="provide", counterparty="veilig_thuis", safety_at_risk=True))
    assert urgent.inform_resident is False
    assert "transparency.not_now" in urgent.rules


def test_it_explains_every_rule_in_dutch_with_its_source():
    decision = assess(_scenario(counterparty="jeugdwet_records", subject_age=9))

    for rule_id in decision.rules:
        rule = RULES[rule_id]
        assert rule.text in decision.explanation
        assert rule.source in decision.explanation
    assert "wettelijk vertegenwoordiger" in decision.explanation
    assert decision.sources == tuple(RULES[rule_id].source for rule_id in decision.rules)


def test_it_answers_exactly_the_issues_output_fields():
    output = assess(_scenario()).as_json()

    assert set(output) == {
        "outcome",
        "legal_basis",
        "consent_from",
        "inform_resident",
        "objection_options",
        "rules",
        "explanation",
    }
    assert isinstance(output["explanation"], str)
    assert isinstance(output["rules"], list)


def test_it_defaults_the_optional_booleans_to_false():
    scenario = parse_scenario(_scenario())

    assert scenario.professional_secrecy is False
    assert scenario.general_consent_on_file is False
    assert scenario.objection is False
    assert scenario.safety_at_risk is False


BAD = [
    pytest.param(
        {k: v for k, v in _scenario().items() if k != field},
        field,
        "required",
        id=f"missing-{field}",
    )
    for field in ("law", "action", "counterparty", "purpose", "necessary", "subject_age")
] + [
    pytest.param(_scenario(colour="blue"), "colour", "unknown field", id="unknown-field"),
    pytest.param(_scenario(law="wwb"), "law", "unknown value 'wwb'", id="unknown-law"),
    pytest.param(_scenario(action="sell"), "action", "unknown value", id="unknown-action"),
    pytest.param(
        _scenario(counterparty="neighbour"),
        "counterparty",
        "unknown value",
        id="unknown-counterparty",
    ),
    pytest.param(_scenario(purpose="fun"), "purpose", "unknown value", id="unknown-purpose"),
    pytest.param(_scenario(law=1), "law", "must be one of", id="law-not-a-string"),
    pytest.param(
        _scenario(subject_age=15), "subject_capable", "required", id="minor-without-capable"
    ),
    pytest.param(
        _scenario(subject_age=15, subject_capable=None),
        "subject_capable",
        "true or false",
        id="minor-with-null-capable",
    ),
    pytest.param(_scenario(subject_age="40"), "subject_age", "whole number", id="age-as-text"),
    pytest.param(_scenario(subject_age=True), "subject_age", "whole number", id="age-as-bool"),
    pytest.param(_scenario(subject_age=-1), "subject_age", "between", id="negative-age"),
    pytest.param(_scenario(necessary="yes"), "necessary", "true or false", id="necessary-text"),
    pytest.param(_scenario(objection=1), "objection", "true or false", id="objection-number"),
    pytest.param(
        _scenario(safety_at_risk=None), "safety_at_risk", "true or false", id="safety-null"
    ),
]


@pytest.mark.parametrize(("data", "field", "message"), BAD)
def test_it_names_the_field_it_will_not_guess_at(data: dict[str, Any], field: str, message: str):
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(data)

    assert caught.value.field == field
    assert message in caught.value.message
    assert str(caught.value).startswith(f"{field}: ")


def test_it_refuses_a_scenario_that_is_not_an_object():
    with pytest.raises(ScenarioError, match="JSON object"):
        parse_scenario(["wmo"])  # type: ignore[arg-type]
