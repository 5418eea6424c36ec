"""Reads for the pages of an initiative. Every function takes the initiative, so no
page can reach another initiative's objects, and does its joins and prefetches here,
so a page's query count does not grow with its rows."""

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from standort.core import slots
from standort.core.history import records, stamped

from .models import (
    Body,
    Initiative,
    InitiativeOrganization,
    InitiativePerson,
    InitiativeRole,
    Membership,
    Organization,
    Person,
    full_name,
)

# Chairs first, guests last: the order people read a body's list in.
ROLE_ORDER = [
    Membership.Role.CHAIR,
    Membership.Role.MANAGER,
    Membership.Role.MEMBER,
    Membership.Role.EXPERT,
    Membership.Role.GUEST,
]
_role_rank = Case(
    *[When(role=role, then=Value(rank)) for rank, role in enumerate(ROLE_ORDER)],
    output_field=IntegerField(),
)


def _count_of(queryset, group_field):
    """The number of rows of `queryset` (filtered on an OuterRef) as a correlated
    subquery: counted per row from an index, and on a page sorted by another column only
    for the rows shown, instead of grouping a join over all rows of the initiative."""
    counts = queryset.order_by().values(group_field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def working_groups(initiative):
    """[(pk, name)] of the initiative's working groups (not their sub-groups), in the
    bodies' order: what one may embed a group of (the embed's `?group=`)."""
    return list(
        Body.objects.filter(
            initiative=initiative, kind=Body.Kind.WORKING_GROUP, parent__isnull=True
        ).values_list("pk", "name")
    )


def public_initiatives():
    return Initiative.objects.filter(is_public=True).order_by("name")


def initiatives_of(user):
    """Initiatives in which the user has a role (all of them for a platform admin)."""
    if not user.is_authenticated:
        return Initiative.objects.none()
    if user.is_superuser:
        return Initiative.objects.order_by("name")
    return Initiative.objects.filter(roles__user=user).order_by("name").distinct()


def leading_organizations(initiative):
    return Organization.objects.filter(
        initiative_links__initiative=initiative, initiative_links__is_leading=True
    ).order_by("name")


def memberships_ordered():
    return Membership.objects.select_related("person__organization").order_by(
        _role_rank, "person__last_name", "person__first_name"
    )


def bodies_for(initiative, *, leader_roles=(Membership.Role.CHAIR, Membership.Role.MANAGER)):
    """Bodies with parent, managing organisation, member count and their leaders
    (`leaders`: memberships in `leader_roles`, chairs first)."""
    leaders = memberships_ordered().filter(role__in=leader_roles)
    return (
        Body.objects.filter(initiative=initiative)
        .select_related("parent", "managing_organization")
        .annotate(member_count=_count_of(Membership.objects.filter(body=OuterRef("pk")), "body"))
        .prefetch_related(Prefetch("memberships", queryset=leaders, to_attr="leaders"))
        .order_by("position", "name")
    )


# What a body's page shows, besides what the apps above add to it: the body, its
# parent and sub-groups, its members and their organisations.
BODY_STAMPED_MODELS = (Body, Membership, Person, Organization)


def body_head(initiative, pk):
    """The body of a page, without its members, or None; with its `stamp` of
    BODY_STAMPED_MODELS and of what the apps above show among its sections and keep
    with the page (their fills name the models: the body's measures, its meetings).
    The page keeps what it shows of the body for as long as the stamp holds, and reads
    the rest (`body_in`, `members_of`) only to render it anew."""
    body = stamped(
        Body.objects.filter(initiative=initiative, pk=pk),
        (*BODY_STAMPED_MODELS, *slots.stamped_by("body.sections")),
    )
    if body is not None:
        Body.initiative.field.set_cached_value(body, initiative)
    return body


def body_in(initiative, pk):
    return (
        Body.objects.filter(initiative=initiative, pk=pk)
        .select_related("initiative", "parent", "managing_organization")
        .prefetch_related(Prefetch("children", queryset=Body.objects.order_by("position", "name")))
    )


@dataclass(frozen=True)
class Member:
    pk: int
    person_id: int
    name: str
    organization: str
    role: str
    starts_on: object
    ends_on: object


def members_of(body):
    """The body's members for its page, chairs first, as plain rows (a body has dozens
    of members; the page shows only these fields)."""
    return _member_rows(Membership.objects.filter(body=body))


def _member_rows(memberships):
    rows = memberships.order_by(_role_rank, "person__last_name", "person__first_name").values_list(
        "pk",
        "person_id",
        "person__title",
        "person__first_name",
        "person__last_name",
        "person__organization__name",
        "role",
        "starts_on",
        "ends_on",
    )
    return [
        Member(pk, person_id, full_name(title, first, last), organization or "", role, start, end)
        for pk, person_id, title, first, last, organization, role, start, end in rows
    ]


# The public record ------------------------------------------------------------------
# What anyone may read of a public initiative's bodies and people: its public pages,
# OParl and the API without a token all read these, so they never disagree.


def public_bodies(initiative):
    """The bodies of a public initiative (none of another): their names are on the
    public page already, beside the measures of each working group."""
    if not initiative.is_public:
        return Body.objects.none()
    return Body.objects.filter(initiative=initiative)


def public_memberships(initiative):
    """The memberships in `public_bodies` of people who agreed to be named publicly
    (`Person.name_is_public`); nobody else's membership is public."""
    return Membership.objects.filter(
        body__in=public_bodies(initiative), person__name_is_public=True
    )


def public_people(initiative):
    """The people of `public_memberships`, each once. Of them the public learns the
    name, and the organisation they belong to; never an address or phone number."""
    return Person.objects.filter(
        pk__in=public_memberships(initiative).values("person_id")
    ).distinct()


def public_body_list(initiative):
    """`public_bodies` for their public list: name, kind and parent, in the bodies'
    order."""
    return (
        public_bodies(initiative)
        .select_related("parent")
        .only("initiative", "name", "kind", "position", "parent", "parent__name")
        .order_by("position", "name")
    )


def public_body(initiative, pk):
    """The public body `pk` with its parent's name, or None (a body of an initiative
    that is not public, or none at all)."""
    body = (
        public_bodies(initiative)
        .select_related("parent")
        .only("initiative", "name", "kind", "description", "parent", "parent__name")
        .filter(pk=pk)
        .first()
    )
    if body is not None:
        Body.initiative.field.set_cached_value(body, initiative)
    return body


def public_members_of(body):
    """The body's `public_memberships` as `members_of` gives them, chairs first: only
    name, organisation name, role and dates reach the public page."""
    return _member_rows(public_memberships(body.initiative).filter(body=body))


def participants(initiative):
    """The initiative's people: the persons who take part in it (a person's contact
    data is visible in an initiative only where they take part). Every other list of
    an initiative's people starts from this one."""
    return Person.objects.filter(initiative_links__initiative=initiative)


def participant_count(initiative):
    """The number of `participants`, from the links alone."""
    return InitiativePerson.objects.filter(initiative=initiative).count()


def people_for(initiative):
    """The initiative's participants, each with their organisation and the bodies of
    this initiative they belong to."""
    memberships = (
        Membership.objects.filter(body__initiative=initiative)
        .select_related("body")
        .order_by("body__position", "body__name")
    )
    return (
        participants(initiative)
        .select_related("organization", "user")
        .prefetch_related(
            Prefetch("memberships", queryset=memberships, to_attr="local_memberships")
        )
    )


def person_in(initiative, pk):
    return people_for(initiative).filter(pk=pk)


def organizations_for(initiative):
    """The initiative's organisations with the leading flag and how many of their
    people take part."""
    return (
        Organization.objects.annotate(
            link=FilteredRelation(
                "initiative_links", condition=Q(initiative_links__initiative=initiative)
            ),
        )
        .filter(link__isnull=False)
        .annotate(
            is_leading=F("link__is_leading"),
            participant_count=_count_of(
                Person.objects.filter(
                    organization=OuterRef("pk"), initiative_links__initiative=initiative
                ),
                "organization",
            ),
        )
    )


def organization_in(initiative, pk):
    return organizations_for(initiative).filter(pk=pk)


def roles_for(initiative):
    return (
        InitiativeRole.objects.filter(initiative=initiative)
        .select_related("user", "user__person")
        .order_by("role", "user__last_name", "user__email")
    )


# Change history: the historical records that make up each object's "Änderungsverlauf".


def initiative_history(initiative):
    """The initiative's own records, and of its organisations only the leading partners:
    the others show on their own pages."""
    links = records(InitiativeOrganization, initiative_id=initiative.pk)
    ever_leading = links.filter(is_leading=True).values("organization_id")
    return [records(Initiative, id=initiative.pk), links.filter(organization_id__in=ever_leading)]


def body_history(body):
    return [records(Body, id=body.pk), records(Membership, body_id=body.pk)]


def person_history(initiative, person):
    return [
        records(Person, id=person.pk),
        records(InitiativePerson, initiative_id=initiative.pk, person_id=person.pk),
        records(Membership, person_id=person.pk, body_id__in=initiative.bodies.values("pk")),
    ]


def organization_history(initiative, organization):
    return [
        records(Organization, id=organization.pk),
        records(
            InitiativeOrganization, initiative_id=initiative.pk, organization_id=organization.pk
        ),
    ]


def office_contact(initiative_id):
    """Whom a person without an account may ask: the first person of the initiative's
    project office, as {"name", "email"}, or None."""
    office = (
        InitiativeRole.objects.filter(initiative_id=initiative_id, role=InitiativeRole.Role.OFFICE)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if office is None:
        return None
    return {"name": office.user.get_full_name() or office.user.email, "email": office.user.email}
