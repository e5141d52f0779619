"""Every reason of an assessment names its sources; the Dutch page cites them in Dutch, the
JSON of the CLI and the API keeps them in English."""

import importlib
import re
from html import unescape

import pytest
from django.apps import apps as django_apps
from django.test import Client
from django.urls import reverse

from regie.breaches import assessment
from regie.breaches.models import Breach
from regie.breaches.services import breach_assess
from regie.breaches.tests.factories import usb_stick
from regie.conftest import People, log_in

pytestmark = pytest.mark.django_db

ENGLISH_SOURCES = [
    value
    for name, value in vars(assessment).items()
    if name.startswith(("AVG_", "EDPB_")) and isinstance(value, str)
]


def _cited(page: str) -> list[str]:
    """The sources the page cites after each reason: "(source; source; rule-id)"."""
    spans = re.findall(r'<span class="regie-source">\((.*?)\)</span>', page, re.DOTALL)
    return [source for span in spans for source in unescape(span).split("; ")[:-1]]


def test_it_cites_the_sources_in_dutch_on_the_dutch_page(people: People) -> None:
    # A leaked confidential address: high risk, so nearly every article and guideline.
    breach = usb_stick(people.privacy_officer, confidential_address=True, integrity_loss=True)
    breach_assess(breach=breach, assessed_by=people.privacy_officer)
    client = log_in(Client(), people.privacy_officer)

    page = client.get(reverse("breaches:detail", args=[breach.public_id])).content.decode()

    cited = _cited(page)
    assert "AVG art. 34 lid 1" in cited
    assert "EDPB-richtsnoeren 9/2022, punt IV.B (beoordeling van risico en hoog risico)" in cited
    assert len(cited) >= 6
    assert not [source for source in ENGLISH_SOURCES if source in unescape(page)]


def test_it_keeps_the_sources_in_english_in_the_json(people: People) -> None:
    facts = assessment.parse(
        {
            "personal_data": True,
            "confidentiality_loss": True,
            "data_categories": ["health"],
            "subjects": 3,
            "discovered_at": "2026-03-27T10:00:00+01:00",
        }
    )

    answer = assessment.as_json(assessment.assess(facts))

    sources = {reason["source"] for reason in answer["reasons"]}
    assert "AVG art. 34(1); EDPB guidelines 9/2022, IV.B (assessing risk and high risk)" in sources


def test_it_splits_the_sources_of_reasons_stored_before_they_were_translated(
    people: People,
) -> None:
    breach = usb_stick(people.privacy_officer)
    joined = [
        {"rule": r["rule"], "source": "; ".join(r["sources"]), "text": r["text"]}
        for r in breach.reasons
    ]
    Breach.objects.filter(pk=breach.pk).update(reasons=joined)
    migration = importlib.import_module("regie.breaches.migrations.0002_reason_sources")

    migration._split(django_apps, None)

    breach.refresh_from_db()
    fresh = usb_stick(people.privacy_officer)
    fresh.refresh_from_db()
    assert breach.reasons == fresh.reasons
