from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "supervise.audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from supervise.audit.dbguard import register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="supervise_guard")
