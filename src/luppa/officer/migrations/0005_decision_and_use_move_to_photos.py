"""Decision and PhotoUse now belong to the photo layer (photos 0007): state only, the tables
(review_decision, review_photouse) stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0004_encrypted_officer_names"),
        ("photos", "0007_decision_and_use_move_here"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="Decision"),
                migrations.DeleteModel(name="PhotoUse"),
            ],
        ),
    ]
