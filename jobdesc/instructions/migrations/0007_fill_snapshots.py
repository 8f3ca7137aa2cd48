"""Snapshots for versions approved before the approval captured one, from today's data."""

from django.db import migrations

FROZEN = ["approved", "superseded", "withdrawn"]


def fill(apps, schema_editor):
    """Nothing here: the rendering code builds the snapshot with today's models, which a migration in the
    middle of the history does not have. `InstructionsConfig` fills missing snapshots after `migrate`."""


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
