from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "supervise.imports"
    verbose_name = "Imports"
