from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "ungxu.orgs"
    label = "orgs"
    verbose_name = "Tổ chức và nhân sự"
