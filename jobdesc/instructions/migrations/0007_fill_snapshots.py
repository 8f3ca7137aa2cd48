"""Snapshots for versions approved before the approval captured one, from today's data."""

from django.db import migrations

FROZEN = ["approved", "superseded", "withdrawn"]


def fill(apps, schema_editor):
    Version = apps.get_model("instructions", "Version")
    ids = [
        pk for pk, snapshot in Version.objects.filter(status__in=FROZEN).values_list("pk", "snapshot") if not snapshot
    ]
    if not ids:
        return
    # The rendering code itself builds the snapshot, so an old row prints exactly as a new one would.
    from jobdesc.documents.context import fill_missing_snapshots

    fill_missing_snapshots(ids)


def signers(apps, schema_editor):
    Acknowledgement = apps.get_model("instructions", "Acknowledgement")
    # The signed rows' signers as they are recorded today: the nearest there is to the time of signing.
    for ack in Acknowledgement.objects.filter(status="signed", signer_name="").select_related("employee__position"):
        employee = ack.employee
        Acknowledgement.objects.filter(pk=ack.pk).update(
            signer_name=employee.full_name, signer_position=employee.position.title if employee.position_id else ""
        )


class Migration(migrations.Migration):
    dependencies = [("instructions", "0006_version_snapshot_and_signer")]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(signers, migrations.RunPython.noop),
    ]
