from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "supervise.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from supervise.accounts import checks, signals  # noqa: F401 - registers them
