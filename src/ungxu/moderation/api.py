"""REST API of the moderation inbox and the draft checker (mounted under /api/v1/).

`GET /api/v1/inbox-items/` (filters as on the page: verdict, category, status, account) and
`GET /api/v1/inbox-items/<id>/` list only items of units the user moderates; `POST /api/v1/check`
screens a draft with the keyword rules of the caller's unit and stores nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ungxu.core import scoping

from .models import InboxItem, category_condition
from .views.checker import home_organisation
from .views.inbox import visible_items

MAX_CHECK_CHARS = 20_000


class InboxItemSerializer(serializers.ModelSerializer[InboxItem]):
    organisation: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    categories = serializers.ListField(source="category_list", read_only=True)
    assignee: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = InboxItem
        fields = [
            "id",
            "organisation",
            "account_key",
            "account_name",
            "platform",
            "platform_id",
            "kind",
            "author_name",
            "text",
            "created_at",
            "verdict",
            "categories",
            "priority",
            "status",
            "assignee",
            "needs_reply",
            "due_at",
            "first_response_at",
            "engine_versions",
        ]
        read_only_fields = fields


class InboxItemViewSet(viewsets.ReadOnlyModelViewSet[InboxItem]):
    serializer_class = InboxItemSerializer

    def get_queryset(self) -> QuerySet[InboxItem]:
        user = self.request.user
        if not scoping.has_capability(user, scoping.MODERATE):
            raise PermissionDenied("Bạn không có quyền xem hộp kiểm duyệt.")
        items = visible_items(user).select_related("organisation", "assignee")
        params = self.request.query_params
        for name in ("verdict", "status", "account_name", "platform"):
            if params.get(name):
                items = items.filter(**{name: params[name]})
        if params.get("category"):
            items = items.filter(category_condition(params["category"]))
        return items


class CheckRequest(serializers.Serializer[dict[str, Any]]):
    text = serializers.CharField(
        allow_blank=True,
        trim_whitespace=False,
        max_length=MAX_CHECK_CHARS,
        error_messages={
            "required": "Thiếu trường «text».",
            "max_length": f"Văn bản dài quá {MAX_CHECK_CHARS} ký tự.",
        },
    )


class CheckView(APIView):
    """The draft checker: verdict with the caller's unit rules; nothing is stored."""

    @extend_schema(summary="Kiểm tra bài nháp theo quy tắc của đơn vị", request=CheckRequest)
    def post(self, request: Request) -> Response:
        payload = CheckRequest(data=request.data)
        payload.is_valid(raise_exception=True)
        from .screening import check

        verdict = check(payload.validated_data["text"], home_organisation(request.user))
        return Response(verdict.to_dict())
