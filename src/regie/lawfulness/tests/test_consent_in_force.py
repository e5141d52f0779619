"""Whether a consent allows an exchange at a given moment: the right purpose and recipient,
given by then, not expired, not withdrawn. Withdrawal stops future exchanges; what happened
before it stays covered, and the withdrawal is logged."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from regie.conftest import People
from regie.lawfulness import services
from regie.lawfulness.selectors import consent_in_force
from regie.lawfulness.tests.records import log_names, scenario


def _consent(people: People, *, days_valid: int = 30):
    now = timezone.now()
    return services.consent_record(
        resident=people.anna,
        scenario=scenario(),
        data="Verslag jeugdhulp",
        given_by="resident",
        method="signed",
        given_at=now - timedelta(days=10),
        valid_until=now + timedelta(days=days_valid),
        recorded_by=people.consulent,
    )


def _in_force(people: People, at=None, **changes):
    arguments = {"purpose": "support_assessment", "recipient": "jeugdwet_records"}
    arguments.update(changes)
    return consent_in_force(
        people.anna, arguments["purpose"], arguments["recipient"], at, actor=people.consulent
    )


def test_it_finds_the_consent_for_that_purpose_and_recipient(people: People):
    consent = _consent(people)

    assert _in_force(people) == consent
    assert _in_force(people, purpose="support_delivery") is None
    assert _in_force(people, recipient="participatiewet_records") is None
    assert (
        consent_in_force(
            people.bram, "support_assessment", "jeugdwet_records", actor=people.other_consulent
        )
        is None
    )


def test_it_holds_only_between_given_and_valid_until(people: People):
    consent = _consent(people, days_valid=5)

    assert _in_force(people, at=consent.given_at - timedelta(seconds=1)) is None
    assert _in_force(people, at=consent.given_at) == consent
    assert _in_force(people, at=consent.valid_until) is None


def test_it_stops_future_exchanges_once_withdrawn(people: People):
    consent = _consent(people)
    before = timezone.now() - timedelta(days=1)

    withdrawn = services.consent_withdraw(consent=consent, recorded_by=people.consulent)

    assert withdrawn.withdrawn_at is not None
    assert _in_force(people) is None
    # What was exchanged while the consent held stays lawful.
    assert _in_force(people, at=before) == consent


def test_it_logs_the_withdrawal_and_each_check_with_the_rule_ids(people: People):
    consent = _consent(people)
    _in_force(people)

    services.consent_withdraw(consent=consent, recorded_by=people.consulent)

    [withdrawal] = log_names(people.anna, "consent.withdraw")
    assert "wmo.consent.other_law_data" in withdrawal
    assert log_names(people.anna, "consent.check") == ["consent.check"]


def test_it_refuses_to_withdraw_twice_or_before_the_consent_was_given(people: People):
    consent = _consent(people)

    with pytest.raises(ValidationError) as early:
        services.consent_withdraw(
            consent=consent,
            recorded_by=people.consulent,
            withdrawn_at=consent.given_at - timedelta(days=1),
        )
    assert "withdrawn_at" in early.value.message_dict

    services.consent_withdraw(consent=consent, recorded_by=people.consulent)
    with translation.override("en"), pytest.raises(ValidationError, match="already"):
        services.consent_withdraw(consent=consent, recorded_by=people.consulent)
    assert len(log_names(people.anna, "consent.withdraw")) == 1
