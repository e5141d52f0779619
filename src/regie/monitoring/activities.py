"""The processing activity of insider-access supervision (seeded by migration 0002)."""

from regie.register.models import URI_PREFIX

INSIDER_SUPERVISION = f"{URI_PREFIX}toezicht-toegang-medewerkers"
