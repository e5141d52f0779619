"""The engine over the API: POST one scenario (or an array of them), get its decision (or the
decisions, in the same order). Nothing about a resident is sent or stored, so nothing is
logged; the staff who ask and the systems with the scope may use it."""

from typing import Any

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from regie.accounts.access import Action
from regie.lawfulness import rules
from regie.lawfulness.assessing import MAX_SCENARIOS, BatchInvalid, as_json, assess_batch


def _choices(enum: Any) -> list[str]:
    return [member.value for member in enum]


class ScenarioSerializer(serializers.Serializer):
    """For the OpenAPI document; the engine itself checks the request (rules.parse_scenario)."""

    law = serializers.ChoiceField(choices=_choices(rules.Law))
    action = serializers.ChoiceField(choices=_choices(rules.ExchangeAction))
    counterparty = serializers.ChoiceField(choices=_choices(rules.Counterparty))
    purpose = serializers.ChoiceField(choices=_choices(rules.Purpose))
    necessary = serializers.BooleanField()
    subject_age = serializers.IntegerField(min_value=0, max_value=rules.OLDEST_AGE)
    subject_capable = serializers.BooleanField(
        required=False, allow_null=True, help_text="required when subject_age is 12 to 17"
    )
    professional_secrecy = serializers.BooleanField(default=False)
    general_consent_on_file = serializers.BooleanField(default=False)
    objection = serializers.BooleanField(default=False)
    safety_at_risk = serializers.BooleanField(default=False)


class DecisionSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=_choices(rules.Outcome))
    legal_basis = serializers.ChoiceField(
        choices=_choices(rules.LegalBasis), allow_null=True, help_text="never consent"
    )
    consent_from = serializers.ChoiceField(choices=_choices(rules.ConsentFrom), allow_null=True)
    inform_resident = serializers.BooleanField()
    objection_options = serializers.ListField(
        child=serializers.ChoiceField(choices=_choices(rules.ObjectionOption))
    )
    rules = serializers.ListField(child=serializers.CharField(), help_text="rule ids")
    explanation = serializers.CharField(help_text="plain Dutch, each sentence with its source")


class AssessView(APIView):
    """Whether a proposed exchange of a resident's data may go ahead, on which legal basis,
    whose specific consent it needs, and why."""

    regie_action = Action.LAWFULNESS_ASSESS

    @extend_schema(
        request=ScenarioSerializer,
        responses={
            200: DecisionSerializer,
            400: OpenApiResponse(description="problem details naming the field"),
        },
        operation_id="lawfulness_assess",
        description=(
            "Send one scenario as an object for one decision, or an array of at most "
            f"{MAX_SCENARIOS} scenarios for an array of decisions in the same order."
        ),
    )
    def post(self, request: Request) -> Response:
        try:
            result = assess_batch(request.data)
        except BatchInvalid as exc:
            errors: dict[str, list[str]] = {}
            for error in exc.errors:
                errors.setdefault(error.location, []).append(error.message)
            raise exceptions.ValidationError(errors) from None
        return Response(as_json(result))
