"""Forms of the campaigns app; every choice of unit is limited to what the user may manage."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone

from ungxu.campaigns.documents import code_document
from ungxu.campaigns.models import (
    Campaign,
    Document,
    DocumentKind,
    InPersonSession,
    OutreachRecord,
)
from ungxu.campaigns.question_bank import active_count
from ungxu.core import scoping
from ungxu.orgs.forms import DATE_WIDGET, OrganisationChoiceField
from ungxu.orgs.models import EmploymentCategory, Organisation, Person, Role


class OrganisationMultipleField(forms.ModelMultipleChoiceField[Organisation]):
    def label_from_instance(self, obj: Organisation) -> str:
        return f"{'— ' * obj.depth}{obj.name} ({obj.code})"


def manageable(user: Any) -> Any:
    return scoping.visible_organisations(user, scoping.MANAGE_CAMPAIGNS).order_by("path")


def usable_documents(user: Any) -> QuerySet[Document]:
    """Shared documents (the Code), those of units the user may see, and those of the units
    above them (a department's internal rules bind its units too)."""
    paths = scoping.visible_organisations(user).values_list("path", flat=True)
    ids = {int(segment) for path in paths for segment in path.split(".") if segment}
    return Document.objects.filter(Q(organisation__isnull=True) | Q(organisation__in=ids)).order_by(
        "kind", "title"
    )


class CampaignForm(forms.ModelForm[Campaign]):
    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.none(), label="Đơn vị phát động"
    )
    documents = forms.ModelMultipleChoiceField(
        queryset=Document.objects.none(),
        label="Tài liệu phải đọc",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Chọn ít nhất một tài liệu."},
    )
    audience_orgs = OrganisationMultipleField(
        queryset=Organisation.objects.none(),
        label="Đơn vị áp dụng (gồm cả đơn vị cấp dưới)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    audience_categories = forms.MultipleChoiceField(
        label="Chỉ áp dụng cho đối tượng",
        choices=EmploymentCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Để trống: mọi đối tượng.",
    )
    audience_roles = forms.MultipleChoiceField(
        label="Chỉ áp dụng cho người có vai trò",
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Để trống: không lọc theo vai trò.",
    )
    people_codes = forms.CharField(
        label="Thêm người cụ thể (mã nhân sự)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Mã nhân sự cách nhau bởi dấu phẩy, khoảng trắng hoặc xuống dòng.",
    )
    reminder_days_text = forms.CharField(
        label="Nhắc trước hạn (số ngày)",
        required=False,
        initial="7, 3, 1",
        help_text="Ví dụ: 7, 3, 1 — gửi thư nhắc người chưa hoàn thành và tổng hợp cho thủ trưởng.",
    )

    field_order = [
        "title",
        "description",
        "organisation",
        "documents",
        "audience_orgs",
        "audience_categories",
        "audience_roles",
        "people_codes",
        "starts_on",
        "deadline",
        "quiz_questions",
        "pass_percent",
        "max_attempts",
        "reminder_days_text",
    ]

    class Meta:
        model = Campaign
        fields = [
            "title",
            "description",
            "organisation",
            "documents",
            "audience_orgs",
            "audience_categories",
            "audience_roles",
            "starts_on",
            "deadline",
            "quiz_questions",
            "pass_percent",
            "max_attempts",
        ]
        widgets = {
            "starts_on": DATE_WIDGET,
            "deadline": DATE_WIDGET,
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"title": {"required": "Vui lòng nhập tên đợt phổ biến."}}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        for name in ("organisation", "audience_orgs"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField | forms.ModelMultipleChoiceField)
            field.queryset = manageable(user)
        code_document()  # the Code is always offered, even before anyone opened the documents
        documents = self.fields["documents"]
        assert isinstance(documents, forms.ModelMultipleChoiceField)
        documents.queryset = usable_documents(user)
        self.fields["quiz_questions"].help_text = (
            f"Mỗi người bốc ngẫu nhiên từ {active_count()} câu đang dùng trong ngân hàng câu hỏi; "
            "0: không có bài kiểm tra."
        )
        if not self.instance.pk:
            self.initial.setdefault("starts_on", timezone.localdate())
        if self.instance.pk:
            self.initial["people_codes"] = ", ".join(
                self.instance.audience_people.values_list("code", flat=True)
            )
            self.initial["reminder_days_text"] = ", ".join(
                str(d) for d in self.instance.reminder_days
            )

    def clean_quiz_questions(self) -> int:
        value = int(self.cleaned_data.get("quiz_questions") or 0)
        available = active_count()
        if value > available:
            raise forms.ValidationError(f"Ngân hàng chỉ có {available} câu hỏi đang dùng.")
        return value

    def clean_pass_percent(self) -> int:
        value = int(self.cleaned_data.get("pass_percent") or 0)
        if not 0 < value <= 100:
            raise forms.ValidationError("Điểm đạt phải từ 1 đến 100 (%).")
        return value

    def clean_people_codes(self) -> list[Person]:
        codes = [
            c.upper() for c in re.split(r"[\s,;]+", self.cleaned_data.get("people_codes", "")) if c
        ]
        if not codes:
            return []
        people = {
            p.code: p for p in scoping.scope(Person.objects.filter(code__in=codes), self.user)
        }
        missing = [code for code in codes if code not in people]
        if missing:
            raise forms.ValidationError(
                "Không tìm thấy nhân sự mã: "
                + ", ".join(missing)
                + " (hoặc ngoài phạm vi của bạn)."
            )
        return list(people.values())

    def clean_reminder_days_text(self) -> list[int]:
        text = self.cleaned_data.get("reminder_days_text", "")
        days = []
        for part in re.split(r"[\s,;]+", text):
            if not part:
                continue
            if not part.isdigit() or not 0 <= int(part) <= 365:
                raise forms.ValidationError(f"“{part}” không phải số ngày hợp lệ (0–365).")
            days.append(int(part))
        return sorted(set(days), reverse=True)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, deadline = data.get("starts_on"), data.get("deadline")
        if starts and deadline and deadline < starts:
            self.add_error("deadline", "Hạn hoàn thành phải sau ngày bắt đầu.")
        if not data.get("audience_orgs") and not data.get("people_codes"):
            self.add_error("audience_orgs", "Chọn ít nhất một đơn vị hoặc nhập mã nhân sự.")
        return data

    def save(self, commit: bool = True) -> Campaign:
        campaign = super().save(commit=False)
        campaign.reminder_days = self.cleaned_data["reminder_days_text"]
        campaign.save()
        self.save_m2m()
        campaign.audience_people.set(self.cleaned_data["people_codes"])
        return campaign


class DocumentForm(forms.Form):
    title = forms.CharField(label="Tên tài liệu", max_length=255)
    kind = forms.ChoiceField(
        label="Loại",
        choices=[c for c in DocumentKind.choices if c[0] != DocumentKind.CODE],
    )
    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.none(), label="Đơn vị ban hành"
    )
    body = forms.CharField(
        label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 10})
    )
    upload = forms.FileField(label="Hoặc tải lên tệp PDF/DOCX", required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, OrganisationChoiceField)
        field.queryset = manageable(user)


class VersionForm(forms.Form):
    note = forms.CharField(label="Nội dung thay đổi", max_length=255)
    body = forms.CharField(
        label="Nội dung", required=False, widget=forms.Textarea(attrs={"rows": 10})
    )
    upload = forms.FileField(label="Hoặc tải lên tệp PDF/DOCX", required=False)


class SessionForm(forms.ModelForm[InPersonSession]):
    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.none(), label="Đơn vị tổ chức"
    )

    class Meta:
        model = InPersonSession
        fields = ["kind", "title", "held_on", "place", "organisation"]
        widgets = {"held_on": DATE_WIDGET}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, OrganisationChoiceField)
        field.queryset = manageable(user)


class OutreachForm(forms.ModelForm[OutreachRecord]):
    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.none(), label="Đơn vị thực hiện"
    )

    class Meta:
        model = OutreachRecord
        fields = [
            "kind",
            "held_on",
            "place",
            "organisation",
            "audience",
            "children",
            "ethnic_minorities",
            "disabilities",
            "poor",
            "notes",
        ]
        widgets = {"held_on": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, OrganisationChoiceField)
        field.queryset = manageable(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        audience = int(data.get("audience") or 0)
        # One person may belong to several groups, so each group alone must fit the audience.
        for name in ("children", "ethnic_minorities", "disabilities", "poor"):
            if int(data.get(name) or 0) > audience:
                self.add_error(name, "Không thể lớn hơn tổng số người được tiếp cận.")
        return data


class AttendanceForm(forms.Form):
    sheet = forms.FileField(
        label="Danh sách tham dự (CSV hoặc XLSX)",
        help_text="Cột bắt buộc: «Mã nhân sự». Mỗi dòng một người.",
    )
