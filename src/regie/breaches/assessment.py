"""Is this a personal data breach, how serious is it, and who must be told?

Pure rules, no Django: facts about an incident go in, a decision with its reasons comes out.
Every reason names a rule id and its source (AVG art. 33 and 34, EDPB guidelines 9/2022 on
breach notification and 01/2021 with worked examples), so the privacy officer can check the
reasoning and the Autoriteit Persoonsgegevens can follow it.

    facts = parse({"personal_data": True, "data_categories": ["health"], ...})
    decision = assess(facts)
    as_json(decision)

`parse` refuses unknown fields, unknown categories and values of the wrong kind, naming the
field. The texts and the sources are English source strings; the interface translates them,
each source on its own (`_` only marks them for the catalogue). The JSON of the CLI and the
API stays in English: a machine reads it, and the rule ids are what it should match on.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo


def _(message: str) -> str:
    """Mark MESSAGE for translation; the page that shows it translates it."""
    return message


CATEGORIES = (
    "name",
    "contact",
    "address",
    "bsn",
    "financial",
    "health",
    "special",
    "criminal",
    "children",
    "location",
)
# Categories whose disclosure is likely to hurt people badly: AVG art. 9 and 10 data, the BSN
# (identity fraud; UAVG art. 46), money and children's data.
SENSITIVE = frozenset({"bsn", "financial", "health", "special", "criminal", "children"})
# Where a person can be found: in the hands of someone they fled, this endangers them.
WHEREABOUTS = frozenset({"address", "location", "contact"})

RISKS = ("none", "risk", "high")
NOTIFICATION_WINDOW = timedelta(hours=72)
# An outage shorter than this, with nothing lost, is documented but not reported.
SHORT_OUTAGE_HOURS = 24
# From this many people a confidentiality breach counts as large scale.
LARGE_SCALE_SUBJECTS = 1000
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")

BOOLEAN_FIELDS = (
    "personal_data",
    "confidentiality_loss",
    "integrity_loss",
    "permanent_loss",
    "unintelligible",
    "recipient_trusted_and_deleted",
    "vulnerable_subjects",
)
FIELDS = (
    "personal_data",
    "data_categories",
    "subjects",
    "confidentiality_loss",
    "integrity_loss",
    "availability_loss_hours",
    "permanent_loss",
    "unintelligible",
    "recipient_trusted_and_deleted",
    "vulnerable_subjects",
    "discovered_at",
)
REQUIRED = ("subjects", "discovered_at")

# Each source is marked for the catalogue on its own: a reason may cite several.
AVG_4_12 = _("AVG art. 4(12)")
AVG_33_1 = _("AVG art. 33(1)")
AVG_33_5 = _("AVG art. 33(5)")
AVG_34_1 = _("AVG art. 34(1)")
AVG_34_3A = _("AVG art. 34(3)(a)")
AVG_34_3B = _("AVG art. 34(3)(b)")
EDPB_9_2022_RISK = _("EDPB guidelines 9/2022, IV.B (assessing risk and high risk)")
EDPB_9_2022_AVAILABILITY = _("EDPB guidelines 9/2022, I.B.2 (availability breaches)")
EDPB_9_2022_UNINTELLIGIBLE = _(
    "EDPB guidelines 9/2022, II.D and III.D (when notification is not required)"
)
EDPB_9_2022_AWARE = _("EDPB guidelines 9/2022, II.A.2 (when a controller becomes aware)")
EDPB_9_2022_DOCUMENT = _("EDPB guidelines 9/2022, V.A (documenting breaches)")
EDPB_01_2021_RANSOMWARE = _("EDPB guidelines 01/2021, 2 (ransomware)")
EDPB_01_2021_DEVICES = _("EDPB guidelines 01/2021, 5 (lost or stolen devices)")
EDPB_01_2021_MISPOSTAL = _("EDPB guidelines 01/2021, 6 (mispostal)")


class InputError(ValueError):
    """The facts are incomplete or wrong; FIELD names the field (with its index in a list)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Facts:
    subjects: int
    discovered_at: datetime
    personal_data: bool = False
    data_categories: tuple[str, ...] = ()
    confidentiality_loss: bool = False
    integrity_loss: bool = False
    availability_loss_hours: float = 0
    permanent_loss: bool = False
    unintelligible: bool = False
    recipient_trusted_and_deleted: bool = False
    vulnerable_subjects: bool = False


@dataclass(frozen=True)
class Reason:
    rule: str
    sources: tuple[str, ...]
    text: str

    @property
    def source(self) -> str:
        """The sources on one line, in English, as the CLI and the API give them."""
        return "; ".join(self.sources)


@dataclass(frozen=True)
class Assessment:
    is_personal_data_breach: bool
    risk: str
    notify_authority: bool
    notify_subjects: bool
    authority_deadline: datetime | None
    reasons: list[Reason] = field(default_factory=list)


def parse(data: Any, *, where: str = "") -> Facts:
    """The facts in DATA (a JSON object), or InputError naming the first wrong field. WHERE
    prefixes field names, e.g. "[2]." for the third object of a list."""
    if not isinstance(data, Mapping):
        raise InputError(where.rstrip(".") or "input", "expected a JSON object")
    unknown = [name for name in data if name not in FIELDS]
    if unknown:
        raise InputError(f"{where}{unknown[0]}", "unknown field")
    for name in REQUIRED:
        if name not in data:
            raise InputError(f"{where}{name}", "this field is required")
    values: dict[str, Any] = {}
    for name in BOOLEAN_FIELDS:
        value = data.get(name, False)
        if not isinstance(value, bool):
            raise InputError(f"{where}{name}", "expected true or false")
        values[name] = value
    values["data_categories"] = _categories(data.get("data_categories", []), where)
    subjects = data["subjects"]
    if not isinstance(subjects, int) or isinstance(subjects, bool):
        raise InputError(f"{where}subjects", "expected a whole number")
    if subjects < 0:
        raise InputError(f"{where}subjects", "cannot be negative")
    values["subjects"] = subjects
    hours = data.get("availability_loss_hours", 0)
    if not isinstance(hours, int | float) or isinstance(hours, bool) or hours != hours:
        raise InputError(f"{where}availability_loss_hours", "expected a number of hours")
    if hours < 0:
        raise InputError(f"{where}availability_loss_hours", "cannot be negative")
    values["availability_loss_hours"] = hours
    values["discovered_at"] = _moment(data["discovered_at"], f"{where}discovered_at")
    return Facts(**values)


def _categories(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise InputError(f"{where}data_categories", "expected a list of categories")
    for index, category in enumerate(value):
        if category not in CATEGORIES:
            raise InputError(
                f"{where}data_categories[{index}]",
                f"unknown category {category!r}; known: {', '.join(CATEGORIES)}",
            )
    return tuple(dict.fromkeys(value))


def _moment(value: Any, name: str) -> datetime:
    if not isinstance(value, str):
        raise InputError(name, "expected an ISO 8601 date and time with its offset")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(name, f"not an ISO 8601 date and time: {value!r}") from None
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InputError(name, "give the offset from UTC, e.g. 2026-03-28T14:00:00+01:00")
    return moment


def authority_deadline(discovered_at: datetime) -> datetime:
    """72 elapsed hours after discovery, in Dutch local time. Counted in UTC: adding hours to a
    local time would count a night in which the clocks go forward as 24 hours."""
    return (discovered_at.astimezone(UTC) + NOTIFICATION_WINDOW).astimezone(LOCAL_TIME)


def assess(facts: Facts) -> Assessment:
    reasons: list[Reason] = []
    if not facts.personal_data:
        reasons.append(
            Reason(
                "no-personal-data",
                (AVG_4_12,),
                _(
                    "No personal data was involved, so this is a security incident but not a "
                    "personal data breach."
                ),
            )
        )
        return Assessment(False, "none", False, False, None, reasons)
    if not (
        facts.confidentiality_loss
        or facts.integrity_loss
        or facts.availability_loss_hours > 0
        or facts.permanent_loss
    ):
        reasons.append(
            Reason(
                "no-loss",
                (AVG_4_12,),
                _(
                    "No personal data was disclosed, altered, lost or made unavailable, so "
                    "there is no personal data breach."
                ),
            )
        )
        return Assessment(False, "none", False, False, None, reasons)
    reasons.append(
        Reason(
            "breach-documented",
            (AVG_33_5, EDPB_9_2022_DOCUMENT),
            _(
                "Personal data was disclosed, altered, lost or unavailable: this is a personal "
                "data breach and is documented in the register, whether reported or not."
            ),
        )
    )
    risk = max(
        _confidentiality(facts, reasons),
        _integrity(facts, reasons),
        _availability(facts, reasons),
        key=RISKS.index,
    )
    return _decide(facts, risk, reasons)


def _raise(level: str, to: str) -> str:
    return max(level, to, key=RISKS.index)


def _confidentiality(facts: Facts, reasons: list[Reason]) -> str:
    if not facts.confidentiality_loss:
        return "none"
    if facts.unintelligible:
        reasons.append(
            Reason(
                "unintelligible",
                (AVG_34_3A, EDPB_9_2022_UNINTELLIGIBLE, EDPB_01_2021_DEVICES),
                _(
                    "The data was unintelligible to whoever got it (encrypted, with the key "
                    "safe), so the disclosure itself carries no risk."
                ),
            )
        )
        return "none"
    categories = set(facts.data_categories)
    level = "risk"
    reasons.append(
        Reason(
            "disclosure",
            (AVG_33_1, EDPB_9_2022_RISK),
            _("Readable personal data reached people who should not have it: a risk."),
        )
    )
    if categories & SENSITIVE:
        level = "high"
        reasons.append(
            Reason(
                "sensitive-data",
                (AVG_34_1, EDPB_9_2022_RISK),
                _(
                    "Special categories, criminal data, BSNs, financial data or children's "
                    "data were disclosed: the harm (discrimination, identity fraud, damage) can "
                    "be serious, so the risk is high."
                ),
            )
        )
    if facts.vulnerable_subjects:
        level = "high"
        if categories & WHEREABOUTS:
            text = _(
                "Where vulnerable people can be found was disclosed (a confidential address, "
                "say of a shelter): this may put them in danger, so the risk is high."
            )
        else:
            text = _("The people concerned are vulnerable, so the risk is high.")
        reasons.append(Reason("vulnerable-subjects", (AVG_34_1, EDPB_9_2022_RISK), text))
    if facts.subjects >= LARGE_SCALE_SUBJECTS and level != "high":
        level = "high"
        reasons.append(
            Reason(
                "large-scale",
                (AVG_34_1, EDPB_9_2022_RISK),
                _("Data of a thousand people or more was disclosed: the risk is high."),
            )
        )
    if facts.recipient_trusted_and_deleted:
        level = RISKS[RISKS.index(level) - 1]
        reasons.append(
            Reason(
                "trusted-recipient",
                (AVG_34_3B, EDPB_01_2021_MISPOSTAL),
                _(
                    "The recipient is trusted and confirmed deleting the data without using "
                    "it, which lowers the risk by one step."
                ),
            )
        )
    return level


def _integrity(facts: Facts, reasons: list[Reason]) -> str:
    if not facts.integrity_loss:
        return "none"
    sensitive = bool(set(facts.data_categories) & SENSITIVE) or facts.vulnerable_subjects
    reasons.append(
        Reason(
            "integrity",
            (AVG_33_1, EDPB_9_2022_RISK),
            _(
                "Personal data was altered: decisions about people may rest on wrong data. "
                "With sensitive data or vulnerable people the risk is high."
            ),
        )
    )
    return "high" if sensitive else "risk"


def _availability(facts: Facts, reasons: list[Reason]) -> str:
    if facts.permanent_loss:
        sensitive = bool(set(facts.data_categories) & SENSITIVE) or facts.vulnerable_subjects
        reasons.append(
            Reason(
                "permanent-loss",
                (AVG_33_1, EDPB_9_2022_AVAILABILITY, EDPB_01_2021_RANSOMWARE),
                _(
                    "Personal data is lost for good, without a backup: people may lose "
                    "support or rights that depend on it. With sensitive data or vulnerable "
                    "people the risk is high."
                ),
            )
        )
        return "high" if sensitive else "risk"
    if facts.availability_loss_hours <= 0:
        return "none"
    if facts.availability_loss_hours < SHORT_OUTAGE_HOURS:
        reasons.append(
            Reason(
                "short-outage",
                (EDPB_9_2022_AVAILABILITY, EDPB_01_2021_RANSOMWARE),
                _(
                    "The data was unavailable for less than 24 hours and nothing was lost: "
                    "documented, but no risk that needs reporting."
                ),
            )
        )
        return "none"
    reasons.append(
        Reason(
            "long-outage",
            (AVG_33_1, EDPB_9_2022_AVAILABILITY),
            _(
                "The data was unavailable for 24 hours or more: people may have missed care "
                "or payments, a risk."
            ),
        )
    )
    return "risk"


def _decide(facts: Facts, risk: str, reasons: list[Reason]) -> Assessment:
    if risk == "none":
        reasons.append(
            Reason(
                "no-notification",
                (AVG_33_1,),
                _(
                    "The breach is unlikely to result in a risk to people: it is not reported "
                    "to the Autoriteit Persoonsgegevens, only documented."
                ),
            )
        )
        return Assessment(True, risk, False, False, None, reasons)
    reasons.append(
        Reason(
            "notify-authority",
            (AVG_33_1, EDPB_9_2022_AWARE),
            _(
                "The breach is likely to result in a risk: report it to the Autoriteit "
                "Persoonsgegevens within 72 hours of its discovery."
            ),
        )
    )
    notify_subjects = risk == "high"
    if notify_subjects:
        reasons.append(
            Reason(
                "notify-subjects",
                (AVG_34_1,),
                _(
                    "The risk is high: tell the people concerned without undue delay, in plain "
                    "language, what happened and what they can do."
                ),
            )
        )
    return Assessment(
        True, risk, True, notify_subjects, authority_deadline(facts.discovered_at), reasons
    )


def as_json(assessment: Assessment) -> dict[str, Any]:
    deadline = assessment.authority_deadline
    return {
        "is_personal_data_breach": assessment.is_personal_data_breach,
        "risk": assessment.risk,
        "notify_authority": assessment.notify_authority,
        "notify_subjects": assessment.notify_subjects,
        "authority_deadline": deadline.isoformat() if deadline else None,
        "reasons": [
            {"rule": reason.rule, "source": reason.source, "text": reason.text}
            for reason in assessment.reasons
        ],
    }


def assess_json(data: Any) -> dict[str, Any] | list[dict[str, Any]]:
    """The CLI's and API's answer: an object for an object, a list in the same order for a
    list. Raises InputError naming the field (with its index in a list)."""
    if isinstance(data, list):
        return [as_json(assess(parse(item, where=f"[{i}]."))) for i, item in enumerate(data)]
    return as_json(assess(parse(data)))
