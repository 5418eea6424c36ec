"""Measures, their milestones and status updates: read as the list and the measure's
page show them (the public its public page), written through the forms and services
of those pages."""

from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from standort.initiatives.models import full_name
from standort.measures import custom_fields, public, queries, services
from standort.measures.dashboard import public_measures, public_state
from standort.measures.filters import MeasureFilter
from standort.measures.forms import MeasureForm, MilestoneForm, StatusForm
from standort.measures.models import Measure, Milestone, StatusUpdate

from .. import schemas
from ..access import initiative_for, is_public_reader, require, require_write
from ..forms_bridge import current_values, validated
from ..http import check_version, respond
from ..problems import ApiProblem
from ..schemas import Id
from .common import READ, WRITE, CursorPagination, Rows, absolute, answers, paginated

router = Router(tags=["measures"])

VIEW = "measures.view_measures"
CHANGE = "measures.change_measure"


class MeasureFilters(Schema):
    """The filters of the measure list (its query string). The public filter by all but
    the tag and the archive, which are the initiative's own."""

    q: str | None = Field(None, max_length=100)
    status: Measure.Status | None = None
    kind: Measure.Kind | None = None
    body: Id | None = None
    topic: Id | None = None
    light: str | None = Field(None, max_length=10)
    organization: str | None = Field(None, max_length=100)
    overdue: bool | None = None
    tag: Id | None = None
    archived: bool | None = None


PUBLIC_FILTERS = ("q", "status", "kind", "body", "topic", "light", "organization", "overdue")


def _query(filters, public_reader):
    data = QueryDict(mutable=True)
    for name, value in filters.dict(exclude_none=True).items():
        if public_reader and name not in PUBLIC_FILTERS:
            continue
        data[name] = "on" if value is True else ("" if value is False else str(value))
    return data


def _ref(pk, neighbour):
    return {"id": pk, "name": neighbour.name} if pk is not None and neighbour is not None else None


def measure_url(initiative, number):
    return absolute(reverse("measure_detail", args=[initiative.slug, number]))


def _shown(initiative, measure, *, light, organization, owner_name, today):
    """What a list row shows of `measure`, given what the reader learns of its traffic
    light, organisation and owner."""
    return {
        "number": measure.number,
        "title": measure.title,
        "kind": measure.kind,
        "status": measure.status,
        "status_label": str(Measure.Status(measure.status).label),
        "progress": measure.progress,
        "traffic_light": light,
        "due_on": measure.due_on,
        "body": _ref(measure.body_id, measure.body),
        "topic": _ref(measure.topic_id, measure.topic),
        "owner_organization": organization,
        "owner_name": owner_name,
        "next_milestone_on": measure.next_milestone_on,
        "is_overdue": queries.row_is_overdue(measure, today),
        "url": measure_url(initiative, measure.number),
    }


def _row(initiative, measure, public_reader, today):
    owner = measure.owner
    update = measure.latest_update
    organization = measure.owner_organization
    return _shown(
        initiative,
        measure,
        light=update.traffic_light if update is not None else None,
        organization=organization.name if organization is not None else None,
        owner_name=None
        if public_reader or owner is None
        else full_name(owner.title, owner.first_name, owner.last_name),
        today=today,
    )


@router.get(
    "/{slug}/measures",
    response=answers(list[schemas.MeasureRow]),
    auth=READ,
    summary="The measures",
)
@paginate(CursorPagination, **paginated(("number",)))
def measure_list(request, slug: str, filters: Query[MeasureFilters]):
    """The measure list, filtered as its page filters; the public read the public
    measures (adopted and later, not internal), as the public page lists them."""
    initiative = initiative_for(request, slug)
    public_reader = is_public_reader(request)
    if not public_reader:
        require(request, VIEW, initiative)
    chosen = MeasureFilter(
        _query(filters, public_reader), initiative=initiative, user=request.user, offered=False
    )
    measures = chosen.qs
    if public_reader:
        measures = measures & public_measures(initiative)
    today = timezone.localdate()
    return Rows(
        queries.list_columns(measures, overdue=False),
        lambda measure: _row(initiative, measure, public_reader, today),
    )


# One measure ------------------------------------------------------------------------


def _milestone(milestone):
    return {
        "id": milestone.pk,
        "title": milestone.title,
        "due_on": milestone.due_on,
        "completed_on": milestone.completed_on,
    }


def _next_open(milestones):
    return min((m.due_on for m in milestones if m.completed_on is None), default=None)


def _member_view(initiative, measure):
    """A measure as those with a role read it on its page."""
    milestones = list(measure.milestones.all())
    measure.next_milestone_on = _next_open(milestones)
    fields = custom_fields.fields_of(initiative)
    return {
        **_row(initiative, measure, False, timezone.localdate()),
        "starts_on": measure.starts_on,
        "description": measure.description,
        "goal": measure.goal,
        "status_reason": measure.status_reason,
        "adopted_on": measure.adopted_on,
        "decision": measure.decision,
        "is_public": not measure.is_internal,
        "milestones": [_milestone(m) for m in milestones],
        "partners": [
            {
                "organization": p.organization.name if p.organization_id else "",
                "person": p.person.full_name if p.person_id else None,
                "role": p.role,
            }
            for p in measure.partnerships.all()
        ],
        "tags": sorted((tag.name for tag in measure.tags.all()), key=str.casefold),
        "custom_fields": {
            field.key: custom_fields.to_python(field, measure.custom_values.get(field.key))
            for field in fields
        },
    }


def _public_view(initiative, shown):
    """A public measure as its public page shows it."""
    measure = shown.measure
    measure.next_milestone_on = _next_open(shown.milestones)
    newest = shown.updates[0] if shown.updates else None
    return {
        **_shown(
            initiative,
            measure,
            light=newest.traffic_light if newest else None,
            organization=shown.organization_name or None,
            owner_name=shown.owner_name or None,
            today=timezone.localdate(),
        ),
        "starts_on": measure.starts_on,
        "description": measure.description,
        "goal": measure.goal,
        "status_reason": shown.dropped_reason,
        "adopted_on": measure.adopted_on,
        "decision": measure.decision,
        "is_public": True,
        "milestones": [_milestone(m) for m in shown.milestones],
        "partners": [{"organization": name, "person": None, "role": ""} for name in shown.partners],
        "tags": [],
        "custom_fields": {},
    }


def _not_found(number):
    return ApiProblem(
        "not-found", _("There is no measure %(number)s for you.") % {"number": number}
    )


def measure_view(request, initiative, number):
    """The measure `number` as the asker may read it, or a 404."""
    if is_public_reader(request):
        shown = public.public_measure(initiative, number)
        if shown is None:
            raise _not_found(number)
        return _public_view(initiative, shown)
    measure = queries.measure_in(initiative, number)
    if measure is None or not request.user.has_perm("measures.view_measure", measure):
        raise _not_found(number)
    return _member_view(initiative, measure)


def measure_to_read(request, initiative, number):
    """The measure `number` for a reader with a role who may see it, or a 404."""
    measure = (
        Measure.objects.filter(initiative=initiative, number=number)
        .select_related("body", "owner")
        .first()
    )
    if measure is None or not request.user.has_perm("measures.view_measure", measure):
        raise _not_found(number)
    Measure.initiative.field.set_cached_value(measure, initiative)
    return measure


def measure_detail_response(request, initiative, number, status=200):
    return respond(request, schemas.Measure, measure_view(request, initiative, number), status)


@router.get(
    "/{slug}/measures/{number}",
    response=answers(schemas.Measure),
    auth=READ,
    summary="A measure",
)
def measure_detail(request, slug: str, number: Id):
    """A measure with its milestones, partners and (for readers with a role) tags and
    the initiative's own fields."""
    return measure_detail_response(request, initiative_for(request, slug), number)


# Writing a measure --------------------------------------------------------------------

# The API's field names → the measure form's.
MEASURE_FIELDS = {
    "body_id": "body",
    "topic_id": "topic",
    "owner_id": "owner",
    "owner_organization_id": "owner_organization",
    "parent_number": "parent",
}


def _measure_data(initiative, form, sent):
    """The form's data: what it shows now, with what the client sent laid over it."""
    data = current_values(form)
    values = sent.dict(exclude_unset=True)
    for name, value in values.items():
        if name == "custom_fields":
            data.update(value or {})
        elif name == "tags":
            data["tags"] = ", ".join(value or [])
        elif name == "parent_number":
            parent = (
                Measure.objects.filter(initiative=initiative, number=value)
                .values_list("pk", flat=True)
                .first()
                if value is not None
                else None
            )
            data["parent"] = parent if value is None or parent is not None else -1
        else:
            data[MEASURE_FIELDS.get(name, name)] = value
    return {name: value for name, value in data.items() if value is not None}


def _names(form):
    """Form field → API field, for the errors."""
    names = {form_name: api_name for api_name, form_name in MEASURE_FIELDS.items()}
    for field in form.custom_fields:
        names[field.key] = f"custom_fields.{field.key}"
    return names


def _saved_measure(request, initiative, measure, status=200):
    return respond(
        request,
        schemas.Measure,
        _member_view(initiative, queries.measure_in(initiative, measure.number)),
        status,
    )


@router.post(
    "/{slug}/measures",
    response=answers(schemas.Measure, 403, 409, status=201),
    auth=WRITE,
    summary="Add a measure",
)
def measure_create(request, slug: str, sent: schemas.MeasureIn):
    """As the form “New measure”: the office anywhere, a chair or manager in their
    groups. The number is the next free one."""
    initiative = initiative_for(request, slug)
    require_write(request, "measures.add_measure", initiative)
    blank = MeasureForm(
        instance=Measure(initiative=initiative), initiative=initiative, user=request.user
    )
    form = validated(
        MeasureForm(
            _measure_data(initiative, blank, sent),
            instance=Measure(initiative=initiative),
            initiative=initiative,
            user=request.user,
        ),
        _names(blank),
    )
    services.set_custom_values(form.instance, form.custom_fields, form.cleaned_data)
    services.measure_save(actor=request.user, measure=form.instance, tags=form.cleaned_data["tags"])
    return _saved_measure(request, initiative, form.instance, 201)


def _measure_to_change(request, initiative, number):
    """The measure `number` for a change: a 404 if the asker cannot even read it, a 403
    if they read it (as a public measure) but may not change it."""
    measure = (
        Measure.objects.filter(initiative=initiative, number=number)
        .select_related("body", "owner")
        .first()
    )
    if measure is not None:
        Measure.initiative.field.set_cached_value(measure, initiative)
    readable = measure is not None and (
        request.user.has_perm("measures.view_measure", measure) or public_state(measure) == "shown"
    )
    if not readable:
        raise _not_found(number)
    require_write(request, CHANGE, measure)
    return measure


@router.patch(
    "/{slug}/measures/{number}",
    response=answers(schemas.Measure, 403, 409, 412, 428),
    auth=WRITE,
    summary="Change a measure",
)
def measure_change(request, slug: str, number: Id, sent: schemas.MeasureIn):
    """As the form “Edit measure”; send the ETag you read it with as `If-Match`. The
    status changes through `/status`."""
    initiative = initiative_for(request, slug)
    measure = _measure_to_change(request, initiative, number)
    check_version(request, schemas.Measure, measure_view(request, initiative, number))
    if sent.status is not None:
        raise ApiProblem(
            "invalid",
            _("The request has invalid values; see “errors”."),
            [("status", _("The status changes through …/status."))],
        )
    version = measure.version
    blank = MeasureForm(instance=measure, initiative=initiative, user=request.user)
    form = validated(
        MeasureForm(
            _measure_data(initiative, blank, sent),
            instance=measure,
            initiative=initiative,
            user=request.user,
        ),
        _names(blank),
    )
    services.set_custom_values(measure, form.custom_fields, form.cleaned_data)
    services.measure_save(
        actor=request.user,
        measure=measure,
        tags=form.cleaned_data["tags"],
        expected_version=version,
    )
    return _saved_measure(request, initiative, measure)


@router.post(
    "/{slug}/measures/{number}/status",
    response=answers(schemas.Measure, 403, 409, 412, 428),
    auth=WRITE,
    summary="Change a measure's status",
)
def measure_status(request, slug: str, number: Id, sent: schemas.StatusChange):
    """As the form “Change status”: only to the statuses its life allows next, with a
    reason where one is needed; send the measure's ETag as `If-Match`."""
    initiative = initiative_for(request, slug)
    measure = _measure_to_change(request, initiative, number)
    check_version(request, schemas.Measure, measure_view(request, initiative, number))
    data = {name: value for name, value in sent.dict().items() if value is not None}
    if "adopted_by_id" in data:
        data["adopted_by"] = data.pop("adopted_by_id")
    form = validated(StatusForm(data, measure=measure), {"adopted_by": "adopted_by_id"})
    services.measure_set_status(
        actor=request.user,
        measure=measure,
        status=form.cleaned_data["status"],
        reason=form.cleaned_data["reason"],
        expected_version=measure.version,
        **form.adoption(),
    )
    return _saved_measure(request, initiative, measure)


# Milestones ---------------------------------------------------------------------------


def _milestone_of(measure, pk):
    return get_object_or_404(Milestone.objects.filter(measure=measure), pk=pk)


@router.post(
    "/{slug}/measures/{number}/milestones",
    response=answers(schemas.Milestone, 403, status=201),
    auth=WRITE,
    summary="Add a milestone",
)
def milestone_create(request, slug: str, number: Id, sent: schemas.MilestoneIn):
    initiative = initiative_for(request, slug)
    measure = _measure_to_change(request, initiative, number)
    form = validated(
        MilestoneForm(sent.dict(exclude_none=True), instance=Milestone(measure=measure))
    )
    services.milestone_save(actor=request.user, milestone=form.instance)
    return respond(request, schemas.Milestone, _milestone(form.instance), 201)


@router.get(
    "/{slug}/measures/{number}/milestones/{pk}",
    response=answers(schemas.Milestone),
    auth=READ,
    summary="A milestone",
)
def milestone_detail(request, slug: str, number: Id, pk: Id):
    initiative = initiative_for(request, slug)
    shown = measure_view(request, initiative, number)
    milestone = next((m for m in shown["milestones"] if m["id"] == pk), None)
    if milestone is None:
        raise ApiProblem("not-found", _("There is nothing at this address."))
    return respond(request, schemas.Milestone, milestone)


@router.patch(
    "/{slug}/measures/{number}/milestones/{pk}",
    response=answers(schemas.Milestone, 403, 412, 428),
    auth=WRITE,
    summary="Change a milestone",
)
def milestone_change(request, slug: str, number: Id, pk: Id, sent: schemas.MilestoneIn):
    """Send the ETag of the milestone as `If-Match`."""
    initiative = initiative_for(request, slug)
    measure = _measure_to_change(request, initiative, number)
    milestone = _milestone_of(measure, pk)
    check_version(request, schemas.Milestone, _milestone(milestone))
    version = milestone.version
    blank = MilestoneForm(instance=milestone)
    form = validated(
        MilestoneForm(
            {
                name: value
                for name, value in {
                    **current_values(blank),
                    **sent.dict(exclude_unset=True),
                }.items()
                if value is not None
            },
            instance=milestone,
        )
    )
    services.milestone_save(actor=request.user, milestone=form.instance, expected_version=version)
    return respond(request, schemas.Milestone, _milestone(milestone))


@router.delete(
    "/{slug}/measures/{number}/milestones/{pk}",
    response=answers(None, 403, 412, 428, status=204),
    auth=WRITE,
    summary="Delete a milestone",
)
def milestone_delete(request, slug: str, number: Id, pk: Id):
    """Send the ETag of the milestone as `If-Match`."""
    initiative = initiative_for(request, slug)
    measure = _measure_to_change(request, initiative, number)
    milestone = _milestone_of(measure, pk)
    check_version(request, schemas.Milestone, _milestone(milestone))
    services.milestone_delete(actor=request.user, milestone=milestone)
    return Status(204, None)


# Status updates -----------------------------------------------------------------------


@router.get(
    "/{slug}/measures/{number}/status-updates",
    response=answers(list[schemas.StatusUpdate]),
    auth=READ,
    summary="A measure's status updates",
)
@paginate(CursorPagination, **paginated(("-reported_at", "-pk")))
def status_update_list(request, slug: str, number: Id):
    """The accepted status updates, the newest first; the public read what the public
    page shows of them (not the next steps and the support needed)."""
    initiative = initiative_for(request, slug)
    public_reader = is_public_reader(request)
    if public_reader:
        found = public_measures(initiative).filter(number=number).exists()
    else:
        measure = Measure.objects.filter(initiative=initiative, number=number).first()
        found = measure is not None and request.user.has_perm("measures.view_measure", measure)
    if not found:
        raise _not_found(number)
    updates = StatusUpdate.objects.filter(
        measure__initiative=initiative, measure__number=number
    ).accepted()
    return Rows(updates, lambda update: _update(update, public_reader))


def _update(update, public_reader):
    return {
        "id": update.pk,
        "reported_at": update.reported_at,
        "traffic_light": update.traffic_light,
        "progress": update.progress,
        "achieved": update.achieved,
        "next_steps": None if public_reader else update.next_steps,
        "support_needed": None if public_reader else update.support_needed,
    }
