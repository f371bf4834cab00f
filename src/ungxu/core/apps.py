from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ungxu.core"
    label = "core"
    verbose_name = "Dùng chung"
