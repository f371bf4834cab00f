from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "ungxu.campaigns"
    label = "campaigns"
    verbose_name = "Phổ biến Bộ quy tắc"
