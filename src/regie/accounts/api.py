from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from regie.accounts.access import Action
from regie.accounts.models import ApiToken, User


class MeSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="staff, resident, professional or system")
    role = serializers.CharField(allow_blank=True)
    scopes = serializers.ListField(child=serializers.CharField())


class MeView(APIView):
    """Who the API sees: a person by session, or another system by its token."""

    regie_action = Action.API_ME

    @extend_schema(responses=MeSerializer, operation_id="me")
    def get(self, request: Request) -> Response:
        if isinstance(request.auth, ApiToken):
            data = {"kind": "system", "role": "", "scopes": request.auth.scopes}
        else:
            user = request.user
            assert isinstance(user, User)
            data = {"kind": user.kind, "role": user.role, "scopes": []}
        return Response(MeSerializer(data).data)
