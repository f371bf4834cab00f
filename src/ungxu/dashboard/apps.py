from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "ungxu.dashboard"
    label = "dashboard"
    verbose_name = "Trang chủ"
