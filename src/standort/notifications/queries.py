"""Reads of the notifications: who follows what, a user's choices, their list."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from standort.dialog.models import Comment, Idea
from standort.initiatives.models import Body, InitiativeRole, Membership, Person
from standort.initiatives.rules import has_role
from standort.measures.models import Measure, Partnership

from .models import DEFAULT_CHOICES, Choice, Follow, Kind, Notification, Preference

TARGETS = {Measure: "measure", Body: "body", Idea: "idea"}


def target_field(obj):
    """The Follow column that points to `obj`."""
    try:
        return TARGETS[type(obj)]
    except KeyError:
        raise TypeError(f"{type(obj).__name__} cannot be followed") from None


def _automatic(obj):
    """Users who follow `obj` without asking: a measure's owner and partners, a body's
    current members, an idea's author and those who commented on it."""
    if isinstance(obj, Measure):
        # The owner and the partners each by their own index: as an OR over joins of
        # persons to measures and partnerships, PostgreSQL hashed both tables (10 ms).
        partners = Partnership.objects.filter(measure=obj).values("person_id")
        people = Person.objects.filter(Q(pk=obj.owner_id) | Q(pk__in=partners))
        return Q(pk__in=people.filter(user__isnull=False).values("user_id"))
    if isinstance(obj, Body):
        members = Membership.objects.filter(body=obj, person__user__isnull=False).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=timezone.localdate())
        )
        return Q(pk__in=members.values("person__user_id"))
    if isinstance(obj, Idea):
        commenters = Comment.objects.filter(idea=obj, author__isnull=False)
        return Q(pk=obj.author_id) | Q(pk__in=commenters.values("author_id"))
    raise TypeError(f"{type(obj).__name__} cannot be followed")


def _may_see(initiative_id):
    """Only those who take part in the initiative (or run the platform) are told."""
    return Q(is_superuser=True) | Q(
        pk__in=InitiativeRole.objects.filter(initiative_id=initiative_id).values("user_id")
    )


def followers(obj):
    """The active users who follow `obj`: explicit follows and automatic ones, less
    explicit unfollows, of those who may see it. One query, whatever the numbers."""
    own = Follow.objects.filter(**{target_field(obj): obj})
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(pk__in=own.filter(following=True).values("user_id")) | _automatic(obj))
        .exclude(pk__in=own.filter(following=False).values("user_id"))
        .filter(_may_see(obj.initiative_id))
    )


def followers_of_measures(initiative, measure_ids):
    """{user id: {measure ids}}: which of the measures `measure_ids` of `initiative` each
    user follows, as `followers` decides for one measure; in five queries, however many
    measures."""
    follows = Follow.objects.filter(measure__in=measure_ids)
    pairs = set(
        Measure.objects.filter(pk__in=measure_ids, owner__user__isnull=False).values_list(
            "owner__user_id", "pk"
        )
    )
    pairs |= set(
        Partnership.objects.filter(measure__in=measure_ids, person__user__isnull=False).values_list(
            "person__user_id", "measure_id"
        )
    )
    pairs |= set(follows.filter(following=True).values_list("user_id", "measure_id"))
    pairs -= set(follows.filter(following=False).values_list("user_id", "measure_id"))
    told = set(
        get_user_model()
        .objects.filter(pk__in={user for user, _measure in pairs}, is_active=True)
        .filter(_may_see(initiative.pk))
        .values_list("pk", flat=True)
    )
    followed = {}
    for user, measure in pairs:
        if user in told:
            followed.setdefault(user, set()).add(measure)
    return followed


def is_following(user, obj):
    """Whether `user` is among `followers(obj)`, asked for this one user: their own
    choice where they made one, else whether they follow automatically. Two small
    queries at most: the one query of `followers` took the pages with a follow button
    longer to build than to run (bench/README.md)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if not (user.is_superuser or has_role(user, obj.initiative_id)):
        return False
    own = Follow.objects.filter(user=user, **{target_field(obj): obj})
    choice = own.values_list("following", flat=True).first()
    return follows_automatically(user, obj) if choice is None else choice


def follows_automatically(user, obj):
    return get_user_model().objects.filter(_automatic(obj), pk=user.pk).exists()


def choices_of(user_ids, kind):
    """{user id: choice} for `kind`, the default where a user has chosen nothing.
    `user_ids` may be a list or a subquery of ids."""
    kind = Kind(kind)
    stored = dict(
        Preference.objects.filter(user__in=user_ids, kind=kind).values_list("user_id", "choice")
    )
    if not isinstance(user_ids, list):
        user_ids = [row["pk"] if isinstance(row, dict) else row for row in user_ids]
    default = DEFAULT_CHOICES[kind]
    return {pk: Choice(stored.get(pk, default)) for pk in user_ids}


def preferences_of(user):
    """{kind: choice} for every kind."""
    stored = dict(Preference.objects.filter(user=user).values_list("kind", "choice"))
    return {kind: Choice(stored.get(kind, DEFAULT_CHOICES[kind])) for kind in Kind}


def notifications_of(user):
    """The user's notifications, newest first, with their initiative."""
    return Notification.objects.filter(recipient=user).select_related("initiative")


def unread_count(user):
    return Notification.objects.filter(recipient=user, read_at=None).count()


def explicit_follows(user):
    """What the user follows by their own choice, with each target's initiative."""
    return (
        Follow.objects.filter(user=user, following=True)
        .select_related("measure__initiative", "body__initiative", "idea__initiative")
        .order_by("-created_at", "-pk")
    )
