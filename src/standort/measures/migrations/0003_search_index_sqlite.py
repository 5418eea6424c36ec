"""On SQLite, the text search reads `search_text` from an index instead of from the
wide table rows, so a search that counts its matches per status reads far less.

SQLite only: PostgreSQL searches through its full-text vector, and its B-tree
indexes refuse entries beyond about 2,700 bytes, which a long description exceeds."""

from django.db import migrations

NAME = "measures_measure_search_sqlite"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX {NAME} ON measures_measure "
            "(initiative_id, is_archived, status, search_text)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(f"DROP INDEX IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("measures", "0002_list_indexes")]

    operations = [migrations.RunPython(create_index, drop_index)]
