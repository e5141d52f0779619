"""Settings for bench_processing_log.py: Regie's own, plus django-auditlog (the yardstick the
issue names) and `benchapp`, two twin business tables that exist only for the benchmark."""

from regie.settings import *  # noqa: F403
from regie.settings import INSTALLED_APPS as REGIE_APPS

INSTALLED_APPS = [*REGIE_APPS, "auditlog", "benchapp"]
