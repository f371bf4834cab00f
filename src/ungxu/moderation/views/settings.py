"""Per-organisation keyword rules (the engine's policy) and canned answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ungxu.core import scoping

from ..forms import CannedForm, RuleForm
from ..models import CannedAnswer, FetchSource, KeywordRule
from .inbox import crumbs, require_moderator


@login_required
def rules(request: HttpRequest) -> HttpResponse:
    require_moderator(request.user)
    form = RuleForm(request.POST or None, user=request.user, prefix="rule")
    canned_form = CannedForm(request.POST or None, user=request.user, prefix="canned")
    if request.method == "POST":
        chosen = form if "rule-term" in request.POST else canned_form
        if chosen.is_valid():
            chosen.save()
            messages.success(request, "Đã lưu.")
            return redirect("moderation:rules")
    context = {
        "form": form
        if "canned-title" not in request.POST
        else RuleForm(user=request.user, prefix="rule"),
        "canned_form": canned_form
        if "canned-title" in request.POST
        else CannedForm(user=request.user, prefix="canned"),
        "rules": scoping.scope(
            KeywordRule.objects.select_related("organisation"),
            request.user,
            action=scoping.MODERATE,
        ),
        "canned": scoping.scope(
            CannedAnswer.objects.select_related("organisation"),
            request.user,
            action=scoping.MODERATE,
        ),
        "sources": scoping.scope(
            FetchSource.objects.select_related("organisation"),
            request.user,
            action=scoping.MODERATE,
        ),
        "breadcrumbs": crumbs("Quy tắc từ khoá, mẫu trả lời"),
    }
    return render(request, "moderation/rules.html", context)


@login_required
@require_POST
def rule_delete(request: HttpRequest, pk: int) -> HttpResponse:
    rule = scoping.get_visible_or_404(KeywordRule.objects.all(), request.user, pk=pk)
    scoping.require(request.user, scoping.MODERATE, rule.organisation)
    rule.delete()
    messages.success(request, f"Đã xoá quy tắc «{rule.term}».")
    return redirect("moderation:rules")


@login_required
@require_POST
def canned_delete(request: HttpRequest, pk: int) -> HttpResponse:
    answer = scoping.get_visible_or_404(CannedAnswer.objects.all(), request.user, pk=pk)
    scoping.require(request.user, scoping.MODERATE, answer.organisation)
    answer.delete()
    messages.success(request, f"Đã xoá mẫu «{answer.title}».")
    return redirect("moderation:rules")
