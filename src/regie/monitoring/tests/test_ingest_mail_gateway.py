"""The mail gateway's monthly CSV goes in whole or not at all, and says which line and
column were wrong."""

import io

import pytest

from regie.conftest import People
from regie.monitoring import services
from regie.monitoring.models import Delivery, MailFigures, SourceKind
from regie.monitoring.sources import FileRefused
from regie.monitoring.tests.samples import MAIL_CSV

pytestmark = pytest.mark.django_db


def _source(people: People):
    return services.signal_source_create(
        name="Mail gateway", kind=SourceKind.MAIL_GATEWAY, created_by=people.ciso
    )[0]


def test_it_stores_the_figures_per_month_and_replaces_a_month_sent_again(people: People):
    source = _source(people)

    services.signals_ingest(source=source, stream=io.BytesIO(MAIL_CSV.encode()))
    corrected = "period,received,spam,virus,phishing\n2015-12,132608,56949,272,44\n"
    services.signals_ingest(source=source, stream=io.BytesIO(corrected.encode()))

    december = MailFigures.objects.get(period__month=12)
    assert (december.received, december.spam, december.virus) == (132608, 56949, 272)
    assert MailFigures.objects.count() == 2


def test_it_refuses_a_file_with_a_missing_column_and_names_it(people: People):
    source = _source(people)
    without_virus = "period,received,spam,phishing\n2015-12,132608,56949,44\n"

    with pytest.raises(FileRefused) as refused:
        services.signals_ingest(source=source, stream=io.BytesIO(without_virus.encode()))

    assert refused.value.field == "virus"
    assert not MailFigures.objects.exists() and not Delivery.objects.exists()


def test_it_writes_nothing_when_a_later_line_is_wrong(people: People):
    source = _source(people)
    bad = MAIL_CSV + "2016-01,130000,lots,250,40\n"

    with pytest.raises(FileRefused) as refused:
        services.signals_ingest(source=source, stream=io.BytesIO(bad.encode()))

    assert (refused.value.line, refused.value.field) == (4, "spam")
    assert not MailFigures.objects.exists()
