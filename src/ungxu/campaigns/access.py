"""Who sees which campaign and task.

A manager (``view_campaigns``) sees a campaign launched in their subtree, and also one launched
above them that reaches people of their subtree (a unit head follows a department-wide
campaign for their own unit only: the progress itself is scoped per assignment). Staff see only
their own tasks: an assignment page answers 404 to anyone but the person it belongs to.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from ungxu.campaigns.models import Assignment, Campaign
from ungxu.core import scoping


def visible_campaigns(user: Any) -> QuerySet[Campaign]:
    paths = scoping.allowed_paths(user, scoping.VIEW_CAMPAIGNS)
    if paths is None:
        return Campaign.objects.all()
    if not paths:
        return Campaign.objects.none()
    # The same lookup serves both models: a campaign's launching unit, an assignment's unit.
    in_scope = Q(pk__in=[])
    for path in paths:
        in_scope |= Q(organisation__path__startswith=path)
    reaching = Assignment.objects.filter(in_scope).values("campaign_id")
    return Campaign.objects.filter(in_scope | Q(pk__in=reaching))


def get_campaign_or_404(user: Any, pk: int) -> Campaign:
    campaign = visible_campaigns(user).select_related("organisation").filter(pk=pk).first()
    if campaign is None:
        raise Http404("Không tìm thấy đợt phổ biến hoặc bạn không có quyền xem.")
    return campaign


def get_own_assignment_or_404(user: Any, pk: int) -> Assignment:
    assignment = (
        Assignment.objects.select_related("campaign", "person", "organisation")
        .filter(pk=pk, person__user=user)
        .first()
        if getattr(user, "is_authenticated", False) and user.is_active
        else None
    )
    if assignment is None:
        raise Http404("Không tìm thấy nhiệm vụ của bạn.")
    return assignment
