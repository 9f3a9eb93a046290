"""One name for the officer side: the model StaffMember is Officer (table review_officer), and
a user's officer role is `user.officer`. The app label stays "review" (see apps.py)."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("review", "0002_xroad_decisions_and_uses"),
        ("bulletins", "0002_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="StaffMember", new_name="Officer"),
        migrations.AlterField(
            model_name="officer",
            name="user",
            field=models.OneToOneField(
                on_delete=models.deletion.PROTECT,
                related_name="officer",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
