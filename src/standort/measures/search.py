"""Free-text search on measures.

PostgreSQL: full-text search with the `german` configuration (stemming, so
"Ausbildungen" finds "Ausbildung"). Everywhere, and in addition on PostgreSQL: each
word must occur in `search_text`, a lower-case copy of number, title and description
with umlauts and ß folded, so "Fuehrung", "führung" and "Führung" match alike and
word beginnings ("Glasf") match too."""

from functools import reduce
from operator import and_

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q

FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e"})


def fold(text):
    return " ".join(text.lower().translate(FOLD).split())


def search_text_of(measure):
    return fold(f"{measure.number} {measure.title} {measure.description} {measure.goal}")


def search(queryset, query):
    return text_search(queryset, query, VECTOR)


VECTOR = ("title", "description", "goal")


def text_search(queryset, query, vector_fields):
    """The rows of `queryset` (of a model with a folded `search_text`) that `query`
    finds: each word in `search_text`, or, on PostgreSQL, the query in the German
    full-text vector of `vector_fields` (the expression of the model's GIN index)."""
    terms = fold(query).split()
    if not terms:
        return queryset
    condition = reduce(and_, (Q(search_text__contains=term) for term in terms))
    if connection.vendor == "postgresql":
        vector = SearchVector(*vector_fields, config="german")
        # alias, not annotate: the vector is for the condition, not a column of the rows.
        queryset = queryset.alias(search_vector=vector)
        condition |= Q(search_vector=SearchQuery(query, config="german", search_type="websearch"))
    return queryset.filter(condition)
