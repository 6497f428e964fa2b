from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "supervise.agreements"
    verbose_name = "Supervision agreements"
