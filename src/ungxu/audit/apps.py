from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ungxu.audit"
    label = "audit"
    verbose_name = "Nhật ký thay đổi"
