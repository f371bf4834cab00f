"""Read-only REST API for official accounts and incidents (mounted under /api/v1/), scoped like
the pages: only what the user may `view_socials`; others answer 404. Plus an impersonation check
that scores posted names/addresses against the visible official accounts."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ungxu.core.scoping import VIEW_SOCIALS, scope
from ungxu.orgs.models import Organisation, Person
from ungxu.socials import detection
from ungxu.socials.models import Incident, OfficialAccount


class OfficialAccountSerializer(serializers.ModelSerializer[OfficialAccount]):
    organisation: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    responsible_person: serializers.SlugRelatedField[Person] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    admins = serializers.SerializerMethodField()

    class Meta:
        model = OfficialAccount
        fields = [
            "id",
            "organisation",
            "platform",
            "name",
            "url",
            "handle",
            "purpose",
            "responsible_person",
            "verified_badge",
            "trust_label",
            "created_on",
            "status",
            "posture_score",
            "posture_grade",
            "posture_checks",
            "posture_at",
            "admins",
        ]

    def get_admins(self, obj: OfficialAccount) -> list[dict[str, Any]]:
        return [
            {
                "name": a.display_name,
                "person": a.person.code if a.person else None,
                "external": a.is_external,
                "departed": bool(a.person and a.person.is_departed),
                "has_2fa": a.has_2fa,
            }
            for a in obj.admins.all()
        ]


class IncidentSerializer(serializers.ModelSerializer[Incident]):
    organisation: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )

    class Meta:
        model = Incident
        fields = [
            "id",
            "organisation",
            "account",
            "kind",
            "severity",
            "title",
            "status",
            "impostor_name",
            "impostor_url",
            "similarity",
            "opened_at",
            "closed_at",
            "lessons_learned",
        ]


class DetectRequest(serializers.Serializer[dict[str, Any]]):
    candidates = serializers.ListField(
        child=serializers.CharField(max_length=600),
        max_length=detection.MAX_LINES,
        error_messages={"required": "Thiếu trường «candidates» (danh sách tên/đường dẫn)."},
    )


class OfficialAccountViewSet(viewsets.ReadOnlyModelViewSet[OfficialAccount]):
    serializer_class = OfficialAccountSerializer

    def get_queryset(self) -> QuerySet[OfficialAccount]:
        accounts = OfficialAccount.objects.select_related("organisation", "responsible_person")
        return (
            scope(accounts, self.request.user, action=VIEW_SOCIALS)
            .prefetch_related("admins__person")
            .order_by("organisation__path", "name")
        )

    @extend_schema(
        summary="Kiểm tra tài khoản giả mạo",
        request=DetectRequest,
        responses={
            200: inline_serializer(
                "LookalikeMatches",
                {"matches": serializers.ListField(child=serializers.DictField())},
            )
        },
    )
    @action(detail=False, methods=["post"])
    def detect(self, request: Request) -> Response:
        payload = DetectRequest(data=request.data)
        payload.is_valid(raise_exception=True)
        candidates = detection.parse_candidates("\n".join(payload.validated_data["candidates"]))
        findings = detection.detect(candidates, self.get_queryset())
        return Response(
            {"matches": [{**f.match.to_dict(), "official_id": f.official.pk} for f in findings]}
        )


class IncidentViewSet(viewsets.ReadOnlyModelViewSet[Incident]):
    serializer_class = IncidentSerializer

    def get_queryset(self) -> QuerySet[Incident]:
        incidents = Incident.objects.select_related("organisation")
        return scope(incidents, self.request.user, action=VIEW_SOCIALS).order_by("-opened_at")
