# The TOTP key is stored encrypted from now on (supervise.accounts.secrets_at_rest): renamed, so
# that no code reads the column as a plain key, and widened for the Fernet token (about 150
# characters for a 32-character key). 0005 encrypts the rows; schema and data changes are in
# separate migrations, as Django advises for PostgreSQL.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_role_assistant_director'),
    ]

    operations = [
        migrations.RenameField(
            model_name='twofactor',
            old_name='secret',
            new_name='secret_encrypted',
        ),
        migrations.AlterField(
            model_name='twofactor',
            name='secret_encrypted',
            field=models.CharField(help_text='The Base32 TOTP key, encrypted with SUPERVISE_FIELD_ENCRYPTION_KEYS.', max_length=255),
        ),
    ]
