from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "supervise.cases"
    verbose_name = "Children's cases"
