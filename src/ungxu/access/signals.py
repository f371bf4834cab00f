"""Sign-in events into the audit log (P1's `record()`), connected in AccessConfig.ready()."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from ungxu.audit.models import Action, record


def _organisation(user: Any) -> Any:
    # Entries carry the person's unit so a coordinator sees their own staff's sign-ins.
    person = getattr(user, "person", None) if user is not None else None
    return person.organisation if person is not None else None


@receiver(user_logged_in, dispatch_uid="ungxu_access_logged_in")
def on_logged_in(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    record(
        Action.LOGIN,
        actor=user,
        object_label=user.get_username(),
        organisation=_organisation(user),
        message="Đăng nhập thành công",
    )


@receiver(user_logged_out, dispatch_uid="ungxu_access_logged_out")
def on_logged_out(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is None:
        return
    record(
        Action.LOGOUT,
        actor=user,
        object_label=user.get_username(),
        organisation=_organisation(user),
        message="Đăng xuất",
    )


@receiver(user_login_failed, dispatch_uid="ungxu_access_login_failed")
def on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    username = str(credentials.get("username", ""))[:150]
    record(
        Action.LOGIN_FAILED,
        object_label=username,
        message="Sai tên đăng nhập hoặc mật khẩu, hoặc tài khoản đang bị khoá",
    )


@receiver(user_locked_out, dispatch_uid="ungxu_access_locked_out")
def on_locked_out(
    sender: Any, request: Any = None, username: Any = None, ip_address: Any = None, **kwargs: Any
) -> None:
    record(
        Action.LOCKOUT,
        object_label=str(username or "")[:150],
        message="Tạm khoá đăng nhập do nhập sai nhiều lần",
    )
