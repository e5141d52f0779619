"""Two tables with the same columns: one written the usual way and logged by django-auditlog,
its twin behind Regie's gate and logged in the processing log. Benchmark only: the settings
module benchmarks/settings_auditlog.py installs this app."""

from django.db import models

from regie.core.gate import PersonalDataManager


class BusinessRow(models.Model):
    resident = models.ForeignKey("accounts.Resident", on_delete=models.CASCADE, related_name="+")
    reference = models.CharField(max_length=40)
    amount = models.IntegerField(default=0)

    def __str__(self) -> str:
        return self.reference


class GatedRow(models.Model):
    resident = models.ForeignKey("accounts.Resident", on_delete=models.CASCADE, related_name="+")
    reference = models.CharField(max_length=40)
    amount = models.IntegerField(default=0)

    objects = PersonalDataManager()

    class Meta:
        base_manager_name = "objects"

    def __str__(self) -> str:
        return self.reference
