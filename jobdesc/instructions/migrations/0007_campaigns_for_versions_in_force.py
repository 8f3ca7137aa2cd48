"""Campaigns for the versions already in force, due the organisation's default after their approval."""

from django.db import migrations

from jobdesc.instructions.acknowledgements.calendar import add_working_days


def open_campaigns(apps, schema_editor):
    Version = apps.get_model("instructions", "Version")
    Campaign = apps.get_model("instructions", "Campaign")
    Acknowledgement = apps.get_model("instructions", "Acknowledgement")
    for version in Version.objects.filter(status="approved", campaign__isnull=True).select_related(
        "instruction__organisation"
    ):
        days = version.instruction.organisation.ack_due_working_days
        campaign = Campaign.objects.create(
            version=version, due_date=add_working_days(version.approved_at.date(), days), created_at=version.approved_at
        )
        Acknowledgement.objects.filter(version=version, campaign__isnull=True).update(campaign=campaign)
        Acknowledgement.objects.filter(version=version, due_date__isnull=True).update(due_date=campaign.due_date)


class Migration(migrations.Migration):
    dependencies = [
        ("instructions", "0006_acknowledgement_campaigns"),
        ("orgs", "0005_organisation_ack_due_working_days"),
    ]

    operations = [migrations.RunPython(open_campaigns, migrations.RunPython.noop)]
