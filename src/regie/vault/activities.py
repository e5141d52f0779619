"""The LDV ids of the vault's processing activities (seeded by vault migration 0002)."""

from regie.register.models import URI_PREFIX

SHRED = f"{URI_PREFIX}gegevens-vernietigen"
