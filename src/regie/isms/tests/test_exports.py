from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from regie.isms import services
from regie.isms.models import Result
from regie.isms.tests.libraries import TREE, small

pytestmark = pytest.mark.django_db


def _assessment(people):
    framework = services.framework_import(text=small(*TREE)).framework
    assessment = services.assessment_create(
        framework=framework,
        title="GAP",
        assessed_on=date(2026, 3, 1),
        department="Sociaal domein",
        created_by=people.ciso,
    )
    results = {r.node.ref_id: r for r in assessment.results.select_related("node")}
    services.assessment_result_record(
        result=results["A.1"], outcome=Result.COMPLIANT, maturity=4, evidence="Corsa 7"
    )
    services.assessment_result_record(
        result=results["B.1"], outcome=Result.NOT_APPLICABLE, maturity=None, notes="Geen OT"
    )
    node = results["A.1"].node
    services.measure_save(title="Beleid vaststellen", budget_year=2026, nodes=[node])
    return assessment


def test_it_exports_the_assessment_as_csv(people, login_as) -> None:
    assessment = _assessment(people)
    url = reverse(
        "isms:assessment-export", kwargs={"public_id": assessment.public_id, "fmt": "csv"}
    )

    response = login_as(people.privacy_officer).get(url, HTTP_ACCEPT_LANGUAGE="en")

    lines = response.content.decode("utf-8-sig").splitlines()
    assert response["Content-Type"].startswith("text/csv")
    assert lines[0].split(";")[:4] == ["Reference", "Requirement", "Part", "Result"]
    assert lines[1].split(";") == ["A.1", "One", "A Part A", "Compliant", "4", "", "Corsa 7", ""]
    assert len(lines) == 4  # the three assessable requirements


def test_it_exports_a_statement_of_applicability(people, login_as) -> None:
    assessment = _assessment(people)
    url = reverse("isms:soa-export", kwargs={"public_id": assessment.public_id, "fmt": "xlsx"})

    response = login_as(people.ciso).get(url, HTTP_ACCEPT_LANGUAGE="en")

    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet is not None
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows[1] == ["A.1", "One", "yes", None, "Compliant", "Beleid vaststellen"]
    assert rows[3] == ["B.1", "Three", "no", "Geen OT", "Not applicable", None]


def test_it_quotes_text_a_spreadsheet_would_run_as_a_formula(people, login_as) -> None:
    assessment = _assessment(people)
    result = assessment.results.get(node__ref_id="A.2")
    services.assessment_result_record(
        result=result, outcome=Result.PARTIAL, maturity=None, notes='=HYPERLINK("http://x")'
    )
    client = login_as(people.ciso)
    kwargs = {"public_id": assessment.public_id}

    csv = client.get(reverse("isms:assessment-export", kwargs={**kwargs, "fmt": "csv"}))
    xlsx = client.get(reverse("isms:assessment-export", kwargs={**kwargs, "fmt": "xlsx"}))

    assert ";\"'=HYPERLINK" in csv.content.decode("utf-8-sig")
    sheet = load_workbook(BytesIO(xlsx.content)).active
    assert sheet is not None
    assert sheet.cell(row=3, column=6).value == '\'=HYPERLINK("http://x")'
    assert sheet.cell(row=3, column=6).data_type == "s"
