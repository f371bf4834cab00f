from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "ungxu.moderation"
    label = "moderation"
    verbose_name = "Kiểm duyệt và trả lời"
