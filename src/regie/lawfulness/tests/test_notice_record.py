"""What the resident was told, when and how, kept with the engine's decision."""

from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from regie.conftest import People, inspecting
from regie.lawfulness import services
from regie.lawfulness.models import TransparencyNotice
from regie.lawfulness.selectors import notices_for, opened
from regie.lawfulness.tests.records import log_names, scenario

TOLD = "We vragen het CIZ-indicatiebesluit op om te bepalen welke ondersteuning u nodig hebt."


def _notice(people: People, **changes):
    arguments: dict[str, Any] = {
        "resident": people.anna,
        "scenario": scenario(counterparty="ciz"),
        "told": TOLD,
        "told_at": timezone.now() - timedelta(hours=1),
        "method": "in_person",
        "recorded_by": people.consulent,
    }
    arguments.update(changes)
    return services.notice_record(**arguments)


def test_it_records_what_the_resident_was_told(people: People):
    notice = _notice(people, reference="WMO-2026-0042")

    [listed] = notices_for(people.anna, actor=people.consulent)
    assert listed == notice
    assert opened(listed)["told"] == TOLD
    assert listed.method == "in_person"
    assert "transparency.inform" in listed.rule_ids
    assert listed.decision["inform_resident"] is True


def test_it_names_the_rule_ids_in_the_log_and_seals_the_text(people: People):
    notice = _notice(people)

    [name] = log_names(people.anna, "notice.record")
    assert "wmo.no_consent.ciz" in name
    with inspecting():
        stored = TransparencyNotice.objects.get(pk=notice.pk)
    assert b"CIZ" not in bytes(stored.told_sealed)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"told": ""}, "told"),
        ({"method": "pigeon"}, "method"),
        ({"told_at": timezone.now() + timedelta(days=2)}, "told_at"),
    ],
)
def test_it_names_the_field_of_bad_input(people: People, changes, field):
    with pytest.raises(ValidationError) as caught:
        _notice(people, **changes)

    assert field in caught.value.message_dict
    assert log_names(people.anna, "notice.") == []
