"""The staff side: my task, reading a document, the quiz, acknowledging, the confirmation.

Every view answers 404 unless the assignment belongs to the signed-in person."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ungxu.audit.context import client_ip
from ungxu.campaigns import services
from ungxu.campaigns.access import get_own_assignment_or_404
from ungxu.campaigns.documents import code_groups
from ungxu.campaigns.models import Acknowledgement, Assignment, DocumentKind, DocumentVersion
from ungxu.campaigns.pdf import confirmation_pdf
from ungxu.campaigns_core.quiz import AttemptResult, Paper


def _crumbs(assignment: Assignment, last: str | None = None) -> list[tuple[str, str | None]]:
    result: list[tuple[str, str | None]] = [
        ("Phổ biến Bộ quy tắc", reverse("campaigns:index")),
        (assignment.campaign.title, reverse("campaigns:task", args=[assignment.pk])),
    ]
    if last:
        result.append((last, None))
    return result


@login_required
def task(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_own_assignment_or_404(request.user, pk)
    state = services.state_of(assignment)
    return render(
        request,
        "campaigns/task.html",
        {
            "state": state,
            "campaign": assignment.campaign,
            "commitment": services.COMMITMENT,
            "breadcrumbs": _crumbs(assignment),
        },
    )


@login_required
def read(request: HttpRequest, pk: int, version_pk: int) -> HttpResponse:
    assignment = get_own_assignment_or_404(request.user, pk)
    version = get_object_or_404(
        DocumentVersion.objects.select_related("document"),
        pk=version_pk,
        document__campaigns=assignment.campaign,
    )
    if request.method == "POST":
        services.record_reading(assignment, version)
        messages.success(request, f"Đã ghi nhận bạn đọc “{version.document.title}”.")
        return redirect("campaigns:task", pk=assignment.pk)
    already = assignment.readings.filter(version=version).exists()
    return render(
        request,
        "campaigns/read.html",
        {
            "assignment": assignment,
            "version": version,
            "groups": code_groups() if version.document.kind == DocumentKind.CODE else None,
            "already": already,
            "breadcrumbs": _crumbs(assignment, version.document.title),
        },
    )


@login_required
def quiz(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_own_assignment_or_404(request.user, pk)
    try:
        attempt = services.open_attempt(assignment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("campaigns:task", pk=assignment.pk)
    paper = services.paper_of(attempt)
    error = ""
    answers: dict[str, list[str]] = {}
    if request.method == "POST":
        answers = {
            q.question_id: request.POST.getlist(f"q-{q.question_id}")
            for q in paper.questions
            if request.POST.getlist(f"q-{q.question_id}")
        }
        # A slip of the thumb must not burn one of the limited attempts: an incomplete paper
        # comes back with the choices kept and the missing questions named.
        missing = [str(n) for n, q in enumerate(paper.questions, 1) if q.question_id not in answers]
        try:
            if missing:
                raise ValidationError(
                    f"Bạn chưa trả lời câu {', '.join(missing)}. Hãy trả lời đủ rồi nộp bài; "
                    "lượt làm bài này chưa bị tính."
                )
            result = services.submit_attempt(attempt, answers)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            return render(
                request,
                "campaigns/quiz_result.html",
                {
                    "assignment": assignment,
                    "attempt": attempt,
                    "result": result,
                    "rows": _result_rows(paper, result),
                    "status": services.quiz_status(assignment),
                    "breadcrumbs": _crumbs(assignment, "Kết quả bài kiểm tra"),
                },
            )
    return render(
        request,
        "campaigns/quiz.html",
        {
            "assignment": assignment,
            "attempt": attempt,
            "questions": [
                {
                    "id": q.question_id,
                    "text": q.text,
                    "multiple": q.multiple,
                    "options": list(zip(q.option_ids, q.option_texts, strict=True)),
                    "chosen": answers.get(q.question_id, []),
                }
                for q in paper.questions
            ],
            "error": error,
            "breadcrumbs": _crumbs(assignment, "Bài kiểm tra"),
        },
    )


def _result_rows(paper: Paper, result: AttemptResult) -> list[dict[str, object]]:
    by_id = {r.question_id: r for r in result.results}
    rows = []
    for question in paper.questions:
        outcome = by_id[question.question_id]
        rows.append(
            {
                "text": question.text,
                "is_correct": outcome.is_correct,
                "options": [
                    {
                        "text": text,
                        "chosen": option_id in outcome.chosen,
                        "correct": option_id in outcome.correct,
                    }
                    for option_id, text in zip(
                        question.option_ids, question.option_texts, strict=True
                    )
                ],
                "explanation": outcome.explanation,
            }
        )
    return rows


@login_required
@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_own_assignment_or_404(request.user, pk)
    if request.POST.get("commit") != "yes":
        messages.error(request, "Vui lòng đánh dấu vào ô cam kết trước khi xác nhận.")
        return redirect("campaigns:task", pk=assignment.pk)
    try:
        ack, created = services.acknowledge(assignment, ip=client_ip(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("campaigns:task", pk=assignment.pk)
    if created:
        messages.success(request, "Cảm ơn bạn đã xác nhận cam kết thực hiện Bộ quy tắc.")
    else:
        messages.info(request, "Bạn đã xác nhận trước đó; xác nhận cũ được giữ nguyên.")
    return redirect("campaigns:confirmation", pk=assignment.pk, ack_pk=ack.pk)


def _own_ack(request: HttpRequest, pk: int, ack_pk: int) -> tuple[Assignment, Acknowledgement]:
    assignment = get_own_assignment_or_404(request.user, pk)
    ack = assignment.acknowledgements.filter(pk=ack_pk).first()
    if ack is None:
        raise Http404("Không tìm thấy xác nhận.")
    return assignment, ack


@login_required
def confirmation(request: HttpRequest, pk: int, ack_pk: int) -> HttpResponse:
    assignment, ack = _own_ack(request, pk, ack_pk)
    return render(
        request,
        "campaigns/confirmation.html",
        {"assignment": assignment, "ack": ack, "breadcrumbs": _crumbs(assignment, "Giấy xác nhận")},
    )


@login_required
def confirmation_pdf_view(request: HttpRequest, pk: int, ack_pk: int) -> HttpResponse:
    assignment, ack = _own_ack(request, pk, ack_pk)
    response = HttpResponse(confirmation_pdf(assignment, ack), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="xac-nhan-{assignment.person.code}.pdf"'
    )
    return response
