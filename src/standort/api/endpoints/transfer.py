"""The transfer platform's catalogue: offers of science and needs of firms, each reader
seeing what the catalogue's pages show them (the public: published offers and public
needs, without anyone's contact data)."""

from typing import Annotated

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Field, Router
from ninja.pagination import paginate

from standort.transfer import queries
from standort.transfer.models import Offer
from standort.transfer.rules import Viewer

from .. import schemas
from ..access import initiative_for, require
from ..http import respond
from ..problems import ApiProblem
from ..schemas import Id
from .common import READ, CursorPagination, Rows, absolute, answers, paginated

router = Router(tags=["transfer"])

BROWSE = "transfer.browse"


def _contact(person, viewer):
    if person is None or not viewer.sees_contacts:
        return None
    return {"name": person.full_name, "email": person.email, "phone": person.phone}


def _offer(initiative, viewer, offer):
    return {
        "id": offer.pk,
        "kind": offer.kind,
        "kind_label": str(Offer.Kind(offer.kind).label),
        "title": offer.title,
        "description": offer.description,
        "institution": {"id": offer.institution_id, "name": offer.institution.name},
        "topics": [topic.name for topic in offer.topic_list],
        "conditions": offer.conditions,
        "valid_until": offer.valid_until,
        "state": offer.state,
        "contact": _contact(offer.contact, viewer),
        "url": absolute(reverse("transfer_offer", args=[initiative.slug, offer.pk])),
    }


def _need(initiative, viewer, need):
    return {
        "id": need.pk,
        "title": need.title,
        "problem": need.problem,
        "company": {"id": need.company_id, "name": need.company.name},
        "topics": [topic.name for topic in need.topic_list],
        "timeframe": need.timeframe,
        "visibility": need.visibility,
        "state": need.state,
        "contact": _contact(need.contact, viewer),
        "url": absolute(reverse("transfer_need", args=[initiative.slug, need.pk])),
    }


def _reader(request, slug):
    initiative = initiative_for(request, slug)
    require(request, BROWSE, initiative)
    return initiative, Viewer.of(request.user, initiative)


@router.get(
    "/{slug}/transfer/offers",
    response=answers(list[schemas.Offer], 403),
    auth=READ,
    summary="Cooperation offers of science",
)
@paginate(CursorPagination, **paginated(("pk",)))
def offer_list(
    request,
    slug: str,
    q: Annotated[str, Field(max_length=100)] | None = None,
    topic: Id | None = None,
):
    initiative, viewer = _reader(request, slug)
    offers = queries.catalogue_offers(initiative, viewer).select_related("contact")
    if topic is not None:
        offers = offers.filter(topics=topic)
    if q:
        offers = queries.search_offers(offers, q[:100])
    return Rows(offers, lambda offer: _offer(initiative, viewer, offer))


@router.get(
    "/{slug}/transfer/offers/{pk}",
    response=answers(schemas.Offer, 403),
    auth=READ,
    summary="A cooperation offer",
)
def offer_detail(request, slug: str, pk: Id):
    initiative, viewer = _reader(request, slug)
    offer = (
        queries.catalogue_offers(initiative, viewer).select_related("contact").filter(pk=pk).first()
    )
    if offer is None or not request.user.has_perm("transfer.see_offer", offer):
        raise ApiProblem("not-found", _("There is nothing at this address."))
    return respond(request, schemas.Offer, _offer(initiative, viewer, offer))


@router.get(
    "/{slug}/transfer/needs",
    response=answers(list[schemas.Need], 403),
    auth=READ,
    summary="Needs of firms",
)
@paginate(CursorPagination, **paginated(("pk",)))
def need_list(
    request,
    slug: str,
    q: Annotated[str, Field(max_length=100)] | None = None,
    topic: Id | None = None,
):
    initiative, viewer = _reader(request, slug)
    needs = queries.catalogue_needs(initiative, viewer).select_related("contact")
    if topic is not None:
        needs = needs.filter(topics=topic)
    if q:
        needs = queries.search_needs(needs, q[:100])
    return Rows(needs, lambda need: _need(initiative, viewer, need))


@router.get(
    "/{slug}/transfer/needs/{pk}",
    response=answers(schemas.Need, 403),
    auth=READ,
    summary="A need",
)
def need_detail(request, slug: str, pk: Id):
    initiative, viewer = _reader(request, slug)
    need = (
        queries.catalogue_needs(initiative, viewer).select_related("contact").filter(pk=pk).first()
    )
    if need is None or not request.user.has_perm("transfer.see_need", need):
        raise ApiProblem("not-found", _("There is nothing at this address."))
    return respond(request, schemas.Need, _need(initiative, viewer, need))
