"""Impersonation detection page and the one-click impersonation incident."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ungxu.core import scoping
from ungxu.socials import detection, incidents
from ungxu.socials.forms import DetectForm
from ungxu.socials.models import AccountStatus, OfficialAccount
from ungxu.socials.views.common import account_or_404, require_area, require_manage, visible


@login_required
def detect(request: HttpRequest) -> HttpResponse:
    require_area(request.user)
    form = DetectForm(request.POST or None, request.FILES or None)
    findings: list[detection.Finding] | None = None
    checked = 0
    if request.method == "POST" and form.is_valid():
        candidates = form.cleaned_data["accounts"]
        checked = len(candidates)
        officials = visible(OfficialAccount.objects.all(), request.user).exclude(
            status=AccountStatus.CLOSED
        )
        findings = detection.detect(candidates, officials.select_related("organisation"))
    context = {
        "form": form,
        "findings": findings,
        "checked": checked,
        "can_open": scoping.has_capability(request.user, scoping.MANAGE_SOCIALS),
        "breadcrumbs": [
            ("Tài khoản mạng xã hội", reverse("socials:index")),
            ("Phát hiện giả mạo", None),
        ],
    }
    return render(request, "socials/detect.html", context)


@login_required
@require_POST
def open_from_detection(request: HttpRequest) -> HttpResponse:
    pk = request.POST.get("official", "")
    official = account_or_404(request.user, int(pk) if pk.isdigit() else 0)
    require_manage(request.user, official.organisation)
    score_text = request.POST.get("score", "")
    try:
        score: float | None = float(score_text)
    except ValueError:
        score = None
    incident = incidents.open_impersonation(
        official=official,
        impostor_name=request.POST.get("name", "").strip() or "(không rõ tên)",
        impostor_url=request.POST.get("handle", "").strip(),
        score=score,
        reasons=[r for r in request.POST.getlist("reason") if r.strip()][:10],
        user=request.user,
    )
    messages.success(request, "Đã mở sự cố giả mạo.")
    return redirect("socials:incident_detail", pk=incident.pk)
