"""The LDV id of the processing activity under which rights requests are handled (seeded by
migration 0002 of this app)."""

from regie.register.models import URI_PREFIX

HANDLE_RIGHTS_REQUEST = f"{URI_PREFIX}rechtenverzoek-behandelen"
