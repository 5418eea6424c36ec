"""Suggestions: for a need the offers that fit it best, for an offer the needs.

Ranked in the database by a score a reader can follow: three points for each topic the
two share, one for each of the need's (or offer's) key words the other's text contains.
Key words are the longer words of title and text, folded (`measures.search.fold`) and
cut to their first letters, so that "Werkstoffe" finds "Werkstoff" and "Werkstoffen",
and short function words do not count. The reason shown names the shared topics and
words ("gemeinsame Themen: Werkstoffe, Produktion")."""

import re
from dataclasses import dataclass
from functools import reduce
from operator import add

from django.db.models import Case, Count, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce

from standort.measures.search import fold

# A shared topic is a deliberate statement of both sides; a shared word may be chance.
TOPIC_WEIGHT = 3
SUGGESTIONS = 5
# Words shorter than this are mostly function words ("eine", "oder", "wir").
SHORTEST_KEY_WORD = 5
# The stem a key word is cut to: long enough to stay specific.
STEM = 7
KEY_WORDS = 12
# Longer words that say nothing about the subject.
_COMMON = (
    "aber allem allen alles anderen andere auch beim bieten bietet bitte damit dann "
    "dabei daher darum dass deren dessen diese diesem diesen dieser dieses durch eigene "
    "eigenen einem einen einer eines etwas für gegen geben gerne gemeinsam haben hatte "
    "heute hierbei hinaus immer innerhalb können könnte machen mehr mehrere möchten "
    "nach neben neue neuen neuer nicht noch ohne oder sehr seit sind sollen sollte "
    "suchen suchten sowie über unser unsere unseren unserer unter viele vielen vom "
    "wegen weitere weiteren welche werden wieder wird wollen wurde würde zwischen "
    "unternehmen firma betrieb betrieben projekt projekte angebot angebote bedarf"
)
COMMON_WORDS = {fold(word) for word in _COMMON.split()}


def key_words(*texts):
    """{stem: the word as written} of the `KEY_WORDS` longest distinct stems of
    `texts`, longest first."""
    found = {}
    for word in re.findall(r"\w+", " ".join(texts)):
        folded = fold(word)
        if len(folded) >= SHORTEST_KEY_WORD and folded not in COMMON_WORDS:
            found.setdefault(folded[:STEM], word)
    longest = sorted(found, key=len, reverse=True)[:KEY_WORDS]
    return {stem: found[stem] for stem in longest}


@dataclass
class Suggestion:
    entry: object
    score: int
    topics: list
    words: list


def suggest(candidates, *, topic_ids, words, through, side, limit=SUGGESTIONS):
    """The `limit` best of `candidates` (offers or needs, with a `search_text` and
    `topics`) for topics `topic_ids` and key words `words` (`key_words`); `through` is
    their topics' table, `side` its column naming the candidate ("offer_id")."""
    topic_ids = list(topic_ids)
    shared_topics = Subquery(
        through.objects.filter(**{side: OuterRef("pk")}, topic_id__in=topic_ids)
        .values(side)
        .annotate(n=Count("*"))
        .values("n"),
        output_field=IntegerField(),
    )
    shared_words = [
        Case(When(search_text__contains=word, then=Value(1)), default=Value(0)) for word in words
    ]
    score = Coalesce(shared_topics, 0) * TOPIC_WEIGHT if topic_ids else Value(0)
    if shared_words:
        score = score + reduce(add, shared_words)
    condition = Q(topics__in=topic_ids) if topic_ids else Q(pk__in=[])
    for word in words:
        condition |= Q(search_text__contains=word)
    best = list(
        candidates.filter(pk__in=candidates.filter(condition).values("pk"))
        .annotate(score=score)
        .filter(score__gt=0)
        .order_by("-score", "-pk")[:limit]
    )
    return _with_reasons(best, topic_ids, words, through, side)


def _with_reasons(best, topic_ids, words, through, side):
    names = {}
    for row in (
        through.objects.filter(**{f"{side}__in": [entry.pk for entry in best]})
        .filter(topic_id__in=topic_ids)
        .values_list(side, "topic__name")
        .order_by("topic__position", "topic__name")
    ):
        names.setdefault(row[0], []).append(row[1])
    return [
        Suggestion(
            entry=entry,
            score=entry.score,
            topics=names.get(entry.pk, []),
            words=[shown for stem, shown in words.items() if stem in entry.search_text],
        )
        for entry in best
    ]
