"""Campaign list, create/edit, launch/close, progress page and XLSX export (managers)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from ungxu.audit.models import Action, record
from ungxu.campaigns import audience, reminders, services
from ungxu.campaigns.access import get_campaign_or_404, visible_campaigns
from ungxu.campaigns.chart import progress_chart
from ungxu.campaigns.documents import reopen_round
from ungxu.campaigns.exports import progress_xlsx
from ungxu.campaigns.forms import CampaignForm
from ungxu.campaigns.models import Campaign, CampaignStatus
from ungxu.campaigns.progress import campaign_progress, person_rows
from ungxu.campaigns.views.questions import can_manage_bank
from ungxu.core import scoping
from ungxu.core.views import history_for, paginate


def crumbs(campaign: Campaign | None = None, last: str | None = None) -> list[Any]:
    result: list[Any] = [("Phổ biến Bộ quy tắc", reverse("campaigns:index"))]
    if campaign is not None:
        result.append((campaign.title, reverse("campaigns:detail", args=[campaign.pk])))
    if last:
        result.append((last, None))
    return result


@login_required
def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    can_view = scoping.has_capability(user, scoping.VIEW_CAMPAIGNS)
    campaigns = visible_campaigns(user).select_related("organisation") if can_view else None
    page = paginate(request, campaigns, 20) if campaigns is not None else None
    context = {
        "tasks": services.my_assignments(user),
        "page_obj": page,
        "campaigns": page.object_list if page is not None else [],
        "can_view": can_view,
        "can_create": scoping.has_capability(user, scoping.MANAGE_CAMPAIGNS),
        "can_manage_bank": can_manage_bank(user),
        "breadcrumbs": [("Phổ biến Bộ quy tắc", None)],
    }
    return render(request, "campaigns/index.html", context)


@login_required
def create(request: HttpRequest) -> HttpResponse:
    if not scoping.has_capability(request.user, scoping.MANAGE_CAMPAIGNS):
        raise PermissionDenied("Bạn không có quyền tạo đợt phổ biến.")
    form = CampaignForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        scoping.require(request.user, scoping.MANAGE_CAMPAIGNS, form.cleaned_data["organisation"])
        form.instance.created_by = request.user  # type: ignore[assignment]
        campaign = form.save()
        messages.success(
            request, f"Đã tạo đợt phổ biến “{campaign.title}”. Hãy kiểm tra rồi phát động."
        )
        return redirect("campaigns:detail", pk=campaign.pk)
    return render(
        request,
        "campaigns/campaign_form.html",
        {"form": form, "title": "Tạo đợt phổ biến", "breadcrumbs": crumbs(last="Tạo mới")},
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_or_404(request.user, pk)
    scoping.require(request.user, scoping.MANAGE_CAMPAIGNS, campaign.organisation)
    form = CampaignForm(request.POST or None, instance=campaign, user=request.user)
    documents_before = set(campaign.documents.values_list("pk", flat=True))
    if request.method == "POST" and form.is_valid():
        scoping.require(request.user, scoping.MANAGE_CAMPAIGNS, form.cleaned_data["organisation"])
        form.save()
        if campaign.status == CampaignStatus.ACTIVE:
            audience.resolve(campaign)  # newly targeted people get their task now
            if set(campaign.documents.values_list("pk", flat=True)) - documents_before:
                # A document added to a running campaign is a new requirement, like a version.
                reopen_round(campaign, "Đợt phổ biến có thêm tài liệu: mọi người cần xác nhận lại.")
        messages.success(request, "Đã lưu đợt phổ biến. Các xác nhận đã có được giữ nguyên.")
        return redirect("campaigns:detail", pk=campaign.pk)
    return render(
        request,
        "campaigns/campaign_form.html",
        {
            "form": form,
            "campaign": campaign,
            "title": f"Sửa “{campaign.title}”",
            "breadcrumbs": crumbs(campaign, "Sửa"),
        },
    )


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_or_404(request.user, pk)
    progress = campaign_progress(campaign, request.user)
    outstanding = person_rows(campaign, request.user, outstanding_only=True)
    # A department has hundreds outstanding: the list narrows to one unit's subtree (links in
    # the unit table) and is paged, so a unit head's follow-up list fits on a phone.
    unit = next(
        (
            r.organisation
            for r in progress.units
            if str(r.organisation.pk) == request.GET.get("unit")
        ),
        None,
    )
    if unit is not None:
        outstanding = [
            row for row in outstanding if row.assignment.organisation.path.startswith(unit.path)
        ]
    outstanding_page = Paginator(outstanding, 50).get_page(request.GET.get("page"))
    history = scoping.scope(
        campaign.reminders.select_related("organisation"),
        request.user,
        action=scoping.VIEW_CAMPAIGNS,
    )
    context = {
        "campaign": campaign,
        "progress": progress,
        "chart": progress_chart(progress),
        "outstanding": outstanding_page.object_list,
        "outstanding_total": len(outstanding),
        "page_obj": outstanding_page,
        "outstanding_unit": unit,
        "documents": campaign.documents.order_by("kind", "title"),
        "reminders": history[:100],
        "sessions": scoping.scope(campaign.sessions.all(), request.user)[:50],
        "outreach": scoping.scope(campaign.outreach.all(), request.user)[:50],
        "can_manage": scoping.can(request.user, scoping.MANAGE_CAMPAIGNS, campaign.organisation),
        "can_remind": scoping.has_capability(request.user, scoping.MANAGE_CAMPAIGNS),
        "draft_audience": audience.audience(campaign).count()
        if campaign.status == CampaignStatus.DRAFT
        else None,
        "history": history_for(campaign),
        "breadcrumbs": crumbs(campaign),
    }
    return render(request, "campaigns/campaign_detail.html", context)


@login_required
@require_POST
def launch(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_or_404(request.user, pk)
    scoping.require(request.user, scoping.MANAGE_CAMPAIGNS, campaign.organisation)
    try:
        size = services.launch(campaign)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Đã phát động: {size} người phải thực hiện.")
    return redirect("campaigns:detail", pk=campaign.pk)


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_or_404(request.user, pk)
    scoping.require(request.user, scoping.MANAGE_CAMPAIGNS, campaign.organisation)
    services.close(campaign)
    messages.success(request, "Đã kết thúc đợt phổ biến.")
    return redirect("campaigns:detail", pk=campaign.pk)


@login_required
def export(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_or_404(request.user, pk)
    progress = campaign_progress(campaign, request.user)
    data = progress_xlsx(progress, person_rows(campaign, request.user))
    record(Action.EXPORT, campaign, message="Xuất tiến độ đợt phổ biến (XLSX).")
    name = f"tien-do-{slugify(campaign.title) or campaign.pk}.xlsx"
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_campaign_or_404(request.user, pk)
    if not scoping.has_capability(request.user, scoping.MANAGE_CAMPAIGNS):
        raise PermissionDenied("Bạn không có quyền gửi nhắc việc.")
    summary = reminders.remind_now(campaign, request.user)
    messages.success(
        request,
        f"Đã gửi {summary.sent} thư nhắc; {summary.skipped} người chưa có thư điện tử; "
        f"{summary.already} người đã được nhắc hôm nay; {summary.failed} lỗi.",
    )
    return redirect("campaigns:detail", pk=campaign.pk)
