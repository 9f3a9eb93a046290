"""The photo points at its latest decision instead of copying its columns (0009 fills the
pointer, 0010 drops the copies). Three migrations, because PostgreSQL refuses to alter a
table that has pending deferred foreign-key checks from rows updated in the same
transaction."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("photos", "0007_decision_and_use_move_here"),
        ("review", "0005_decision_and_use_move_to_photos"),
    ]

    operations = [
        migrations.AddField(
            model_name="photo",
            name="latest_decision",
            field=models.OneToOneField(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="photos.decision",
            ),
        ),
    ]
