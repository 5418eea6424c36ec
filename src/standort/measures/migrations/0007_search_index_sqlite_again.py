"""The SQLite search index of 0003 again: 0004 added a column, which SQLite does by
rebuilding the table, and the rebuilt table has only the indexes the models declare.
A later rebuild would drop it as well; `measures/tests/test_migrations.py` checks that
it is there after the last migration.

SQLite only, as 0003 explains."""

from django.db import migrations

NAME = "measures_measure_search_sqlite"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {NAME} ON measures_measure "
            "(initiative_id, is_archived, status, search_text)"
        )


def drop_index(apps, schema_editor):
    # Back to 0006, where the index was missing.
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("measures", "0006_attachment_without_content_type")]

    operations = [migrations.RunPython(create_index, drop_index)]
