from django.apps import AppConfig


class SocialsConfig(AppConfig):
    name = "ungxu.socials"
    label = "socials"
    verbose_name = "Tài khoản mạng xã hội chính thức"

    def ready(self) -> None:
        # A departed person who still administers an account must be flagged at once.
        import ungxu.socials.signals  # noqa: F401
