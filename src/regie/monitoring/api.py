"""POST /api/v1/monitoring/signals: a source delivers its signals with its own token.

The body is the file itself (EVE JSON lines, the mail-gateway CSV, or webhook JSON); it is
read as a stream, never whole. The token says which source is speaking, so the source needs
no other parameter."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import authentication, exceptions, permissions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from regie.core.problems import problem
from regie.monitoring import services
from regie.monitoring.models import SignalSource
from regie.monitoring.sources import FileRefused


class SourceTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer regsig_…`: the token of one signal source."""

    def authenticate(self, request: Request) -> tuple[AnonymousUser, SignalSource] | None:
        header = authentication.get_authorization_header(request).decode("latin-1")
        scheme, _, presented = header.partition(" ")
        if scheme != "Bearer" or not presented:
            return None
        source = services.signal_source_authenticate(presented=presented.strip())
        if source is None:
            raise exceptions.AuthenticationFailed("The source token is unknown or revoked.")
        return AnonymousUser(), source

    def authenticate_header(self, request: Request) -> str:
        return 'Bearer realm="regie-signals"'


class SourceTokenRequired(permissions.BasePermission):
    """Only a signal source's own token may deliver; people use the upload page."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if not isinstance(request.auth, SignalSource):
            raise exceptions.NotAuthenticated("Deliver signals with the source's token.")
        return True


class DeliverySerializer(serializers.Serializer):
    delivery = serializers.UUIDField()
    source_name = serializers.CharField()
    lines = serializers.IntegerField()
    stored = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    malformed = serializers.IntegerField()
    line_errors = serializers.ListField(
        child=serializers.DictField(), help_text="The first malformed lines: line, field, message"
    )


class SignalsView(APIView):
    authentication_classes = [SourceTokenAuthentication]
    permission_classes = [SourceTokenRequired]

    @extend_schema(
        operation_id="monitoring_signals_deliver",
        request={"application/x-ndjson": bytes, "text/csv": bytes, "application/json": bytes},
        responses={
            201: DeliverySerializer,
            400: OpenApiResponse(description="A mail-gateway CSV refused whole"),
        },
    )
    def post(self, request: Request) -> Response:
        source = request.auth
        assert isinstance(source, SignalSource)
        try:
            delivery = services.signals_ingest(source=source, stream=request._request)
        except FileRefused as refused:
            return Response(
                problem(
                    status.HTTP_400_BAD_REQUEST,
                    str(refused),
                    request.path,
                    errors=[
                        {"line": refused.line, "field": refused.field, "message": refused.message}
                    ],
                ),
                status=status.HTTP_400_BAD_REQUEST,
                content_type="application/problem+json",
            )
        data = {
            "delivery": delivery.public_id,
            "source_name": source.name,
            "lines": delivery.lines,
            "stored": delivery.stored,
            "duplicates": delivery.duplicates,
            "malformed": delivery.malformed,
            "line_errors": delivery.errors,
        }
        return Response(DeliverySerializer(data).data, status=status.HTTP_201_CREATED)
