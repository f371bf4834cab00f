"""Forms for organisations and people. Choices of units are limited to what the user may manage."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone

from ungxu.core import scoping
from ungxu.orgs.models import EmploymentCategory, Organisation, Person, Role
from ungxu.orgs.validators import normalise_vn_phone

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganisationChoiceField(forms.ModelChoiceField[Organisation]):
    """Shows each unit indented by its depth, so the tree reads in a plain <select>."""

    def label_from_instance(self, obj: Organisation) -> str:
        return f"{'— ' * obj.depth}{obj.name} ({obj.code})"


def _manageable(user: Any, action: str) -> Any:
    return scoping.visible_organisations(user, action=action).order_by("path")


class OrganisationForm(forms.ModelForm[Organisation]):
    parent = OrganisationChoiceField(
        queryset=Organisation.objects.none(), label="Đơn vị cấp trên", required=False
    )

    class Meta:
        model = Organisation
        fields = ["name", "code", "kind", "parent", "is_active"]
        error_messages = {
            "code": {"unique": "Mã đơn vị này đã được dùng cho một đơn vị khác."},
            "name": {"required": "Vui lòng nhập tên đơn vị."},
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            # Moving has its own page (it rewrites a subtree and is logged as a move).
            del self.fields["parent"]
        else:
            parent = self.fields["parent"]
            assert isinstance(parent, OrganisationChoiceField)
            parent.queryset = _manageable(user, scoping.MANAGE_ORGS)
            parent.required = not scoping.is_superadmin(user)
            parent.error_messages["required"] = "Vui lòng chọn đơn vị cấp trên."

    def clean_code(self) -> str:
        return str(self.cleaned_data.get("code") or "").strip().upper()

    def clean_name(self) -> str:
        return " ".join(str(self.cleaned_data.get("name") or "").split())


class MoveForm(forms.Form):
    parent = OrganisationChoiceField(
        queryset=Organisation.objects.none(),
        label="Chuyển vào đơn vị cấp trên",
        required=False,
        empty_label="(Không có — thành đơn vị gốc)",
    )

    def __init__(self, *args: Any, user: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        field = self.fields["parent"]
        assert isinstance(field, OrganisationChoiceField)
        field.queryset = _manageable(user, scoping.MANAGE_ORGS).exclude(
            path__startswith=organisation.path
        )
        field.initial = organisation.parent_id
        field.required = not scoping.is_superadmin(user)
        field.error_messages["required"] = "Vui lòng chọn đơn vị cấp trên mới."


class PersonForm(forms.ModelForm[Person]):
    organisation = OrganisationChoiceField(queryset=Organisation.objects.none(), label="Đơn vị")

    class Meta:
        model = Person
        fields = [
            "code",
            "full_name",
            "position",
            "organisation",
            "employment_category",
            "email",
            "phone",
            "joined_on",
        ]
        widgets = {"joined_on": DATE_WIDGET}
        error_messages = {
            "code": {"unique": "Mã nhân sự này đã được dùng cho một người khác."},
            "full_name": {"required": "Vui lòng nhập họ và tên."},
            "email": {"invalid": "Địa chỉ thư điện tử không hợp lệ, ví dụ đúng: ten@so.gov.vn."},
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.fields["organisation"]
        assert isinstance(organisation, OrganisationChoiceField)
        organisation.queryset = _manageable(user, scoping.MANAGE_PEOPLE)
        organisation.error_messages["required"] = "Vui lòng chọn đơn vị."
        organisation.error_messages["invalid_choice"] = (
            "Đơn vị đã chọn không có trong phạm vi bạn được quản lý."
        )
        self.fields["phone"].help_text = "Ví dụ: 0912 345 678 hoặc 0236 3821 234."

    def clean_code(self) -> str:
        return str(self.cleaned_data.get("code") or "").strip().upper()

    def clean_full_name(self) -> str:
        return " ".join(str(self.cleaned_data.get("full_name") or "").split())

    def clean_email(self) -> str:
        return str(self.cleaned_data.get("email") or "").strip().lower()

    def clean_phone(self) -> str:
        return normalise_vn_phone(str(self.cleaned_data.get("phone") or ""))


class DepartForm(forms.Form):
    left_on = forms.DateField(label="Ngày nghỉ việc", widget=DATE_WIDGET)

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        self.fields["left_on"].initial = timezone.localdate()
        self.fields["left_on"].error_messages["required"] = "Vui lòng nhập ngày nghỉ việc."
        self.fields["left_on"].error_messages["invalid"] = "Ngày không hợp lệ."

    def clean_left_on(self) -> dt.date:
        left_on: dt.date = self.cleaned_data["left_on"]
        if self.person.joined_on and left_on < self.person.joined_on:
            raise forms.ValidationError("Ngày nghỉ việc không thể trước ngày vào làm.")
        return left_on


STATUS_CHOICES = [("", "Tất cả"), ("active", "Đang làm việc"), ("departed", "Đã nghỉ")]


class PersonFilterForm(forms.Form):
    q = forms.CharField(label="Tìm theo tên, thư điện tử, mã", required=False)
    org = OrganisationChoiceField(
        queryset=Organisation.objects.none(),
        label="Đơn vị (gồm cả cấp dưới)",
        required=False,
        empty_label="Tất cả đơn vị",
    )
    category = forms.ChoiceField(
        label="Đối tượng",
        required=False,
        choices=[("", "Tất cả"), *EmploymentCategory.choices],
    )
    status = forms.ChoiceField(label="Trạng thái", required=False, choices=STATUS_CHOICES)
    role = forms.ChoiceField(
        label="Vai trò", required=False, choices=[("", "Tất cả"), *Role.choices]
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["org"]
        assert isinstance(field, OrganisationChoiceField)
        field.queryset = scoping.visible_organisations(user).order_by("path")
