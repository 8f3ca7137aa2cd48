"""Who takes a workflow step is decided by role (jobdesc/instructions/workflow.py): the permission strings go."""

from django.db import migrations

UNUSED = ["submit_version", "agree_version", "approve_version", "register_version"]


def drop_permissions(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="instructions", codename__in=UNUSED).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("instructions", "0007_fill_snapshots"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="version",
            options={
                "ordering": ["instruction", "-number"],
                "verbose_name": "version",
                "verbose_name_plural": "versions",
            },
        ),
        migrations.RunPython(drop_permissions, migrations.RunPython.noop),
    ]
