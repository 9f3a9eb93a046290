"""The photographer's and studio's names recorded in the statistics, encrypted in place."""

import luppa.core.fields
from django.db import migrations


def encrypt_existing(apps, schema_editor):
    from luppa.core import rekey

    for column in rekey.COLUMNS:
        if column.table == "reports_photostat":
            rekey.reseal(column)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="photostat",
            name="photographer_name",
            field=luppa.core.fields.EncryptedTextField(max_length=100, purpose="person"),
        ),
        migrations.AlterField(
            model_name="photostat",
            name="studio_name",
            field=luppa.core.fields.EncryptedTextField(max_length=200, purpose="person"),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
    ]
