"""The organisation's seal is managed by the organisation administrator, no longer by the HR officer."""

from django.db import migrations

SEAL = ("documents", "manage_seal")
HR, ADMIN = "HR officer", "Organisation administrator"


def move(apps, *, source, target):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(content_type__app_label=SEAL[0], codename=SEAL[1]).first()
    if permission is None:
        return
    for group in Group.objects.filter(name=source):
        group.permissions.remove(permission)
    for group in Group.objects.filter(name=target):
        group.permissions.add(permission)


def to_administrator(apps, schema_editor):
    move(apps, source=HR, target=ADMIN)


def back_to_hr(apps, schema_editor):
    move(apps, source=ADMIN, target=HR)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_user_language_account_events"),
        ("documents", "0001_signatures_and_seal"),
    ]

    operations = [migrations.RunPython(to_administrator, back_to_hr)]
