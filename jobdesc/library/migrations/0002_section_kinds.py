"""Loads the section kinds (reference data every instruction and clause refers to)."""

from django.db import migrations


def load_section_kinds(apps, schema_editor):
    from jobdesc.library.sections import SECTION_KINDS

    SectionKind = apps.get_model("library", "SectionKind")
    for code, order, mandatory, title_ru, title_et in SECTION_KINDS:
        SectionKind.objects.update_or_create(
            code=code, defaults={"order": order, "mandatory": mandatory, "title_ru": title_ru, "title_et": title_et}
        )


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]
    operations = [migrations.RunPython(load_section_kinds, migrations.RunPython.noop)]
