"""The draft checker: any signed-in person pastes a draft and sees the verdict as they type.

Nothing is stored unless the person submits the draft for review by their unit's moderators.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRedirect

from ungxu.core import scoping
from ungxu.orgs.models import Organisation

from ..forms import CheckForm
from ..highlight import highlight
from ..models import CATEGORY_LABELS, DRAFT_ACCOUNT, InboxItem, join_categories
from ..screening import check, looks_like_question, priority_of


def home_organisation(user: Any) -> Organisation | None:
    """The unit whose rules apply to a draft: the person's own unit, else their first grant."""
    person = getattr(user, "person", None)
    if person is not None:
        return person.organisation  # type: ignore[no-any-return]
    paths = scoping.allowed_paths(user)
    if not paths:
        return None
    return Organisation.objects.filter(path=paths[0]).first()


def result_context(text: str, organisation: Organisation | None) -> dict[str, Any]:
    if not text.strip():
        return {"empty": True}
    verdict = check(text, organisation)
    findings = []
    for number, finding in enumerate(verdict.findings, start=1):
        findings.append(
            {
                "number": number,
                "category": finding.category,
                "category_label": CATEGORY_LABELS.get(finding.category, finding.category),
                "text": finding.text,
                "reason": finding.reason,
                "action": finding.action,
                "severity": finding.severity,
                "citations": finding.citations,
            }
        )
    data = verdict.to_dict()
    return {
        "verdict": verdict.verdict,
        "findings": findings,
        "highlighted": highlight(text, data["findings"]),
        "versions": data["versions"],
    }


@login_required
def checker(request: HttpRequest) -> HttpResponse:
    form = CheckForm(request.POST or request.GET or None)
    text = form.cleaned_data["text"] if form.is_valid() else ""
    context = {
        "form": form,
        "result": result_context(text, home_organisation(request.user)),
        "can_submit": home_organisation(request.user) is not None,
        "breadcrumbs": [("Kiểm tra nội dung", None)],
    }
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "moderation/_check_result.html", context)
    return render(request, "moderation/checker.html", context)


@login_required
@require_POST
def submit_draft(request: HttpRequest) -> HttpResponse:
    """Store the draft only now, as an item in the unit's inbox for a moderator to look at."""
    form = CheckForm(request.POST)
    organisation = home_organisation(request.user)
    if not form.is_valid() or not form.cleaned_data["text"].strip() or organisation is None:
        messages.error(request, "Không gửi được: nội dung trống hoặc bạn chưa thuộc đơn vị nào.")
        return _back(request)
    text = form.cleaned_data["text"].strip()
    verdict = check(text, organisation)
    now = timezone.now()
    digest = hashlib.sha256(f"{request.user.pk}\x1f{text}".encode()).hexdigest()[:32]
    InboxItem.objects.get_or_create(
        platform="draft",
        platform_id=f"draft:{digest}",
        defaults={
            "organisation": organisation,
            "account_key": "draft",
            "account_name": DRAFT_ACCOUNT,
            "kind": "post",
            "author_name": request.user.get_username(),
            "text": text,
            "created_at": now,
            "verdict": verdict.verdict,
            "categories": join_categories(list(verdict.categories)),
            "result": verdict.to_dict(),
            "engine_versions": dict(verdict.versions),
            "priority": priority_of(verdict, looks_like_question(text, "post")),
        },
    )
    messages.success(request, "Đã gửi bài nháp cho quản trị viên trang của đơn vị xem xét.")
    return _back(request)


def _back(request: HttpRequest) -> HttpResponse:
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponseClientRedirect(reverse("moderation:checker"))
    return redirect("moderation:checker")
