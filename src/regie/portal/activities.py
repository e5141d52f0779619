"""The LDV ids of the portal's processing activities (seeded by migration 0002)."""

from regie.register.models import URI_PREFIX

# The resident (or their legal representative) sees and works their own dossier.
PORTAL = f"{URI_PREFIX}inwonerportaal"
# Recording who acts for a minor or ward, and their acting for them.
REPRESENTATION = f"{URI_PREFIX}wettelijke-vertegenwoordiging"
