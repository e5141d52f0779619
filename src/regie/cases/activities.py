"""The LDV ids of the processing activities of case work (seeded by migration 0002); code names
them through these constants."""

from regie.register.models import URI_PREFIX

CASE_WORK = f"{URI_PREFIX}dossier-sociaal-domein"
EXCHANGE = f"{URI_PREFIX}gegevensuitwisseling-zorgpartner"
CONSULTATION = f"{URI_PREFIX}casusoverleg-geanonimiseerd"
CONFIDENTIAL_ADDRESS = f"{URI_PREFIX}vertrouwelijk-adres-inzien"
POST_INTAKE = f"{URI_PREFIX}binnenkomende-post"
