import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from regie.processing_log.gate import trace

_TRACEPARENT = re.compile(r"^[0-9a-f]{2}-(?P<trace>[0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$")


class TraceMiddleware:
    """Everything one request processes shares one LDV trace id: the caller's W3C
    `traceparent` trace when it sends one (another municipal system), otherwise a new one."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        match = _TRACEPARENT.match(request.headers.get("traceparent", "").strip().lower())
        trace_id = match.group("trace") if match and set(match.group("trace")) != {"0"} else None
        with trace(trace_id):
            return self.get_response(request)
