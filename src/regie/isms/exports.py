"""The assessment, the statement of applicability and the plan as CSV or XLSX."""

import csv
from io import BytesIO, StringIO

from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from regie.isms import selectors
from regie.isms.models import Assessment, MeasureStatus, Priority, Result

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

Table = tuple[list[str], list[list[object]]]


def assessment_table(assessment: Assessment) -> Table:
    header = [pgettext("requirement number", "Reference"), _("Requirement"), _("Part"),
              _("Result"), _("Maturity"), pgettext("explanation of a result", "Notes"),
              _("Where paper evidence is kept"), _("Evidence files (SHA-256)")]  # fmt: skip
    rows: list[list[object]] = []
    for result in selectors.results(assessment).prefetch_related("evidence_files__file"):
        node = result.node
        rows.append(
            [
                node.ref_id,
                node.display_name or node.display_description[:200],
                str(node.part) if node.part else node.part_key.removeprefix("group:"),
                Result(result.result).label,
                result.maturity,
                result.notes,
                result.evidence,
                "; ".join(
                    f"{item.name} ({item.file.sha256})" for item in result.evidence_files.all()
                ),
            ]
        )
    return header, rows


def applicability_table(assessment: Assessment) -> Table:
    """Statement of applicability: per requirement whether it applies, why, how far it is
    met and which measures implement it."""
    header = [pgettext("requirement number", "Reference"), _("Requirement"), _("Applicable"),
              _("Justification"), _("Result"), _("Measures")]  # fmt: skip
    rows: list[list[object]] = []
    for result in selectors.results(assessment).prefetch_related("node__measures"):
        node = result.node
        applicable = result.result != Result.NOT_APPLICABLE
        rows.append(
            [
                node.ref_id,
                node.display_name or node.display_description[:200],
                _("yes") if applicable else _("no"),
                result.notes,
                Result(result.result).label,
                "; ".join(m.title for m in node.measures.all()),
            ]
        )
    return header, rows


def plan_table() -> Table:
    header = [_("Measure"), _("Owner"), _("Priority"), _("Status"), _("Planned end"),
              _("Incidental cost"), _("Structural cost per year"), _("Budget year"),
              _("Funded")]  # fmt: skip
    funded = {m.pk for year in selectors.plan_by_year() for m, _cost in year.funded
              if m.budget_year == year.year}  # fmt: skip
    rows: list[list[object]] = []
    for measure in selectors.measures():
        rows.append(
            [
                measure.title,
                measure.owner.get_full_name() if measure.owner else "",
                Priority(measure.priority).label,
                MeasureStatus(measure.status).label,
                measure.planned_end.isoformat() if measure.planned_end else "",
                measure.incidental_cost,
                measure.structural_cost,
                measure.budget_year,
                _("yes") if measure.pk in funded else _("no"),
            ]
        )
    return header, rows


def _cell(value: object) -> object:
    """A cell as a spreadsheet may safely open it: text that a spreadsheet would read as a
    formula (an imported library or a note starting with "=") is quoted (OWASP CSV injection)."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return value
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv(table: Table) -> bytes:
    buffer = StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(table[0])
    writer.writerows([[_cell(v) for v in row] for row in table[1]])
    return ("\ufeff" + buffer.getvalue()).encode()


def _xlsx(table: Table) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(table[0])
    for row in table[1]:
        sheet.append([_cell(v) for v in row])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def respond(table: Table, fmt: str, name: str) -> HttpResponse:
    body = _csv(table) if fmt == "csv" else _xlsx(table)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
