"""Other apps seed activities from the model state of migration 0003, which knows only the
first fields; the newer columns must fill themselves in."""

from django.db import connection
from django.db.migrations.loader import MigrationLoader

from regie.register.models import DpiaStatus, ProcessingActivityVersion
from regie.register.rules import Ground


def test_it_accepts_a_version_made_with_only_the_first_fields(db: None) -> None:
    state = MigrationLoader(connection).project_state(("register", "0003_log_reading_activity"))
    Activity = state.apps.get_model("register", "ProcessingActivity")
    Version = state.apps.get_model("register", "ProcessingActivityVersion")
    activity = Activity.objects.create(slug="ander-app")
    Version.objects.create(
        activity=activity,
        number=1,
        name="Iets van een andere app",
        purpose="Een doel",
        legal_basis="AVG art. 6 lid 1 sub e (taak van algemeen belang)",
        legal_source="Wmo 2015 art. 2.3.2",
        plain_explanation="Uitleg",
        retention="P1Y",
    )

    version = ProcessingActivityVersion.objects.get(activity__slug="ander-app")
    assert (version.lawful_ground, version.dpia_status) == ("", DpiaStatus.NOT_ASSESSED)
    assert version.ground == Ground.PUBLIC_TASK
    assert version.changed_by is None and version.recipients == ""
