"""The LDV ids of the processing activities of the lawfulness records (seeded by this app's
migration 0002); code names them through these constants."""

from regie.register.models import URI_PREFIX

CONSENT = f"{URI_PREFIX}toestemming-vastleggen"
TRANSPARENCY = f"{URI_PREFIX}inwoner-informeren"
OBJECTION = f"{URI_PREFIX}bezwaar-afwegen"
