"""The moderation inbox: items from official pages, decisions on them, replies, keyword rules,
canned answers, import batches and retrained screening models.

Every model carries an `organisation` FK (directly or through its item) so lists and audit entries
are scoped by `ungxu.core.scoping`. Categories are kept as a comma-delimited string with leading
and trailing commas (",hate,insult,") because a `LIKE '%,hate,%'` filter works the same on SQLite
and PostgreSQL, where JSON list containment does not.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from ungxu.audit.models import AuditedModel
from ungxu.orgs.models import Organisation

from . import deadlines

CATEGORY_LABELS = {
    "hate": "Gây thù hận",
    "violence": "Bạo lực",
    "discrimination": "Phân biệt đối xử",
    "offensive": "Thô tục, phản cảm",
    "insult": "Xúc phạm",
    "fake_news": "Tin giả",
    "illegal_ads": "Quảng cáo trái phép",
    "child_safety": "An toàn trẻ em",
    "personal_data": "Dữ liệu cá nhân",
    "account_security": "An toàn tài khoản",
}
CATEGORY_CHOICES = list(CATEGORY_LABELS.items())
DRAFT_ACCOUNT = "Bài nháp gửi duyệt"
KIND_LABELS = {
    "comment": "Bình luận",
    "reply": "Trả lời",
    "message": "Tin nhắn",
    "post": "Bài viết",
}


def join_categories(categories: list[str] | tuple[str, ...]) -> str:
    unique = sorted(set(categories))
    return "," + ",".join(unique) + "," if unique else ""


def split_categories(value: str) -> list[str]:
    return [c for c in value.split(",") if c]


class Status(models.TextChoices):
    NEW = "new", "Mới"
    IN_PROGRESS = "in_progress", "Đang xử lý"
    ANSWERED = "answered", "Đã trả lời"
    HIDDEN = "hidden", "Đã ẩn"
    ESCALATED = "escalated", "Đã chuyển cấp trên"
    CLOSED = "closed", "Đã đóng"


OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS)
# Filters must use these exact conditions (same values, same order) so that PostgreSQL can prove
# the query implies an index's predicate and use the partial indexes below.
OPEN_CONDITION = models.Q(status__in=[str(s) for s in OPEN_STATUSES])


def category_condition(category: str) -> models.Q:
    return models.Q(categories__contains=f",{category},")


class VerdictChoice(models.TextChoices):
    PENDING = "pending", "Chưa sàng lọc"
    ALLOW = "allow", "Không vi phạm"
    REVIEW = "review", "Cần xem xét"
    BLOCK = "block", "Vi phạm"


class ActionChoice(models.TextChoices):
    KEEP = "keep", "Giữ nguyên"
    HIDE = "hide", "Ẩn bình luận"
    DELETE = "delete", "Đề nghị xoá trên nền tảng"
    REPORT = "report", "Báo cáo với nền tảng"
    ESCALATE = "escalate", "Chuyển văn phòng điều phối"
    FORWARD = "forward", "Chuyển thành phản ánh"


class ImportBatch(AuditedModel):
    class State(models.TextChoices):
        QUEUED = "queued", "Đang chờ"
        RUNNING = "running", "Đang sàng lọc"
        DONE = "done", "Hoàn tất"
        FAILED = "failed", "Lỗi"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="inbox_imports", verbose_name="đơn vị"
    )
    account_name = models.CharField("tài khoản", max_length=200)
    file_name = models.CharField("tệp", max_length=255)
    fmt = models.CharField("định dạng", max_length=20)
    state = models.CharField(
        "trạng thái", max_length=10, choices=State.choices, default=State.QUEUED
    )
    total = models.PositiveIntegerField("số mục mới", default=0)
    duplicates = models.PositiveIntegerField("số mục trùng", default=0)
    screened = models.PositiveIntegerField("đã sàng lọc", default=0)
    message = models.TextField("ghi chú", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    audit_exclude = frozenset({"created_at", "screened", "finished_at"})

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "lần nhập hộp kiểm duyệt"
        verbose_name_plural = "các lần nhập hộp kiểm duyệt"

    def __str__(self) -> str:
        return f"{self.file_name} ({self.account_name})"

    @property
    def percent(self) -> int:
        return 100 if not self.total else min(100, round(100 * self.screened / self.total))


class InboxItemManager(models.Manager["InboxItem"]):
    def bulk_create(self, objs: Any, *args: Any, **kwargs: Any) -> list[InboxItem]:
        # Imports insert in bulk (no save()), so the own-account rule is applied here too.
        objs = list(objs)
        for obj in objs:
            obj.clear_reply_if_own()
        return super().bulk_create(objs, *args, **kwargs)


class InboxItem(AuditedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="inbox_items", verbose_name="đơn vị"
    )
    # Plain account fields: the official-accounts registry (ungxu.socials) is built separately.
    account_key = models.CharField("mã tài khoản", max_length=200, db_index=True)
    account_name = models.CharField("tài khoản", max_length=200)
    platform = models.CharField("nền tảng", max_length=30)
    platform_id = models.CharField("mã trên nền tảng", max_length=500)
    kind = models.CharField("loại", max_length=20, default="comment")
    thread_id = models.CharField(max_length=500, blank=True)
    parent_id = models.CharField(max_length=500, blank=True)
    permalink = models.URLField(max_length=2000, blank=True)
    author_name = models.CharField("người viết", max_length=500, blank=True)
    author_id = models.CharField(max_length=500, blank=True)
    text = models.TextField("nội dung")
    created_at = models.DateTimeField("thời điểm đăng", default=timezone.now)
    received_at = models.DateTimeField("thời điểm nhận", default=timezone.now)
    verdict = models.CharField(
        "kết luận", max_length=10, choices=VerdictChoice.choices, default=VerdictChoice.PENDING
    )
    categories = models.CharField("nhóm vi phạm", max_length=300, blank=True)
    result = models.JSONField("kết quả sàng lọc", default=dict, blank=True)
    engine_versions = models.JSONField("phiên bản bộ máy", default=dict, blank=True)
    priority = models.PositiveSmallIntegerField("mức ưu tiên", default=0)
    status = models.CharField("trạng thái", max_length=15, choices=Status.choices, default="new")
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inbox_assignments",
        verbose_name="người xử lý",
    )
    needs_reply = models.BooleanField("cần trả lời", default=False)
    due_at = models.DateTimeField("hạn trả lời", null=True, blank=True)
    first_response_at = models.DateTimeField("trả lời lúc", null=True, blank=True)
    closed_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)
    # When the "due soon" warning and the "overdue" alert were mailed (each is sent once).
    warned_at = models.DateTimeField(null=True, blank=True)
    alerted_at = models.DateTimeField(null=True, blank=True)
    batch = models.ForeignKey(
        ImportBatch, null=True, blank=True, on_delete=models.SET_NULL, related_name="items"
    )

    audit_exclude = frozenset(
        {"created_at", "received_at", "result", "engine_versions", "warned_at", "alerted_at"}
    )

    class Meta:
        ordering = ["-priority", "-created_at", "-id"]
        verbose_name = "mục kiểm duyệt"
        verbose_name_plural = "hộp kiểm duyệt"
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "platform_id"],
                name="moderation_item_unique_platform_id",
                violation_error_message="Mục này đã có trong hộp kiểm duyệt.",
            )
        ]
        indexes = [
            models.Index(
                fields=["organisation", "status", "-priority", "-created_at"],
                name="moderation_item_queue",
            ),
            models.Index(
                fields=["organisation", "-priority", "-created_at", "-id"],
                name="moderation_item_org_order",
            ),
            models.Index(fields=["verdict", "-created_at"], name="moderation_item_verdict"),
            models.Index(fields=["assignee", "status"], name="moderation_item_assignee"),
            models.Index(fields=["-priority", "-created_at", "-id"], name="moderation_item_order"),
            # The verdict filter inside one unit: read in list order, counted index-only.
            models.Index(
                fields=["organisation", "verdict", "-priority", "-created_at", "-id"],
                name="moderation_item_org_verdict",
            ),
            # An official account belongs to one unit, so the account alone narrows the list
            # (migration 0002 also tells PostgreSQL's planner that account implies unit).
            models.Index(
                fields=["account_name", "-priority", "-created_at", "-id"],
                name="moderation_item_account",
            ),
            # "Open" is two statuses; an IN list on the index's second column would lose the
            # list order and sort every open item, so the open items get their own partial index.
            models.Index(
                fields=["organisation", "-priority", "-created_at", "-id"],
                condition=OPEN_CONDITION,
                name="moderation_item_open_org",
            ),
            models.Index(
                fields=["-priority", "-created_at", "-id"],
                condition=OPEN_CONDITION,
                name="moderation_item_open",
            ),
            # One small partial index per category: the category filter is a LIKE on the
            # delimited string, which no ordinary index serves; these keep it fast at 1M items.
            # The second set leads with the unit, for moderators who see one unit: without it
            # PostgreSQL walks the whole category in list order, skipping other units' items.
            *(
                models.Index(
                    fields=["-priority", "-created_at", "-id"],
                    condition=category_condition(category),
                    name=f"moderation_cat_{category[:14]}",
                )
                for category in CATEGORY_LABELS
            ),
            *(
                models.Index(
                    fields=["organisation", "-priority", "-created_at", "-id"],
                    condition=category_condition(category),
                    name=f"moderation_ocat_{category[:14]}",
                )
                for category in CATEGORY_LABELS
            ),
        ]

    objects = InboxItemManager()

    def __str__(self) -> str:
        return f"{self.account_name}: {self.text[:60]}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.clear_reply_if_own()
        super().save(*args, **kwargs)

    @property
    def by_own_account(self) -> bool:
        return deadlines.by_own_account(
            self.author_name, self.author_id, self.account_key, self.account_name
        )

    def clear_reply_if_own(self) -> None:
        """The page's own comments never need a reply nor carry a deadline."""
        if self.by_own_account:
            self.needs_reply = False
            self.due_at = None

    @property
    def category_list(self) -> list[str]:
        return split_categories(self.categories)

    @property
    def category_labels(self) -> list[str]:
        return [CATEGORY_LABELS.get(c, c) for c in self.category_list]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def is_overdue(self) -> bool:
        return bool(self.due_at and self.first_response_at is None and self.due_at < timezone.now())


class ItemPart(AuditedModel):
    """A record hanging off one inbox item (`item`); its audit entries belong to the item's unit."""

    item: models.ForeignKey[InboxItem, InboxItem]

    class Meta:
        abstract = True

    def audit_organisation(self) -> Any:
        return self.item.organisation


class Note(ItemPart):
    item = models.ForeignKey(InboxItem, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField("ghi chú nội bộ", max_length=4000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "ghi chú nội bộ"
        verbose_name_plural = "ghi chú nội bộ"

    def __str__(self) -> str:
        return self.text[:60]


class Decision(ItemPart):
    """A moderator's judgement: the categories they confirm (empty = clean) and the action.

    Each decision is a labelled example for retraining; `engine_categories` keeps what the engine
    said, so confirmed and corrected decisions can be told apart."""

    item = models.ForeignKey(InboxItem, on_delete=models.CASCADE, related_name="decisions")
    categories = models.CharField("nhóm vi phạm xác nhận", max_length=300, blank=True)
    engine_categories = models.CharField(max_length=300, blank=True)
    action = models.CharField("xử lý", max_length=10, choices=ActionChoice.choices)
    recommendation_only = models.BooleanField(default=False)
    comment = models.CharField("lý do", max_length=1000, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "quyết định kiểm duyệt"
        verbose_name_plural = "quyết định kiểm duyệt"

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.categories or 'không vi phạm'}"

    @property
    def corrected(self) -> bool:
        return self.categories != self.engine_categories

    @property
    def category_labels(self) -> list[str]:
        return [CATEGORY_LABELS.get(c, c) for c in split_categories(self.categories)]


class Reply(ItemPart):
    class State(models.TextChoices):
        PENDING = "pending", "Chờ phê duyệt"
        SENT = "sent", "Đã gửi"
        REJECTED = "rejected", "Bị từ chối"

    item = models.ForeignKey(InboxItem, on_delete=models.CASCADE, related_name="replies")
    text = models.TextField("nội dung trả lời", max_length=8000)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    verdict = models.CharField(max_length=10, choices=VerdictChoice.choices)
    result = models.JSONField(default=dict, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    audit_exclude = frozenset({"created_at", "result"})

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "câu trả lời"
        verbose_name_plural = "câu trả lời"

    def __str__(self) -> str:
        return self.text[:60]


class CannedAnswer(AuditedModel):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="canned_answers"
    )
    title = models.CharField("tên mẫu", max_length=200)
    text = models.TextField("nội dung", max_length=8000)

    class Meta:
        ordering = ["title"]
        verbose_name = "mẫu trả lời"
        verbose_name_plural = "mẫu trả lời"

    def __str__(self) -> str:
        return self.title


class KeywordRule(AuditedModel):
    class Kind(models.TextChoices):
        BLOCK = "block", "Chặn (vi phạm)"
        REVIEW = "review", "Cần xem xét"
        ALLOW = "allow", "Cho phép (không gắn cờ)"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="keyword_rules"
    )
    term = models.CharField("từ khoá", max_length=200)
    kind = models.CharField("loại", max_length=10, choices=Kind.choices)
    category = models.CharField(
        "nhóm", max_length=30, choices=CATEGORY_CHOICES, blank=True, default="offensive"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["term"]
        verbose_name = "quy tắc từ khoá"
        verbose_name_plural = "quy tắc từ khoá"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "term"],
                name="moderation_rule_unique_term",
                violation_error_message="Đơn vị này đã có quy tắc cho từ khoá này.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.term} ({self.get_kind_display()})"


class ScreeningModel(AuditedModel):
    """A classifier trained from decisions. Only one is `promoted` at a time; the engine uses it."""

    class State(models.TextChoices):
        CANDIDATE = "candidate", "Chờ duyệt"
        PROMOTED = "promoted", "Đang dùng"
        REJECTED = "rejected", "Đã từ chối"
        RETIRED = "retired", "Đã thay thế"

    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.CharField(max_length=100)
    path = models.CharField(max_length=500)
    state = models.CharField(max_length=10, choices=State.choices, default=State.CANDIDATE)
    data_sha256 = models.CharField(max_length=64, db_index=True)
    examples = models.PositiveIntegerField(default=0)
    metrics = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    audit_exclude = frozenset({"created_at", "metrics"})

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "mô hình sàng lọc"
        verbose_name_plural = "mô hình sàng lọc"

    def __str__(self) -> str:
        return f"Mô hình {self.version}"


class FetchSource(AuditedModel):
    """An official page/channel/OA whose comments or messages are fetched on a schedule.

    The credential itself is never stored here (nor in the audit log): `credential_env` names the
    environment variable that holds the page access token, API key or OA access token."""

    class Platform(models.TextChoices):
        FACEBOOK = "facebook", "Facebook (trang)"
        YOUTUBE = "youtube", "YouTube (video hoặc kênh)"
        ZALO = "zalo", "Zalo Official Account"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="fetch_sources", verbose_name="đơn vị"
    )
    account_name = models.CharField("tài khoản", max_length=200)
    platform = models.CharField("nền tảng", max_length=10, choices=Platform.choices)
    target = models.CharField(
        "mã trang / video / kênh / OA",
        max_length=128,
        help_text="Facebook: mã trang; YouTube: mã video, hoặc mã kênh bắt đầu bằng UC; Zalo: mã OA.",
    )
    credential_env = models.CharField(
        "biến môi trường chứa mã truy cập",
        max_length=100,
        help_text="Ví dụ UNGXU_FB_TOKEN_SO_NN; mã truy cập không lưu trong cơ sở dữ liệu.",
    )
    is_active = models.BooleanField("đang dùng", default=True)
    last_run_at = models.DateTimeField(null=True, blank=True)
    last_status = models.CharField(max_length=30, blank=True)
    last_message = models.TextField(blank=True)
    last_count = models.PositiveIntegerField(default=0)

    audit_exclude = frozenset({"last_run_at", "last_message", "last_count"})

    class Meta:
        ordering = ["account_name"]
        verbose_name = "nguồn lấy bình luận tự động"
        verbose_name_plural = "nguồn lấy bình luận tự động"

    def __str__(self) -> str:
        return f"{self.account_name} ({self.get_platform_display()})"
