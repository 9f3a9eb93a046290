from django.db import migrations


def create_lanes(apps, schema_editor):
    # Each database connection owns a lane while it lives (audit/chain.py): heads for 64.
    AuditHead = apps.get_model("audit", "AuditHead")
    AuditHead.objects.bulk_create([AuditHead(pk=n) for n in range(1, 65)], ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_audit_lanes")]

    operations = [migrations.RunPython(create_lanes, migrations.RunPython.noop)]
