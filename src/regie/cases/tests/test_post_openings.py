"""Opening a waiting scan is recorded: the team leader sees who opened it, the privacy officer
sees every opening, and once the letter is filed the resident's own processing log says who
read it while it waited, and when."""

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.timezone import localtime

from regie.accounts.models import User
from regie.cases.models import Case, PostItem, PostOpening, PostStatus
from regie.cases.tests.test_post_intake import letter, upload
from regie.conftest import People
from regie.portal.selectors import log_of
from regie.processing_log.models import ActorKind

OPENED = "case.post.queue.opened"


def queued(client: Client) -> PostItem:
    upload(client, ("zonder-kenmerk.pdf", letter()))
    return PostItem.objects.get(status=PostStatus.WAITING)


def open_scan(client: Client, item: PostItem) -> None:
    answer = client.get(reverse("cases:post-item-pdf", args=[item.public_id]))
    assert answer.status_code == 200
    b"".join(answer.streaming_content)  # type: ignore[attr-defined]


def openings_seen_by(resident_user: User) -> list[tuple[str, str, str, datetime]]:
    """The queue openings in the resident's log, read as the portal's "who looked at my data"
    reads it."""
    _resident, page = log_of(user=resident_user, resident_id=None, limit=100, before_id=None)
    return [
        (e.record.actor_kind, e.record.actor_id, e.record.actor_role, e.record.end_time)
        for e in page.entries
        if e.record.name == OPENED
    ]


def test_filing_puts_each_earlier_opening_in_the_residents_log(
    people: People, case: Case, login_as: Callable[..., Client], clamd: Path
) -> None:
    item = queued(login_as(people.consulent))
    leader = login_as(people.teamleider)
    open_scan(leader, item)
    open_scan(leader, item)
    times = list(PostOpening.objects.values_list("opened_at", flat=True))

    page = leader.get(reverse("cases:post-item", args=[item.public_id])).content.decode()
    for when in times:
        with translation.override(settings.LANGUAGE_CODE):
            moment = date_format(localtime(when), "SHORT_DATETIME_FORMAT")
        assert f"{people.teamleider.get_full_name()}, {moment}" in page
    assert openings_seen_by(people.anna_user) == []

    filed_at = timezone.now()
    answer = leader.post(
        reverse("cases:post-item", args=[item.public_id]), {"case_number": case.number}
    )
    assert answer.status_code == 302

    seen = openings_seen_by(people.anna_user)
    who = (ActorKind.STAFF, str(people.teamleider.public_id), people.teamleider.role)
    assert sorted(seen, key=lambda row: row[3]) == [(*who, when) for when in times]
    assert all(when < filed_at for *_, when in seen)
    assert PostOpening.objects.count() == 2  # the intake keeps its own copy


def test_a_rejected_item_keeps_its_openings_for_the_privacy_officer(
    people: People, case: Case, login_as: Callable[..., Client], clamd: Path
) -> None:
    item = queued(login_as(people.consulent))
    leader = login_as(people.teamleider)
    open_scan(leader, item)

    assert leader.post(reverse("cases:post-reject", args=[item.public_id])).status_code == 302

    opening = PostOpening.objects.get()
    assert opening.item == item and opening.opened_by == people.teamleider
    assert openings_seen_by(people.anna_user) == []
    officer = login_as(people.privacy_officer).get(reverse("cases:post-openings"))
    assert officer.status_code == 200
    page = officer.content.decode()
    assert people.teamleider.get_full_name() in page
    assert f"post-{str(item.public_id)[:8]}" in page


def test_only_a_team_leader_opens_a_waiting_scan_and_a_refusal_records_nothing(
    people: People, case: Case, login_as: Callable[..., Client], clamd: Path
) -> None:
    item = queued(login_as(people.consulent))
    url = reverse("cases:post-item-pdf", args=[item.public_id])

    for someone in (people.consulent, people.privacy_officer, people.beheerder, people.ciso):
        assert login_as(someone).get(url).status_code == 404

    assert not PostOpening.objects.exists()
    empty = login_as(people.privacy_officer).get(reverse("cases:post-openings"))
    assert "post-" not in empty.content.decode()
