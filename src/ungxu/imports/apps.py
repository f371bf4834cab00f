from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "ungxu.imports"
    label = "imports"
    verbose_name = "Nhập và xuất dữ liệu"
