"""The texts Regie drafts for a breach: the content of the Autoriteit Persoonsgegevens'
meldformulier, section by section, and the letter to the people concerned. Both are drafts
for the privacy officer to review; they are built in the active language (Dutch in the
interface) and hold no resident's data: the breach register has none."""

from typing import Any

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from regie.breaches.models import Breach, Category, Risk


def _when(moment: Any) -> str:
    if moment is None:
        return _("unknown")
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _yes(value: bool) -> str:
    return _("yes") if value else _("no")


def _categories(breach: Breach) -> str:
    labels = dict(Category.choices)
    return ", ".join(str(labels[c]) for c in breach.data_categories) or _("none given")


def authority_form(breach: Breach) -> list[dict[str, Any]]:
    """The sections of the AP's meldformulier, each a title and label/value pairs."""
    officer = breach.registered_by
    late = breach.reported_late or (
        breach.reported_at is None and timezone.now() > breach.authority_deadline
    )
    return [
        {
            "title": _("Organisation and contact"),
            "items": [
                [_("Organisation"), settings.REGIE_MUNICIPALITY],
                [_("Contact person"), officer.get_full_name() or officer.username],
                [_("E-mail address"), officer.email or _("not given")],
                [_("Our reference"), breach.reference],
            ],
        },
        {
            "title": _("Timeline"),
            "items": [
                [_("When the breach happened"), _when(breach.occurred_at)],
                [_("When it was discovered"), _when(breach.discovered_at)],
                [_("Deadline for this report"), _when(breach.authority_deadline)],
                [_("Reported"), _when(breach.reported_at) if breach.reported_at else _("not yet")],
                [_("Reason for the delay"), breach.late_reason or ("—" if not late else "")],
            ],
        },
        {
            "title": _("Nature of the breach"),
            "items": [
                [_("Summary"), breach.title],
                [_("What happened"), breach.description],
                [_("Seen or taken by others"), _yes(breach.confidentiality_loss)],
                [_("Altered"), _yes(breach.integrity_loss)],
                [_("Hours unavailable"), str(breach.availability_loss_hours)],
                [_("Lost for good, without a backup"), _yes(breach.permanent_loss)],
            ],
        },
        {
            "title": _("Personal data"),
            "items": [
                [_("Kinds of personal data"), _categories(breach)],
                [_("A confidential address leaked"), _yes(breach.confidential_address)],
            ],
        },
        {
            "title": _("People concerned"),
            "items": [
                [_("Number of people"), str(breach.subjects_count)],
                [_("Number of records"), str(breach.records_count)],
                [_("Vulnerable people concerned"), _yes(breach.vulnerable_subjects)],
            ],
        },
        {
            "title": _("Measures before the breach"),
            "items": [
                [_("Data unintelligible (encrypted, key safe)"), _yes(breach.unintelligible)],
            ],
        },
        {
            "title": _("Consequences"),
            "items": [
                [_("Risk"), str(Risk(breach.risk).label)],
                [_("Possible consequences"), breach.consequences or _("not given")],
            ],
        },
        {
            "title": _("Follow-up"),
            "items": [
                [_("Measures taken"), breach.measures_taken or _("not given")],
                [_("Measures planned"), breach.measures_planned or _("not given")],
            ],
        },
        {
            "title": _("Informing the people concerned"),
            "items": [
                [_("Will be informed"), _yes(breach.notify_subjects)],
                [
                    _("Informed on"),
                    _when(breach.residents_informed_at)
                    if breach.residents_informed_at
                    else _("not yet"),
                ],
            ],
        },
    ]


def resident_letter(breach: Breach) -> list[str]:
    """The draft letter to the people concerned (AVG art. 34(2)), paragraph by paragraph, in
    plain language. The salutation stays general: the register knows no names."""
    municipality = settings.REGIE_MUNICIPALITY
    officer = breach.registered_by
    paragraphs = [
        _("Dear resident,"),
        _(
            "We are writing to tell you that something went wrong with your personal data. "
            "We are sorry about this."
        ),
        _("What happened: %(what)s") % {"what": breach.title},
        _("We found out on %(date)s.") % {"date": _when(breach.discovered_at)},
        _("Which of your data was involved: %(kinds)s.") % {"kinds": _categories(breach)},
    ]
    if breach.consequences:
        paragraphs.append(
            _("What this may mean for you: %(consequences)s")
            % {"consequences": breach.consequences}
        )
    if breach.measures_taken:
        paragraphs.append(
            _("What we have done: %(measures)s") % {"measures": breach.measures_taken}
        )
    paragraphs += [
        _(
            "What you can do: be careful with e-mails, letters or phone calls that ask for "
            "your details or for money, and tell us if something seems wrong."
        ),
        _(
            "Do you have questions? Contact our privacy officer, %(name)s, at %(email)s. "
            "You may also complain to the Autoriteit Persoonsgegevens."
        )
        % {"name": officer.get_full_name() or officer.username, "email": officer.email or "—"},
        _("Kind regards,"),
        municipality,
    ]
    return paragraphs
