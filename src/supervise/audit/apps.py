from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "supervise.audit"
    verbose_name = "Audit trail"
