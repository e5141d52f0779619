"""An objection or refused consent, and the option chosen: stop or limited service at once;
involuntary service only with safety at risk, after the three safeguards, and in effect only
with a team leader's second signature."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from regie.accounts import services as account_services
from regie.accounts.models import Role
from regie.conftest import PASSWORD, People, inspecting
from regie.lawfulness import services
from regie.lawfulness.models import Objection
from regie.lawfulness.selectors import objections_awaiting_countersignature, objections_for, opened
from regie.lawfulness.tests.records import log_names, scenario

SAFEGUARDS: dict[str, Any] = {
    "importance_explained": True,
    "colleague_consulted": True,
    "consulted_on_anonymised_data": True,
    "considerations": "Zonder hulp dreigt uitval van mantelzorg; veiligheid van kinderen.",
    "resident_informed": True,
}


def _objection(people: People, option: str, *, safety: bool = False, **changes):
    arguments: dict[str, Any] = {
        "resident": people.anna,
        "scenario": scenario(objection=True, safety_at_risk=safety),
        "objection": "Mevrouw wil niet dat haar jeugddossier wordt gebruikt.",
        "raised_at": timezone.now() - timedelta(days=1),
        "option": option,
        "recorded_by": people.consulent,
    }
    arguments.update(changes)
    return services.objection_record(**arguments)


@pytest.mark.parametrize("option", ["stop", "limited"])
def test_it_records_stopping_or_limiting_at_once(people: People, option: str):
    objection = _objection(people, option)

    assert objection.in_effect
    assert objection.decision["objection_options"] == ["stop", "limited"]
    [listed] = objections_for(people.anna, actor=people.consulent)
    assert opened(listed)["objection"].startswith("Mevrouw wil niet")
    [name] = log_names(people.anna, "objection.record")
    assert "objection.review" in name


def test_it_refuses_involuntary_service_without_a_safety_risk(people: People):
    with pytest.raises(ValidationError) as caught:
        _objection(people, "involuntary", **SAFEGUARDS)

    assert "option" in caught.value.message_dict
    with inspecting():
        assert Objection.objects.count() == 0


@pytest.mark.parametrize(
    "missing", ["importance_explained", "colleague_consulted", "resident_informed"]
)
def test_it_requires_each_safeguard_for_involuntary_service(people: People, missing: str):
    with pytest.raises(ValidationError) as caught:
        _objection(people, "involuntary", safety=True, **{**SAFEGUARDS, missing: False})

    assert list(caught.value.message_dict) == [missing]
    assert log_names(people.anna, "objection.") == []


def test_it_requires_the_considerations_for_involuntary_service(people: People):
    with pytest.raises(ValidationError) as caught:
        _objection(people, "involuntary", safety=True, **{**SAFEGUARDS, "considerations": " "})

    assert "considerations" in caught.value.message_dict


def test_it_refuses_a_scenario_without_an_objection(people: People):
    with pytest.raises(ValidationError) as caught:
        _objection(people, "stop", scenario=scenario())

    assert "scenario" in caught.value.message_dict


def test_it_waits_for_a_team_leaders_second_signature(people: People):
    objection = _objection(people, "involuntary", safety=True, **SAFEGUARDS)

    assert not objection.in_effect
    assert objections_awaiting_countersignature(people.anna, actor=people.teamleider) == [objection]
    signed = services.objection_countersign(objection=objection, teamleider=people.teamleider)

    assert signed.in_effect
    assert signed.countersigned_by == people.teamleider
    assert objections_awaiting_countersignature(people.anna, actor=people.teamleider) == []
    [name] = log_names(people.anna, "objection.countersign")
    assert "objection.involuntary" in name
    assert opened(signed)["considerations"].startswith("Zonder hulp")


def test_it_accepts_the_second_signature_only_from_the_residents_team_leader(people: People):
    objection = _objection(people, "involuntary", safety=True, **SAFEGUARDS)
    other_leader = account_services.staff_create(
        username="other_teamleider",
        role=Role.TEAMLEIDER,
        password=PASSWORD,
        team=people.other_team,
        first_name="Olga",
        last_name="Test",
    )

    for signer in (people.consulent, people.other_consulent, other_leader, people.privacy_officer):
        with pytest.raises(ValidationError) as caught:
            services.objection_countersign(objection=objection, teamleider=signer)
        assert "teamleider" in caught.value.message_dict
    with inspecting():
        assert Objection.objects.get(pk=objection.pk).countersigned_at is None
    assert log_names(people.anna, "objection.countersign") == []


def test_it_refuses_a_second_signature_where_none_is_needed_or_twice(people: People):
    limited = _objection(people, "limited")
    with pytest.raises(ValidationError):
        services.objection_countersign(objection=limited, teamleider=people.teamleider)

    involuntary = _objection(people, "involuntary", safety=True, **SAFEGUARDS)
    services.objection_countersign(objection=involuntary, teamleider=people.teamleider)
    with translation.override("en"), pytest.raises(ValidationError, match="already"):
        services.objection_countersign(objection=involuntary, teamleider=people.teamleider)


def test_it_refuses_a_team_leader_signing_their_own_decision(people: People):
    objection = _objection(
        people, "involuntary", safety=True, recorded_by=people.teamleider, **SAFEGUARDS
    )

    with translation.override("en"), pytest.raises(ValidationError, match="someone else"):
        services.objection_countersign(objection=objection, teamleider=people.teamleider)
