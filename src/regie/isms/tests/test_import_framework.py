from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from regie.isms import services
from regie.isms.models import AssessmentResult, Framework, RequirementNode, Result
from regie.isms.tests.libraries import BIG, TREE, bio2_path, small

pytestmark = pytest.mark.django_db


def _import(path: Path) -> str:
    out = StringIO()
    call_command("import_framework", str(path), stdout=out)
    return out.getvalue()


def test_it_imports_bio2_with_its_120_assessable_measures() -> None:
    output = _import(bio2_path())

    assert output.count("\n") == 1
    assert "120 nodes, 120 assessable" in output
    framework = Framework.objects.get(urn="urn:intuitem:risk:framework:bio2")
    assert framework.nodes.filter(assessable=True).count() == 120
    assert (
        framework.translations["nl"]["name"] == "Baseline Informatiebeveiliging Overheid 2 (BIO2)"
    )


def test_it_changes_nothing_when_the_same_library_is_imported_again() -> None:
    _import(bio2_path())
    before = list(RequirementNode.objects.values_list("pk", "urn", "description"))

    output = _import(bio2_path())

    assert "0 added, 0 changed, 0 removed" in output
    assert list(RequirementNode.objects.values_list("pk", "urn", "description")) == before
    assert Framework.objects.count() == 1


def test_it_imports_the_big_structure_in_eleven_parts() -> None:
    output = _import(BIG)

    framework = Framework.objects.get(urn="urn:regie:framework:big-demo")
    chapters = framework.nodes.filter(depth=1)
    assert [c.ref_id for c in chapters] == [str(n) for n in range(5, 16)]
    assert "77 nodes, 66 assessable" in output
    assert "eigen formulering" in framework.name


def test_it_keeps_results_whose_urn_survives_a_new_version(people) -> None:
    framework = services.framework_import(text=small(*TREE)).framework
    assessment = services.assessment_create(
        framework=framework,
        title="Eerste",
        assessed_on=__import__("datetime").date(2026, 1, 1),
        department="",
        created_by=people.ciso,
    )
    for result in assessment.results.all():
        services.assessment_result_record(result=result, outcome=Result.COMPLIANT, maturity=3)

    renamed_a1 = TREE[1].replace("name: One", "name: One renamed")
    new_b2 = "{urn: 'urn:t:b2', ref_id: B.2, name: New, assessable: true, parent_urn: 'urn:t:b'}"
    summary = services.framework_import(
        text=small(TREE[0], renamed_a1, TREE[3], TREE[4], new_b2, version=2)
    )

    assert (summary.added, summary.changed, summary.removed) == (1, 1, 1)
    kept = {r.node.urn: r.result for r in AssessmentResult.objects.filter(assessment=assessment)}
    assert kept == {
        "urn:t:a1": Result.COMPLIANT,
        "urn:t:b1": Result.COMPLIANT,
        "urn:t:b2": Result.NOT_ASSESSED,
    }
    assert RequirementNode.objects.get(urn="urn:t:a1").name == "One renamed"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("urn: [unclosed", "YAML"),
        (small(TREE[0], TREE[0]), "urn:t:a"),
        (small("{urn: 'urn:t:x', name: X, parent_urn: 'urn:t:nowhere'}"), "urn:t:nowhere"),
        (
            small(
                "{urn: 'urn:t:p', name: P, parent_urn: 'urn:t:q'}",
                "{urn: 'urn:t:q', name: Q, parent_urn: 'urn:t:p'}",
            ),
            "urn:t:p",
        ),
        (small("{ref_id: '1', name: No urn}"), "#1"),
        (small("{urn: 'urn:t:y', name: Y, assessable: perhaps}"), "urn:t:y"),
        (small("{urn: 'urn:t:z', name: [not, text]}"), "urn:t:z"),
        (small("{urn: 'urn:t:l', name: &n Lol}", "{urn: 'urn:t:m', name: *n}"), " 9"),
    ],
    ids=[
        "not-yaml",
        "duplicate-urn",
        "unknown-parent",
        "cycle",
        "missing-urn",
        "bad-assessable",
        "name-not-text",
        "alias",
    ],
)
def test_it_refuses_a_bad_library_whole_and_names_the_node(
    tmp_path: Path, text: str, named: str
) -> None:
    services.framework_import(text=small(*TREE))
    before = list(RequirementNode.objects.values_list("urn", "name"))
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("urn:test:framework:small", "urn:test:framework:small"))

    with pytest.raises(CommandError, match="nothing imported") as refused:
        _import(bad)

    assert named in str(refused.value)
    assert list(RequirementNode.objects.values_list("urn", "name")) == before


def test_it_refuses_an_older_version_of_an_imported_library() -> None:
    services.framework_import(text=small(*TREE, version=3))

    with translation.override("en"), pytest.raises(CommandError, match="version 3"):
        _import_text(small(TREE[0], version=2))

    assert RequirementNode.objects.count() == len(TREE)


def _import_text(text: str) -> str:
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False) as handle:
        handle.write(text)
    return _import(Path(handle.name))


def test_it_reports_a_file_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read"):
        _import(tmp_path / "missing.yaml")


def test_it_shows_why_an_uploaded_library_is_refused_on_the_field(people, login_as) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    upload = SimpleUploadedFile("dubbel.yaml", small(TREE[0], TREE[0]).encode())

    page = login_as(people.ciso).post(
        reverse("isms:framework-import"), {"library": upload}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert page.context["form"].errors["library"] == ["The urn urn:t:a occurs more than once."]
    assert not Framework.objects.exists()


def test_it_imports_an_uploaded_library_without_keeping_the_file(people, login_as) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    upload = SimpleUploadedFile("bio2.yaml", bio2_path().read_bytes())

    page = login_as(people.ciso).post(reverse("isms:framework-import"), {"library": upload})

    framework = Framework.objects.get()
    assert page["Location"] == reverse("isms:framework", kwargs={"public_id": framework.public_id})
    assert framework.nodes.filter(assessable=True).count() == 120
