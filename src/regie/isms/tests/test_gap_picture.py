from datetime import date

import pytest
from django.urls import reverse

from regie.isms import picture, selectors, services
from regie.isms.models import Result
from regie.isms.tests.libraries import BIG, TREE, bio2_path, small
from regie.testing.pages import en

C, P, N, NA, NOT = (picture.COMPLIANT, picture.PARTIAL, picture.NON_COMPLIANT,
                    picture.NOT_APPLICABLE, picture.NOT_ASSESSED)  # fmt: skip


@pytest.mark.parametrize(
    ("results", "percent"),
    [
        ([C, C, N, P], 50.0),
        ([C, NA, NA], 100.0),  # not applicable points do not count
        ([C, NOT], 50.0),  # a point not yet assessed is still a gap
        ([NA], None),  # nothing applicable: no percentage, not 0
        ([N, P], 0.0),
    ],
)
def test_it_computes_the_share_compliant_per_part(
    results: list[str], percent: float | None
) -> None:
    (part,) = picture.parts(picture.Row("a", "A", r) for r in results)

    assert part.percent_compliant == percent
    assert part.total == len(results)


def test_it_gives_the_change_against_the_previous_assessment() -> None:
    now = [picture.Row("a", "A", C, 3), picture.Row("a", "A", C, 4), picture.Row("b", "B", N)]
    before = [picture.Row("a", "A", C), picture.Row("a", "A", N), picture.Row("b", "B", N)]

    a, b = picture.parts(now, before)

    assert (a.percent_compliant, a.previous_percent, a.change, a.maturity) == (
        100.0,
        50.0,
        50.0,
        3.5,
    )
    assert (b.change, b.maturity) == (0.0, None)


def _assess(framework, who, on: date, outcomes: dict[str, str]):
    assessment = services.assessment_create(
        framework=framework, title=f"GAP {on}", assessed_on=on, department="", created_by=who
    )
    for result in assessment.results.select_related("node"):
        if result.node.ref_id in outcomes:
            services.assessment_result_record(
                result=result, outcome=outcomes[result.node.ref_id], maturity=2
            )
    return assessment


@pytest.mark.django_db
def test_it_shows_the_picture_per_part_with_chart_table_and_trend(people, login_as) -> None:
    framework = services.framework_import(text=small(*TREE)).framework
    _assess(framework, people.ciso, date(2026, 1, 1), {"A.1": Result.COMPLIANT})
    latest = _assess(
        framework, people.ciso, date(2026, 7, 1), {"A.1": Result.COMPLIANT, "A.2": Result.COMPLIANT}
    )

    found = selectors.gap_picture(latest)
    assert [(p.label, p.percent_compliant, p.change) for p in found.parts] == [
        ("A Part A", 100.0, 50.0),
        ("B Part B", 0.0, 0.0),
    ]
    page = login_as(people.privacy_officer).get(
        reverse("isms:assessment", kwargs={"public_id": latest.public_id}),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    html = page.content.decode()
    assert "<svg" in html and 'aria-hidden="true"' in html
    assert "url(#isms-gap-hatch)" in html  # results told apart by pattern, not colour alone
    assert en("Figures per part") in html
    assert "100.0% (+50.0)" in html  # the value printed on the bar
    assert "GAP 2026-01-01" in html


@pytest.mark.django_db
def test_it_shows_eleven_parts_for_the_big_structure(people) -> None:
    framework = services.framework_import(text=BIG.read_bytes()).framework
    assessment = _assess(framework, people.ciso, date(2026, 3, 1), {"5.1": Result.COMPLIANT})

    found = selectors.gap_picture(assessment)

    assert len(found.parts) == 11
    assert found.parts[0].label == "5 Beveiligingsbeleid"
    assert found.parts[0].counts[picture.COMPLIANT] == 1


@pytest.mark.django_db
def test_it_groups_the_flat_bio2_by_theme_and_assesses_it(people, login_as) -> None:
    framework = services.framework_import(text=bio2_path().read_bytes()).framework
    assessment = _assess(framework, people.ciso, date(2026, 3, 1), {"5.01.01": Result.PARTIAL})

    found = selectors.gap_picture(assessment)

    assert [p.key for p in found.parts] == ["group:5", "group:6", "group:7", "group:8"]
    assert sum(p.total for p in found.parts) == 120
    assert found.parts[0].counts[picture.PARTIAL] == 1


@pytest.mark.django_db
def test_it_refuses_a_maturity_outside_the_frameworks_scale(people, login_as) -> None:
    framework = services.framework_import(text=small(*TREE)).framework
    assessment = _assess(framework, people.ciso, date(2026, 3, 1), {})
    result = assessment.results.select_related("node").first()
    url = reverse(
        "isms:assessment-result",
        kwargs={"public_id": assessment.public_id, "node_id": result.node.public_id},
    )

    page = login_as(people.ciso).post(
        url, {"result": Result.COMPLIANT, "maturity": "9"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert page.status_code == 200
    assert "Give a score from 0 to 5." in page.content.decode()
    result.refresh_from_db()
    assert (result.result, result.maturity) == (Result.NOT_ASSESSED, None)


@pytest.mark.django_db
def test_it_records_a_result_with_notes_and_evidence_references(people, login_as) -> None:
    framework = services.framework_import(text=small(*TREE)).framework
    assessment = _assess(framework, people.ciso, date(2026, 3, 1), {})
    result = assessment.results.select_related("node").first()
    url = reverse(
        "isms:assessment-result",
        kwargs={"public_id": assessment.public_id, "node_id": result.node.public_id},
    )

    page = login_as(people.ciso).post(
        url,
        {"result": Result.PARTIAL, "maturity": "2", "notes": "Half klaar", "evidence": "Corsa 12"},
    )

    assert page.status_code == 302
    result.refresh_from_db()
    assert (result.result, result.maturity, result.notes, result.evidence) == (
        Result.PARTIAL, 2, "Half klaar", "Corsa 12"
    )  # fmt: skip
