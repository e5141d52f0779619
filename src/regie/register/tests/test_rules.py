import pytest

from regie.register.rules import Ground, consent_for_statutory_task, ground_from_citation


@pytest.mark.parametrize(
    ("ground", "source", "refused"),
    [
        ("a", "Wmo 2015 art. 2.3.2", True),
        ("a", "Jeugdwet art. 7.4.0", True),
        ("a", "participatiewet art. 62", True),
        ("a", "Gemeentewet art. 160", False),
        ("e", "Wmo 2015 art. 2.3.2", False),
        ("c", "Participatiewet art. 62", False),
    ],
)
def test_it_refuses_consent_only_for_statutory_social_domain_work(
    ground: str, source: str, refused: bool
) -> None:
    assert consent_for_statutory_task(ground, source) is refused


@pytest.mark.parametrize(
    ("text", "ground"),
    [
        ("AVG art. 6 lid 1 sub e (taak van algemeen belang)", Ground.PUBLIC_TASK),
        ("AVG artikel 6 lid 1 sub c", Ground.LEGAL_OBLIGATION),
        ("toestemming", None),
    ],
)
def test_it_reads_the_ground_an_older_basis_cites(text: str, ground: Ground | None) -> None:
    assert ground_from_citation(text) == ground
