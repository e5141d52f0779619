from regie.register.models import URI_PREFIX, ProcessingActivity, ProcessingActivityVersion


class UnknownActivity(LookupError):
    """The processing activity id is malformed or not in the register."""


def activity_version_in_force(uri: str) -> ProcessingActivityVersion:
    """The version of the activity with this LDV id that is in force now."""
    if not isinstance(uri, str) or not uri.startswith(URI_PREFIX) or len(uri) == len(URI_PREFIX):
        raise UnknownActivity(f"processing activity id {uri!r} is not of the form {URI_PREFIX}…")
    activity = ProcessingActivity.objects.filter(slug=uri[len(URI_PREFIX) :]).first()
    version = activity.current_version() if activity else None
    if version is None:
        raise UnknownActivity(f"processing activity {uri!r} is not in the register")
    return version
