import dataclasses
import datetime
import functools
import hashlib
import re

from csp import constants as csp
from django.core.cache import cache
from django.db import connection
from django.db.models import OuterRef, Subquery
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.views.decorators.clickjacking import xframe_options_exempt

from standort.core.access import initiative_permission
from standort.core.history import Newest
from standort.core.pages import history_page, recent_history
from standort.indicators import queries as indicator_queries
from standort.indicators.models import Goal, Indicator, Observation
from standort.initiatives import queries
from standort.initiatives.forms import embed_origins
from standort.initiatives.models import (
    Body,
    Initiative,
    InitiativeOrganization,
    Organization,
    Person,
)
from standort.initiatives.views import MANAGE
from standort.measures import dashboard, recent
from standort.measures import queries as measure_queries
from standort.measures.models import (
    Measure,
    Milestone,
    Partnership,
    Snapshot,
    StatusUpdate,
    Topic,
)
from standort.meetings import public as meeting_public
from standort.meetings import queries as meeting_queries
from standort.meetings.models import Meeting
from standort.reviews import queries as review_queries
from standort.reviews.models import ReviewAnswer, ReviewCycle
from standort.reviews.summary import review_summary

from . import queries as home_queries
from . import services
from .forms import SEARCH_LENGTH, public_filter


def platform_home(request):
    """The start page: public initiatives, and the caller's own ones."""
    mine = list(queries.initiatives_of(request.user))
    mine_ids = {i.pk for i in mine}
    public = [i for i in queries.public_initiatives() if i.pk not in mine_ids]
    return render(request, "home/platform_home.html", {"mine": mine, "public": public})


def initiative_home(request, initiative_slug):
    """Members see the dashboard; everyone else (a public initiative, or the middleware
    has answered 404 already) sees the public page."""
    initiative = request.initiative
    if not request.user.has_perm("initiatives.view_initiative", initiative):
        return render(request, "home/initiative_public.html", _public_context(request, initiative))
    today = timezone.localdate()
    by_goal = request.GET.get("by") == "goal"
    steering_key = _steering_key(initiative, today)
    context = {
        "initiative": initiative,
        "leading": queries.leading_organizations(initiative),
        "today": today,
        "upcoming_days": dashboard.UPCOMING_DAYS,
        # Read only when the template's cached fragment has to be rendered anew.
        "steering": SimpleLazyObject(lambda: _steering_figures(initiative, today, by_goal)),
        # The figures grouped by working group, or on request by goal.
        "by_goal": by_goal,
        "next_meetings": SimpleLazyObject(lambda: list(meeting_queries.next_meetings(initiative))),
        "steering_key": steering_key,
        "steering_seconds": STEERING_CACHE_SECONDS,
        # A member's own measures change with the catalogue (and their partnerships):
        # kept under the figures' key for each member.
        "my_measures": cache.get_or_set(
            f"my-measures:{steering_key}:{request.user.pk}",
            lambda: measure_queries.measures_of_person(initiative, request.user),
            STEERING_CACHE_SECONDS,
        ),
        "my_action_items": meeting_queries.open_action_items(initiative, request.user),
        "pending_answers": list(review_queries.pending_answers_of(initiative, request.user)),
    }
    context["since"] = _since(request.user, initiative, context["steering_key"])
    if request.user.has_perm(MANAGE, initiative):
        # The same for everyone who manages the initiative: kept as the figures are,
        # in the reader's language (the entries name fields and values in it).
        context.update(
            cache.get_or_set(
                f"recent-history:{context['steering_key']}:{get_language()}",
                lambda: _by_name(
                    recent_history(
                        [
                            *queries.initiative_history(initiative),
                            measure_queries.erased_measures(initiative),
                        ],
                        reverse("initiative_history", args=[initiative.slug]),
                    )
                ),
                STEERING_CACHE_SECONDS,
            )
        )
    return render(request, "home/initiative_home.html", context)


def _by_name(recent):
    """`recent` (core.pages.recent_history) with the authors by name: what is kept in
    the cache holds no user accounts."""
    recent["history"] = [
        dataclasses.replace(entry, user=str(entry.user) if entry.user else None)
        for entry in recent["history"]
    ]
    return recent


def _since(user, initiative, steering_key):
    """[(kind, Since, meeting)]: what changed since the member's last visit and since
    the last meeting of the body that decides on the measures. The counts are kept as
    the dashboard's figures are (`steering_key`): every member reads the same ones
    since the meeting, on every visit."""

    def counted(moment):
        key = f"since:{steering_key}:{moment.timestamp()}"
        return cache.get_or_set(
            key, lambda: recent.changes_since(initiative, moment), STEERING_CACHE_SECONDS
        )

    found = []
    previous = services.dashboard_visited(user=user, initiative=initiative)
    if previous is not None:
        found.append(("visit", counted(previous), None))
    # The same for every member; a meeting that begins now counts as the last one
    # once the kept one expires.
    meeting = cache.get_or_set(
        f"deciding-meeting:{steering_key}",
        lambda: meeting_queries.last_deciding_meeting(initiative),
        STEERING_CACHE_SECONDS,
    )
    if meeting is not None:
        found.append(("meeting", counted(meeting.starts_at), meeting))
    return found


# The dashboard's figures and lists read the whole catalogue, its milestones and the
# answers of the last reviews, far more work than the page around them
# (bench/README.md). The template keeps their part of the page in the cache for as
# long as nothing it shows can have changed. Every write to these models leaves a
# history record (simple_history on save and delete, measures/bulk.py on import), so the
# newest record of each is a stamp of the data, read in one query from the history
# tables' primary keys. A change that left no record (a raw UPDATE) shows after
# STEERING_CACHE_SECONDS at the latest.
STEERING_CACHE_SECONDS = 300
STAMPED_MODELS = (
    Measure,
    Milestone,
    StatusUpdate,
    Partnership,
    Body,
    Person,
    ReviewCycle,
    ReviewAnswer,
    Meeting,
    Indicator,
    Observation,
    Goal,
    # The office's list of recent changes reads these.
    Initiative,
    InitiativeOrganization,
)


# The public page names the owners' organisations too, and offers the fields of
# action to filter by.
PUBLIC_STAMPED_MODELS = (*STAMPED_MODELS, Organization, Topic)


@functools.lru_cache(maxsize=256)
def _stamp_statement(initiative_pk, models, with_snapshot):
    """`_data_stamp`'s query as SQL and parameters, built once per initiative and set of
    models (under the initiative's scope, as every call is): the ORM's building and
    compiling of a dozen annotations costs far more than the query it makes, and the
    dashboard and the public page ask for it on every request."""
    annotations = {}
    if with_snapshot:
        # A closed review or reporting period adds a point to the public page's chart
        # of the plan's progress; snapshots keep no history, so their newest is read.
        newest = Snapshot.objects.filter(initiative=OuterRef("pk")).order_by("-pk")
        annotations["newest_snapshot"] = Subquery(newest.values("pk")[:1])
    annotations.update({f"newest_{model._meta.model_name}": Newest(model) for model in models})
    initiatives = Initiative.objects.filter(pk=initiative_pk).annotate(**annotations)
    return initiatives.values_list(*annotations).query.sql_with_params()


def _data_stamp(initiative, models=STAMPED_MODELS):
    sql, params = _stamp_statement(
        initiative.pk, models, with_snapshot=models is PUBLIC_STAMPED_MODELS
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return "-".join(str(value) for value in cursor.fetchone())


def _steering_key(initiative, today, models=STAMPED_MODELS):
    """What the cached part of the dashboard depends on, besides the language and the
    caller's right to manage (the template adds both): the initiative (its creation
    time too, so a test database that hands out the same ids again cannot hit an old
    entry), its update interval, the day and the stamp of `models`' data. The public
    page's part is keyed the same way, with the organisations, whose names it shows."""
    parts = (
        initiative.pk,
        initiative.created_at.timestamp(),
        initiative.update_interval_months,
        today.isoformat(),
        _data_stamp(initiative, models),
    )
    return ":".join(str(part) for part in parts)


def _steering_figures(initiative, today, by_goal=False):
    """What the dashboard shows of the catalogue and the reviews. Measures count as not
    up to date by the day (the update interval back from this morning), so that the
    cached figures hold for the day."""
    morning = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
    stale_before = dashboard.stale_since(initiative, morning)
    return {
        "figures": dashboard.catalogue_figures(initiative, today=today, stale_before=stale_before),
        "overdue": dashboard.overdue_measures(initiative, today=today),
        "upcoming": dashboard.upcoming_milestones(initiative, today=today),
        "stale": dashboard.stale_measures(initiative, stale_before=stale_before),
        "stale_before": stale_before,
        "reviews": review_summary(initiative),
        "key_indicators": list(indicator_queries.key_indicators(initiative)),
        "goal_groups": (
            indicator_queries.goal_groups(initiative, today=today, stale_before=stale_before)
            if by_goal
            else None
        ),
    }


def _number(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


# What the public page's list is kept for: its own parameters, each once, a status
# the page offers, a search no longer than its field. Any other query string (a
# tracking parameter, a made-up value) is rendered without being kept. Searches are
# still many: the rate limits count in a cache of their own (settings.CACHES), so
# filling this one resets none of them.
PUBLIC_PARAMETERS = {
    "group": r"\d{1,9}",
    "topic": r"\d{1,9}",
    "goal": r"\d{1,9}",
    "page": r"\d{1,6}",
    "by": r"goal",
}


def _public_query_key(request):
    """A short digest of the request's query string where the list may be kept under
    it, else None."""
    query = sorted(request.GET.lists())
    for name, values in query:
        value = values[0]
        if len(values) != 1:
            return None
        if name == "q":
            kept = len(value) <= SEARCH_LENGTH
        elif name == "status":
            kept = value in dashboard.PUBLIC_STATUSES
        else:
            kept = name in PUBLIC_PARAMETERS and re.fullmatch(PUBLIC_PARAMETERS[name], value)
        if not kept:
            return None
    return hashlib.blake2b(repr(query).encode(), digest_size=12).hexdigest()


def _public_context(request, initiative):
    """The public page: the initiative, its figures and charts, and its adopted
    measures per working group with their status and progress (`?group=<id>` narrows
    to one group; `?status=`, `?topic=` and `?q=` filter, see forms.public_filter;
    `?page=` pages).

    Its figures are the catalogue as it stands, so the date they are from is today's
    (the cached parts are kept by the day), not that of a review that asked for them."""
    today = timezone.localdate()
    group = request.GET.get("group")
    page = _number(request.GET.get("page"), 1)
    group = None if group in (None, "") else _number(group, -1)
    key = _steering_key(initiative, today, PUBLIC_STAMPED_MODELS)

    def read_goals():
        # The same for every visitor while nothing changed; read where a goal is
        # chosen, or the filter that offers them is drawn anew.
        return cache.get_or_set(
            f"public-goals:{key}",
            lambda: indicator_queries.goal_measure_ids(initiative),
            STEERING_CACHE_SECONDS,
        )

    narrow = public_filter(request.GET, read_goals()[0] if "goal" in request.GET else None)
    query_key = _public_query_key(request)
    return {
        "initiative": initiative,
        "leading": queries.leading_organizations(initiative),
        # Read only when one of the template's cached fragments has to be rendered
        # anew, as the dashboard's (_steering_key).
        "transparency": SimpleLazyObject(
            lambda: dashboard.public_page(
                initiative,
                page=page,
                group=group,
                narrow=narrow,
                # The counts by group, status, light and field of action are the same
                # for every filter: a filtered visit reads only what its filter finds.
                counts=cache.get_or_set(
                    f"public-counts:{key}",
                    lambda: dashboard.public_counts(initiative),
                    STEERING_CACHE_SECONDS,
                ),
            )
        ),
        "progress_points": SimpleLazyObject(lambda: home_queries.public_progress(initiative)),
        # The figures and charts are the same for every visitor: always kept.
        "figures_key": key,
        "figures_seconds": STEERING_CACHE_SECONDS,
        # The list is kept per query string as well: its links (pages, filters) carry
        # the visitor's, and a filter linked from elsewhere is asked for again and
        # again. Hashed, as a search may be long.
        "public_key": f"{key}:{query_key}" if query_key else "-",
        "public_seconds": STEERING_CACHE_SECONDS if query_key else 0,
        "as_of": today,
        "public_statuses": [(s, Measure.Status(s).label) for s in dashboard.PUBLIC_STATUSES],
        "goals": SimpleLazyObject(lambda: read_goals()[1]),
        "chosen_goal": narrow.among is not None and _number(request.GET.get("goal"), None),
        # The figures by goal instead of by working group, on request.
        "by_goal": request.GET.get("by") == "goal",
        "goal_groups": SimpleLazyObject(lambda: indicator_queries.public_goal_groups(initiative)),
        # Read only when the kept section of the meetings is rendered anew.
        "next_meetings": SimpleLazyObject(
            lambda: meeting_public.next_public_meetings(initiative, today=today)
        ),
    }


@xframe_options_exempt
def initiative_embed(request, initiative_slug):
    """The public page without the site around it, for the websites the office lists
    (and only those) to show in a frame: in all, or compact: a summary card
    (`?view=summary`), one working group's measures (`?group=<pk>`), one measure's
    card (`?measure=<number>`). Each tells the page around it its height
    (core/embed.js)."""
    initiative = request.initiative
    if not initiative.is_public:
        raise Http404
    context = {"public_url": initiative.get_absolute_url(), "initiative": initiative}
    if "measure" in request.GET:
        number = _number(request.GET["measure"], None)
        measure = number is not None and dashboard.public_measure(initiative, number)
        if not measure:
            raise Http404
        context.update(variant="measure", measure=measure, as_of=timezone.localdate())
    elif request.GET.get("view") == "summary":
        context.update(
            variant="summary",
            tally=dashboard.public_figures(initiative),
            as_of=timezone.localdate(),
        )
    else:
        context.update(_public_context(request, initiative))
        # One working group's measures: its list, without the figures around it.
        variant = "group" if request.GET.get("group") else "full"
        context.update(variant=variant, compact=variant == "group")
        if variant == "group" and context["transparency"].group is None:
            raise Http404
    response = render(request, "home/initiative_embed.html", context)
    # The site's policy (settings.CONTENT_SECURITY_POLICY), framed by the listed sites.
    response._csp_replace = {
        "frame-ancestors": [csp.SELF, *embed_origins(initiative.embed_origins)]
    }
    return response


@initiative_permission(MANAGE)
def initiative_history(request, initiative):
    return history_page(
        request,
        initiative,
        initiative,
        [*queries.initiative_history(initiative), measure_queries.erased_measures(initiative)],
        initiative.get_absolute_url(),
    )
