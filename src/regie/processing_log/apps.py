from django.apps import AppConfig


class ProcessingLogConfig(AppConfig):
    """The Logboek Dataverwerkingen: append-only records, Merkle tree, signed checkpoints."""

    name = "regie.processing_log"
    label = "processing_log"
