"""On PostgreSQL, the text search finds its rows through two GIN indexes instead of
reading every measure of the initiative: a trigram index for `search_text LIKE
'%word%'`, and one on the full-text vector `search.search` matches. Without the
second, PostgreSQL computes the vector of every row the LIKE leaves out, for each
search and for its counts per status.

PostgreSQL only, outside the model state like 0003's SQLite index: SQLite knows neither
GIN nor pg_trgm. The vector index is built from the same SearchVector that
`measures.search` queries with, so the two expressions are the same."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.operations import TrigramExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEXES = [
    GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name="measure_search_trgm"),
    GinIndex(
        SearchVector("title", "description", "goal", config="german"),
        name="measure_search_vector",
    ),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        Measure = apps.get_model("measures", "Measure")
        for index in INDEXES:
            schema_editor.add_index(Measure, index)


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        Measure = apps.get_model("measures", "Measure")
        for index in INDEXES:
            schema_editor.remove_index(Measure, index)


class Migration(migrations.Migration):
    dependencies = [("measures", "0004_measure_is_internal")]

    # TrigramExtension does nothing on other databases.
    operations = [TrigramExtension(), migrations.RunPython(create_indexes, drop_indexes)]
