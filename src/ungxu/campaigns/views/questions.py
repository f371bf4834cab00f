"""The quiz bank pages: list, add, edit, retire and restore questions.

The bank serves every campaign of the installation, so only administrators and the
coordinating office manage it; unit heads choose how many questions their campaign draws."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ungxu.campaigns.models import BankQuestion, Campaign, CampaignStatus
from ungxu.campaigns.question_bank import ensure_seeded, starter_bank
from ungxu.campaigns.question_forms import QuestionForm
from ungxu.core import scoping
from ungxu.core.views import history_for, paginate
from ungxu.orgs.models import Role

BANK_ROLES = {Role.ADMIN, Role.COORDINATOR}


def can_manage_bank(user: Any) -> bool:
    return scoping.is_superadmin(user) or bool(scoping.roles(user) & BANK_ROLES)


def _require_bank_manager(user: Any) -> None:
    if not can_manage_bank(user):
        raise PermissionDenied("Chỉ quản trị hệ thống và văn phòng điều phối quản lý ngân hàng.")


def _crumbs(last: str | None = None) -> list[tuple[str, str | None]]:
    result: list[tuple[str, str | None]] = [
        ("Phổ biến Bộ quy tắc", reverse("campaigns:index")),
        ("Ngân hàng câu hỏi", reverse("campaigns:questions") if last else None),
    ]
    if last:
        result.append((last, None))
    return result


@login_required
def question_list(request: HttpRequest) -> HttpResponse:
    _require_bank_manager(request.user)
    ensure_seeded()
    show = request.GET.get("show", "active")
    questions = BankQuestion.objects.all()
    if show == "retired":
        questions = questions.filter(active=False)
    elif show != "all":
        show = "active"
        questions = questions.filter(active=True)
    page = paginate(request, questions, 30)
    return render(
        request,
        "campaigns/question_list.html",
        {
            "page_obj": page,
            "questions": page.object_list,
            "show": show,
            "active_count": BankQuestion.objects.filter(active=True).count(),
            "retired_count": BankQuestion.objects.filter(active=False).count(),
            "topics": starter_bank().topics,
            "breadcrumbs": _crumbs(),
        },
    )


@login_required
def question_create(request: HttpRequest) -> HttpResponse:
    _require_bank_manager(request.user)
    form = QuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        question = form.save()
        messages.success(request, "Đã thêm câu hỏi vào ngân hàng.")
        return redirect("campaigns:question", pk=question.pk)
    return render(
        request,
        "campaigns/simple_form.html",
        {
            "form": form,
            "title": "Thêm câu hỏi",
            "cancel_url": reverse("campaigns:questions"),
            "breadcrumbs": _crumbs("Thêm"),
        },
    )


@login_required
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_bank_manager(request.user)
    question = get_object_or_404(BankQuestion, pk=pk)
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request, "Đã lưu câu hỏi. Các lượt làm bài đã có vẫn giữ nguyên đề như lúc bốc."
        )
        return redirect("campaigns:question", pk=question.pk)
    return render(
        request,
        "campaigns/simple_form.html",
        {
            "form": form,
            "title": "Sửa câu hỏi",
            "cancel_url": reverse("campaigns:question", args=[question.pk]),
            "breadcrumbs": _crumbs("Sửa"),
        },
    )


@login_required
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require_bank_manager(request.user)
    question = get_object_or_404(BankQuestion, pk=pk)
    return render(
        request,
        "campaigns/question_detail.html",
        {
            "question": question,
            "topic": starter_bank().topics.get(question.topic, ""),
            "history": history_for(question),
            "breadcrumbs": _crumbs(f"Câu hỏi {question.key}"),
        },
    )


@login_required
@require_POST
def question_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    """Retire or restore: a retired question is no longer drawn; past attempts keep it."""
    _require_bank_manager(request.user)
    question = get_object_or_404(BankQuestion, pk=pk)
    if question.active:
        # A running campaign must still be able to draw its N questions for the next attempt.
        needing = (
            Campaign.objects.filter(status=CampaignStatus.ACTIVE)
            .order_by("-quiz_questions")
            .first()
        )
        remaining = BankQuestion.objects.filter(active=True).count() - 1
        if needing is not None and needing.quiz_questions > remaining:
            messages.error(
                request,
                f"Không thể ngừng dùng: đợt “{needing.title}” đang triển khai cần "
                f"{needing.quiz_questions} câu hỏi, ngân hàng sẽ chỉ còn {remaining} câu. "
                "Hãy thêm câu hỏi mới trước.",
            )
            return redirect("campaigns:question", pk=question.pk)
    question.active = not question.active
    question.save()  # audited
    if question.active:
        messages.success(request, "Đã dùng lại câu hỏi.")
    else:
        messages.success(request, "Đã ngừng dùng câu hỏi; các đề đã bốc vẫn giữ nguyên.")
    return redirect("campaigns:question", pk=question.pk)
