from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from regie.register.tests.helpers import activity, in_english


def test_it_tells_anyone_what_is_processed_why_and_how_long(db: None) -> None:
    activity(plain_explanation="We onderzochten wat u nodig heeft.")

    with override("en"):
        page = in_english(Client()).get(reverse("register:public"))
        text = page.content.decode()
        assert page.status_code == 200
        assert "We onderzochten wat u nodig heeft." in text
        assert "Wmo 2015 art. 2.3.2" in text
        assert "7 years" in text
        for right in ("Access", "Rectification", "Objection", "Consent"):
            assert f"<strong>{right}</strong>" in text
    assert reverse("portal:log") in text
