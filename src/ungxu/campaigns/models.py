"""Dissemination campaigns (đợt phổ biến): documents, who must act, and what they did.

The requirement a person must meet is "acknowledge the current round": a campaign starts at
round 1 and a new version of one of its documents while it is active starts the next round, so
everyone acknowledges again while the old acknowledgements stay as they were (they snapshot the
versions, the quiz score, time and IP). Reading records, quiz attempts and acknowledgements are
append-only facts; campaign edits never touch them.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from ungxu.audit.models import AuditedModel
from ungxu.orgs.models import EmploymentCategory, Organisation, Person, Role


class DocumentKind(models.TextChoices):
    CODE = "code", "Bộ Quy tắc ứng xử"
    INTERNAL_RULES = "internal_rules", "Quy chế nội bộ"
    DISPATCH = "dispatch", "Công văn triển khai"
    OTHER = "other", "Tài liệu khác"


class Document(AuditedModel):
    title = models.CharField("tên tài liệu", max_length=255)
    kind = models.CharField("loại", max_length=20, choices=DocumentKind.choices)
    # None: shared by every unit (the Code itself).
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="đơn vị ban hành",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="campaign_documents",
    )
    builtin_key = models.CharField(max_length=40, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tài liệu"
        verbose_name_plural = "tài liệu"
        ordering = ["kind", "title"]

    def __str__(self) -> str:
        return self.title

    def current_version(self) -> DocumentVersion | None:
        return self.versions.order_by("-number").first()


class DocumentVersion(AuditedModel):
    document = models.ForeignKey(
        Document, verbose_name="tài liệu", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField("phiên bản")
    body = models.TextField("nội dung", blank=True)
    note = models.CharField("ghi chú thay đổi", max_length=255, blank=True)
    # Uploads live in the database: small PDF/DOCX files, no media storage to configure.
    file_name = models.CharField("tên tệp", max_length=255, blank=True)
    file_type = models.CharField(max_length=100, blank=True)
    file_data = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    audit_exclude = frozenset({"created_at", "file_data"})

    class Meta:
        verbose_name = "phiên bản tài liệu"
        verbose_name_plural = "phiên bản tài liệu"
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="campaigns_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.document.title} (phiên bản {self.number})"

    def audit_organisation(self) -> Any:
        return self.document.organisation


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    ACTIVE = "active", "Đang triển khai"
    CLOSED = "closed", "Đã kết thúc"


class Campaign(AuditedModel):
    title = models.CharField("tên đợt phổ biến", max_length=255)
    description = models.TextField("nội dung, yêu cầu", blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="đơn vị phát động",
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    status = models.CharField(
        "trạng thái", max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    documents = models.ManyToManyField(Document, verbose_name="tài liệu", related_name="campaigns")
    audience_orgs = models.ManyToManyField(
        Organisation,
        verbose_name="đơn vị (gồm cả cấp dưới)",
        blank=True,
        related_name="targeted_by_campaigns",
    )
    audience_categories = models.JSONField("đối tượng", default=list, blank=True)
    audience_roles = models.JSONField("vai trò", default=list, blank=True)
    audience_people = models.ManyToManyField(
        Person, verbose_name="danh sách người cụ thể", blank=True, related_name="+"
    )
    starts_on = models.DateField("ngày bắt đầu")
    deadline = models.DateField("hạn hoàn thành")
    quiz_questions = models.PositiveSmallIntegerField(
        "số câu hỏi kiểm tra", default=0, help_text="0: không có bài kiểm tra."
    )
    pass_percent = models.PositiveSmallIntegerField("điểm đạt (%)", default=80)
    max_attempts = models.PositiveSmallIntegerField(
        "số lượt làm bài tối đa", default=3, help_text="0: không giới hạn."
    )
    reminder_days = models.JSONField(
        "nhắc trước hạn (ngày)", default=list, blank=True, help_text="Ví dụ: 7, 3, 1."
    )
    round = models.PositiveIntegerField("lượt xác nhận", default=1)
    launched_at = models.DateTimeField("thời điểm phát động", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The JSON lists hold codes; the history shows their Vietnamese labels.
    audit_choices = {
        "audience_categories": EmploymentCategory.choices,
        "audience_roles": Role.choices,
    }

    class Meta:
        verbose_name = "đợt phổ biến"
        verbose_name_plural = "đợt phổ biến"
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def has_quiz(self) -> bool:
        return self.quiz_questions > 0

    def category_labels(self) -> list[str]:
        labels = dict(EmploymentCategory.choices)
        return [str(labels.get(value, value)) for value in self.audience_categories]

    def role_labels(self) -> list[str]:
        labels = dict(Role.choices)
        return [str(labels.get(value, value)) for value in self.audience_roles]


class Assignment(models.Model):
    """One person in one campaign's audience. Not audited row by row: resolving a department's
    audience writes hundreds at once and is logged as one entry by the service."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="assignments")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments")
    # The person's unit when they were added: progress by unit stays stable if they move later.
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "nhiệm vụ"
        verbose_name_plural = "nhiệm vụ"
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person"], name="campaigns_assign_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person.full_name} — {self.campaign.title}"


class ReadingRecord(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="readings")
    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "lượt đọc tài liệu"
        verbose_name_plural = "lượt đọc tài liệu"
        constraints = [
            models.UniqueConstraint(fields=["assignment", "version"], name="campaigns_read_unique")
        ]

    def __str__(self) -> str:
        return f"Đã đọc {self.version_id} ({self.read_at})"


class QuizAttempt(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField("lượt")
    seed = models.CharField(max_length=64)
    bank_version = models.PositiveIntegerField(default=1)
    # [{"id": question id, "options": [option ids in display order]}], as drawn.
    paper = models.JSONField(default=list)
    answers = models.JSONField(default=dict, blank=True)
    correct = models.PositiveSmallIntegerField(null=True, blank=True)
    total = models.PositiveSmallIntegerField(default=0)
    pass_percent = models.PositiveSmallIntegerField(default=80)
    passed = models.BooleanField(default=False)
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["assignment", "number"]
        verbose_name = "lượt làm bài kiểm tra"
        verbose_name_plural = "lượt làm bài kiểm tra"
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "number"], name="campaigns_attempt_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Lượt {self.number}"

    @property
    def score_percent(self) -> float:
        return round(100 * (self.correct or 0) / self.total, 1) if self.total else 0.0


class Acknowledgement(AuditedModel):
    """The commitment (cam kết) of one person for one round; never edited once written."""

    assignment = models.ForeignKey(
        Assignment, on_delete=models.PROTECT, related_name="acknowledgements"
    )
    round = models.PositiveIntegerField("lượt xác nhận")
    acknowledged_at = models.DateTimeField("thời điểm xác nhận", auto_now_add=True)
    ip = models.GenericIPAddressField("địa chỉ IP", null=True, blank=True)
    # [{"document": id, "title": ..., "version": n}] as they stood when the person committed.
    versions = models.JSONField("phiên bản tài liệu", default=list)
    quiz_score = models.FloatField("điểm kiểm tra (%)", null=True, blank=True)
    statement = models.TextField("nội dung cam kết")

    class Meta:
        verbose_name = "xác nhận cam kết"
        verbose_name_plural = "xác nhận cam kết"
        ordering = ["-acknowledged_at"]
        constraints = [
            models.UniqueConstraint(fields=["assignment", "round"], name="campaigns_ack_unique")
        ]

    def __str__(self) -> str:
        return f"Cam kết của {self.assignment.person.full_name}"

    def audit_organisation(self) -> Any:
        return self.assignment.organisation


class ReminderKind(models.TextChoices):
    PERSON = "person", "Nhắc cá nhân"
    DIGEST = "digest", "Tổng hợp cho thủ trưởng"


class ReminderStatus(models.TextChoices):
    CLAIMED = "claimed", "Đang gửi"
    SENT = "sent", "Đã gửi"
    SKIPPED = "skipped", "Bỏ qua (không có thư điện tử)"
    FAILED = "failed", "Lỗi"


class Reminder(models.Model):
    """One reminder for one recipient in one schedule slot. The unique key is the claim: a
    worker inserts the row before sending, so a restarted worker finds it and sends nothing."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)
    slot = models.CharField("đợt nhắc", max_length=40)
    recipient_key = models.CharField(max_length=80)
    recipient = models.CharField("người nhận", max_length=255)
    email = models.EmailField(blank=True)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=ReminderStatus.choices)
    detail = models.TextField(blank=True)
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-claimed_at", "-pk"]
        verbose_name = "lời nhắc"
        verbose_name_plural = "lời nhắc"
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "kind", "slot", "recipient_key"],
                name="campaigns_reminder_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.slot}: {self.recipient}"


class SessionKind(models.TextChoices):
    CONFERENCE = "conference", "Hội nghị"
    TRAINING = "training", "Tập huấn"
    MEETING = "meeting", "Họp, sinh hoạt chuyên đề"


class InPersonSession(AuditedModel):
    organisation = models.ForeignKey(
        Organisation, verbose_name="đơn vị tổ chức", on_delete=models.PROTECT, related_name="+"
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name="đợt phổ biến",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    kind = models.CharField("hình thức", max_length=20, choices=SessionKind.choices)
    title = models.CharField("tên hội nghị, lớp", max_length=255)
    held_on = models.DateField("ngày tổ chức")
    place = models.CharField("địa điểm", max_length=255)
    attendees = models.ManyToManyField(Person, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "hội nghị, tập huấn"
        verbose_name_plural = "hội nghị, tập huấn"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class OutreachKind(models.TextChoices):
    VILLAGE_MEETING = "village_meeting", "Họp thôn, tổ dân phố"
    LOUDSPEAKER = "loudspeaker", "Loa truyền thanh"
    POST = "post", "Bài đăng trên trang, mạng xã hội"
    LEAFLET = "leaflet", "Tờ rơi, áp phích"
    OTHER = "other", "Hình thức khác"


class OutreachRecord(AuditedModel):
    """Outreach to the public; the vulnerable-group counts feed the report upward."""

    organisation = models.ForeignKey(
        Organisation, verbose_name="đơn vị thực hiện", on_delete=models.PROTECT, related_name="+"
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name="đợt phổ biến",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outreach",
    )
    kind = models.CharField("hình thức", max_length=20, choices=OutreachKind.choices)
    held_on = models.DateField("ngày thực hiện")
    place = models.CharField("địa bàn", max_length=255, blank=True)
    audience = models.PositiveIntegerField("số người được tiếp cận", default=0)
    children = models.PositiveIntegerField("trẻ em", default=0)
    ethnic_minorities = models.PositiveIntegerField("người dân tộc thiểu số", default=0)
    disabilities = models.PositiveIntegerField("người khuyết tật", default=0)
    poor = models.PositiveIntegerField("người nghèo", default=0)
    notes = models.TextField("ghi chú", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tuyên truyền đến người dân"
        verbose_name_plural = "tuyên truyền đến người dân"
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.held_on})"

    @property
    def vulnerable_total(self) -> int:
        return self.children + self.ethnic_minorities + self.disabilities + self.poor


class BankQuestion(AuditedModel):
    """A question of the coordinators' quiz bank, seeded from the shipped starter bank.

    The options live in the question row (a JSON list of {"id", "text", "correct"}) because they
    are written as one unit with the question, and the audit log then shows each edit of the
    options as one change. Attempts snapshot what they drew, so editing or retiring a question
    never changes a past attempt."""

    key = models.SlugField("mã câu hỏi", max_length=64, unique=True)
    text = models.TextField("câu hỏi")
    options = models.JSONField("phương án", default=list)
    explanation = models.TextField("giải thích")
    code_keys = models.JSONField("khoản của Bộ Quy tắc", default=list)
    topic = models.CharField("chủ đề", max_length=40, blank=True)
    active = models.BooleanField("đang dùng", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    audit_exclude = frozenset({"created_at", "updated_at"})

    class Meta:
        verbose_name = "câu hỏi kiểm tra"
        verbose_name_plural = "ngân hàng câu hỏi"
        ordering = ["-active", "topic", "key"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def correct_count(self) -> int:
        return sum(1 for option in self.options if option.get("correct"))
