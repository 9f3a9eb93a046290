"""Account names, receipt studio names, street addresses and suspension reasons encrypted,
with a keyed search index for the names (accounts.models.Account)."""

import luppa.core.fields
from django.db import migrations


def encrypt_existing(apps, schema_editor):
    """Index the names while they are still in clear, then seal the four columns in place
    (core/rekey.py: batch by batch, compare-and-set; a value already sealed is left)."""
    from luppa.core import crypto, name_index, rekey

    def plain(value):
        if value and value.startswith("e1."):
            return crypto.decrypt_text(value, "person")
        return value or ""

    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, name, studio_name FROM accounts_account")
        rows = cursor.fetchall()
    for pk, name, studio_name in rows:
        index = name_index.index(name=plain(name), studio_name=plain(studio_name))
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE accounts_account SET name_index = %s WHERE id = %s", [index, pk]
            )
    mine = {"name", "studio_name", "street_address", "suspension_reason"}
    for column in rekey.COLUMNS:
        if column.table == "accounts_account" and column.column in mine:
            rekey.reseal(column)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_unique_photographer_name_key"),
    ]

    operations = [
        migrations.AddField(
            model_name="account",
            name="name_index",
            field=luppa.core.fields.NameIndexField(default="", sources=("name", "studio_name")),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="account",
            name="name",
            field=luppa.core.fields.EncryptedTextField(
                max_length=200, purpose="person", verbose_name="nimi"
            ),
        ),
        migrations.AlterField(
            model_name="account",
            name="street_address",
            field=luppa.core.fields.EncryptedTextField(
                blank=True, max_length=200, purpose="contact", verbose_name="katuosoite"
            ),
        ),
        migrations.AlterField(
            model_name="account",
            name="studio_name",
            field=luppa.core.fields.EncryptedTextField(
                max_length=200, purpose="person", verbose_name="kuvakuitissa näkyvä studion nimi"
            ),
        ),
        migrations.AlterField(
            model_name="account",
            name="suspension_reason",
            field=luppa.core.fields.EncryptedTextField(blank=True, purpose="person"),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
    ]
