"""The count of writes of each scope of the library, kept by triggers on the clauses and their vectors.

Each insert, update or delete of a clause counts one write of its organisation's scope (0 for the shared
library; an update that moves a clause counts for both), and each of a stored vector one write of its
clause's scope. Triggers rather than the ORM's signals, so that `QuerySet.update`, bulk inserts,
`loaddata` and SQL are counted as well as `save()`. See `LibraryWrites` and `similarity.scope_stamp`.
"""

from django.db import migrations, models

TABLE = "library_librarywrites"

POSTGRESQL = f"""
CREATE FUNCTION library_count_write(written_scope bigint) RETURNS void LANGUAGE sql AS $$
    INSERT INTO {TABLE} (scope, writes, token) VALUES (written_scope, 1, md5(random()::text))
    ON CONFLICT (scope) DO UPDATE SET writes = {TABLE}.writes + 1
$$;

CREATE FUNCTION library_clause_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM library_count_write(COALESCE(OLD.organisation_id, 0));
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND OLD.organisation_id IS DISTINCT FROM NEW.organisation_id) THEN
        PERFORM library_count_write(COALESCE(NEW.organisation_id, 0));
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION library_clausevector_written() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM library_count_write(
            COALESCE((SELECT organisation_id FROM library_clause WHERE id = OLD.clause_id), 0)
        );
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND OLD.clause_id <> NEW.clause_id) THEN
        PERFORM library_count_write(
            COALESCE((SELECT organisation_id FROM library_clause WHERE id = NEW.clause_id), 0)
        );
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER library_clause_written AFTER INSERT OR UPDATE OR DELETE ON library_clause
    FOR EACH ROW EXECUTE FUNCTION library_clause_written();
CREATE TRIGGER library_clausevector_written AFTER INSERT OR UPDATE OR DELETE ON library_clausevector
    FOR EACH ROW EXECUTE FUNCTION library_clausevector_written();
"""

POSTGRESQL_DROP = """
DROP TRIGGER IF EXISTS library_clausevector_written ON library_clausevector;
DROP TRIGGER IF EXISTS library_clause_written ON library_clause;
DROP FUNCTION IF EXISTS library_clausevector_written();
DROP FUNCTION IF EXISTS library_clause_written();
DROP FUNCTION IF EXISTS library_count_write(bigint);
"""


def _count(scope: str, when: str = "true") -> str:
    # The WHERE clause also settles SQLite's reading of «SELECT … ON CONFLICT» as an upsert.
    return (
        f"INSERT INTO {TABLE} (scope, writes, token) SELECT {scope}, 1, lower(hex(randomblob(16))) WHERE {when} "
        f"ON CONFLICT (scope) DO UPDATE SET writes = writes + 1;"
    )


def _of_clause(row: str) -> str:
    return f"COALESCE((SELECT organisation_id FROM library_clause WHERE id = {row}.clause_id), 0)"


# SQLite's triggers are per event and their bodies plain SQL: the same counts, written out.
SQLITE = {
    "library_clause_inserted": ("AFTER INSERT ON library_clause", _count("COALESCE(NEW.organisation_id, 0)")),
    "library_clause_updated": (
        "AFTER UPDATE ON library_clause",
        _count("COALESCE(OLD.organisation_id, 0)")
        + _count("COALESCE(NEW.organisation_id, 0)", when="OLD.organisation_id IS NOT NEW.organisation_id"),
    ),
    "library_clause_deleted": ("AFTER DELETE ON library_clause", _count("COALESCE(OLD.organisation_id, 0)")),
    "library_clausevector_inserted": ("AFTER INSERT ON library_clausevector", _count(_of_clause("NEW"))),
    "library_clausevector_updated": (
        "AFTER UPDATE ON library_clausevector",
        _count(_of_clause("OLD")) + _count(_of_clause("NEW"), when="OLD.clause_id <> NEW.clause_id"),
    ),
    "library_clausevector_deleted": ("AFTER DELETE ON library_clausevector", _count(_of_clause("OLD"))),
}


def create_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL)
    elif vendor == "sqlite":
        for name, (event, body) in SQLITE.items():
            schema_editor.execute(f"CREATE TRIGGER {name} {event} FOR EACH ROW BEGIN {body} END")


def drop_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_DROP)
    elif vendor == "sqlite":
        for name in SQLITE:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("library", "0008_clause_named_source")]

    operations = [
        migrations.CreateModel(
            name="LibraryWrites",
            fields=[
                ("scope", models.BigIntegerField(primary_key=True, serialize=False, verbose_name="scope")),
                ("writes", models.BigIntegerField(default=0, verbose_name="writes")),
                ("token", models.CharField(max_length=32, verbose_name="token")),
            ],
            options={"verbose_name": "library writes", "verbose_name_plural": "library writes"},
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
