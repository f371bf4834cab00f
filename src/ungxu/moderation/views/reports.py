"""Statistics with SVG charts and XLSX export; the learning page (retrain, compare, promote)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ungxu.audit.models import Action, record
from ungxu.core import scoping

from .. import learning, stats
from ..models import ScreeningModel
from ..tasks import retrain
from .inbox import crumbs, require_moderator, visible_items


def _days(request: HttpRequest) -> int:
    raw = request.GET.get("days", "30")
    return min(max(int(raw), 1), 366) if raw.isdigit() else 30


@login_required
def statistics(request: HttpRequest) -> HttpResponse:
    require_moderator(request.user)
    data = stats.compute(visible_items(request.user), _days(request))
    context = {"data": data, "charts": stats.charts(data), "breadcrumbs": crumbs("Thống kê")}
    return render(request, "moderation/stats.html", context)


@login_required
def statistics_xlsx(request: HttpRequest) -> HttpResponse:
    require_moderator(request.user)
    data = stats.compute(visible_items(request.user), _days(request))
    record(Action.EXPORT, message=f"Xuất thống kê kiểm duyệt {data['days']} ngày")
    response = HttpResponse(
        stats.xlsx(data),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="thong-ke-kiem-duyet.xlsx"'
    return response


def _require_manager(request: HttpRequest) -> None:
    if not scoping.has_capability(request.user, scoping.MANAGE_SCREENING):
        scoping.require(request.user, scoping.MANAGE_SCREENING, None)


@login_required
def models_page(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    models = list(ScreeningModel.objects.all()[:20])
    context = {
        "models": [(m, learning.comparison(m)) for m in models],
        "breadcrumbs": crumbs("Học từ quyết định"),
    }
    return render(request, "moderation/models.html", context)


@login_required
@require_POST
def models_retrain(request: HttpRequest) -> HttpResponse:
    _require_manager(request)
    retrain.enqueue(request.user.pk)
    messages.success(request, "Đã đưa việc huấn luyện lại vào hàng đợi.")
    return redirect("moderation:models")


@login_required
@require_POST
def model_decide(request: HttpRequest, pk: int) -> HttpResponse:
    _require_manager(request)
    model = get_object_or_404(ScreeningModel, pk=pk, state=ScreeningModel.State.CANDIDATE)
    if request.POST.get("promote") == "1":
        learning.promote(model, request.user)
        messages.success(request, f"Đã đưa mô hình {model.version} vào sử dụng.")
    else:
        learning.reject(model, request.user)
        messages.success(request, f"Đã từ chối mô hình {model.version}.")
    return redirect("moderation:models")
