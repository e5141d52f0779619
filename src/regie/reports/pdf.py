"""A report as a PDF (WeasyPrint). A confidential copy carries "Confidential", the reader's
name and the moment of download in the margin of every page."""

from datetime import datetime

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regie.reports import presentation
from regie.reports.models import Report, Status


def css_string(text: str) -> str:
    """TEXT as a CSS string literal that cannot end the string or the style element."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return '"' + escaped.replace("\n", " ") + '"'


def _marks(report: Report, reader: str | None, moment: datetime) -> tuple[str, str]:
    """The texts in the top margin of every page, left and right."""
    when = date_format(moment, "DATETIME_FORMAT")
    if report.is_confidential:
        left = _("Confidential")
        if report.status != Status.FROZEN:
            left += " · " + _("draft")
    elif report.status != Status.FROZEN:
        left = _("Draft, not for distribution")
    else:
        left = str(settings.REGIE_MUNICIPALITY)
    if reader:
        right = _("Downloaded by %(reader)s on %(when)s") % {"reader": reader, "when": when}
    elif report.is_confidential:
        right = _("Frozen original, %(when)s") % {"when": when}
    else:
        right = ""
    return css_string(left), css_string(right)


def render(report: Report, *, reader: str | None, at: datetime) -> bytes:
    """READER is the name printed on a confidential copy; None for the frozen original."""
    from weasyprint import HTML  # slow to import; only the PDFs need it

    moment = timezone.localtime(at)
    html = render_to_string(
        "reports/report_pdf.html",
        {
            **presentation.context(report),
            "municipality": settings.REGIE_MUNICIPALITY,
            "reader": reader,
            "at": moment,
            "marks": _marks(report, reader, moment),
        },
    )
    return HTML(string=html).write_pdf()
