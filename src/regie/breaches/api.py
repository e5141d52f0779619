"""The breach assessment over the API: the same JSON as `regie assess_breach`."""

from typing import Any

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from regie.accounts.access import Action
from regie.breaches.assessment import CATEGORIES, InputError, assess_json


class FactsSerializer(serializers.Serializer):
    """For the OpenAPI document; the assessment checks the input itself, field by field."""

    personal_data = serializers.BooleanField(default=False)
    data_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=CATEGORIES), default=list
    )
    subjects = serializers.IntegerField(min_value=0)
    confidentiality_loss = serializers.BooleanField(default=False)
    integrity_loss = serializers.BooleanField(default=False)
    availability_loss_hours = serializers.FloatField(min_value=0, default=0)
    permanent_loss = serializers.BooleanField(default=False)
    unintelligible = serializers.BooleanField(default=False)
    recipient_trusted_and_deleted = serializers.BooleanField(default=False)
    vulnerable_subjects = serializers.BooleanField(default=False)
    discovered_at = serializers.DateTimeField(help_text="ISO 8601 with its offset")


class ReasonSerializer(serializers.Serializer):
    rule = serializers.CharField()
    text = serializers.CharField(help_text="English; the interface translates it")

    def get_fields(self) -> dict[str, serializers.Field]:
        # "source" is also an attribute of every DRF field; declare it here instead.
        fields = super().get_fields()
        fields["source"] = serializers.CharField(
            help_text='the articles and guidelines, separated by "; "; English'
        )
        return fields


class AssessmentSerializer(serializers.Serializer):
    is_personal_data_breach = serializers.BooleanField()
    risk = serializers.ChoiceField(choices=["none", "risk", "high"])
    notify_authority = serializers.BooleanField()
    notify_subjects = serializers.BooleanField()
    authority_deadline = serializers.DateTimeField(
        allow_null=True, help_text="72 elapsed hours after discovery; null when not due"
    )
    reasons = ReasonSerializer(many=True)


class AssessView(APIView):
    """Assess one breach (a JSON object) or several (an array): the answer has the same shape
    and order. Unknown fields or categories are refused by name."""

    regie_action = Action.BREACH_ASSESS
    parser_classes = [JSONParser]

    @extend_schema(
        request=FactsSerializer,
        responses={200: AssessmentSerializer, 400: OpenApiResponse(description="problem details")},
        operation_id="breach_assess",
        examples=[
            OpenApiExample(
                "Stolen laptop, disk encrypted",
                value={
                    "personal_data": True,
                    "data_categories": ["name", "health"],
                    "subjects": 250,
                    "confidentiality_loss": True,
                    "unintelligible": True,
                    "discovered_at": "2026-03-27T10:00:00+01:00",
                },
                request_only=True,
            )
        ],
    )
    def post(self, request: Request) -> Response:
        data: Any = request.data
        try:
            return Response(assess_json(data))
        except InputError as exc:
            raise exceptions.ValidationError({exc.field: [exc.message]}) from None
