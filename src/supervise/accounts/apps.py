from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "supervise.accounts"
    verbose_name = "Accounts"
