"""REST API for campaigns (mounted by ungxu.config.api under /api/v1/campaigns/).

Read-only: the list and detail hold the campaigns the user may follow, and `progress` gives the
same numbers as the progress page and the XLSX export (scoped to the user's subtree).
`mine` lists the signed-in person's own tasks, which is all a staff member sees.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ungxu.campaigns import services
from ungxu.campaigns.access import visible_campaigns
from ungxu.campaigns.models import Campaign
from ungxu.campaigns.progress import Counts, campaign_progress


class CampaignSerializer(serializers.ModelSerializer[Campaign]):
    organisation: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    documents: serializers.StringRelatedField[Any] = serializers.StringRelatedField(
        many=True, read_only=True
    )

    class Meta:
        model = Campaign
        fields = [
            "id",
            "title",
            "organisation",
            "status",
            "starts_on",
            "deadline",
            "round",
            "documents",
            "quiz_questions",
            "pass_percent",
            "max_attempts",
            "reminder_days",
        ]
        read_only_fields = fields


def _counts(counts: Counts) -> dict[str, int]:
    return {
        "audience": counts.audience,
        "read": counts.read,
        "passed": counts.passed,
        "acknowledged": counts.acknowledged,
        "overdue": counts.overdue,
        "percent": counts.percent,
    }


COUNTS = inline_serializer(
    "CampaignCounts",
    {
        name: serializers.IntegerField()
        for name in ("audience", "read", "passed", "acknowledged", "overdue", "percent")
    },
)


class CampaignViewSet(viewsets.ReadOnlyModelViewSet[Campaign]):
    """Đợt phổ biến mà người dùng được theo dõi."""

    serializer_class = CampaignSerializer

    def get_queryset(self) -> QuerySet[Campaign]:
        return (
            visible_campaigns(self.request.user)
            .select_related("organisation")
            .prefetch_related("documents")
            .order_by("-starts_on", "-pk")
        )

    @extend_schema(
        summary="Tiến độ theo đơn vị (gồm cấp dưới)",
        responses={
            200: inline_serializer(
                "CampaignProgress",
                {
                    "campaign": serializers.IntegerField(),
                    "round": serializers.IntegerField(),
                    "total": COUNTS,
                    "units": serializers.ListField(child=serializers.DictField()),
                },
            )
        },
    )
    @action(detail=True)
    def progress(self, request: Request, pk: Any = None) -> Response:
        campaign = self.get_object()
        progress = campaign_progress(campaign, request.user)
        return Response(
            {
                "campaign": campaign.pk,
                "round": campaign.round,
                "total": _counts(progress.total),
                "units": [
                    {
                        "code": row.organisation.code,
                        "name": row.organisation.name,
                        "depth": row.depth,
                        **_counts(row.counts),
                    }
                    for row in progress.units
                ],
            }
        )

    @extend_schema(
        summary="Nhiệm vụ của tôi",
        responses={200: serializers.ListField(child=serializers.DictField())},
    )
    @action(detail=False)
    def mine(self, request: Request) -> Response:
        return Response(
            [
                {
                    "assignment": state.assignment.pk,
                    "campaign": state.assignment.campaign_id,
                    "title": state.assignment.campaign.title,
                    "deadline": state.assignment.campaign.deadline,
                    "all_read": state.all_read,
                    "quiz_passed": state.passed if state.assignment.campaign.has_quiz else None,
                    "acknowledged_at": state.acknowledgement.acknowledged_at
                    if state.acknowledgement
                    else None,
                }
                for state in services.my_assignments(request.user)
            ]
        )
