"""The indexes the migrations make outside the models' state: a table rebuild on
SQLite keeps only the indexes the models declare, so they can be lost without a trace
(0004 lost the SQLite search index of 0003, until 0007 made it again)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

SEARCH_INDEXES = {
    "sqlite": {"measures_measure_search_sqlite"},
    "postgresql": {"measure_search_trgm", "measure_search_vector"},
}


def test_the_search_indexes_are_there_after_the_last_migration():
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, "measures_measure")
    assert SEARCH_INDEXES[connection.vendor] <= set(indexes)
