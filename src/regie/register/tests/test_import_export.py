"""The register leaves as CSV, XLSX and PDF; CSV comes back in, all or nothing."""

import csv
import io
import re
import zlib

from django.urls import reverse
from django.utils.translation import gettext, override
from openpyxl import load_workbook

from regie.conftest import People
from regie.register import exports, services
from regie.register.models import ProcessingActivity, ProcessingActivityVersion
from regie.register.selectors import activity_version_in_force
from regie.register.tests.helpers import activity, in_english, partner


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_it_exports_csv_that_imports_back_unchanged(people: People) -> None:
    activity()
    text = exports.register_csv()
    slugs = [row["slug"] for row in _rows(text)]
    assert "wmo-onderzoek" in slugs and "inwoner-registreren" in slugs
    before = ProcessingActivityVersion.objects.count()

    result = services.register_import(text=text, by=people.privacy_officer)

    assert result.created == result.revised == []
    assert len(result.unchanged) == len(slugs)
    assert ProcessingActivityVersion.objects.count() == before


def test_it_creates_and_revises_from_csv(people: People) -> None:
    activity()
    rows = _rows(exports.register_csv())
    wmo = next(row for row in rows if row["slug"] == "wmo-onderzoek")
    new = {
        **wmo,
        "slug": "jeugd-toegang",
        "legal_source": "Jeugdwet art. 2.3",
        "lawful_ground": "e",
    }
    text = _csv([{**wmo, "retention": "P9Y"}, new])

    result = services.register_import(text=text, by=people.privacy_officer)

    assert (result.created, result.revised) == (["jeugd-toegang"], ["wmo-onderzoek"])
    assert activity_version_in_force("urn:regie:verwerking:wmo-onderzoek").number == 2


def _csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_it_names_row_and_column_of_each_problem_and_imports_nothing(
    people: People, login_as
) -> None:
    activity()
    wmo = next(row for row in _rows(exports.register_csv()) if row["slug"] == "wmo-onderzoek")
    good = {**wmo, "slug": "goed", "retention": "P1Y"}
    bad_retention = {**wmo, "slug": "fout-bewaren", "retention": "zeven jaar"}
    no_purpose = {**wmo, "slug": "geen-doel", "purpose": ""}
    text = _csv([good, bad_retention, no_purpose])
    client = in_english(login_as(people.privacy_officer))
    upload = io.BytesIO(text.encode())
    upload.name = "register.csv"

    response = client.post(reverse("register:import"), {"file": upload})

    problems = [(p.row, p.column) for p in response.context["problems"]]
    assert problems == [(3, "retention"), (4, "purpose")]
    assert not ProcessingActivity.objects.filter(slug__in=["goed", "fout-bewaren"]).exists()
    with override("en"):
        assert gettext("The file has problems; nothing was imported.") in response.content.decode()


def test_it_refuses_a_file_with_a_missing_column(db: None) -> None:
    try:
        services.register_import(text="slug,name\nx,y\n", by=None)
    except services.ImportRefused as refused:
        assert (1, "purpose") in [(p.row, p.column) for p in refused.problems]
    else:
        raise AssertionError("the import was not refused")


def test_it_exports_xlsx_with_activities_and_processors(people: People, login_as) -> None:
    activity()
    partner()
    response = login_as(people.consulent).get(reverse("register:export-xlsx"))

    book = load_workbook(io.BytesIO(response.content))
    activities, processors = book.worksheets
    names = [row[1] for row in activities.iter_rows(min_row=2, values_only=True)]
    assert "Wmo-onderzoek" in names
    assert [row[0] for row in processors.iter_rows(min_row=2, values_only=True)] == [
        "Zorggroep De Linde"
    ]


def _pdf_text_contains(pdf: bytes, text: str) -> bool:
    """Whether TEXT is in the PDF's (compressed) objects, as a string or UTF-16 string."""
    chunks = [pdf]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            chunks.append(zlib.decompress(stream))
        except zlib.error:
            continue
    needles = [text.encode(), text.encode("utf-16-be"), text.encode("utf-16-be").hex().encode()]
    return any(needle.lower() in chunk.lower() for chunk in chunks for needle in needles)


def test_it_keeps_a_formula_in_the_register_as_text_in_xlsx(people: People, login_as) -> None:
    activity(owner='=HYPERLINK("https://example.org")')
    response = login_as(people.consulent).get(reverse("register:export-xlsx"))

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    owners = [
        cell
        for row in sheet.iter_rows(min_row=2)
        for cell in row
        if cell.value and str(cell.value).startswith("=")
    ]
    assert [cell.data_type for cell in owners] == ["s"]


def test_it_exports_a_pdf_for_the_supervisory_authority(people: People, login_as) -> None:
    activity()
    response = login_as(people.privacy_officer).get(reverse("register:export-pdf"))

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert _pdf_text_contains(response.content, "Gemeente Lindendal")
    assert 'filename="register-verwerkingen-' in response["Content-Disposition"]
