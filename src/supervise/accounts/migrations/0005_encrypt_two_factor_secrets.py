# Encrypts the TOTP keys stored in plain form before 0004 (docs/security.md, "Secrets at rest").
# Needs SUPERVISE_FIELD_ENCRYPTION_KEYS (the system check E007 says so first). Reversible:
# going back decrypts them again.

from django.db import migrations

from supervise.accounts import secrets_at_rest


def encrypt_plaintext_secrets(apps, schema_editor):
    TwoFactor = apps.get_model("accounts", "TwoFactor")
    for device in TwoFactor.objects.order_by("pk").iterator():
        if not secrets_at_rest.is_encrypted(device.secret_encrypted):
            TwoFactor.objects.filter(pk=device.pk).update(
                secret_encrypted=secrets_at_rest.encrypt(device.secret_encrypted)
            )


def decrypt_to_plaintext(apps, schema_editor):
    TwoFactor = apps.get_model("accounts", "TwoFactor")
    for device in TwoFactor.objects.order_by("pk").iterator():
        if secrets_at_rest.is_encrypted(device.secret_encrypted):
            TwoFactor.objects.filter(pk=device.pk).update(
                secret_encrypted=secrets_at_rest.decrypt(device.secret_encrypted)
            )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_two_factor_secret_encrypted'),
    ]

    operations = [
        migrations.RunPython(encrypt_plaintext_secrets, decrypt_to_plaintext),
    ]
