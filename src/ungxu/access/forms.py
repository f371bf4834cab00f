"""Sign-in and account forms, with every message in Vietnamese."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import get_user_model
from django.db.models import Q

PASSWORD_HELP = (
    "Ít nhất 8 ký tự, không quá giống tên đăng nhập, không phải mật khẩu phổ biến "
    "và không chỉ gồm chữ số."
)
GENERIC_LOGIN_ERROR = (
    "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
)


class LoginForm(auth_forms.AuthenticationForm):
    error_messages = {
        "invalid_login": GENERIC_LOGIN_ERROR,
        # Departed staff get the same answer as a wrong password: the page must not tell a
        # stranger which usernames exist.
        "inactive": GENERIC_LOGIN_ERROR,
    }

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["username"].error_messages["required"] = "Vui lòng nhập tên đăng nhập."
        self.fields["password"].label = "Mật khẩu"
        self.fields["password"].error_messages["required"] = "Vui lòng nhập mật khẩu."

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        # A leaving date in the past closes the account even if nobody has deactivated the
        # login yet (the date may have been entered ahead of time).
        person = getattr(user, "person", None)
        if person is not None and person.is_departed:
            raise forms.ValidationError(GENERIC_LOGIN_ERROR, code="inactive")


def _label_new_password(form: forms.Form) -> None:
    """Vietnamese labels and messages for Django's two new-password fields (change and reset)."""
    form.fields["new_password1"].label = "Mật khẩu mới"
    form.fields["new_password2"].label = "Nhập lại mật khẩu mới"
    form.fields["new_password1"].help_text = PASSWORD_HELP
    form.fields["new_password2"].help_text = ""
    for field in form.fields.values():
        field.error_messages["required"] = "Vui lòng nhập trường này."


class PasswordChangeForm(auth_forms.PasswordChangeForm):
    error_messages = {
        "password_incorrect": "Mật khẩu hiện tại không đúng. Vui lòng nhập lại.",
        "password_mismatch": "Hai lần nhập mật khẩu mới không khớp nhau.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "Mật khẩu hiện tại"
        _label_new_password(self)


class SetPasswordForm(auth_forms.SetPasswordForm):  # type: ignore[type-arg]
    error_messages = {"password_mismatch": "Hai lần nhập mật khẩu mới không khớp nhau."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _label_new_password(self)


class PasswordResetForm(auth_forms.PasswordResetForm):
    email = forms.EmailField(
        label="Thư điện tử",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Vui lòng nhập địa chỉ thư điện tử.",
            "invalid": "Địa chỉ thư điện tử không hợp lệ.",
        },
    )

    def get_users(self, email: str) -> Any:
        """Active accounts whose login or staff record carries this address.

        Many staff have their address only on the personnel record (imported from the HR list),
        so it counts too; the mail still goes only to the address typed in the form.
        """
        users = get_user_model()._default_manager.filter(
            Q(email__iexact=email) | Q(person__email__iexact=email), is_active=True
        )
        return (user for user in users.distinct() if user.has_usable_password())

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        # Django sends to the address stored on the login; staff matched through their personnel
        # record have none there, so the record's (stored, not typed) address is used instead.
        if not to_email:
            person = getattr(context["user"], "person", None)
            to_email = person.email if person is not None else ""
        if to_email:
            super().send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                to_email,
                html_email_template_name,
            )


class TotpCodeForm(forms.Form):
    code = forms.CharField(
        label="Mã xác thực (6 chữ số)",
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]{6}",
                "autofocus": True,
            }
        ),
        error_messages={
            "required": "Vui lòng nhập mã gồm 6 chữ số.",
            "min_length": "Mã xác thực gồm đúng 6 chữ số.",
            "max_length": "Mã xác thực gồm đúng 6 chữ số.",
        },
    )

    def clean_code(self) -> str:
        code: str = "".join(self.cleaned_data["code"].split())
        if not code.isdigit():
            raise forms.ValidationError("Mã xác thực chỉ gồm chữ số.")
        return code
