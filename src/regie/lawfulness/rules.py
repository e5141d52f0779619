"""May this exchange of a resident's data go ahead, on which legal basis, and whose specific
consent does it need? The rules of the VNG factsheet "Omgaan met toestemming bij
gegevensverwerking in het sociaal domein" (attached to the council letter), as a pure function.

The ground for processing in the social domain is a legal obligation or a public task, never
consent: a resident who depends on the municipality cannot consent freely. Specific, motivated
consent is an extra condition where the law asks for it (breaking a professional secrecy, the
Wmo cases of chapter 5), never a replacement for necessity.

Every decision explains itself: the ids of the rules that decided it, each with its legal
source and a sentence in plain Dutch. The Dutch sentences live here, not in a message
catalogue, because they are the engine's output (also to the API and the command line) and
this module imports nothing from Django.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Law(StrEnum):
    WMO = "wmo"
    JEUGDWET = "jeugdwet"
    PARTICIPATIEWET = "participatiewet"


class ExchangeAction(StrEnum):
    COLLECT = "collect"
    USE = "use"
    PROVIDE = "provide"


class Counterparty(StrEnum):
    RESIDENT = "resident"
    CIZ = "ciz"
    HEALTH_INSURER = "health_insurer"
    ZVW_CARE_PROVIDER = "zvw_care_provider"
    WMO_PROVIDER = "wmo_provider"
    PARTICIPATIEWET_RECORDS = "participatiewet_records"
    JEUGDWET_RECORDS = "jeugdwet_records"
    COOPERATING_PROFESSIONAL = "cooperating_professional"
    PGB_THIRD_PARTY = "pgb_third_party"
    CAK = "cak"
    SVB = "svb"
    SUPERVISOR = "supervisor"
    VEILIG_THUIS = "veilig_thuis"
    GENERAL_PRACTITIONER = "general_practitioner"
    THIRD_PARTY = "third_party"


class Purpose(StrEnum):
    SUPPORT_ASSESSMENT = "support_assessment"
    SUPPORT_DELIVERY = "support_delivery"
    ZVW_TASKS = "zvw_tasks"
    OTHER = "other"


class Outcome(StrEnum):
    ALLOWED = "allowed"
    CONSENT_REQUIRED = "consent_required"
    NOT_ALLOWED = "not_allowed"
    OBJECTION_REVIEW = "objection_review"


class LegalBasis(StrEnum):
    LEGAL_OBLIGATION = "legal_obligation"
    PUBLIC_TASK = "public_task"


class ConsentFrom(StrEnum):
    RESIDENT = "resident"
    LEGAL_REPRESENTATIVE = "legal_representative"


class ObjectionOption(StrEnum):
    STOP = "stop"
    LIMITED = "limited"
    INVOLUNTARY = "involuntary"


# Ages at which the factsheet moves consent to the legal representative.
CHILD_BELOW = 12
ADULT_FROM = 18
OLDEST_AGE = 130

FACTSHEET = "VNG-factsheet toestemming sociaal domein"


@dataclass(frozen=True)
class Rule:
    id: str
    source: str
    text: str


def _rule(id: str, source: str, text: str) -> Rule:
    return Rule(id=id, source=source, text=" ".join(text.split()))


NECESSITY = _rule(
    "necessity",
    f"AVG art. 5 lid 1 sub c en art. 6 lid 1; {FACTSHEET}",
    """Deze uitwisseling is niet noodzakelijk voor de taak die nu wordt uitgevoerd, dus mag
    zij niet plaatsvinden. Ook toestemming van de inwoner maakt een onnodige verwerking niet
    toegestaan.""",
)
GROUND_PUBLIC_TASK = _rule(
    "ground.public_task",
    f"AVG art. 6 lid 1 sub e; {FACTSHEET}",
    """De grondslag is de goede vervulling van de publieke taak van de gemeente in het
    sociaal domein, niet toestemming.""",
)
GROUND_LEGAL_OBLIGATION = _rule(
    "ground.legal_obligation",
    f"AVG art. 6 lid 1 sub c; {FACTSHEET}",
    """De grondslag is een wettelijke verplichting van de gemeente om deze gegevens te
    verstrekken, niet toestemming.""",
)
GENERAL_CONSENT = _rule(
    "general_consent.not_a_ground",
    f"AVG art. 4 punt 11 en overweging 43; {FACTSHEET}",
    """De algemene toestemmingsverklaring in het dossier telt niet mee: een inwoner die
    afhankelijk is van de gemeente kan niet vrij toestemming geven, dus zo'n verklaring is
    nooit de grondslag en vervangt geen specifieke toestemming.""",
)
SECRECY = _rule(
    "consent.professional_secrecy",
    f"beroepsgeheim (zoals art. 7:457 BW voor artsen); {FACTSHEET}",
    """Hiervoor moet een beroepsgeheim worden doorbroken, bijvoorbeeld het medisch
    beroepsgeheim van de huisarts. Dat mag alleen met specifieke, gemotiveerde toestemming:
    leg uit met welk doel u de gegevens wilt opvragen of delen.""",
)
WMO_OTHER_LAW = _rule(
    "wmo.consent.other_law_data",
    f"Wmo 2015, hoofdstuk 5; {FACTSHEET}",
    """Gegevens die de gemeente kreeg voor de Participatiewet of de Jeugdwet mag zij voor de
    Wmo alleen gebruiken met specifieke toestemming, en alleen voor zover nodig om de
    behoefte aan ondersteuning te beoordelen.""",
)
WMO_HEALTH_DATA = _rule(
    "wmo.consent.health_data",
    f"Wmo 2015, hoofdstuk 5; {FACTSHEET}",
    """Gegevens van een zorgverzekeraar of zorgaanbieder mag de gemeente voor de Wmo alleen
    gebruiken met specifieke toestemming, en alleen voor zover nodig om de behoefte aan
    ondersteuning te beoordelen.""",
)
WMO_PROVIDE_ZVW = _rule(
    "wmo.consent.provide_zvw",
    f"Wmo 2015, hoofdstuk 5; {FACTSHEET}",
    """Gegevens verstrekken aan een zorgverzekeraar of zorgaanbieder voor hun taken onder de
    Zorgverzekeringswet mag alleen met specifieke toestemming.""",
)
WMO_PROVIDE_OTHERS = _rule(
    "wmo.consent.inform_others",
    f"Wmo 2015, hoofdstuk 5; {FACTSHEET}",
    """Inlichtingen geven aan iemand anders dan de inwoner, of hem inzage of een afschrift
    geven, mag alleen met specifieke toestemming.""",
)
WMO_CIZ = _rule(
    "wmo.no_consent.ciz",
    f"Wmo 2015, hoofdstuk 5; {FACTSHEET}",
    """Gegevens van het CIZ mag de gemeente zonder toestemming gebruiken, voor zover nodig om
    de behoefte aan ondersteuning te beoordelen.""",
)
WMO_TASK_RECIPIENT = _rule(
    "wmo.no_consent.task_recipient",
    f"Wmo 2015, hoofdstuk 5; {FACTSHEET}",
    """Aan deze ontvanger mag de gemeente zonder toestemming verstrekken: iemand wiens
    medewerking beroepshalve nodig is, een aanbieder, een derde die uit een
    persoonsgebonden budget wordt betaald, het CAK, de SVB, een toezichthouder of Veilig
    Thuis.""",
)
OTHER_LAW_DATA = _rule(
    "consent.other_law_data",
    f"AVG art. 5 lid 1 sub b (doelbinding); {FACTSHEET}, naar analogie van de Wmo 2015",
    """Deze gegevens zijn verkregen voor de uitvoering van een andere wet. Gebruik ze voor
    deze wet alleen met specifieke toestemming.""",
)
SHARE_OUTSIDE_TASK = _rule(
    "consent.share_outside_task",
    f"AVG art. 5 lid 1 sub b (doelbinding) en de geheimhoudingsplicht; {FACTSHEET}, "
    "naar analogie van de Wmo 2015",
    """Deze ontvanger heeft geen eigen rol in de uitvoering van de taak. Verstrek hem
    gegevens alleen met specifieke toestemming.""",
)
TASK_RECIPIENT = _rule(
    "no_consent.task_recipient",
    "AVG art. 6 lid 1 sub c en e",
    """Deze ontvanger heeft een rol in de uitvoering van de taak of in het toezicht erop;
    verstrekken kan zonder toestemming, voor zover noodzakelijk.""",
)
CONSENT_RESIDENT = _rule(
    "consent.from_resident",
    FACTSHEET,
    """De inwoner geeft deze toestemming zelf, specifiek voor dit doel en deze gegevens.""",
)
CONSENT_UNDER_12 = _rule(
    "consent.representative.under_12",
    f"Wmo 2015, hoofdstuk 5; {FACTSHEET}",
    """De inwoner is jonger dan 12 jaar, dus geeft de wettelijk vertegenwoordiger de
    toestemming.""",
)
CONSENT_NOT_CAPABLE = _rule(
    "consent.representative.not_capable",
    f"Wmo 2015, hoofdstuk 5; {FACTSHEET}",
    """De inwoner is 12 tot 18 jaar en niet in staat zijn belangen redelijk te waarderen, dus
    geeft de wettelijk vertegenwoordiger de toestemming.""",
)
INFORM = _rule(
    "transparency.inform",
    f"AVG art. 12 tot en met 14; {FACTSHEET}",
    """Vertel de inwoner met welk doel en waarom het noodzakelijk is dat deze gegevens
    worden verwerkt.""",
)
INFORM_LATER = _rule(
    "transparency.not_now",
    f"UAVG art. 41 (AVG art. 23); {FACTSHEET}",
    """De veiligheid van de inwoner of van mensen om hem heen staat op het spel en het gaat
    om Veilig Thuis; de situatie laat niet toe de inwoner nu te informeren. Doe dat zodra het
    veilig kan.""",
)
OBJECTION = _rule(
    "objection.review",
    f"AVG art. 21; {FACTSHEET}",
    """De inwoner maakt bezwaar of weigert toestemming. De gemeente houdt haar publieke taak:
    kies tussen stoppen met de dienstverlening of de dienstverlening beperken tot wat met de
    beschikbare gegevens kan.""",
)
OBJECTION_INVOLUNTARY = _rule(
    "objection.involuntary",
    FACTSHEET,
    """Omdat de gezondheid of veiligheid van de inwoner of mensen om hem heen op het spel
    staat, is ook onvrijwillige dienstverlening mogelijk. Alleen na drie waarborgen: de
    inwoner is het belang uitgelegd, een collega of deskundige is geraadpleegd (eventueel
    op geanonimiseerde gegevens), en de afweging is vastgelegd en aan de inwoner meegedeeld
    met zijn rechten. Een teamleider tekent mee.""",
)

RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        NECESSITY,
        GROUND_PUBLIC_TASK,
        GROUND_LEGAL_OBLIGATION,
        GENERAL_CONSENT,
        SECRECY,
        WMO_OTHER_LAW,
        WMO_HEALTH_DATA,
        WMO_PROVIDE_ZVW,
        WMO_PROVIDE_OTHERS,
        WMO_CIZ,
        WMO_TASK_RECIPIENT,
        OTHER_LAW_DATA,
        SHARE_OUTSIDE_TASK,
        TASK_RECIPIENT,
        CONSENT_RESIDENT,
        CONSENT_UNDER_12,
        CONSENT_NOT_CAPABLE,
        INFORM,
        INFORM_LATER,
        OBJECTION,
        OBJECTION_INVOLUNTARY,
    )
}

# Those the Wmo lets the municipality provide data to without consent.
TASK_RECIPIENTS = frozenset(
    {
        Counterparty.COOPERATING_PROFESSIONAL,
        Counterparty.WMO_PROVIDER,
        Counterparty.PGB_THIRD_PARTY,
        Counterparty.CAK,
        Counterparty.SVB,
        Counterparty.SUPERVISOR,
        Counterparty.VEILIG_THUIS,
    }
)
# Of those, the ones the municipality must inform by law (contribution, budget payments,
# supervision), rather than may inform for its task.
OBLIGED_RECIPIENTS = frozenset({Counterparty.CAK, Counterparty.SVB, Counterparty.SUPERVISOR})
HEALTH_SOURCES = frozenset({Counterparty.HEALTH_INSURER, Counterparty.ZVW_CARE_PROVIDER})
RECORDS_OF_LAW = {
    Counterparty.PARTICIPATIEWET_RECORDS: Law.PARTICIPATIEWET,
    Counterparty.JEUGDWET_RECORDS: Law.JEUGDWET,
}


class ScenarioError(ValueError):
    """A scenario the engine will not guess at: FIELD is the input field at fault."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}" if field else message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Scenario:
    """A proposed exchange of a resident's data."""

    law: Law
    action: ExchangeAction
    counterparty: Counterparty
    purpose: Purpose
    necessary: bool
    subject_age: int
    subject_capable: bool | None = None
    professional_secrecy: bool = False
    general_consent_on_file: bool = False
    objection: bool = False
    safety_at_risk: bool = False

    def as_json(self) -> dict[str, Any]:
        return {
            "law": self.law.value,
            "action": self.action.value,
            "counterparty": self.counterparty.value,
            "purpose": self.purpose.value,
            "necessary": self.necessary,
            "subject_age": self.subject_age,
            "subject_capable": self.subject_capable,
            "professional_secrecy": self.professional_secrecy,
            "general_consent_on_file": self.general_consent_on_file,
            "objection": self.objection,
            "safety_at_risk": self.safety_at_risk,
        }


REQUIRED = ("law", "action", "counterparty", "purpose", "necessary", "subject_age")
OPTIONAL_FLAGS = ("professional_secrecy", "general_consent_on_file", "objection", "safety_at_risk")
FIELDS = frozenset((*REQUIRED, "subject_capable", *OPTIONAL_FLAGS))


def _choice[E: StrEnum](data: Mapping[str, Any], field: str, enum: type[E]) -> E:
    value = data[field]
    allowed = ", ".join(member.value for member in enum)
    if not isinstance(value, str):
        raise ScenarioError(field, f"must be one of {allowed}")
    try:
        return enum(value)
    except ValueError:
        raise ScenarioError(field, f"unknown value {value!r}; expected one of {allowed}") from None


def _flag(data: Mapping[str, Any], field: str) -> bool:
    value = data.get(field, False)
    if not isinstance(value, bool):
        raise ScenarioError(field, "must be true or false")
    return value


def parse_scenario(data: Mapping[str, Any]) -> Scenario:
    """A Scenario from the JSON fields of the issue; a ScenarioError names the first field that
    is missing, unknown or has a value the engine does not know."""
    if not isinstance(data, Mapping):
        raise ScenarioError("", "a scenario must be a JSON object")
    for field in data:
        if field not in FIELDS:
            raise ScenarioError(str(field), "unknown field")
    for field in REQUIRED:
        if field not in data:
            raise ScenarioError(field, "required")
    age = data["subject_age"]
    if not isinstance(age, int) or isinstance(age, bool):
        raise ScenarioError("subject_age", "must be a whole number of years")
    if not 0 <= age <= OLDEST_AGE:
        raise ScenarioError("subject_age", f"must be between 0 and {OLDEST_AGE}")
    capable = data.get("subject_capable")
    if CHILD_BELOW <= age < ADULT_FROM:
        if "subject_capable" not in data:
            raise ScenarioError("subject_capable", "required when subject_age is 12 to 17")
        if not isinstance(capable, bool):
            raise ScenarioError("subject_capable", "must be true or false")
    elif capable is not None and not isinstance(capable, bool):
        raise ScenarioError("subject_capable", "must be true, false or null")
    return Scenario(
        law=_choice(data, "law", Law),
        action=_choice(data, "action", ExchangeAction),
        counterparty=_choice(data, "counterparty", Counterparty),
        purpose=_choice(data, "purpose", Purpose),
        necessary=_flag(data, "necessary"),
        subject_age=age,
        subject_capable=capable,
        **{field: _flag(data, field) for field in OPTIONAL_FLAGS},
    )


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    legal_basis: LegalBasis | None
    consent_from: ConsentFrom | None
    inform_resident: bool
    objection_options: tuple[ObjectionOption, ...]
    findings: tuple[Rule, ...]

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(rule.id for rule in self.findings)

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(rule.source for rule in self.findings)

    @property
    def explanation(self) -> str:
        """The decision in plain Dutch, each sentence followed by its legal source."""
        return " ".join(f"{rule.text} [{rule.source}]" for rule in self.findings)

    def as_json(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome.value,
            "legal_basis": self.legal_basis.value if self.legal_basis else None,
            "consent_from": self.consent_from.value if self.consent_from else None,
            "inform_resident": self.inform_resident,
            "objection_options": [option.value for option in self.objection_options],
            "rules": list(self.rules),
            "explanation": self.explanation,
        }


def _consent_rules(scenario: Scenario) -> list[Rule]:
    """The rules that make this exchange need specific consent (none: it does not)."""
    law, action, party = scenario.law, scenario.action, scenario.counterparty
    found: list[Rule] = []
    if scenario.professional_secrecy or (
        party == Counterparty.GENERAL_PRACTITIONER and action != ExchangeAction.PROVIDE
    ):
        found.append(SECRECY)
    if party == Counterparty.RESIDENT:
        return found
    if action == ExchangeAction.PROVIDE:
        if law == Law.WMO:
            if party in TASK_RECIPIENTS:
                return found
            if party in HEALTH_SOURCES and scenario.purpose == Purpose.ZVW_TASKS:
                return [*found, WMO_PROVIDE_ZVW]
            return [*found, WMO_PROVIDE_OTHERS]
        if party in TASK_RECIPIENTS:
            return found
        return [*found, SHARE_OUTSIDE_TASK]
    if party in RECORDS_OF_LAW and RECORDS_OF_LAW[party] != law:
        return [*found, WMO_OTHER_LAW if law == Law.WMO else OTHER_LAW_DATA]
    if party in HEALTH_SOURCES:
        if law == Law.WMO:
            return [*found, WMO_HEALTH_DATA]
        # Outside the Wmo, what an insurer or care provider knows is under their secrecy.
        if SECRECY not in found:
            found.append(SECRECY)
    return found


def _no_consent_rules(scenario: Scenario) -> list[Rule]:
    """The exceptions that explain why no consent is needed for this counterparty."""
    party = scenario.counterparty
    if scenario.action == ExchangeAction.PROVIDE and party in TASK_RECIPIENTS:
        return [WMO_TASK_RECIPIENT if scenario.law == Law.WMO else TASK_RECIPIENT]
    if scenario.law == Law.WMO and party == Counterparty.CIZ:
        return [WMO_CIZ]
    return []


def _consent_from(scenario: Scenario) -> tuple[ConsentFrom, Rule]:
    if scenario.subject_age < CHILD_BELOW:
        return ConsentFrom.LEGAL_REPRESENTATIVE, CONSENT_UNDER_12
    if scenario.subject_age < ADULT_FROM and not scenario.subject_capable:
        return ConsentFrom.LEGAL_REPRESENTATIVE, CONSENT_NOT_CAPABLE
    return ConsentFrom.RESIDENT, CONSENT_RESIDENT


def decide(scenario: Scenario) -> Decision:
    """The decision on one proposed exchange, with the rules that made it."""
    general = [GENERAL_CONSENT] if scenario.general_consent_on_file else []
    if not scenario.necessary:
        return Decision(
            outcome=Outcome.NOT_ALLOWED,
            legal_basis=None,
            consent_from=None,
            inform_resident=False,
            objection_options=(),
            findings=(NECESSITY, *general),
        )
    obliged = (
        scenario.action == ExchangeAction.PROVIDE and scenario.counterparty in OBLIGED_RECIPIENTS
    )
    basis = LegalBasis.LEGAL_OBLIGATION if obliged else LegalBasis.PUBLIC_TASK
    findings = [GROUND_LEGAL_OBLIGATION if obliged else GROUND_PUBLIC_TASK, *general]

    consent_rules = _consent_rules(scenario)
    consent_from = None
    if consent_rules:
        consent_from, whose = _consent_from(scenario)
        findings += [*consent_rules, whose]
    else:
        findings += _no_consent_rules(scenario)

    inform = not (scenario.counterparty == Counterparty.VEILIG_THUIS and scenario.safety_at_risk)
    findings.append(INFORM if inform else INFORM_LATER)

    outcome = Outcome.CONSENT_REQUIRED if consent_rules else Outcome.ALLOWED
    options: tuple[ObjectionOption, ...] = ()
    if scenario.objection:
        outcome = Outcome.OBJECTION_REVIEW
        options = (ObjectionOption.STOP, ObjectionOption.LIMITED)
        findings.append(OBJECTION)
        if scenario.safety_at_risk:
            options += (ObjectionOption.INVOLUNTARY,)
            findings.append(OBJECTION_INVOLUNTARY)
    return Decision(
        outcome=outcome,
        legal_basis=basis,
        consent_from=consent_from,
        inform_resident=inform,
        objection_options=options,
        findings=tuple(findings),
    )


def assess(data: Mapping[str, Any]) -> Decision:
    """Parse and decide in one step."""
    return decide(parse_scenario(data))
