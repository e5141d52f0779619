"""Insider alerts in plain words (Dutch through the catalogue)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from regie.monitoring import insider_rules
from regie.monitoring.models import InsiderAlert

RULE_NAMES = {
    insider_rules.OUTSIDE_CASELOAD: gettext_lazy("Dossiers outside the caseload"),
    insider_rules.VOLUME: gettext_lazy("Unusual number of residents"),
    insider_rules.CONFIDENTIAL_ADDRESS: gettext_lazy("Confidential address revealed"),
    insider_rules.UNUSUAL_HOURS: gettext_lazy("Work at unusual hours"),
    insider_rules.BULK_EXPORT: gettext_lazy("Bulk search or export"),
}


def rule_name(rule: str) -> str:
    return str(RULE_NAMES.get(rule, rule))


def explanation(alert: InsiderAlert) -> str:
    facts = alert.facts
    residents = int(facts.get("residents", 0))
    values = {"residents": residents, "day": alert.day.strftime("%d-%m-%Y")}
    if alert.rule == insider_rules.OUTSIDE_CASELOAD:
        return (
            ngettext(
                "On %(day)s this staff member opened the dossier of %(residents)d resident who is "
                "not in their caseload. Ask whether there was a reason, such as standing in for a "
                "colleague.",
                "On %(day)s this staff member opened the dossiers of %(residents)d residents who "
                "are not in their caseload. Ask whether there was a reason, such as standing in "
                "for a colleague.",
                residents,
            )
            % values
        )
    if alert.rule == insider_rules.VOLUME:
        hour = int(facts.get("hour", 0))
        values |= {"hour": f"{hour:02d}:00", "end": f"{(hour + 1) % 24:02d}:00"}
        if facts.get("usual") in ("", None):
            return (
                _(
                    "On %(day)s between %(hour)s and %(end)s this staff member used the data of "
                    "%(residents)d residents. There is no history yet to compare with; that many "
                    "in one hour is above the threshold."
                )
                % values
            )
        values["usual"] = str(facts["usual"]).replace(".", ",")
        return (
            _(
                "On %(day)s between %(hour)s and %(end)s this staff member used the data of "
                "%(residents)d residents, while they usually handle about %(usual)s residents "
                "an hour."
            )
            % values
        )
    if alert.rule == insider_rules.CONFIDENTIAL_ADDRESS:
        return (
            ngettext(
                "On %(day)s this staff member looked at the confidential address of "
                "%(residents)d resident. Check that the approved reason still holds.",
                "On %(day)s this staff member looked at the confidential addresses of "
                "%(residents)d residents. Check that the approved reasons still hold.",
                residents,
            )
            % values
        )
    if alert.rule == insider_rules.UNUSUAL_HOURS:
        return (
            ngettext(
                "On %(day)s this staff member used the data of %(residents)d resident outside "
                "working hours or in the weekend.",
                "On %(day)s this staff member used the data of %(residents)d residents outside "
                "working hours or in the weekend.",
                residents,
            )
            % values
        )
    return (
        _(
            "On %(day)s this staff member searched or exported the processing log and received "
            "the records of %(residents)d residents at once."
        )
        % values
    )
