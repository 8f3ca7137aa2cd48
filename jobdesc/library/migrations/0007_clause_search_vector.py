"""A stored search vector for clauses, kept by a trigger and indexed with GIN; PostgreSQL only, other databases
keep an empty column.

The vector is what `to_tsvector('russian', text)` gives, the same as the expression index of 0003 that it
replaces: a search reads it instead of computing it for every candidate clause. The trigger fills it on
every insert and on every update that writes the text (or the column itself, as the ORM's save does), so
`loaddata`, bulk inserts and raw SQL keep it current as well as the ORM.
"""

import django.contrib.postgres.search
from django.db import migrations

OLD_INDEX = "library_clause_text_russian_fts"
OLD_EXPRESSION = "to_tsvector('russian'::regconfig, COALESCE(\"text\", ''))"
INDEX = "library_clause_search_vector_gin"
TRIGGER = "library_clause_search_vector_update"


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f'CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE OF "text", "search_vector" ON "library_clause" '
        "FOR EACH ROW EXECUTE FUNCTION tsvector_update_trigger(search_vector, 'pg_catalog.russian', text)"
    )
    schema_editor.execute('UPDATE "library_clause" SET "search_vector" = to_tsvector(\'pg_catalog.russian\', "text")')
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {INDEX} ON "library_clause" USING gin ("search_vector")')
    schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON "library_clause" USING gin ({OLD_EXPRESSION})')
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "library_clause"')


class Migration(migrations.Migration):
    dependencies = [("library", "0006_merge_revisions_and_import_batches")]
    operations = [
        migrations.AddField(
            model_name="clause",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, serialize=False, verbose_name="search vector"
            ),
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
