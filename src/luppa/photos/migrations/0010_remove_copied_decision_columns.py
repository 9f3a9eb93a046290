"""The decision's columns copied onto the photo go: Photo.latest_decision reads them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("photos", "0009_fill_latest_decision"),
    ]

    operations = [
        migrations.RemoveField(model_name="photo", name="evaluated_at"),
        migrations.RemoveField(model_name="photo", name="officer_name"),
        migrations.RemoveField(model_name="photo", name="rejection_reasons"),
        migrations.RemoveField(model_name="photo", name="officer_message"),
    ]
