"""Forms of the socials app. Unit and people choices are limited to what the user may manage."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model

from ungxu.core import scoping
from ungxu.imports.readers import FileRejected
from ungxu.orgs.forms import DATE_WIDGET, OrganisationChoiceField
from ungxu.orgs.models import Organisation, Person, RoleGrant
from ungxu.orgs.validators import normalise_vn_phone
from ungxu.socials.detection import candidates_from_file, parse_candidates
from ungxu.socials.models import (
    Incident,
    Notice,
    NoticeKind,
    OfficialAccount,
    TakedownStatus,
)
from ungxu.socials.services import ATTESTATION_ITEMS
from ungxu.socials_core import HandleError, normalise_handle

NEEDS_URL = (
    "Hãy dán đường dẫn đầy đủ của tài khoản (bắt đầu bằng https://) để người dân và hệ thống "
    "đối chiếu được."
)
TRI_STATE = [("", "Chưa xác nhận"), ("true", "Có"), ("false", "Không")]


def _tri_state(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=TRI_STATE,
        required=False,
        coerce=lambda v: v == "true",
        empty_value=None,
    )


class PersonChoiceField(forms.ModelChoiceField[Person]):
    def label_from_instance(self, obj: Person) -> str:
        gone = " — đã nghỉ" if obj.is_departed else ""
        return f"{obj.full_name} ({obj.code}, {obj.organisation.name}){gone}"


def _people(user: Any) -> Any:
    return (
        scoping.scope(Person.objects.all(), user, action=scoping.VIEW_SOCIALS)
        .select_related("organisation")
        .order_by("full_name")
    )


def _units(user: Any) -> Any:
    return scoping.visible_organisations(user, action=scoping.MANAGE_SOCIALS).order_by("path")


class AccountForm(forms.ModelForm[OfficialAccount]):
    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.none(), label="Đơn vị chủ quản"
    )
    responsible_person = PersonChoiceField(
        queryset=Person.objects.none(), label="Người chịu trách nhiệm", required=False
    )
    url = forms.CharField(
        label="Đường dẫn hoặc định danh",
        max_length=500,
        help_text="Dán đường dẫn trang (https://facebook.com/…), @tên hoặc mã số; hệ thống tự "
        "chuẩn hoá.",
    )
    public_contact_published = _tri_state("Đã công khai thông tin liên hệ của cơ quan")
    responsible_person_published = _tri_state("Đã công khai người chịu trách nhiệm nội dung")

    class Meta:
        model = OfficialAccount
        fields = [
            "organisation",
            "platform",
            "name",
            "url",
            "purpose",
            "responsible_person",
            "status",
            "verified_badge",
            "trust_label",
            "created_on",
            "recovery_email",
            "recovery_phone",
            "public_contact_published",
            "responsible_person_published",
        ]
        widgets = {"created_on": DATE_WIDGET, "purpose": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"name": {"required": "Vui lòng nhập tên tài khoản."}}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        org_field = self.fields["organisation"]
        assert isinstance(org_field, OrganisationChoiceField)
        org_field.queryset = _units(user)
        person_field = self.fields["responsible_person"]
        assert isinstance(person_field, PersonChoiceField)
        person_field.queryset = _people(user)

    def clean_recovery_phone(self) -> str:
        value = str(self.cleaned_data.get("recovery_phone") or "").strip()
        if not value:
            return ""
        return normalise_vn_phone(value)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        platform, raw = data.get("platform"), data.get("url")
        if platform and raw:
            try:
                address = normalise_handle(platform, raw)
            except HandleError as error:
                self.add_error("url", error.message)
            else:
                if not address.url:
                    self.add_error("url", NEEDS_URL)
                    return data
                data["url"] = address.url
                self.instance.handle = address.handle
                clash = OfficialAccount.objects.filter(platform=platform, handle=address.handle)
                if self.instance.pk:
                    clash = clash.exclude(pk=self.instance.pk)
                if clash.exists():
                    self.add_error("url", "Tài khoản này đã có trong danh sách.")
        return data


class AdminForm(forms.Form):
    person = PersonChoiceField(
        queryset=Person.objects.none(), label="Cán bộ trong danh sách nhân sự", required=False
    )
    external_name = forms.CharField(
        label="Hoặc họ tên người ngoài cơ quan", max_length=150, required=False
    )
    has_2fa = _tri_state("Đã bật xác thực hai lớp")

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, PersonChoiceField)
        field.queryset = _people(user)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person, external = data.get("person"), (data.get("external_name") or "").strip()
        if bool(person) == bool(external):
            raise forms.ValidationError(
                "Chọn một cán bộ trong danh sách hoặc nhập họ tên người ngoài cơ quan (một trong "
                "hai)."
            )
        data["external_name"] = external
        return data


class ReviewForm(forms.Form):
    confirmed = forms.MultipleChoiceField(
        label="Tôi xác nhận đã thực hiện",
        choices=list(ATTESTATION_ITEMS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(
        label="Ghi chú", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class IncidentForm(forms.ModelForm[Incident]):
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label="Đơn vị")

    class Meta:
        model = Incident
        fields = ["organisation", "account", "kind", "severity", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"title": {"required": "Vui lòng nhập tiêu đề sự cố."}}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org_field = self.fields["organisation"]
        assert isinstance(org_field, OrganisationChoiceField)
        org_field.queryset = _units(user)
        account_field = self.fields["account"]
        assert isinstance(account_field, forms.ModelChoiceField)
        account_field.queryset = scoping.scope(
            OfficialAccount.objects.all(), user, action=scoping.MANAGE_SOCIALS
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        account, org = data.get("account"), data.get("organisation")
        if account and org and not account.organisation.path.startswith(org.path):
            self.add_error("account", "Tài khoản này không thuộc đơn vị đã chọn.")
        return data


class CloseForm(forms.Form):
    lessons_learned = forms.CharField(
        label="Bài học kinh nghiệm", widget=forms.Textarea(attrs={"rows": 3})
    )


class AssignForm(forms.Form):
    assignee: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=get_user_model().objects.none(), label="Giao cho", required=False
    )

    def __init__(self, *args: Any, incident: Incident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ancestors = [incident.organisation, *incident.organisation.ancestors()]
        users = RoleGrant.objects.filter(organisation__in=ancestors).values("user")
        field = self.fields["assignee"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = get_user_model().objects.filter(pk__in=users, is_active=True)


class NoteForm(forms.Form):
    text = forms.CharField(label="Diễn biến, việc đã làm", widget=forms.Textarea(attrs={"rows": 2}))


class TakedownForm(forms.Form):
    target_url = forms.CharField(label="Tài khoản/bài cần gỡ", max_length=500)
    channel = forms.CharField(label="Kênh gửi (biểu mẫu, email…)", max_length=255, required=False)


class TakedownStatusForm(forms.Form):
    status = forms.ChoiceField(label="Trạng thái", choices=TakedownStatus.choices)


class EvidenceForm(forms.Form):
    file = forms.FileField(label="Tệp chứng cứ")
    description = forms.CharField(label="Mô tả", max_length=255, required=False)


class NoticeForm(forms.ModelForm[Notice]):
    class Meta:
        model = Notice
        fields = [
            "summary",
            "body",
            "recipients",
            "distribution",
            "place",
            "number",
            "code",
            "signer_name",
            "signer_title",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 8}),
            "recipients": forms.Textarea(attrs={"rows": 2}),
            "distribution": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.kind != NoticeKind.CONG_VAN:
            for name in ("recipients", "distribution", "place", "number", "code"):
                del self.fields[name]
            for name in ("signer_name", "signer_title"):
                del self.fields[name]


class DetectForm(forms.Form):
    candidates = forms.CharField(
        label="Danh sách tên hoặc đường dẫn cần kiểm tra",
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Mỗi dòng một tài khoản: tên, đường dẫn, hoặc «tên | đường dẫn».",
        required=False,
    )
    file = forms.FileField(
        label="Hoặc tải lên tệp CSV/XLSX",
        required=False,
        help_text="Cột «Tên» và «Đường dẫn»; không có tiêu đề đó thì lấy cột 1 là tên, cột 2 là "
        "đường dẫn.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        found = parse_candidates(data.get("candidates") or "")
        if upload is not None:
            try:
                found += candidates_from_file(upload.name, upload.read())
            except FileRejected as error:
                self.add_error("file", str(error))
                return data
        if not found:
            raise forms.ValidationError("Nhập ít nhất một tên/đường dẫn hoặc tải lên một tệp.")
        data["accounts"] = found
        return data
