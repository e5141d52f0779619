from datetime import date
from decimal import Decimal as D

import pytest
from django.urls import reverse

from regie.isms import plan, selectors, services
from regie.isms.models import Measure, MeasureStatus, Priority


def _cost(key: str, year: int, priority: int, incidental: int, structural: int = 0) -> plan.Cost:
    return plan.Cost(key, year, priority, D(incidental), D(structural))


@pytest.mark.parametrize(
    ("costs", "budgets", "want"),
    [
        # Priority decides who is paid first; the rest is the shortfall.
        (
            [_cost("low", 2026, 3, 100), _cost("high", 2026, 1, 300)],
            {2026: D(350)},
            {2026: (["high"], ["low"], D(50))},
        ),
        # Structural cost recurs; last year's commitment comes before this year's new work.
        (
            [_cost("old", 2026, 3, 0, 200), _cost("new", 2027, 1, 100)],
            {2026: D(200), 2027: D(250)},
            {2026: (["old"], [], D(0)), 2027: (["old"], ["new"], D(50))},
        ),
        # A year without a budget is short by everything it needs.
        ([_cost("a", 2026, 1, 10, 5)], {}, {2026: ([], ["a"], D(15))}),
    ],
    ids=["priority", "structural", "no-budget"],
)
def test_it_funds_measures_by_year_and_shows_the_shortfall(costs, budgets, want) -> None:
    got = {y.year: (y.funded, y.unfunded, y.shortfall) for y in plan.funding(costs, budgets)}
    assert got == want


def _measure(**overrides):
    fields = {
        "title": "Veilig mailen",
        "priority": Priority.HIGH,
        "status": MeasureStatus.PLANNED,
        "incidental_cost": D(1000),
        "structural_cost": D(200),
        "budget_year": 2026,
        **overrides,
    }
    return services.measure_save(**fields)


@pytest.mark.django_db
def test_it_shows_funded_and_unfunded_measures_per_year(people, login_as) -> None:
    _measure(title="Betaald")
    _measure(title="Te duur", priority=Priority.LOW, incidental_cost=D(5000))
    services.budget_set(year=2026, amount=D(2000))

    (year,) = selectors.plan_by_year()
    page = login_as(people.ciso).get(reverse("isms:plan"), HTTP_ACCEPT_LANGUAGE="en")

    assert [m.title for m, _cost in year.funded] == ["Betaald"]
    assert [m.title for m, _cost in year.unfunded] == ["Te duur"]
    assert year.shortfall == D("4400.00")
    assert "Shortfall (knelpunt): € 4400.00" in page.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("incidental_cost", "-5", "Ensure this value is greater than or equal to 0."),
        ("planned_end", "2026-01-01", "This date lies before the date it follows."),
    ],
)
def test_it_refuses_bad_costs_and_dates_on_the_field(people, login_as, field, value, message):
    data = {
        "title": "Maatregel",
        "priority": "2",
        "status": "planned",
        "planned_start": "2026-03-01",
        "planned_end": "2026-06-01",
        "incidental_cost": "10",
        "structural_cost": "0",
        "budget_year": "2026",
        field: value,
    }

    page = login_as(people.ciso).post(reverse("isms:measure-new"), data, HTTP_ACCEPT_LANGUAGE="en")

    assert page.status_code == 200
    form = page.context["form"]
    assert form.errors[field] == [message]
    assert not Measure.objects.exists()


@pytest.mark.django_db
def test_it_refuses_a_negative_cost_in_the_service_too() -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as refused:
        _measure(structural_cost=D(-1))
    assert "structural_cost" in refused.value.message_dict
    assert not Measure.objects.exists()


@pytest.mark.django_db
def test_it_counts_a_measure_past_its_planned_end_as_late() -> None:
    measure = _measure(planned_end=date(2026, 1, 31))

    assert selectors.is_late(measure, date(2026, 2, 1))
    assert not selectors.is_late(measure, date(2026, 1, 31))
    done = services.measure_save(measure=measure, status=MeasureStatus.DONE)
    assert not selectors.is_late(done, date(2026, 2, 1))


@pytest.mark.django_db
def test_it_exports_the_plan_as_csv_and_xlsx(people, login_as) -> None:
    from io import BytesIO

    from openpyxl import load_workbook

    _measure(title="Veilig mailen")
    client = login_as(people.privacy_officer)

    csv = client.get(reverse("isms:plan-export", kwargs={"fmt": "csv"}))
    xlsx = client.get(reverse("isms:plan-export", kwargs={"fmt": "xlsx"}))

    assert "Veilig mailen;" in csv.content.decode("utf-8-sig")
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet is not None
    assert sheet.cell(row=2, column=1).value == "Veilig mailen"
    assert client.get(reverse("isms:plan-export", kwargs={"fmt": "pdf"})).status_code == 404


@pytest.mark.django_db
def test_it_refuses_a_negative_budget_on_the_field(people, login_as) -> None:
    page = login_as(people.ciso).post(
        reverse("isms:budget"), {"year": "2026", "amount": "-1"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert page.context["form"].errors["amount"] == ["A budget cannot be negative."]
    assert selectors.plan_by_year() == []
