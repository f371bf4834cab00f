"""Official social accounts, their administrators and posture reviews; incidents with their
checklist steps, timeline, takedown requests, notices and evidence files.

Every model belongs to one organisation (directly or through its account/incident), so scoping
works exactly like the rest of the platform. Posture results are stored on the account (score,
grade, checks as JSON) and recomputed by `services.refresh_posture` whenever an input changes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from ungxu.audit.models import AuditedModel
from ungxu.socials_core.handles import PLATFORMS


class Platform(models.TextChoices):
    FACEBOOK_PAGE = "facebook_page", PLATFORMS["facebook_page"]
    FACEBOOK_GROUP = "facebook_group", PLATFORMS["facebook_group"]
    ZALO_OA = "zalo_oa", PLATFORMS["zalo_oa"]
    YOUTUBE = "youtube", PLATFORMS["youtube"]
    TIKTOK = "tiktok", PLATFORMS["tiktok"]
    WEBSITE = "website", PLATFORMS["website"]
    OTHER = "other", PLATFORMS["other"]


class AccountStatus(models.TextChoices):
    ACTIVE = "active", "Đang hoạt động"
    SUSPENDED = "suspended", "Tạm dừng"
    COMPROMISED = "compromised", "Bị chiếm quyền"
    CLOSED = "closed", "Đã đóng"


class TrustLabel(models.TextChoices):
    """The tinnhiemmang.vn trust label of the account."""

    NONE = "none", "Chưa đăng ký"
    APPLIED = "applied", "Đã đăng ký, chờ cấp"
    GRANTED = "granted", "Đã được gắn nhãn"


class OfficialAccount(AuditedModel):
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="đơn vị chủ quản",
        on_delete=models.PROTECT,
        related_name="social_accounts",
    )
    platform = models.CharField("nền tảng", max_length=20, choices=Platform.choices)
    name = models.CharField("tên tài khoản", max_length=255)
    url = models.URLField("đường dẫn", max_length=500)
    handle = models.CharField("định danh", max_length=255)
    purpose = models.TextField("mục đích sử dụng", blank=True)
    responsible_person = models.ForeignKey(
        "orgs.Person",
        verbose_name="người chịu trách nhiệm",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_for_accounts",
    )
    verified_badge = models.BooleanField("có dấu xác minh của nền tảng", default=False)
    trust_label = models.CharField(
        "nhãn tín nhiệm (tinnhiemmang.vn)",
        max_length=10,
        choices=TrustLabel.choices,
        default=TrustLabel.NONE,
    )
    created_on = models.DateField("ngày lập tài khoản", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=12, choices=AccountStatus.choices, default=AccountStatus.ACTIVE
    )
    recovery_email = models.CharField("email khôi phục", max_length=254, blank=True)
    recovery_phone = models.CharField("số điện thoại khôi phục", max_length=20, blank=True)
    last_password_review = models.DateField("ngày rà soát mật khẩu", null=True, blank=True)
    last_admin_review = models.DateField("ngày rà soát quản trị viên", null=True, blank=True)
    connected_apps_reviewed = models.DateField(
        "ngày rà soát ứng dụng kết nối", null=True, blank=True
    )
    public_contact_published = models.BooleanField(
        "đã công khai thông tin liên hệ", null=True, blank=True
    )
    responsible_person_published = models.BooleanField(
        "đã công khai người chịu trách nhiệm", null=True, blank=True
    )
    posture_score = models.PositiveSmallIntegerField("điểm an toàn", null=True, blank=True)
    posture_grade = models.CharField("xếp loại an toàn", max_length=1, blank=True)
    posture_checks = models.JSONField(default=list, blank=True)
    posture_at = models.DateTimeField("thời điểm đánh giá", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # The stored posture is derived data; its recomputation is logged as one readable entry.
    audit_exclude = frozenset({"created_at", "updated_at", "posture_checks", "posture_at"})

    class Meta:
        verbose_name = "tài khoản chính thức"
        verbose_name_plural = "tài khoản chính thức"
        ordering = ["organisation__path", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "handle"], name="socials_account_unique_handle"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_platform_display()})"

    @property
    def failed_checks(self) -> list[dict[str, Any]]:
        return [c for c in self.posture_checks or [] if c.get("status") == "fail"]

    @property
    def has_departed_admin(self) -> bool:
        return any(c.get("id") == "admins_current_staff" for c in self.failed_checks)


class AccountAdmin(AuditedModel):
    """Someone holding admin rights on an account: a person of our registry, or an external
    named person (contractor, press office) flagged as such by having no registry link."""

    account = models.ForeignKey(
        OfficialAccount, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="admins"
    )
    person = models.ForeignKey(
        "orgs.Person",
        verbose_name="nhân sự",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="social_admin_roles",
    )
    external_name = models.CharField("họ tên người ngoài cơ quan", max_length=150, blank=True)
    has_2fa = models.BooleanField("đã bật xác thực hai lớp", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "quản trị viên tài khoản"
        verbose_name_plural = "quản trị viên tài khoản"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.person.full_name if self.person_id and self.person else self.external_name

    @property
    def is_external(self) -> bool:
        return self.person_id is None

    def audit_organisation(self) -> Any:
        return self.account.organisation


class ReviewStatus(models.TextChoices):
    OPEN = "open", "Chưa thực hiện"
    DONE = "done", "Đã rà soát"


class PostureReview(AuditedModel):
    """A periodic security review of one account: assigned, reminded, then attested."""

    account = models.ForeignKey(
        OfficialAccount, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="reviews"
    )
    assignee = models.ForeignKey(
        "orgs.Person",
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="social_reviews",
    )
    due_on = models.DateField("hạn rà soát")
    status = models.CharField(
        "trạng thái", max_length=8, choices=ReviewStatus.choices, default=ReviewStatus.OPEN
    )
    reminded_at = models.DateTimeField("lần nhắc gần nhất", null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField("số lần nhắc", default=0)
    attested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người xác nhận",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    attested_at = models.DateTimeField("thời điểm xác nhận", null=True, blank=True)
    # What the attester confirmed, item by item, so the record says who attested what.
    attestations = models.JSONField("nội dung xác nhận", default=dict, blank=True)
    note = models.TextField("ghi chú", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "phiên rà soát an toàn"
        verbose_name_plural = "phiên rà soát an toàn"
        ordering = ["-due_on", "-id"]

    def __str__(self) -> str:
        return f"Rà soát {self.account.name} hạn {self.due_on:%d/%m/%Y}"

    def audit_organisation(self) -> Any:
        return self.account.organisation

    @property
    def is_overdue(self) -> bool:
        return self.status == ReviewStatus.OPEN and self.due_on < timezone.localdate()


class IncidentKind(models.TextChoices):
    HIJACK = "hijack", "Mất quyền kiểm soát, bị chiếm tài khoản"
    IMPERSONATION = "impersonation", "Giả mạo tài khoản"
    UNAUTHORISED_POST = "unauthorised_post", "Đăng tin trái phép"
    DATA_LEAK = "data_leak", "Lộ lọt dữ liệu"
    PHISHING = "phishing", "Lừa đảo, tấn công giả mạo nhắm vào trang"


class Severity(models.TextChoices):
    LOW = "low", "Thấp"
    MEDIUM = "medium", "Trung bình"
    HIGH = "high", "Cao"
    CRITICAL = "critical", "Nghiêm trọng"


class IncidentStatus(models.TextChoices):
    OPEN = "open", "Đang xử lý"
    CLOSED = "closed", "Đã đóng"


class Incident(AuditedModel):
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name="đơn vị",
        on_delete=models.PROTECT,
        related_name="social_incidents",
    )
    account = models.ForeignKey(
        OfficialAccount,
        verbose_name="tài khoản chính thức liên quan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="incidents",
    )
    kind = models.CharField("loại sự cố", max_length=20, choices=IncidentKind.choices)
    severity = models.CharField(
        "mức độ", max_length=10, choices=Severity.choices, default=Severity.MEDIUM
    )
    title = models.CharField("tiêu đề", max_length=255)
    description = models.TextField("mô tả", blank=True)
    impostor_name = models.CharField("tên tài khoản giả mạo", max_length=255, blank=True)
    impostor_url = models.CharField("đường dẫn tài khoản giả mạo", max_length=500, blank=True)
    similarity = models.FloatField("độ giống", null=True, blank=True)
    status = models.CharField(
        "trạng thái", max_length=8, choices=IncidentStatus.choices, default=IncidentStatus.OPEN
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người được giao",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_social_incidents",
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người báo cáo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField("thời điểm ghi nhận", default=timezone.now)
    closed_at = models.DateTimeField("thời điểm đóng", null=True, blank=True)
    lessons_learned = models.TextField("bài học kinh nghiệm", blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "sự cố"
        verbose_name_plural = "sự cố"
        ordering = ["-opened_at", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == IncidentStatus.OPEN


class IncidentStep(AuditedModel):
    """One checklist step of an incident, with its own deadline."""

    incident = models.ForeignKey(
        Incident, verbose_name="sự cố", on_delete=models.CASCADE, related_name="steps"
    )
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    title = models.CharField("việc cần làm", max_length=255)
    due_at = models.DateTimeField("hạn hoàn thành", null=True, blank=True)
    done_at = models.DateTimeField("thời điểm hoàn thành", null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người hoàn thành",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminded_at = models.DateTimeField("lần nhắc quá hạn", null=True, blank=True)

    audit_exclude = frozenset({"reminded_at"})

    class Meta:
        verbose_name = "bước xử lý"
        verbose_name_plural = "bước xử lý"
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title

    def audit_organisation(self) -> Any:
        return self.incident.organisation

    @property
    def is_overdue(self) -> bool:
        return self.done_at is None and self.due_at is not None and self.due_at < timezone.now()


class TimelineEntry(AuditedModel):
    incident = models.ForeignKey(
        Incident, verbose_name="sự cố", on_delete=models.CASCADE, related_name="timeline"
    )
    at = models.DateTimeField("thời điểm", default=timezone.now)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField("nội dung")

    class Meta:
        verbose_name = "diễn biến"
        verbose_name_plural = "diễn biến"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    def audit_organisation(self) -> Any:
        return self.incident.organisation


class TakedownStatus(models.TextChoices):
    REQUESTED = "requested", "Đã gửi yêu cầu"
    ACKNOWLEDGED = "acknowledged", "Nền tảng đã tiếp nhận"
    REMOVED = "removed", "Đã gỡ bỏ"
    REFUSED = "refused", "Nền tảng từ chối"


class TakedownRequest(AuditedModel):
    incident = models.ForeignKey(
        Incident, verbose_name="sự cố", on_delete=models.CASCADE, related_name="takedowns"
    )
    target_url = models.CharField("tài khoản/bài cần gỡ", max_length=500)
    channel = models.CharField("kênh gửi yêu cầu", max_length=255, blank=True)
    status = models.CharField(
        "trạng thái",
        max_length=12,
        choices=TakedownStatus.choices,
        default=TakedownStatus.REQUESTED,
    )
    requested_at = models.DateTimeField("thời điểm gửi", default=timezone.now)
    acknowledged_at = models.DateTimeField("thời điểm tiếp nhận", null=True, blank=True)
    resolved_at = models.DateTimeField("thời điểm có kết quả", null=True, blank=True)

    class Meta:
        verbose_name = "yêu cầu gỡ bỏ"
        verbose_name_plural = "yêu cầu gỡ bỏ"
        ordering = ["requested_at", "id"]

    def __str__(self) -> str:
        return f"Yêu cầu gỡ {self.target_url}"

    def audit_organisation(self) -> Any:
        return self.incident.organisation

    @property
    def time_to_takedown(self) -> dt.timedelta | None:
        if self.status == TakedownStatus.REMOVED and self.resolved_at is not None:
            return self.resolved_at - self.requested_at
        return None

    @property
    def time_to_takedown_label(self) -> str:
        from ungxu.socials.incidents import format_duration

        delta = self.time_to_takedown
        return format_duration(delta) if delta is not None else ""


class NoticeKind(models.TextChoices):
    CONG_VAN = "cong_van", "Công văn gửi cơ quan chức năng"
    PLATFORM_REPORT = "platform_report", "Báo cáo gửi nền tảng"
    PUBLIC_POST = "public_post", "Bài cảnh báo công khai"


class Notice(AuditedModel):
    """A document drafted from an incident and edited before use (one per kind)."""

    incident = models.ForeignKey(
        Incident, verbose_name="sự cố", on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField("loại văn bản", max_length=20, choices=NoticeKind.choices)
    summary = models.CharField("trích yếu", max_length=255, blank=True)
    body = models.TextField("nội dung")
    recipients = models.TextField("kính gửi (mỗi dòng một nơi)", blank=True)
    distribution = models.TextField("nơi nhận (mỗi dòng một nơi)", blank=True)
    place = models.CharField("địa danh", max_length=100, blank=True)
    number = models.PositiveIntegerField("số văn bản", null=True, blank=True)
    code = models.CharField("ký hiệu", max_length=40, blank=True)
    signer_name = models.CharField("người ký", max_length=150, blank=True)
    signer_title = models.CharField("chức vụ người ký", max_length=150, blank=True)
    screening = models.JSONField("kết quả sàng lọc", default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    audit_exclude = frozenset({"updated_at", "screening"})

    class Meta:
        verbose_name = "văn bản sự cố"
        verbose_name_plural = "văn bản sự cố"
        constraints = [
            models.UniqueConstraint(fields=["incident", "kind"], name="socials_notice_one_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.incident.title}"

    def audit_organisation(self) -> Any:
        return self.incident.organisation


class Evidence(AuditedModel):
    incident = models.ForeignKey(
        Incident, verbose_name="sự cố", on_delete=models.CASCADE, related_name="evidence"
    )
    original_name = models.CharField("tên tệp", max_length=255)
    description = models.CharField("mô tả", max_length=255, blank=True)
    content_type = models.CharField("loại tệp", max_length=100)
    size = models.PositiveBigIntegerField("dung lượng (byte)")
    sha256 = models.CharField("mã băm SHA-256", max_length=64, db_index=True)
    stored_name = models.CharField(max_length=255, editable=False)
    uploaded_at = models.DateTimeField("thời điểm tải lên", auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tải lên",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    audit_exclude = frozenset({"uploaded_at", "stored_name"})

    class Meta:
        verbose_name = "tệp chứng cứ"
        verbose_name_plural = "tệp chứng cứ"
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name

    def audit_organisation(self) -> Any:
        return self.incident.organisation
