from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "ungxu.access"
    label = "access"
    verbose_name = "Đăng nhập và bảo mật"

    def ready(self) -> None:
        from ungxu.access import signals  # noqa: F401  (connects the audit receivers)
