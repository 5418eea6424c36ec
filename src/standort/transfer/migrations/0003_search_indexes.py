"""The catalogue's text search and the matching read `search_text` and, on PostgreSQL,
the German full-text vector (transfer.queries.OFFER_VECTOR, NEED_VECTOR) through
indexes instead of every row of the initiative, as measures do (measures migrations
0003 and 0005): on PostgreSQL GIN indexes for `LIKE '%word%'` (pg_trgm) and for the
vector; on SQLite an index that holds `search_text`, narrower to read than the table.

Outside the model state: neither database knows the other's kind of index."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEXES = {
    "Offer": [
        GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="offer_search_trgm"),
        GinIndex(SearchVector("title", "description", config="german"), name="offer_search_vector"),
    ],
    "Need": [
        GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="need_search_trgm"),
        GinIndex(SearchVector("title", "problem", config="german"), name="need_search_vector"),
    ],
}
SQLITE = {
    "transfer_offer_search_sqlite": "transfer_offer (initiative_id, state, search_text)",
    "transfer_need_search_sqlite": "transfer_need (initiative_id, state, search_text)",
}


def create_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for model, indexes in INDEXES.items():
            for index in indexes:
                schema_editor.add_index(apps.get_model("transfer", model), index)
    elif vendor == "sqlite":
        for name, columns in SQLITE.items():
            schema_editor.execute(f"CREATE INDEX {name} ON {columns}")


def drop_indexes(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for model, indexes in INDEXES.items():
            for index in indexes:
                schema_editor.remove_index(apps.get_model("transfer", model), index)
    elif vendor == "sqlite":
        for name in SQLITE:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("transfer", "0002_search_and_moderation")]

    # TrigramExtension does nothing on other databases.
    operations = [TrigramExtension(), migrations.RunPython(create_indexes, drop_indexes)]
