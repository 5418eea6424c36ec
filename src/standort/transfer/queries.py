"""What the transfer pages read: the catalogue as each reader may see it, an offer's or
a need's suggestions, the talks, and the figures of the effect page."""

from dataclasses import dataclass
from functools import reduce
from operator import and_
from statistics import median

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Count, Exists, Min, OuterRef, Prefetch, Q
from django.db.models.functions import TruncQuarter
from django.utils import timezone
from django.utils.translation import gettext as _

from standort.core.history import stamped
from standort.initiatives.models import Initiative, Organization
from standort.measures.search import fold, text_search

from . import matching
from .models import Need, Offer, Talk, Topic

# The German full-text vector of each model: the expression of its GIN index
# (migration 0003) and of `text_search`.
OFFER_VECTOR = ("title", "description")
NEED_VECTOR = ("title", "problem")


def catalogue_stamp(initiative):
    """The initiative with the `stamp` of what the catalogue's rows show: the offers,
    their topics (saving an offer records it, topics and all) and the institutions'
    names. The rows are kept while it holds (core.pages.kept_key)."""
    return stamped(
        Initiative.objects.filter(pk=initiative.pk).only("pk", "created_at"),
        (Offer, Topic, Organization),
    )


def topics_for(initiative):
    return Topic.objects.filter(initiative=initiative)


def valid_offers(today=None):
    today = today or timezone.localdate()
    still_valid = Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    return Q(state=Offer.State.PUBLISHED) & still_valid


PUBLIC_NEEDS = Q(visibility=Need.Visibility.PUBLIC, state=Need.State.OPEN)


def _topics():
    """The entries' topics as a list `topic_list`: prefetched into the related manager,
    Django builds a queryset for each entry to hold them (some 1.5 ms of the catalogue
    page's 20 ms CPU with 25 offers, bench/README.md)."""
    return Prefetch(
        "topics", queryset=Topic.objects.only("id", "name", "position"), to_attr="topic_list"
    )


def offers_for(initiative, *, own_institution=None, everything=False):
    """The offers a reader sees in the catalogue: the valid published ones; also the
    drafts and withdrawn offers of `own_institution` (a transfer officer's), or all
    (`everything`: the office's)."""
    offers = Offer.objects.filter(initiative=initiative)
    if not everything:
        shown = valid_offers()
        if own_institution is not None:
            shown |= Q(institution_id=own_institution)
        offers = offers.filter(shown)
    return offers.select_related("institution").prefetch_related(_topics())


def needs_for(initiative, *, own_company=None, officers=False, everything=False):
    """The needs a reader sees: the open public ones; those for transfer officers too
    (`officers`: an officer's view), all of `own_company`, or all (`everything`: the
    office's, which closes and reopens them)."""
    needs = Need.objects.filter(initiative=initiative)
    if not everything:
        shown = Q(state=Need.State.OPEN) if officers else PUBLIC_NEEDS
        if own_company is not None:
            shown |= Q(company_id=own_company)
        needs = needs.filter(shown)
    return needs.select_related("company").prefetch_related(_topics())


def catalogue_offers(initiative, viewer):
    """The offers `viewer` (rules.Viewer) finds in the catalogue."""
    return offers_for(
        initiative,
        own_institution=viewer.organization if viewer.officer else None,
        everything=viewer.office,
    )


def catalogue_needs(initiative, viewer):
    """The needs `viewer` (rules.Viewer) finds in the list, as transfer.see_need lets
    them see needs."""
    return needs_for(
        initiative,
        own_company=viewer.organization if viewer.firm_author else None,
        officers=viewer.officer,
        everything=viewer.office,
    )


def search_offers(offers, query):
    found = text_search(offers, query, OFFER_VECTOR)
    terms = fold(query).split()
    if connection.vendor != "postgresql" or not terms:
        return found
    # PostgreSQL reads the first page by walking the catalogue in title order
    # (transfer_offer_by_title) and checks the condition on each offer it passes; the
    # full-text half of it computes the offer's German vector (some 50 µs for a
    # description: 60–140 ms for a word in 2 % of 20,000 offers), which the planner
    # takes for cheap. So the condition once more with that half as the set of offers
    # it finds, read once through the vector's index (migration 0003): PostgreSQL
    # checks the cheaper of the two first, and computes the vector only for the offers
    # found. The count still reads the condition itself through both indexes.
    words = reduce(and_, (Q(search_text__contains=term) for term in terms))
    vector = SearchVector(*OFFER_VECTOR, config="german")
    matched = Offer.objects.alias(search_vector=vector).filter(
        search_vector=SearchQuery(query, config="german", search_type="websearch")
    )
    return found.filter(words | Q(pk__in=matched.values("pk")))


def search_needs(needs, query):
    return text_search(needs, query, NEED_VECTOR)


def filter_options(initiative, everything=False):
    """The catalogue's choices: topics and the institutions that have offers in it (any
    offer: `everything`, the office's view)."""
    offers = Offer.objects.filter(initiative=initiative, institution=OuterRef("pk"))
    if not everything:
        offers = offers.filter(valid_offers())
    return {
        "topic": list(topics_for(initiative).values_list("pk", "name")),
        # Each science institution asked whether it has an offer here (through the
        # offers' institution index), rather than all offers joined and made distinct.
        "institution": list(
            Organization.objects.filter(kind=Organization.Kind.SCIENCE)
            .filter(Exists(offers))
            .order_by("name")
            .values_list("pk", "name")
        ),
    }


def offer_detail(initiative):
    return Offer.objects.filter(initiative=initiative).select_related(
        "institution", "contact", "contact__organization"
    )


def need_detail(initiative):
    return Need.objects.filter(initiative=initiative).select_related(
        "company", "contact", "contact__organization"
    )


def offers_for_need(need, candidates, limit=matching.SUGGESTIONS):
    """The offers among `candidates` that fit `need` best, with the reasons."""
    return matching.suggest(
        candidates.exclude(institution_id=need.company_id).select_related("institution"),
        topic_ids=need.topics.values_list("pk", flat=True),
        words=matching.key_words(need.title, need.problem),
        through=Offer.topics.through,
        side="offer_id",
        limit=limit,
    )


def needs_for_offer(offer, candidates, limit=matching.SUGGESTIONS):
    return matching.suggest(
        candidates.exclude(company_id=offer.institution_id),
        topic_ids=offer.topics.values_list("pk", flat=True),
        words=matching.key_words(offer.title, offer.description),
        through=Need.topics.through,
        side="need_id",
        limit=limit,
    )


def talks_for(initiative):
    return (
        Talk.objects.filter(initiative=initiative)
        .select_related("company", "institution", "need", "offer")
        .prefetch_related("participants")
    )


def talks_of(entry):
    """The talks about an offer or a need, newest first."""
    return entry.talks.select_related("company", "institution").order_by("-starts_at", "-pk")


# The effect page -------------------------------------------------------------------------


def quarter_label(day):
    return _("Q%(quarter)s %(year)s") % {"quarter": (day.month - 1) // 3 + 1, "year": day.year}


@dataclass
class TopicRow:
    name: str
    offers: int
    needs: int


@dataclass
class Effect:
    as_of: object
    topics: list
    offers: int
    needs: int
    quarters: list
    outcomes: list
    days_to_first_talk: object
    needs_with_talk: int
    firms: int
    firms_cooperating: int

    @property
    def share(self):
        """Per cent of the initiative's firms with an agreed cooperation, or None."""
        if not self.firms:
            return None
        return round(100 * self.firms_cooperating / self.firms, 1)


def effect(initiative):
    """The figures of the effect page, all as of now."""
    now = timezone.now()
    offers = Offer.objects.filter(initiative=initiative).filter(valid_offers())
    needs = Need.objects.filter(initiative=initiative)
    topics = (
        topics_for(initiative)
        .annotate(
            n_offers=Count("offers", filter=Q(offers__in=offers), distinct=True),
            n_needs=Count("needs", filter=Q(needs__state=Need.State.OPEN), distinct=True),
        )
        .values_list("name", "n_offers", "n_needs")
    )
    talks = Talk.objects.filter(initiative=initiative)
    held = talks.filter(starts_at__lte=now)
    quarters = (
        held.annotate(quarter=TruncQuarter("starts_at"))
        .values("quarter")
        .annotate(n=Count("pk"))
        .order_by("quarter")
        .values_list("quarter", "n")
    )
    outcomes = dict(held.values("outcome").annotate(n=Count("pk")).values_list("outcome", "n"))
    first_talks = needs.annotate(first=Min("talks__starts_at", filter=Q(talks__in=held))).filter(
        first__isnull=False
    )
    waits = [
        max((first - created).days, 0)
        for created, first in first_talks.values_list("created_at", "first")
    ]
    firms = Organization.objects.filter(initiatives=initiative, kind=Organization.Kind.COMPANY)
    cooperating = firms.filter(
        pk__in=held.filter(outcome=Talk.Outcome.COOPERATION).values("company_id")
    )
    return Effect(
        as_of=now,
        topics=[TopicRow(*row) for row in topics],
        offers=offers.count(),
        needs=needs.filter(state=Need.State.OPEN).count(),
        quarters=[(quarter_label(quarter), n) for quarter, n in quarters],
        outcomes=[(label, outcomes.get(value, 0)) for value, label in Talk.Outcome.choices],
        days_to_first_talk=median(waits) if waits else None,
        needs_with_talk=len(waits),
        firms=firms.count(),
        firms_cooperating=cooperating.count(),
    )


def topic_counts(initiative):
    """The vocabulary with how many offers and needs name each topic."""
    return topics_for(initiative).annotate(
        n_offers=Count("offers", distinct=True), n_needs=Count("needs", distinct=True)
    )
