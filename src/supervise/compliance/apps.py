from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "supervise.compliance"
    verbose_name = "Compliance"
