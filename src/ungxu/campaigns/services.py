"""What a person does in a campaign: read, take the quiz, acknowledge; and launching it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ungxu.audit.models import Action, record
from ungxu.campaigns import audience, question_bank
from ungxu.campaigns.documents import current_versions
from ungxu.campaigns.models import (
    Acknowledgement,
    Assignment,
    Campaign,
    CampaignStatus,
    DocumentVersion,
    QuizAttempt,
    ReadingRecord,
)
from ungxu.campaigns_core.quiz import (
    AttemptResult,
    AttemptStatus,
    Bank,
    Paper,
    PresentedQuestion,
    QuizError,
    attempt_seed,
    attempt_status,
    draw_paper,
    score_attempt,
)

COMMITMENT = (
    "Tôi đã đọc, hiểu và cam kết thực hiện đúng Bộ Quy tắc ứng xử trên mạng xã hội cùng các "
    "tài liệu của đợt phổ biến này; chịu trách nhiệm về thông tin mình đăng tải, chia sẻ trên "
    "mạng xã hội."
)


def bank() -> Bank:
    """The active questions of the coordinators' bank (a campaign draws from these)."""
    return question_bank.active_bank()


def attempt_bank(attempt: QuizAttempt) -> Bank:
    """The questions exactly as the attempt drew them (later bank edits do not show here)."""
    return question_bank.paper_bank(attempt.paper)


def launch(campaign: Campaign) -> int:
    """Activate a draft campaign and build its list of people; returns the audience size."""
    if campaign.status == CampaignStatus.CLOSED:
        raise ValidationError("Đợt phổ biến đã kết thúc, không thể phát động lại.")
    if not campaign.documents.exists():
        raise ValidationError("Đợt phổ biến cần ít nhất một tài liệu.")
    available = question_bank.active_count()
    if campaign.quiz_questions > available:
        raise ValidationError(
            f"Ngân hàng chỉ có {available} câu hỏi đang dùng; hãy chọn tối đa {available} câu."
        )
    if campaign.status == CampaignStatus.DRAFT:
        campaign.status = CampaignStatus.ACTIVE
        campaign.launched_at = timezone.now()
        campaign.save()
    audience.resolve(campaign)
    return campaign.assignments.count()


# ------------------------------------------------------------------------------- reading


def record_reading(assignment: Assignment, version: DocumentVersion) -> ReadingRecord:
    """Idempotent: reading the same version twice keeps the first time."""
    if version.document_id not in {d.pk for d in assignment.campaign.documents.all()}:
        raise ValidationError("Tài liệu này không thuộc đợt phổ biến.")
    reading, _ = ReadingRecord.objects.get_or_create(assignment=assignment, version=version)
    return reading


# ---------------------------------------------------------------------------------- quiz


def paper_of(attempt: QuizAttempt) -> Paper:
    """The paper as drawn for the attempt (stored ids and option order, texts from the bank)."""
    drawn = attempt_bank(attempt)
    questions = []
    for item in attempt.paper:
        question = drawn.get(item["id"])
        texts = {o.id: o.text for o in question.options}
        questions.append(
            PresentedQuestion(
                question_id=question.id,
                text=question.text,
                option_ids=tuple(item["options"]),
                option_texts=tuple(texts[o] for o in item["options"]),
                multiple=question.multiple,
            )
        )
    return Paper(seed=attempt.seed, bank_version=attempt.bank_version, questions=tuple(questions))


def quiz_status(assignment: Assignment) -> AttemptStatus:
    attempts = list(assignment.attempts.filter(submitted_at__isnull=False))
    passed = any(a.passed for a in attempts)
    return attempt_status(len(attempts), assignment.campaign.max_attempts, passed=passed)


def open_attempt(assignment: Assignment) -> QuizAttempt:
    """The unfinished attempt, or a new one if another is allowed (ValidationError if not)."""
    campaign = assignment.campaign
    if not campaign.has_quiz:
        raise ValidationError("Đợt phổ biến này không có bài kiểm tra.")
    pending = assignment.attempts.filter(submitted_at__isnull=True).first()
    if pending is not None:
        return pending
    status = quiz_status(assignment)
    if not status.allowed:
        raise ValidationError(status.message)
    number = assignment.attempts.count() + 1
    seed = attempt_seed(campaign.pk, assignment.person_id, number)
    active = bank()
    try:
        paper = draw_paper(active, campaign.quiz_questions, seed)
    except QuizError as exc:  # questions retired after the campaign was launched
        raise ValidationError(
            f"{exc} Vui lòng báo đầu mối phổ biến của đơn vị để bổ sung câu hỏi."
        ) from exc
    try:
        with transaction.atomic():
            return QuizAttempt.objects.create(
                assignment=assignment,
                number=number,
                seed=seed,
                bank_version=paper.bank_version,
                paper=question_bank.snapshot(active, paper),
                total=len(paper.questions),
                pass_percent=campaign.pass_percent,
            )
    except IntegrityError:  # the same person opened the quiz twice at once
        return assignment.attempts.get(number=number)


def submit_attempt(attempt: QuizAttempt, answers: Mapping[str, list[str]]) -> AttemptResult:
    """Score and close the attempt; a second submission of the same attempt is refused."""
    if attempt.submitted_at is not None:
        raise ValidationError("Lượt làm bài này đã được nộp.")
    try:
        result = score_attempt(
            attempt_bank(attempt),
            [item["id"] for item in attempt.paper],
            answers,
            attempt.pass_percent,
        )
    except QuizError as exc:
        raise ValidationError(str(exc)) from exc
    # Conditional update: two tabs submitting the same attempt cannot both count.
    closed = QuizAttempt.objects.filter(pk=attempt.pk, submitted_at__isnull=True).update(
        answers={k: sorted(v) for k, v in answers.items()},
        correct=result.correct_count,
        passed=result.passed,
        submitted_at=timezone.now(),
    )
    if not closed:
        raise ValidationError("Lượt làm bài này đã được nộp.")
    attempt.refresh_from_db()
    return result


def best_score(assignment: Assignment) -> float | None:
    scores = [a.score_percent for a in assignment.attempts.filter(submitted_at__isnull=False)]
    return max(scores) if scores else None


# ------------------------------------------------------------------------------- progress


@dataclass
class AssignmentState:
    """Where one person stands in a campaign (for their task page)."""

    assignment: Assignment
    versions: list[tuple[DocumentVersion, dt.datetime | None]] = field(default_factory=list)
    quiz: AttemptStatus | None = None
    passed: bool = False
    attempts: list[QuizAttempt] = field(default_factory=list)
    acknowledgement: Acknowledgement | None = None
    history: list[Acknowledgement] = field(default_factory=list)

    @property
    def all_read(self) -> bool:
        return all(read_at is not None for _, read_at in self.versions)

    @property
    def quiz_done(self) -> bool:
        return not self.assignment.campaign.has_quiz or self.passed

    @property
    def may_acknowledge(self) -> bool:
        active = self.assignment.campaign.status == CampaignStatus.ACTIVE
        return active and self.acknowledgement is None and self.all_read and self.quiz_done

    @property
    def blocker(self) -> str:
        """Why the person cannot acknowledge yet (Vietnamese), or ''."""
        if self.acknowledgement is not None:
            return ""
        if self.assignment.campaign.status != CampaignStatus.ACTIVE:
            return "Đợt phổ biến không còn nhận xác nhận."
        if not self.all_read:
            return "Bạn cần đọc hết các tài liệu trước khi xác nhận."
        if not self.quiz_done:
            return "Bạn cần đạt bài kiểm tra trước khi xác nhận."
        return ""


def state_of(assignment: Assignment) -> AssignmentState:
    campaign = assignment.campaign
    read = dict(assignment.readings.values_list("version_id", "read_at"))
    state = AssignmentState(assignment)
    state.versions = [(v, read.get(v.pk)) for v in current_versions(campaign)]
    state.attempts = list(assignment.attempts.all())
    state.passed = any(a.passed for a in state.attempts)
    if campaign.has_quiz:
        state.quiz = quiz_status(assignment)
    acks = list(assignment.acknowledgements.order_by("-round"))
    state.acknowledgement = next((a for a in acks if a.round == campaign.round), None)
    state.history = [a for a in acks if a.round != campaign.round]
    return state


# -------------------------------------------------------------------------- acknowledging


def acknowledge(assignment: Assignment, *, ip: str | None = None) -> tuple[Acknowledgement, bool]:
    """Record the commitment for the campaign's current round; (ack, created).

    Idempotent: the unique (assignment, round) constraint and get_or_create mean a double click
    or a retried request returns the first acknowledgement unchanged."""
    campaign = Campaign.objects.get(pk=assignment.campaign_id)  # the round as of now
    assignment.campaign = campaign
    existing = assignment.acknowledgements.filter(round=campaign.round).first()
    if existing is not None:
        return existing, False
    state = state_of(assignment)
    if state.acknowledgement is not None:  # written by a concurrent request meanwhile
        return state.acknowledgement, False
    if not state.may_acknowledge:
        raise ValidationError(state.blocker)
    snapshot = [
        {"document": v.document_id, "title": v.document.title, "version": v.number}
        for v, _ in state.versions
    ]
    ack, created = Acknowledgement.objects.get_or_create(
        assignment=assignment,
        round=campaign.round,
        defaults={
            "ip": ip,
            "versions": snapshot,
            "quiz_score": best_score(assignment) if campaign.has_quiz else None,
            "statement": COMMITMENT,
        },
    )
    return ack, created


def my_assignments(user: Any) -> list[AssignmentState]:
    """The signed-in person's tasks in active campaigns (nothing for accounts without a person)."""
    if not getattr(user, "is_authenticated", False):
        return []
    assignments = (
        Assignment.objects.filter(person__user=user, campaign__status=CampaignStatus.ACTIVE)
        .select_related("campaign", "person", "organisation")
        .order_by("campaign__deadline", "pk")
    )
    return [state_of(a) for a in assignments]


def close(campaign: Campaign) -> None:
    campaign.status = CampaignStatus.CLOSED
    campaign.save()
    record(Action.OTHER, campaign, message="Kết thúc đợt phổ biến.")
