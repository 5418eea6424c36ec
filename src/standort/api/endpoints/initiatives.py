"""Initiatives, their bodies and the memberships of people in them."""

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from standort.core.tenancy import across_initiatives
from standort.initiatives import queries
from standort.initiatives.models import Body, DataLicence, Initiative, Membership, full_name

from .. import schemas
from ..access import initiative_for, is_public_reader
from ..http import respond
from ..problems import ApiProblem
from ..schemas import Id
from .common import READ, CursorPagination, Rows, absolute, answers, paginated

router = Router(tags=["initiatives"])


def _initiative(initiative):
    licence = DataLicence(initiative.data_licence)
    return {
        "slug": initiative.slug,
        "name": initiative.name,
        "city": initiative.city,
        "summary": initiative.summary,
        "description": initiative.description,
        "starts_on": initiative.starts_on,
        "ends_on": initiative.ends_on,
        "is_public": initiative.is_public,
        "url": absolute(initiative.get_absolute_url()),
        "licence": {"id": licence.value, "name": str(licence.label), "url": licence.url},
    }


@router.get("", response=answers(list[schemas.Initiative]), auth=READ, summary="The initiatives")
@paginate(CursorPagination, **paginated(("slug",)))
def initiative_list(request):
    """The public initiatives, and the token's own."""
    visible = Q(is_public=True)
    if request.api_token is not None:
        visible |= Q(pk=request.api_token.initiative_id)
    with across_initiatives():
        return Rows(Initiative.objects.filter(visible), _initiative)


@router.get("/{slug}", response=answers(schemas.Initiative), auth=READ, summary="An initiative")
def initiative_detail(request, slug: str):
    return respond(request, schemas.Initiative, _initiative(initiative_for(request, slug)))


def _bodies(request, initiative):
    if is_public_reader(request):
        return queries.public_bodies(initiative)
    return Body.objects.filter(initiative=initiative)


def _body(initiative, body):
    return {
        "id": body.pk,
        "kind": body.kind,
        "kind_label": str(Body.Kind(body.kind).label),
        "name": body.name,
        "parent_id": body.parent_id,
        "description": body.description,
        "url": absolute(reverse("body_detail", args=[initiative.slug, body.pk])),
    }


@router.get("/{slug}/bodies", response=answers(list[schemas.Body]), auth=READ, summary="The bodies")
@paginate(CursorPagination, **paginated(("pk",)))
def body_list(request, slug: str):
    """Steering committee, working groups, sub-groups and conferences."""
    initiative = initiative_for(request, slug)
    return Rows(_bodies(request, initiative), lambda body: _body(initiative, body))


@router.get("/{slug}/bodies/{pk}", response=answers(schemas.Body), auth=READ, summary="A body")
def body_detail(request, slug: str, pk: Id):
    initiative = initiative_for(request, slug)
    body = _bodies(request, initiative).filter(pk=pk).first()
    if body is None:
        raise ApiProblem("not-found", _("There is nothing at this address."))
    return respond(request, schemas.Body, _body(initiative, body))


def _membership(membership):
    person = membership.person
    return {
        "id": membership.pk,
        "body_id": membership.body_id,
        "person": {
            "id": person.pk,
            "name": full_name(person.title, person.first_name, person.last_name),
        },
        "organization": person.organization.name if person.organization_id else "",
        "role": membership.role,
        "role_label": str(Membership.Role(membership.role).label),
        "starts_on": membership.starts_on,
        "ends_on": membership.ends_on,
    }


@router.get(
    "/{slug}/memberships",
    response=answers(list[schemas.Membership]),
    auth=READ,
    summary="Who belongs to which body",
)
@paginate(CursorPagination, **paginated(("pk",)))
def membership_list(request, slug: str, body: Id | None = None):
    """The members of the bodies with their role (chair, manager, member, expert,
    guest); the public read those who agreed to be named publicly."""
    initiative = initiative_for(request, slug)
    if is_public_reader(request):
        memberships = queries.public_memberships(initiative)
    else:
        memberships = Membership.objects.filter(body__initiative=initiative)
    if body is not None:
        memberships = memberships.filter(body_id=body)
    return Rows(memberships.select_related("person__organization"), _membership)
