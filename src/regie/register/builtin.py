"""The LDV ids of the processing activities Regie itself performs (seeded by the register
migrations 0002 and 0003); code names them through these constants."""

from regie.register.models import URI_PREFIX

IDENTIFY_RESIDENT = f"{URI_PREFIX}inwoner-identificeren"
REGISTER_RESIDENT = f"{URI_PREFIX}inwoner-registreren"
ASSIGN_CASELOAD = f"{URI_PREFIX}caseload-toewijzen"
READ_PROCESSING_LOG = f"{URI_PREFIX}verwerkingen-inzien"
