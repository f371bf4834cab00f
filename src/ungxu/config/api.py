"""Versioned REST API, v1: the router, the OpenAPI schema and the screening endpoint.

Authentication: a DRF token (`Authorization: Token <key>`, created on the "Mã truy cập API"
page or with `ungxu manage drf_create_token <username>`) or the browser session. Every
endpoint is scoped like the HTML views.
"""

from __future__ import annotations

from typing import Any

from django.urls import include, path
from drf_spectacular.utils import extend_schema, inline_serializer
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from ungxu.campaigns.api import CampaignViewSet
from ungxu.moderation.api import CheckView, InboxItemViewSet
from ungxu.orgs.api import OrganisationViewSet, PersonViewSet
from ungxu.socials.api import IncidentViewSet, OfficialAccountViewSet

app_name = "api"

MAX_SCREEN_CHARS = 50_000

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("people", PersonViewSet, basename="person")
router.register("campaigns", CampaignViewSet, basename="campaign")
router.register("social-accounts", OfficialAccountViewSet, basename="social-account")
router.register("social-incidents", IncidentViewSet, basename="social-incident")
router.register("inbox-items", InboxItemViewSet, basename="inbox-item")


class ScreenRequest(serializers.Serializer[dict[str, Any]]):
    text = serializers.CharField(
        allow_blank=True,
        trim_whitespace=False,
        max_length=MAX_SCREEN_CHARS,
        error_messages={
            "required": "Thiếu trường «text».",
            "null": "Trường «text» không được để trống.",
            "invalid": "Trường «text» phải là chuỗi văn bản.",
            "max_length": f"Văn bản dài quá {MAX_SCREEN_CHARS} ký tự.",
        },
    )


class ScreenView(APIView):
    """Runs the screening engine on a text and returns its verdict."""

    @extend_schema(
        summary="Sàng lọc một đoạn văn bản",
        request=ScreenRequest,
        responses={
            200: inline_serializer(
                "Verdict",
                {
                    "verdict": serializers.ChoiceField(choices=["allow", "review", "block"]),
                    "findings": serializers.ListField(child=serializers.DictField()),
                    "categories": serializers.ListField(child=serializers.CharField()),
                    "versions": serializers.DictField(child=serializers.CharField()),
                },
            )
        },
    )
    def post(self, request: Request) -> Response:
        payload = ScreenRequest(data=request.data)
        payload.is_valid(raise_exception=True)
        try:
            from ungxu.screening import screen
        except ImportError:
            return Response(
                {"detail": "Bộ máy sàng lọc chưa được cài đặt."},
                status=status.HTTP_503_SERVICE_UNAVAILABLE,
            )
        verdict = screen(payload.validated_data["text"])
        return Response(verdict.to_dict())


urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view loads its start-up script from a URL, which our CSP (script-src 'self') allows.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("screen", ScreenView.as_view(), name="screen"),
    path("check", CheckView.as_view(), name="check"),
    path("", include(router.urls)),
]
