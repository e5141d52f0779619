import csv
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from regie.register import exports
from regie.register.models import ProcessingActivity, ProcessingActivityVersion


def test_it_names_row_and_column_and_imports_nothing(db: None, tmp_path: Path) -> None:
    [row, *_others] = csv.DictReader(io.StringIO(exports.register_csv()))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow({**row, "slug": "nieuw", "retention": "een jaar"})
    path = tmp_path / "register.csv"
    path.write_text(out.getvalue())
    before = ProcessingActivityVersion.objects.count()
    errors = io.StringIO()

    with pytest.raises(CommandError, match="nothing imported"):
        call_command("register_import", str(path), stderr=errors)

    assert "row 2, column retention: Give the retention period" in errors.getvalue()
    assert ProcessingActivityVersion.objects.count() == before
    assert not ProcessingActivity.objects.filter(slug="nieuw").exists()


def test_it_reports_what_it_did(db: None, tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_text(exports.register_csv())
    output = io.StringIO()

    call_command("register_import", str(path), stdout=output)

    assert output.getvalue().startswith("0 created, 0 revised,")
