"""Messages for a library that cannot be imported, in the person's language."""

from django.utils.translation import gettext as _

from regie.isms.library import LibraryError


def explain(error: LibraryError) -> str:
    messages = {
        "not_yaml": _("The file is not valid YAML (line %(detail)s)."),
        "not_library": _("The file is not a framework library."),
        "missing_field": _("Node %(node)s lacks the field %(detail)s."),
        "bad_field": _("Node %(node)s has an invalid value for %(detail)s."),
        "bad_node": _("Node %(node)s is not a mapping of fields."),
        "duplicate_urn": _("The urn %(node)s occurs more than once."),
        "unknown_parent": _("Node %(node)s names a parent that does not exist: %(detail)s."),
        "cycle": _("Node %(node)s is its own ancestor (a cycle)."),
        "alias": _("The file uses a YAML alias (line %(detail)s); a library may not."),
        "older_version": _(
            "Library %(node)s is already imported in version %(detail)s; this file is older."
        ),
        "evidence": _(
            "Requirement %(node)s has evidence files, but this version drops it or no longer "
            "assesses it. Delete the evidence first if that is intended."
        ),
    }
    template = messages.get(error.code, _("The library cannot be imported (%(detail)s)."))
    return template % {"node": error.node or "?", "detail": error.detail or "?"}
