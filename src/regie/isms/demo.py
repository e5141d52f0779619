"""The demo's information security: the BIG structure in Regie's own words, two assessments
half a year apart (so the picture has a trend), measures with costs over two budget years,
the letter's four social-domain risks, the adopted policy and an awareness campaign, and the
minutes of a security meeting kept as an evidence file. Made through the services; loading
twice changes nothing."""

import io
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone

from regie.accounts.models import User
from regie.isms import services
from regie.isms.models import (
    Assessment,
    Budget,
    Campaign,
    EvidenceFile,
    Framework,
    Measure,
    MeasureStatus,
    Policy,
    Priority,
    Result,
    Risk,
    Snapshot,
)

BIG = Path(__file__).parent / "frameworks" / "big-demo.yaml"
BIG_URN = "urn:regie:framework:big-demo"

# Per chapter: how many points are compliant, partial, non-compliant (the rest not assessed)
# in the first and in the second assessment.
FIRST = {"5": (2, 1, 1), "6": (2, 2, 2), "7": (1, 2, 2), "8": (2, 1, 2), "9": (3, 2, 1),
         "10": (4, 3, 3), "11": (3, 3, 2), "12": (1, 2, 3), "13": (2, 1, 2), "14": (0, 1, 3),
         "15": (2, 2, 2)}  # fmt: skip
SECOND = {"5": (3, 1, 0), "6": (4, 1, 1), "7": (2, 2, 1), "8": (3, 1, 1), "9": (4, 1, 1),
          "10": (6, 3, 2), "11": (5, 2, 1), "12": (2, 2, 2), "13": (3, 1, 1), "14": (1, 1, 2),
          "15": (3, 2, 1)}  # fmt: skip

RISKS = [
    (
        "Ondersteuningsplan per onbeveiligde mail onderschept",
        "Inwoners sturen hun ondersteuningsplan via onbeveiligde mail; die kan worden onderschept.",
        (2, 4, 1, 4),
        "Inwoners kunnen per post versturen.",
        "Mogelijkheden als MijnOverheid onderzoeken; de Inwonercloud.",
    ),
    (
        "Ondersteuningsplannen zwerven door de organisatie",
        "Papieren ondersteuningsplannen kunnen rondslingeren.",
        (2, 3, 1, 3),
        "Documenten direct bij binnenkomst scannen en opnemen in de beschermde omgeving; "
        "clean desk en clean screen.",
        "Idem, vastgelegd in de werkinstructie.",
    ),
    (
        "Bestanden per onbeveiligde mail door medewerkers verstuurd",
        "Een medewerker verstuurt bestanden met persoonsgegevens via onbeveiligde mail.",
        (2, 4, 1, 3),
        "Mailverkeer verminderen; versleutelde bestanden naar organisaties.",
        "Ontwikkeling eigen platform; de Inwonercloud.",
    ),
    (
        "Medewerker deelt te veel informatie",
        "Een medewerker deelt onterecht of te veel informatie met een collega of externen.",
        (2, 4, 1, 2),
        "Duidelijke werkinstructie; training en casuïstiek die privacybewustzijn bevorderen.",
        "Anoniem bespreken; duidelijke werkinstructie.",
    ),
]

PLAN = [
    ("Informatiebeveiligingsoverleg onder leiding van de CISO", "ciso", Priority.HIGH,
     MeasureStatus.DONE, -120, 0, 2000, 0, ["6.2"], []),
    ("Veilig mailen voor medewerkers", "ciso", Priority.HIGH, MeasureStatus.IN_PROGRESS,
     -10, 15000, 6000, 0, ["10.8"], [2]),
    ("Werkinstructie en training privacy", "privacy", Priority.HIGH, MeasureStatus.PLANNED,
     60, 8000, 4000, 0, ["8.3"], [3]),
    ("Continuïteitsplan en uitwijk", "teamleider", Priority.MEDIUM, MeasureStatus.PLANNED,
     200, 40000, 12000, 1, ["14.2", "14.4"], []),
    ("Penetratietest en logcontrole", "ciso", Priority.LOW, MeasureStatus.PLANNED,
     300, 18000, 9000, 1, ["15.5", "10.10"], []),
]  # fmt: skip
POLICIES = [
    "Beleidsplan Informatieveiligheid en Privacy",
    "Richtlijnen Informatieveiligheid en Privacy",
]
CAMPAIGN = "Privacy in gesprek met inwoners"
EVIDENCE = ("6.2", "verslag-beveiligingsoverleg-oktober.pdf")


def _assess(assessment: Assessment, figures: dict[str, tuple[int, int, int]]) -> None:
    for chapter in assessment.framework.nodes.filter(depth=1):
        good, partial, bad = figures[chapter.ref_id]
        outcomes = [Result.COMPLIANT] * good + [Result.PARTIAL] * partial
        outcomes += [Result.NON_COMPLIANT] * bad
        results = assessment.results.filter(node__parent=chapter).order_by("node__order")
        for index, (result, outcome) in enumerate(zip(results, outcomes, strict=False)):
            services.assessment_result_record(
                result=result,
                outcome=outcome,
                maturity={Result.COMPLIANT: 3, Result.PARTIAL: 2}.get(outcome, 1) + index % 2,
                notes="",
            )


def _evidence(assessment: Assessment, ciso: User) -> None:
    """The minutes of October's security meeting as evidence for 6.2. The demo runs with
    REGIE_SCAN=off, so the file goes through every check but the virus scan (the banner says
    so); with no scanner and no such switch it is refused like any upload, and the demo has no
    evidence file."""
    from weasyprint import HTML  # slow to import; only this file needs it

    ref, filename = EVIDENCE
    minutes = HTML(
        string="<h1>Verslag informatiebeveiligingsoverleg</h1>"
        "<p>Gemeente Lindendal, 14 oktober 2026. Voorzitter: de CISO.</p>"
        "<h2>Besproken</h2><ul><li>Twee beveiligingsincidenten van het derde kwartaal, "
        "beide afgehandeld.</li><li>Het risicoregister: het risico van onbeveiligde mail "
        "is verlaagd nu inwoners per post kunnen sturen.</li><li>Voortgang van de maatregel "
        "Veilig mailen voor medewerkers.</li></ul>"
        "<h2>Besluit</h2><p>Het overleg komt elke maand bijeen; dit verslag is het bewijs "
        "voor maatregel 6.2 van de GAP-analyse.</p>"
    ).write_pdf()
    result = assessment.results.get(node__ref_id=ref)
    try:
        services.evidence_add(
            result=result,
            upload=io.BytesIO(minutes),
            filename=filename,
            description="Verslag van het beveiligingsoverleg van oktober, met besluiten.",
            actor=ciso,
        )
    except ValidationError:
        return


def remove() -> list[int]:
    """Delete what `load` made (for `remove_demo`); returns the numbers removed per kind."""
    measures = Measure.objects.filter(title__in=[row[0] for row in PLAN])
    risks = Risk.objects.filter(title__in=[row[0] for row in RISKS])
    policies = Policy.objects.filter(title__in=POLICIES)
    campaigns = Campaign.objects.filter(title=CAMPAIGN)
    assessments = Assessment.objects.filter(framework__urn=BIG_URN)
    for evidence in EvidenceFile.objects.filter(result__assessment__in=assessments):
        services.evidence_delete(evidence=evidence, actor=None)
    counts = [qs.count() for qs in (assessments, measures, risks, policies, campaigns)]
    for found in (measures, risks, policies, campaigns, assessments):
        found.delete()
    Framework.objects.filter(urn=BIG_URN).delete()
    Budget.objects.all().delete()
    Snapshot.objects.all().delete()
    return counts


def load(users: dict[str, User]) -> None:
    if Framework.objects.filter(urn=BIG_URN).exists():
        return
    ciso, privacy = users["ciso"], users["privacy"]
    big = services.framework_import(text=BIG.read_bytes()).framework
    today = timezone.localdate()
    for title, when, figures in (
        ("GAP-analyse BIG voorjaar", today - timedelta(days=182), FIRST),
        ("GAP-analyse BIG najaar", today - timedelta(days=7), SECOND),
    ):
        assessment = services.assessment_create(
            framework=big, title=title, assessed_on=when, department="", created_by=ciso
        )
        _assess(assessment, figures)
    _evidence(assessment, ciso)  # the autumn assessment, made last

    risks = []
    for title, description, (lk, im, rlk, rim), short, long in RISKS:
        risks.append(
            services.risk_save(
                title=title,
                description=description,
                owner=ciso,
                likelihood=lk,
                impact=im,
                residual_likelihood=rlk,
                residual_impact=rim,
                treatment_short=short,
                treatment_long=long,
            )
        )
    # The first risk moved since it was entered: post was offered, likelihood went down.
    services.risk_save(risk=risks[0], likelihood=1)

    year = today.year
    node = {n.ref_id: n for n in big.nodes.all()}
    for title, owner, priority, status, end, inc, struc, later, refs, risk_ix in PLAN:
        planned_end = today + timedelta(days=end)
        measure = services.measure_save(
            title=title,
            owner=users[owner],
            priority=priority,
            status=status,
            planned_start=planned_end - timedelta(days=90),
            planned_end=planned_end,
            actual_end=planned_end if status == MeasureStatus.DONE else None,
            incidental_cost=Decimal(inc),
            structural_cost=Decimal(struc),
            budget_year=year + later,
            nodes=[node[ref] for ref in refs],
            risks=[risks[i] for i in risk_ix],
        )
        services.raci_set(measure=measure, party="CISO", role="A")
        services.raci_set(measure=measure, party="Privacy officer", role="C")
    services.budget_set(year=year, amount=Decimal(25000))
    services.budget_set(year=year + 1, amount=Decimal(40000))

    services.policy_save(
        title=POLICIES[0],
        version="1.0",
        owner=ciso,
        adopted_by="College van B&W",
        adopted_on=date(year - 1, 10, 6),
        review_on=date(year, 12, 31),
        reference="Corsa 2015/123456 (fictief)",
    )
    services.policy_save(
        title=POLICIES[1],
        version="1.0",
        owner=ciso,
        adopted_by="College van B&W",
        adopted_on=date(year - 1, 10, 6),
        review_on=date(year + 1, 10, 6),
        reference="Corsa 2015/123457 (fictief)",
    )
    campaign = services.campaign_save(
        title=CAMPAIGN,
        description="Werkinstructie, het gesprek met inwoners over privacy, clean desk en "
        "clean screen.",
        starts_on=today - timedelta(days=30),
        ends_on=today + timedelta(days=60),
    )
    services.completions_record(
        campaign=campaign,
        users=[users["consulent"], users["teamleider"], ciso, privacy],
        completed_on=today - timedelta(days=3),
    )
    services.snapshot_take(on=today)
