"""A GIN index for the Russian full-text search of clauses; PostgreSQL only, other databases skip it."""

from django.db import migrations

INDEX = "library_clause_text_russian_fts"
# The expression must match what SearchVector("text", config="russian") generates, or the index is not used.
EXPRESSION = "to_tsvector('russian'::regconfig, COALESCE(\"text\", ''))"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {INDEX} ON "library_clause" USING gin ({EXPRESSION})')


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("library", "0002_section_kinds")]
    operations = [migrations.RunPython(create_index, drop_index)]
