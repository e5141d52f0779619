"""A resident never reaches another resident's anything: every portal URL made for resident A
answers 404 to resident B, and B's own pages show nothing of A."""

import pytest
from django.test import Client
from django.urls import URLPattern, get_resolver, reverse

from regie.accounts.models import User
from regie.conftest import People, log_in
from regie.portal import services
from regie.portal.tests.conftest import Dossier, grant


def _portal_names() -> set[str]:
    resolver = get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        for inner in getattr(pattern, "url_patterns", []):
            if isinstance(inner, URLPattern) and getattr(pattern, "namespace", "") == "portal":
                names.add(f"portal:{inner.name}")
    return names


def _urls_of_a(people: People, dossier: Dossier) -> dict[str, str]:
    consent = grant(people, dossier)
    case, request = dossier.case.public_id, dossier.request.public_id
    link = services.representation_record(
        actor=people.consulent,
        case_id=case,
        bsn="999990068",
        basis="curatele",
        evidence="Beschikking rechtbank",
    )
    return {
        "portal:case": reverse("portal:case", args=[case]),
        "portal:document": reverse("portal:document", args=[case, dossier.document.public_id]),
        "portal:send": reverse("portal:send", args=[case]),
        "portal:consent-request": reverse("portal:consent-request", args=[request]),
        "portal:consent-withdraw": reverse("portal:consent-withdraw", args=[consent.public_id]),
        "portal:message": reverse("portal:message", args=[dossier.message.public_id]),
        # Staff-only: a resident gets nothing, whoever's case it is.
        "portal:consent-request-create": reverse(
            "portal:consent-request-create", args=[case, dossier.contact.public_id]
        ),
        "portal:representations": reverse("portal:representations", args=[case]),
        "portal:representation-end": reverse(
            "portal:representation-end", args=[case, link.public_id]
        ),
    }


# Pages without an object in the URL: B sees only their own (empty) data there.
OWN_PAGES = {
    "portal:home",
    "portal:act-for",
    "portal:cases",
    "portal:log",
    "portal:log-moved",
    "portal:representation",
    "portal:sharing",
    "portal:rights",
    "portal:copy",
    "portal:messages",
}


def test_it_covers_every_portal_url(people: People, dossier: Dossier) -> None:
    assert _portal_names() == set(_urls_of_a(people, dossier)) | OWN_PAGES


@pytest.mark.parametrize("method", ["get", "post"])
def test_it_answers_404_to_another_resident(
    people: People, dossier: Dossier, bram_user: User, method: str
) -> None:
    urls = _urls_of_a(people, dossier)
    client = log_in(Client(), bram_user)
    answers = {name: getattr(client, method)(url).status_code for name, url in urls.items()}
    expected = dict.fromkeys(urls, 404)
    if method == "get":
        expected["portal:message"] = 405  # POST only, for everyone alike
    assert answers == expected


def test_it_shows_another_resident_nothing_of_a_on_their_own_pages(
    people: People, dossier: Dossier, bram_user: User
) -> None:
    client = log_in(Client(), bram_user)
    services.representation_record(
        actor=people.consulent,
        case_id=dossier.case.public_id,
        bsn="999990068",
        basis="curatele",
        evidence="Beschikking rechtbank",
    )
    pages = ["portal:cases", "portal:sharing", "portal:messages", "portal:log"]
    for name in [*pages, "portal:representation"]:
        page = client.get(reverse(name)).content.decode()
        for secret in ["Jeugdteam", "Huishoudelijke", "Beschikking", "jeugddossier", "Anna"]:
            assert secret not in page, (name, secret)
    assert (
        reverse("portal:case", args=[dossier.case.public_id])
        not in client.get(reverse("portal:cases")).content.decode()
    )


def test_it_refuses_to_act_for_someone_not_represented(
    people: People, dossier: Dossier, bram_user: User
) -> None:
    client = log_in(Client(), bram_user)
    answer = client.post(reverse("portal:act-for"), {"person": str(people.anna.public_id)})
    assert answer.status_code == 404
    # A session forged to act for Anna finds nothing either.
    session = client.session
    session["portal_acting_for"] = str(people.anna.public_id)
    session.save()
    assert client.get(reverse("portal:cases")).status_code == 404
    assert client.post(reverse("portal:copy")).status_code == 404


def test_it_gives_another_resident_nothing_of_a_through_the_api(
    people: People, dossier: Dossier, bram_user: User
) -> None:
    """Every API endpoint a resident may call at all, called as B: none names A's records."""
    from regie.processing_log.models import ProcessingRecord
    from regie.processing_log.services import log_seal_all

    grant(people, dossier)
    log_seal_all()
    traces = set(
        ProcessingRecord.objects.filter(data_subject_id=people.anna.subject_pseudonym).values_list(
            "trace_id", flat=True
        )
    )
    assert traces
    api = next(p for p in get_resolver().url_patterns if getattr(p, "namespace", "") == "api")
    client = log_in(Client(), bram_user)
    reached = []
    for pattern in getattr(api, "url_patterns", []):
        if not isinstance(pattern, URLPattern) or pattern.pattern.converters:
            continue
        url = reverse(f"api:{pattern.name}")
        answer = client.get(url, {"data_subject": people.anna.subject_pseudonym})
        if answer.status_code == 200:
            reached.append(pattern.name)
            body = answer.content.decode()
            assert people.anna.subject_pseudonym not in body, pattern.name
            assert not any(trace in body for trace in traces), pattern.name
    assert "processing-log-mine" in reached
