from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType

from ungxu.audit.models import Action, AuditEntry
from ungxu.core import scoping
from ungxu.orgs.forms import DATE_WIDGET, OrganisationChoiceField
from ungxu.orgs.models import Organisation


class ContentTypeChoiceField(forms.ModelChoiceField[ContentType]):
    def label_from_instance(self, obj: ContentType) -> str:
        model = obj.model_class()
        return str(model._meta.verbose_name).capitalize() if model else obj.model


class AuditFilterForm(forms.Form):
    q = forms.CharField(label="Tìm trong nội dung", required=False)
    actor = forms.CharField(label="Người thực hiện (tên đăng nhập)", required=False)
    object_type = ContentTypeChoiceField(
        queryset=ContentType.objects.none(),
        label="Loại đối tượng",
        required=False,
        empty_label="Tất cả",
    )
    action = forms.ChoiceField(
        label="Hành động", required=False, choices=[("", "Tất cả"), *Action.choices]
    )
    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.none(),
        label="Đơn vị (gồm cả cấp dưới)",
        required=False,
        empty_label="Tất cả",
    )
    date_from = forms.DateField(label="Từ ngày", required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label="Đến ngày", required=False, widget=DATE_WIDGET)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        object_type = self.fields["object_type"]
        assert isinstance(object_type, forms.ModelChoiceField)
        # Offer only the types that actually occur in the log, so new apps appear by themselves.
        object_type.queryset = ContentType.objects.filter(
            pk__in=AuditEntry.objects.exclude(content_type=None).values("content_type")
        ).order_by("app_label", "model")
        organisation = self.fields["organisation"]
        assert isinstance(organisation, OrganisationChoiceField)
        organisation.queryset = scoping.visible_organisations(user, scoping.VIEW_AUDIT).order_by(
            "path"
        )
        for name in ("date_from", "date_to"):
            self.fields[name].error_messages["invalid"] = "Ngày không hợp lệ."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "“Đến ngày” phải sau hoặc bằng “Từ ngày”.")
        return data
