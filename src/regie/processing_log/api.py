"""The processing log over the API: search and a resident's own records (each with its
inclusion proof), checkpoints and consistency proofs, bulk ingest from other municipal
systems and the OTLP export.

The serializers describe requests and responses for the OpenAPI document and check the few
fields of a query; responses are built as plain dicts, because DRF serialisation of a page of
1,000 records costs more than the query behind it, and ingest parses its 10,000 records in
`ingest.py` for the same reason.
"""

import base64
import json
from typing import Any
from urllib.parse import urlencode

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import BaseParser, JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.json import strict_constant
from rest_framework.views import APIView

from regie.accounts.access import Action
from regie.accounts.models import ApiToken, Kind, Resident, User
from regie.processing_log import otlp
from regie.processing_log.gate import Actor
from regie.processing_log.ingest import MAX_RECORDS, IngestError, log_ingest
from regie.processing_log.models import Checkpoint
from regie.processing_log.reading import (
    MAX_LIMIT,
    Entry,
    Page,
    QueryError,
    own_records,
    records_for,
)
from regie.processing_log.selectors import ProofError, consistency_proof, latest_checkpoint

MAX_OTLP_SPANS = 10_000
# 10,000 records of about 600 bytes each, with room to spare.
MAX_INGEST_BYTES = 16 * 1024 * 1024


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."


class BulkJSONParser(BaseParser):
    """JSON with its own size bound: a full ingest batch is larger than Django's
    DATA_UPLOAD_MAX_MEMORY_SIZE, which DRF's JSONParser applies, and which rightly stays small
    for every other request."""

    media_type = "application/json"

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        body = stream.read(MAX_INGEST_BYTES + 1) if stream is not None else b""
        if len(body) > MAX_INGEST_BYTES:
            raise PayloadTooLarge(f"Send at most {MAX_INGEST_BYTES} bytes per request.")
        try:
            return json.loads(body, parse_constant=strict_constant)
        except ValueError as exc:
            raise exceptions.ParseError(f"JSON parse error - {exc}") from None


# Requests


class DataSubjectSerializer(serializers.Serializer):
    bsn = serializers.CharField(required=False, help_text="Turned into the pseudonym at once.")
    pseudonym = serializers.CharField(required=False, help_text="dpl.core.data_subject_id")


class SearchSerializer(serializers.Serializer):
    data_subject = DataSubjectSerializer(required=False)
    processing_activity_id = serializers.CharField(required=False)
    trace_id = serializers.CharField(required=False)
    actor = serializers.CharField(
        required=False,
        max_length=100,
        help_text="who acted: a staff member's public id, or the name of a system",
    )
    limit = serializers.IntegerField(min_value=1, max_value=MAX_LIMIT, default=100)
    before = serializers.IntegerField(
        min_value=1, required=False, help_text="next_before of the previous page"
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        # "from" is the natural name and a Python keyword.
        fields = super().get_fields()
        fields["from"] = serializers.DateTimeField(
            required=False, help_text="records that ended at or after this time"
        )
        fields["until"] = serializers.DateTimeField(
            required=False, help_text="records that ended before this time"
        )
        return fields


class PageQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=MAX_LIMIT, default=100)
    before = serializers.IntegerField(min_value=1, required=False)


class ConsistencyQuerySerializer(serializers.Serializer):
    old = serializers.IntegerField(min_value=1, help_text="the smaller tree size")
    new = serializers.IntegerField(
        min_value=1, required=False, help_text="the larger tree size; the latest by default"
    )


class OtlpQuerySerializer(serializers.Serializer):
    since = serializers.DateTimeField(required=False)
    until = serializers.DateTimeField(required=False)
    after = serializers.IntegerField(min_value=0, default=0, help_text="the cursor of `next`")
    limit = serializers.IntegerField(min_value=1, max_value=MAX_OTLP_SPANS, default=MAX_OTLP_SPANS)


class IngestActorSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["system"])
    id = serializers.CharField(help_text="the name of the API token")


class IngestRecordSerializer(serializers.Serializer):
    trace_id = serializers.CharField(help_text="32 lowercase hex digits")
    span_id = serializers.CharField(help_text="16 lowercase hex digits")
    parent_span_id = serializers.CharField(required=False, allow_blank=True)
    name = serializers.CharField(max_length=200)
    start_time = serializers.DateTimeField(help_text="ISO 8601 with UTC offset")
    end_time = serializers.DateTimeField(help_text="ISO 8601 with UTC offset")
    status = serializers.ChoiceField(choices=["ok", "error"])
    processing_activity_id = serializers.CharField()
    data_subject = DataSubjectSerializer()
    actor = IngestActorSerializer()


# Responses


class ActivityVersionSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    name = serializers.CharField()
    purpose = serializers.CharField()
    legal_basis = serializers.CharField()
    legal_source = serializers.CharField()
    plain_explanation = serializers.CharField(help_text="in plain Dutch, for the resident")
    retention = serializers.CharField(help_text="ISO 8601 duration")


class ActorSerializer(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.CharField()
    role = serializers.CharField(allow_blank=True)


class InclusionProofSerializer(serializers.Serializer):
    leaf_index = serializers.IntegerField()
    leaf_hash = serializers.CharField(help_text="base64")
    tree_size = serializers.IntegerField()
    path = serializers.ListField(child=serializers.CharField(), help_text="base64, leaf first")


class RecordSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    trace_id = serializers.CharField()
    span_id = serializers.CharField()
    parent_span_id = serializers.CharField(allow_blank=True)
    name = serializers.CharField()
    start_time = serializers.DateTimeField()
    end_time = serializers.DateTimeField()
    status = serializers.CharField()
    resource = serializers.CharField()
    processing_activity_id = serializers.CharField()
    processing_activity = ActivityVersionSerializer()
    data_subject_id = serializers.CharField()
    data_subject_id_type = serializers.CharField()
    actor = ActorSerializer()
    proof = InclusionProofSerializer(allow_null=True, help_text="null until the next seal")


class CheckpointSerializer(serializers.Serializer):
    origin = serializers.CharField()
    size = serializers.IntegerField()
    root_hash = serializers.CharField(help_text="base64")
    note = serializers.CharField(help_text="the checkpoint as a C2SP signed note")
    created_at = serializers.DateTimeField()


class PageSerializer(serializers.Serializer):
    records = RecordSerializer(many=True)
    checkpoint = CheckpointSerializer(allow_null=True)
    next_before = serializers.IntegerField(allow_null=True)


class ConsistencySerializer(serializers.Serializer):
    old_size = serializers.IntegerField()
    new_size = serializers.IntegerField()
    proof = serializers.ListField(child=serializers.CharField(), help_text="base64")


class IngestResultSerializer(serializers.Serializer):
    ingested = serializers.IntegerField()


class OtlpSerializer(serializers.Serializer):
    resourceSpans = serializers.ListField(child=serializers.DictField())
    next = serializers.CharField(allow_null=True, help_text="the URL of the next batch")


# Views


class SearchView(APIView):
    """Records of a data subject, a processing activity, a trace or an actor. POST, because a
    BSN never goes into a URL."""

    regie_action = Action.PROCESSING_LOG_READ
    parser_classes = [JSONParser]

    @extend_schema(
        request=SearchSerializer, responses=PageSerializer, operation_id="processing_log_search"
    )
    def post(self, request: Request) -> Response:
        query = SearchSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        subject = data.get("data_subject") or {}
        try:
            page = records_for(
                actor=_actor(request),
                data_subject_bsn=subject.get("bsn"),
                data_subject_id=subject.get("pseudonym"),
                activity=data.get("processing_activity_id"),
                trace_id=data.get("trace_id"),
                actor_id=data.get("actor"),
                since=data.get("from"),
                until=data.get("until"),
                limit=data["limit"],
                before_id=data.get("before"),
            )
        except QueryError as exc:
            raise exceptions.ValidationError({exc.field: [exc.message]}) from None
        return Response(_page_data(page))


class MineView(APIView):
    """The logged-in resident's own records."""

    regie_action = Action.PROCESSING_LOG_OWN

    @extend_schema(
        parameters=[PageQuerySerializer],
        responses=PageSerializer,
        operation_id="processing_log_mine",
    )
    def get(self, request: Request) -> Response:
        query = PageQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        user = request.user
        assert isinstance(user, User)
        try:
            page = own_records(
                user=user,
                limit=query.validated_data["limit"],
                before_id=query.validated_data.get("before"),
            )
        except Resident.DoesNotExist:
            raise exceptions.NotFound from None
        return Response(_page_data(page))


class _ProofView(APIView):
    """Checkpoints and proofs reveal nothing personal: whoever may read the log may fetch
    them, and so may every resident checking the proofs of their own records."""

    @property
    def regie_action(self) -> Action:
        user = getattr(self.request, "user", None)
        if isinstance(user, User) and user.kind == Kind.RESIDENT:
            return Action.PROCESSING_LOG_OWN
        return Action.PROCESSING_LOG_READ


class CheckpointView(_ProofView):
    """The latest signed checkpoint of the log."""

    @extend_schema(responses=CheckpointSerializer, operation_id="processing_log_checkpoint")
    def get(self, request: Request) -> Response:
        checkpoint = latest_checkpoint()
        if checkpoint is None:
            raise exceptions.NotFound("The log has no checkpoint yet.")
        return Response(_checkpoint_data(checkpoint))


class ConsistencyView(_ProofView):
    """The RFC 9162 proof that the tree of `old` leaves is the start of the tree of `new`."""

    @extend_schema(
        parameters=[ConsistencyQuerySerializer],
        responses=ConsistencySerializer,
        operation_id="processing_log_consistency",
    )
    def get(self, request: Request) -> Response:
        query = ConsistencyQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        latest = latest_checkpoint()
        latest_size = latest.size if latest is not None else 0
        old = query.validated_data["old"]
        new = query.validated_data.get("new", latest_size)
        if new > latest_size:
            field = "new" if "new" in query.validated_data else "old"
            raise exceptions.ValidationError(
                {field: [f"{new} is larger than the latest checkpoint ({latest_size})"]}
            )
        if old > new:
            raise exceptions.ValidationError({"old": [f"{old} is larger than new ({new})"]})
        try:
            proof = consistency_proof(old_size=old, new_size=new)
        except ProofError as exc:
            raise exceptions.ValidationError({"old": [str(exc)]}) from None
        return Response({"old_size": old, "new_size": new, "proof": [_b64(node) for node in proof]})


class IngestView(APIView):
    """Records another municipal system reports about the processings it did: up to 10,000
    per request, validated whole and stored all or nothing."""

    regie_action = Action.PROCESSING_LOG_WRITE
    parser_classes = [BulkJSONParser]

    @extend_schema(
        request=IngestRecordSerializer(many=True),
        responses={201: IngestResultSerializer, 413: OpenApiResponse(description="too large")},
        operation_id="processing_log_ingest",
        description=f"At most {MAX_RECORDS} records per request.",
    )
    def post(self, request: Request) -> Response:
        token = request.auth
        if not isinstance(token, ApiToken):
            raise exceptions.NotFound
        try:
            count = log_ingest(records=request.data, token=token)
        except IngestError as exc:
            errors: dict[str, list[str]] = {}
            for field, message in exc.errors:
                errors.setdefault(field, []).append(message)
            raise exceptions.ValidationError(errors) from None
        return Response({"ingested": count}, status=status.HTTP_201_CREATED)


class OtlpView(APIView):
    """The log as OTLP/JSON spans, oldest first, at most 10,000 per call; follow `next` for
    the rest (OTLP receivers ignore the extra field)."""

    regie_action = Action.PROCESSING_LOG_READ

    @extend_schema(
        parameters=[OtlpQuerySerializer],
        responses=OtlpSerializer,
        operation_id="processing_log_otlp",
    )
    def get(self, request: Request) -> Response:
        query = OtlpQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        since, until = data.get("since"), data.get("until")
        if since is not None and until is not None and until <= since:
            raise exceptions.ValidationError({"until": ["must be later than since"]})
        records = otlp.records_after(
            after_id=data["after"], since=since, until=until, limit=data["limit"]
        )
        document = otlp.to_otlp(records)
        next_url = None
        if len(records) == data["limit"]:
            params = {key: value for key, value in request.query_params.items() if key != "after"}
            params["after"] = str(records[-1].id)
            next_url = f"{request.path}?{urlencode(params)}"
        return Response({**document, "next": next_url})


def _actor(request: Request) -> User | Actor:
    if isinstance(request.auth, ApiToken):
        return Actor.system(request.auth.name)
    user = request.user
    assert isinstance(user, User)
    return user


def _page_data(page: Page) -> dict[str, Any]:
    return {
        "records": [_record_data(entry) for entry in page.entries],
        "checkpoint": _checkpoint_data(page.checkpoint) if page.checkpoint else None,
        "next_before": page.next_before,
    }


def _record_data(entry: Entry) -> dict[str, Any]:
    record, proof = entry.record, entry.proof
    version = record.activity_version
    return {
        "id": record.id,
        "trace_id": record.trace_id,
        "span_id": record.span_id,
        "parent_span_id": record.parent_span_id,
        "name": record.name,
        "start_time": record.start_time.isoformat(),
        "end_time": record.end_time.isoformat(),
        "status": record.status,
        "resource": record.resource,
        "processing_activity_id": record.activity_uri,
        "processing_activity": {
            "version": version.number,
            "name": version.name,
            "purpose": version.purpose,
            "legal_basis": version.legal_basis,
            "legal_source": version.legal_source,
            "plain_explanation": version.plain_explanation,
            "retention": version.retention,
        },
        "data_subject_id": record.data_subject_id,
        "data_subject_id_type": record.data_subject_id_type,
        "actor": {"kind": record.actor_kind, "id": record.actor_id, "role": record.actor_role},
        "proof": None
        if proof is None
        else {
            "leaf_index": proof.leaf_index,
            "leaf_hash": _b64(proof.leaf_hash),
            "tree_size": proof.tree_size,
            "path": [_b64(node) for node in proof.path],
        },
    }


def _checkpoint_data(checkpoint: Checkpoint) -> dict[str, Any]:
    return {
        "origin": checkpoint.origin,
        "size": checkpoint.size,
        "root_hash": _b64(bytes(checkpoint.root_hash)),
        "note": checkpoint.note,
        "created_at": checkpoint.created_at.isoformat(),
    }


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()
