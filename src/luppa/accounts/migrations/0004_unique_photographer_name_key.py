from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_encrypted_person_fields"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="photographer",
            constraint=models.UniqueConstraint(
                condition=models.Q(("active", True)),
                fields=("account", "name_key"),
                name="unique_active_photographer_name",
            ),
        ),
    ]
