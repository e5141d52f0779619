from typing import Any

from django.conf import settings
from django.http import HttpRequest

from regie.web.dashboard import cards_for
from regie.web.navigation import navigation_for


def regie(request: HttpRequest) -> dict[str, Any]:
    return {
        "regie_municipality": settings.REGIE_MUNICIPALITY,
        "regie_demo": settings.DEMO,
        "regie_scan_off": settings.REGIE_SCAN == "off",
        "regie_idle_seconds": settings.SESSION_COOKIE_AGE,
        "regie_idle_minutes": settings.SESSION_COOKIE_AGE // 60,
        "regie_oidc": settings.REGIE_OIDC,
        "regie_navigation": navigation_for(request),
        # Called only by the page that shows the cards (the staff start page).
        "regie_dashboard_cards": lambda: cards_for(request),
    }
