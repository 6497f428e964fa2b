from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "supervise.audit"
    verbose_name = "Audit trail"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from supervise.audit.dbguard import install_after_migrate, register_sqlite_functions

        connection_created.connect(register_sqlite_functions, dispatch_uid="supervise_guard")
        # After every migrate, not in one migration: a later migration that rebuilds a table
        # (SQLite does, to alter columns) drops that table's triggers.
        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="supervise_guard")
