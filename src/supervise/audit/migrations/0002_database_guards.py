"""Install the database guards (supervise.audit.dbguard): an append-only audit trail and
finalised records that cannot be changed, enforced by triggers beneath the application."""

from django.db import migrations

from supervise.audit.dbguard import install, uninstall


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("supervision", "0001_initial"),
        ("cases", "0003_initial"),
        ("agreements", "0002_initial"),
    ]

    operations = [migrations.RunPython(install, uninstall)]
