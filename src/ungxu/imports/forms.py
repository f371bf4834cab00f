from __future__ import annotations

from django import forms

from ungxu.imports.readers import limits


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Tệp dữ liệu",
        help_text="Tệp .xlsx hoặc .csv (UTF-8) theo đúng mẫu; tối đa 10 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"required": "Hãy chọn tệp cần nhập.", "empty": "Tệp rỗng."},
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        max_bytes, _ = limits()
        if upload.size > max_bytes:
            raise forms.ValidationError(
                f"Tệp quá lớn ({upload.size // 1024} KB); tối đa {max_bytes // 1024} KB."
            )
        return upload
