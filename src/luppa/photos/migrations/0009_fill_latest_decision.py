"""Points every decided photo at its latest Decision (the order Decision.Meta.ordering gives:
newest `at`, then newest pk). A photo whose copied decision columns have no Decision row
behind them (decided before decisions were kept) first gets one made from those columns, so
that no feedback a photographer sees is lost. Backwards, the copies are filled again from the
pointer; decisions made here stay, as history."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def point_at_latest(apps, schema_editor):
    Photo = apps.get_model("photos", "Photo")
    Decision = apps.get_model("photos", "Decision")
    db = schema_editor.connection.alias
    orphans = Photo.objects.using(db).filter(evaluated_at__isnull=False, decisions__isnull=True)
    for photo in orphans.exclude(evaluation="pending").iterator():
        Decision.objects.using(db).create(
            photo=photo,
            officer=None,
            officer_name=photo.officer_name,
            organisation="",  # not recorded on the photo
            outcome=photo.evaluation,
            reasons=list(photo.rejection_reasons or []),
            message=photo.officer_message,
            permit_type="",  # not recorded on the photo
            medical_exception=photo.medical_exception,
            at=photo.evaluated_at,
        )
    latest = Decision.objects.using(db).filter(photo=OuterRef("pk")).order_by("-at", "-pk")
    decided = Decision.objects.using(db).values("photo_id")
    Photo.objects.using(db).filter(pk__in=decided).update(
        latest_decision=Subquery(latest.values("pk")[:1])
    )


def copy_back(apps, schema_editor):
    Photo = apps.get_model("photos", "Photo")
    db = schema_editor.connection.alias
    decided = Photo.objects.using(db).filter(latest_decision__isnull=False)
    for photo in decided.select_related("latest_decision").iterator():
        decision = photo.latest_decision
        photo.evaluated_at = decision.at
        photo.officer_name = decision.officer_name
        photo.rejection_reasons = list(decision.reasons)
        photo.officer_message = decision.message
        photo.medical_exception = decision.medical_exception
        photo.save(
            update_fields=[
                "evaluated_at",
                "officer_name",
                "rejection_reasons",
                "officer_message",
                "medical_exception",
            ]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("photos", "0008_photo_latest_decision"),
    ]

    operations = [
        migrations.RunPython(point_at_latest, copy_back),
    ]
