"""Decision and PhotoUse move from the officer app (label "review") down to the photo layer.

State only: the tables stay review_decision and review_photouse (Meta.db_table), so no row is
copied and existing databases keep their data and sequences. The officer app's migration
0005 removes the two models from its own state after this one. The content types follow the
models, so that permissions and admin log entries keep pointing at them.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

import luppa.core.fields

ORGANISATIONS = [("police", "Poliisi"), ("migri", "Maahanmuuttovirasto")]


def move_content_types(apps, schema_editor, source="review", target="photos"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    for model in ("decision", "photouse"):
        if not ContentType.objects.using(db).filter(app_label=target, model=model).exists():
            ContentType.objects.using(db).filter(app_label=source, model=model).update(
                app_label=target
            )


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="photos", target="review")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("photos", "0006_encrypted_officer_names"),
        ("review", "0004_encrypted_officer_names"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="Decision",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "officer_name",
                            luppa.core.fields.EncryptedTextField(max_length=200, purpose="person"),
                        ),
                        ("xroad_client", models.CharField(blank=True, max_length=200)),
                        ("xroad_user", models.CharField(blank=True, max_length=200)),
                        ("organisation", models.CharField(choices=ORGANISATIONS, max_length=10)),
                        (
                            "outcome",
                            models.CharField(
                                choices=[("approved", "Hyväksytty"), ("rejected", "Hylätty")],
                                max_length=10,
                            ),
                        ),
                        ("reasons", models.JSONField(blank=True, default=list)),
                        ("message", models.TextField(blank=True)),
                        ("permit_type", models.CharField(max_length=40)),
                        ("medical_exception", models.BooleanField(default=False)),
                        ("change_reason", models.TextField(blank=True)),
                        ("at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "officer",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="decisions",
                                to="review.officer",
                            ),
                        ),
                        (
                            "photo",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="decisions",
                                to="photos.photo",
                            ),
                        ),
                    ],
                    options={"db_table": "review_decision", "ordering": ["-at", "-pk"]},
                ),
                migrations.CreateModel(
                    name="PhotoUse",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("application_number", models.CharField(max_length=50)),
                        ("permit_type", models.CharField(max_length=40)),
                        (
                            "organisation",
                            models.CharField(blank=True, choices=ORGANISATIONS, max_length=10),
                        ),
                        ("xroad_client", models.CharField(blank=True, max_length=200)),
                        ("at", models.DateTimeField(default=django.utils.timezone.now)),
                        (
                            "photo",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="uses",
                                to="photos.photo",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "review_photouse",
                        "ordering": ["at", "pk"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("photo", "application_number"),
                                name="one_use_per_application",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
