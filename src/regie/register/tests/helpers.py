"""Content for activities in the register's tests."""

from datetime import date

from django.conf import settings
from django.test import Client

from regie.register import services
from regie.register.models import ProcessingActivity, Processor, ProcessorAgreement

WMO = {
    "name": "Wmo-onderzoek",
    "purpose": "Onderzoeken welke ondersteuning nodig is.",
    "lawful_ground": "c",
    "legal_source": "Wmo 2015 art. 2.3.2",
    "personal_data_categories": "Naam, hulpvraag",
    "retention": "P7Y",
    "plain_explanation": "We onderzochten wat u nodig heeft.",
}


def activity(slug: str = "wmo-onderzoek", **changes: str) -> ProcessingActivity:
    return services.activity_create(slug=slug, content={**WMO, **changes}, by=None)


def partner(name: str = "Zorggroep De Linde", **agreement: object) -> Processor:
    processor = services.processor_create(name=name, kind="care_partner")
    if agreement:
        services.agreement_save(processor=processor, **agreement)  # type: ignore[arg-type]
    return processor


def signed(processor: Processor, *, starts: date, ends: date | None) -> ProcessorAgreement:
    return services.agreement_save(
        processor=processor, status="signed", signed_on=starts, starts_on=starts, ends_on=ends
    )


def in_english(client: Client) -> Client:
    """CLIENT, asking for pages in English (tests compare with the English source text)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
