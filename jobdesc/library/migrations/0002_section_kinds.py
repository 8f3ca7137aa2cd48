"""Loads the section kinds (reference data every instruction and clause refers to)."""

from django.db import migrations


def load_section_kinds(apps, schema_editor):
    from jobdesc.library.sections import install_section_kinds

    install_section_kinds(apps.get_model("library", "SectionKind"))


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]
    operations = [migrations.RunPython(load_section_kinds, migrations.RunPython.noop)]
