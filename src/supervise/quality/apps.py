from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "supervise.quality"
    verbose_name = "Quality assurance"
