"""The cover sheet for incoming post, as a PDF to print and lay on top of the paper."""

from django.conf import settings
from django.template.loader import render_to_string

from regie.cases.selectors import CoverSheet


def cover_sheet_pdf(sheet: CoverSheet) -> bytes:
    from weasyprint import HTML  # slow to import; only the cover sheet needs it

    html = render_to_string(
        "cases/cover_sheet_pdf.html",
        {"sheet": sheet, "municipality": settings.REGIE_MUNICIPALITY},
    )
    return bytes(HTML(string=html).write_pdf())
