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

from django.db import connection
from django.db.models import Case, Q, Value, When

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
    # The score is a sum of one term per topic and per word, each "the candidate is
    # among those that have it". A topic's candidates are a set of their own
    # (`pk IN (…)`, uncorrelated): the database reads them once through the topic's
    # index and looks each candidate up, instead of counting every candidate's topics.
    topic_ids = list(topic_ids)
    signs = [
        (TOPIC_WEIGHT, Q(pk__in=through.objects.filter(topic_id=topic).values(side)))
        for topic in topic_ids
    ]
    signs += [(1, _contains(candidates, word)) for word in words]
    if not signs:
        return []
    score = reduce(
        add,
        (Case(When(sign, then=Value(points)), default=Value(0)) for points, sign in signs),
    )
    # The ranking reads the candidates' keys only and scores every candidate once (in a
    # WHERE clause it would be computed again, and its sets built again); the page
    # reads the `limit` best whole. Their score is what their reasons add up to, those
    # that share nothing (score 0, ranked last) are dropped.
    ranked = candidates.alias(score=score).order_by("-score", "-pk").values("pk")[:limit]
    best = _with_reasons(list(candidates.filter(pk__in=ranked)), topic_ids, words, through, side)
    best.sort(key=lambda suggestion: (-suggestion.score, -suggestion.entry.pk))
    return [suggestion for suggestion in best if suggestion.score > 0]


def _contains(candidates, word):
    """The condition "the candidate's text contains `word`" for the score. On
    PostgreSQL the candidates that contain it, as a set read once through the trigram
    index of `search_text` (migration 0003): a few per cent of the rows, where
    `LIKE` on every row for every word took most of the time. SQLite has no such index:
    one pass over the rows with all the words' `LIKE` in it is cheaper there than a
    pass per word."""
    if connection.vendor == "postgresql":
        return Q(pk__in=candidates.filter(search_text__contains=word).values("pk"))
    return Q(search_text__contains=word)


def _with_reasons(best, topic_ids, words, through, side):
    names = {}
    for row in (
        through.objects.filter(**{f"{side}__in": [entry.pk for entry in best]})
        .filter(topic_id__in=topic_ids)
        .values_list(side, "topic__name")
        .order_by("topic__position", "topic__name")
    ):
        names.setdefault(row[0], []).append(row[1])
    suggestions = []
    for entry in best:
        topics = names.get(entry.pk, [])
        shared = [shown for stem, shown in words.items() if stem in entry.search_text]
        suggestions.append(
            Suggestion(
                entry=entry,
                score=TOPIC_WEIGHT * len(topics) + len(shared),
                topics=topics,
                words=shared,
            )
        )
    return suggestions
