"""The charts read without colour: each series has its own pattern, each bar its numbers as
text, and the page puts the same figures in a table."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from regie.conftest import People
from regie.reports import services
from regie.reports.charts import Bar, stacked_bars
from regie.reports.models import Kind
from regie.reports.tests.figures import first_half_of_2026


def test_it_gives_every_series_its_own_pattern_and_every_bar_its_numbers() -> None:
    bars = [Bar("mrt 2026", (3, 1, 2))]
    svg = str(stacked_bars(["Gereed", "Te laat", "Gepland"], bars, key="plan"))
    assert 'aria-hidden="true"' in svg
    for name in ("solid", "hatch", "dots"):
        assert f'<pattern id="rp-plan-{name}"' in svg
        assert svg.count(f'fill="url(#rp-plan-{name})"') == 2  # in the legend and in the bar
    assert ">3 / 1 / 2<" in svg
    assert ">mrt 2026<" in svg


@pytest.mark.django_db
def test_it_puts_the_figures_of_each_chart_in_a_table(people: People, login_as) -> None:
    first_half_of_2026(people)
    report = services.report_draft(kind=Kind.HALF_YEARLY, year=2026, half=1, by=people.ciso)
    page = login_as(people.ciso).get(
        reverse("reports:detail", kwargs={"public_id": report.public_id})
    )
    html = page.content.decode()
    with translation.override("nl"):
        captions = [
            translation.gettext("Measures per month (the figures of the chart)"),
            translation.gettext("Gap per part (the figures of the chart)"),
        ]
    assert html.count("<svg") >= 2  # plan progress and gap (breaches too, once installed)
    for caption in captions:
        assert caption in html
    assert "2026-03-31" in html and "2026-06-30" in html
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "every id (the charts' fill patterns too) once per page"
