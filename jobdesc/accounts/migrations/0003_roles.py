"""Creates the four role groups with their permissions."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from jobdesc.accounts.roles import install_roles

    # Permissions are normally created after all migrations; the groups need them now.
    for label in ("orgs", "library", "instructions"):
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)
    install_roles(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("orgs", "0001_initial"),
        ("library", "0001_initial"),
        ("instructions", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
