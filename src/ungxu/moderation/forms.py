"""Forms of the moderation app; unit choices are limited to where the user may moderate."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone

from ungxu.core import scoping
from ungxu.orgs.forms import OrganisationChoiceField
from ungxu.orgs.models import Organisation, RoleGrant

from .ingest import FORMATS
from .models import (
    CATEGORY_CHOICES,
    OPEN_CONDITION,
    ActionChoice,
    CannedAnswer,
    InboxItem,
    KeywordRule,
    Status,
    VerdictChoice,
    category_condition,
)

MAX_UPLOAD = 50 * 1024 * 1024
MAX_DRAFT = 20_000
AGE_CHOICES = [
    ("", "Mọi thời điểm"),
    ("1", "24 giờ qua"),
    ("7", "7 ngày qua"),
    ("30", "30 ngày qua"),
    ("old", "Cũ hơn 7 ngày"),
]


def moderated_orgs(user: Any) -> QuerySet[Organisation]:
    return scoping.visible_organisations(user, action=scoping.MODERATE).order_by("path")


def moderators_for(user: Any) -> QuerySet[Any]:
    """People who may be assigned: holders of a moderating role inside the user's scope."""
    paths = scoping.allowed_paths(user, scoping.MODERATE)
    roles = [r for r, actions in scoping.CAPABILITIES.items() if scoping.MODERATE in actions]
    grants = RoleGrant.objects.filter(role__in=roles)
    if paths is not None:
        query = Q(pk__in=[])
        for path in paths:
            query |= Q(organisation__path__startswith=path)
        grants = grants.filter(query)
    users = get_user_model().objects.filter(is_active=True, role_grants__in=grants)
    return users.distinct().order_by("username")


class CheckForm(forms.Form):
    text = forms.CharField(
        label="Nội dung cần kiểm tra",
        max_length=MAX_DRAFT,
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "Dán hoặc gõ nội dung bài viết…"}),
        error_messages={"max_length": f"Nội dung dài quá {MAX_DRAFT} ký tự."},
    )


class UploadForm(forms.Form):
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label="Đơn vị")
    account_name = forms.CharField(
        label="Tài khoản (trang, kênh)",
        max_length=200,
        help_text="Tên trang hoặc kênh chính thức nhận các bình luận này.",
    )
    fmt = forms.ChoiceField(label="Định dạng", choices=list(FORMATS.items()), initial="auto")
    file = forms.FileField(
        label="Tệp",
        help_text="CSV, JSONL, hoặc JSON xuất từ Facebook Graph API, YouTube Data API, Zalo OA.",
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, OrganisationChoiceField)
        field.queryset = moderated_orgs(user)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Tệp lớn hơn 50 MB; hãy chia nhỏ tệp.")
        return upload


class InboxFilterForm(forms.Form):
    q = forms.CharField(label="Tìm nội dung", required=False, max_length=200)
    account = forms.ChoiceField(label="Tài khoản", required=False)
    verdict = forms.ChoiceField(
        label="Kết luận", required=False, choices=[("", "Tất cả"), *VerdictChoice.choices]
    )
    category = forms.ChoiceField(
        label="Nhóm vi phạm", required=False, choices=[("", "Tất cả"), *CATEGORY_CHOICES]
    )
    status = forms.ChoiceField(
        label="Trạng thái",
        required=False,
        choices=[("", "Tất cả"), ("open", "Chưa xong (mới, đang xử lý)"), *Status.choices],
    )
    assignee = forms.ChoiceField(label="Người xử lý", required=False)
    age = forms.ChoiceField(label="Thời gian", required=False, choices=AGE_CHOICES)
    due = forms.ChoiceField(
        label="Hạn trả lời",
        required=False,
        choices=[("", "Tất cả"), ("needs", "Cần trả lời"), ("overdue", "Quá hạn")],
    )

    def __init__(
        self,
        *args: Any,
        user: Any,
        accounts: list[str],
        moderators: list[Any] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        account = self.fields["account"]
        assert isinstance(account, forms.ChoiceField)
        account.choices = [("", "Tất cả"), *((a, a) for a in accounts)]
        assignee = self.fields["assignee"]
        assert isinstance(assignee, forms.ChoiceField)
        assignee.choices = [
            ("", "Tất cả"),
            ("me", "Của tôi"),
            ("none", "Chưa giao"),
            *(
                (str(u.pk), u.get_username())
                for u in (moderators_for(user) if moderators is None else moderators)
            ),
        ]

    def filter(self, queryset: QuerySet[InboxItem]) -> QuerySet[InboxItem]:
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.filter(text__icontains=data["q"])
        if data["account"]:
            queryset = queryset.filter(account_name=data["account"])
        if data["verdict"]:
            queryset = queryset.filter(verdict=data["verdict"])
        if data["category"]:
            queryset = queryset.filter(category_condition(data["category"]))
        if data["status"] == "open":
            queryset = queryset.filter(OPEN_CONDITION)
        elif data["status"]:
            queryset = queryset.filter(status=data["status"])
        if data["assignee"] == "me":
            queryset = queryset.filter(assignee=self.user_pk)
        elif data["assignee"] == "none":
            queryset = queryset.filter(assignee__isnull=True)
        elif data["assignee"]:
            queryset = queryset.filter(assignee_id=int(data["assignee"]))
        now = timezone.now()
        if data["age"] == "old":
            queryset = queryset.filter(created_at__lt=now - dt.timedelta(days=7))
        elif data["age"]:
            queryset = queryset.filter(created_at__gte=now - dt.timedelta(days=int(data["age"])))
        if data["due"] == "needs":
            queryset = queryset.filter(needs_reply=True, first_response_at__isnull=True)
        elif data["due"] == "overdue":
            queryset = queryset.filter(first_response_at__isnull=True, due_at__lt=now)
        return queryset

    user_pk: int | None = None


class DecisionForm(forms.Form):
    categories = forms.MultipleChoiceField(
        label="Nhóm vi phạm (bỏ trống nếu không vi phạm)",
        choices=CATEGORY_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    action = forms.ChoiceField(label="Xử lý", choices=ActionChoice.choices)
    comment = forms.CharField(label="Lý do", required=False, max_length=1000)


class ReplyForm(forms.Form):
    canned = forms.ModelChoiceField(
        label="Mẫu trả lời", queryset=CannedAnswer.objects.none(), required=False
    )
    text = forms.CharField(
        label="Nội dung trả lời",
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    needs_approval = forms.BooleanField(label="Trình thủ trưởng đơn vị duyệt", required=False)

    def __init__(self, *args: Any, item: InboxItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        paths = [a.path for a in item.organisation.ancestors()] + [item.organisation.path]
        canned = self.fields["canned"]
        assert isinstance(canned, forms.ModelChoiceField)
        canned.queryset = CannedAnswer.objects.filter(organisation__path__in=paths)

    def reply_text(self) -> str:
        text = str(self.cleaned_data.get("text") or "").strip()
        canned = self.cleaned_data.get("canned")
        if not text and canned is not None:
            text = canned.text
        return text


class NoteForm(forms.Form):
    text = forms.CharField(
        label="Ghi chú nội bộ", max_length=4000, widget=forms.Textarea(attrs={"rows": 2})
    )


class RuleForm(forms.ModelForm[KeywordRule]):
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label="Đơn vị")

    class Meta:
        model = KeywordRule
        fields = ["organisation", "term", "kind", "category"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, OrganisationChoiceField)
        field.queryset = moderated_orgs(user)

    def clean_term(self) -> str:
        term = " ".join(str(self.cleaned_data.get("term") or "").split())
        if len(term) < 2:
            raise forms.ValidationError("Từ khoá phải có ít nhất 2 ký tự.")
        return term


class CannedForm(forms.ModelForm[CannedAnswer]):
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label="Đơn vị")

    class Meta:
        model = CannedAnswer
        fields = ["organisation", "title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, OrganisationChoiceField)
        field.queryset = moderated_orgs(user)
