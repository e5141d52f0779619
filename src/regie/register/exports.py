"""The whole register as CSV (the columns `register_import` reads back), XLSX and PDF (for
the supervisory authority)."""

import csv
import io
from collections.abc import Iterable

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from regie.register.models import ProcessingActivityVersion, Processor
from regie.register.selectors import processor_may_receive, processors, versions_in_force
from regie.register.services import CSV_COLUMNS, INFORMATIVE_COLUMNS


def _activity_row(version: ProcessingActivityVersion) -> dict[str, str]:
    row = {column: str(getattr(version, column)) for column in CSV_COLUMNS if column != "slug"}
    row["slug"] = version.activity.slug
    row["lawful_ground"] = version.ground
    row.update(
        uri=version.activity.uri,
        version=str(version.number),
        valid_from=version.valid_from.isoformat(),
        legal_basis=version.legal_basis,
    )
    return row


def register_csv() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[*CSV_COLUMNS, *INFORMATIVE_COLUMNS])
    writer.writeheader()
    for version in versions_in_force():
        writer.writerow(_activity_row(version))
    return out.getvalue()


def _label(name: str) -> str:
    if name in {"slug", "uri", "version", "valid_from"}:
        return name
    field = ProcessingActivityVersion._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))


def _sheet_rows(versions: Iterable[ProcessingActivityVersion]) -> Iterable[list[str]]:
    for version in versions:
        row = _activity_row(version)
        row["lawful_ground"] = version.ground_label
        row["dpia_status"] = str(version.get_dpia_status_display())
        yield [row[column] for column in (*CSV_COLUMNS, *INFORMATIVE_COLUMNS)]


def _processor_rows(items: Iterable[Processor]) -> Iterable[list[str]]:
    for processor in items:
        agreement = processor.agreements.all().first()
        yield [
            processor.name,
            str(processor.get_kind_display()),
            ", ".join(activity.slug for activity in processor.activities.all()),
            processor.sub_processors,
            str(agreement.get_status_display()) if agreement else "",
            agreement.model_version if agreement else "",
            agreement.signed_on.isoformat() if agreement and agreement.signed_on else "",
            agreement.ends_on.isoformat() if agreement and agreement.ends_on else "",
            "✓" if processor_may_receive(processor) else "✗",
        ]


def _append_text(sheet: Worksheet, row: list[str]) -> None:
    """Append ROW as text: a value starting with "=" stays text and never becomes a formula
    that a spreadsheet would run."""
    sheet.append(row)
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def register_xlsx() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Processing activities")[:31]
    sheet.append([_label(column) for column in (*CSV_COLUMNS, *INFORMATIVE_COLUMNS)])
    for row in _sheet_rows(versions_in_force()):
        _append_text(sheet, row)
    partners = book.create_sheet(_("Processors")[:31])
    partners.append(
        [
            _("organisation"),
            _("kind"),
            _("activities it processes for"),
            _("sub-processors"),
            _("status"),
            _("version of the regional model agreement"),
            _("signed on"),
            _("ends on"),
            _("may receive personal data"),
        ]
    )
    for row in _processor_rows(processors()):
        _append_text(partners, row)
    for ws in (sheet, partners):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for index, column in enumerate(ws.iter_cols(), start=1):
            ws.column_dimensions[get_column_letter(index)].width = 30
            for cell in column:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def register_pdf() -> bytes:
    """The register as a document for the Autoriteit Persoonsgegevens (AVG art. 30 lid 4)."""
    from weasyprint import HTML  # slow to import; only this export needs it

    html = render_to_string(
        "register/register_pdf.html",
        {
            "versions": versions_in_force(),
            "processors": processors(),
            "municipality": settings.REGIE_MUNICIPALITY,
            "made_at": timezone.localtime(),
        },
    )
    return HTML(string=html).write_pdf()
