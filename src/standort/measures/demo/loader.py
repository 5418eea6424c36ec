"""Writes the demo measures of one initiative, the way the initiatives' demo loader
writes its records: looked up by natural key (measure by number, milestone by title,
partner by person, status update by its time), saved through the services only when
something differs, with the demo admin as author of the history."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from standort.core.demo import differs

from .. import services
from ..custom_fields import to_stored
from ..models import CustomField, Measure, Milestone, Partnership, StatusUpdate, Topic
from .data import ADOPTION, CUSTOM_FIELDS, DEFAULT_KIND, TOPICS
from .data_duisburg import DUISBURG
from .data_muelheim import MUELHEIM

BERLIN = ZoneInfo("Europe/Berlin")
MEASURES = {"duisburg": DUISBURG, "muelheim": MUELHEIM}


def _date(value):
    return datetime.date.fromisoformat(value) if value else None


def _moment(value, hour):
    """A date of the tables as a time of day in Berlin (reports come in the morning,
    the office accepts them the next day)."""
    day = datetime.date.fromisoformat(value)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)


class People:
    """Resolves the tables' references to the initiative's Person objects."""

    def __init__(self, initiative_plan, plan_people, persons):
        self.participants = set(initiative_plan.participants)
        self.memberships = initiative_plan.memberships
        self.plan_people = plan_people
        self.persons = persons

    def get(self, ref, body_name):
        if "@" in ref:
            if ref not in self.participants:
                raise ValueError(f"{ref} takes no part in this initiative")
            return self.persons[ref]
        key, _sep, nth = ref.partition("#")
        nth = int(nth or 1)
        for names in ({body_name}, None):
            emails = [
                email
                for body, email, _role in self.memberships
                if (names is None or body in names)
                and self.plan_people[email]["organization"] == key
            ]
            emails = list(dict.fromkeys(emails))
            if len(emails) >= nth:
                return self.persons[emails[nth - 1]]
        raise ValueError(f"nobody from {ref} in {body_name}")


def load_measures(*, result, actor, initiative, initiative_plan, plan_people, persons, bodies):
    """Creates or updates the demo measures of `initiative` (if the tables have any).
    `persons` maps e-mails to Person objects, `bodies` body names to Body objects."""
    slug = initiative.slug
    if slug not in MEASURES:
        return
    topics = {
        name: _topic(result, actor, initiative, name, position)
        for position, name in enumerate(TOPICS[slug], start=1)
    }
    fields = {
        label: _field(result, actor, initiative, label, spec, position)
        for position, (label, spec) in enumerate(CUSTOM_FIELDS.items(), start=1)
    }
    people = People(initiative_plan, plan_people, persons)
    existing = {m.number: m for m in Measure.objects.filter(initiative=initiative)}
    measures = {}
    for spec in MEASURES[slug]:
        owner = people.get(spec["owner"], spec["body"])
        measure = _measure(
            result,
            actor,
            initiative,
            spec,
            existing.get(spec["number"]),
            values=_values(spec, slug, owner, topics, fields, bodies, measures),
        )
        measures[spec["number"]] = measure
        for title, due_on, completed_on in spec.get("milestones", []):
            _milestone(result, actor, measure, title, _date(due_on), _date(completed_on))
        for ref, role in spec.get("partners", []):
            _partnership(result, actor, measure, people.get(ref, spec["body"]), role)
        for update in spec.get("updates", []):
            _status_update(result, actor, measure, owner, *update)


def _put(result, model, lookup, values, save):
    """The object `lookup` finds (else a new one), saved with `save` only when it is
    new or `values` differ from what it holds."""
    instance = model.objects.filter(**lookup).first()
    created = instance is None
    if created:
        instance = model(**lookup)
    if differs(instance, values) or created:
        save(instance)
        result.note(model, created=created)
    return instance


def _topic(result, actor, initiative, name, position):
    return _put(
        result,
        Topic,
        {"initiative": initiative, "name": name},
        {"position": position},
        lambda topic: services.topic_save(actor=actor, topic=topic),
    )


def _field(result, actor, initiative, label, spec, position):
    kind, choices, help_text = spec
    return _put(
        result,
        CustomField,
        {"initiative": initiative, "label": label},
        {"kind": kind, "choices": choices, "help_text": help_text, "position": position},
        lambda field: services.custom_field_save(actor=actor, field=field),
    )


def _values(spec, slug, owner, topics, fields, bodies, measures):
    status = spec["status"]
    adoption = spec.get("adopted", ADOPTION[slug] if status != "proposed" else False)
    adopted_by, adopted_on, decision = adoption or (None, None, "")
    custom = {
        fields["Kosten"]: Decimal(spec["costs"]) if spec.get("costs") else None,
        fields["Förderprogramm"]: spec.get("program"),
        fields["Priorität"]: spec.get("priority"),
    }
    parent = spec.get("parent")
    return {
        "title": spec["title"],
        "kind": spec.get("kind", DEFAULT_KIND[slug]),
        "description": spec.get("description", ""),
        "goal": spec.get("goal", ""),
        "status": status,
        "status_reason": spec.get("reason", ""),
        "body": bodies[spec["body"]],
        "topic": topics[spec["topic"]],
        "parent": measures[parent] if parent else None,
        "weight": spec.get("weight", 1),
        "owner": owner,
        "owner_organization": owner.organization,
        "adopted_by": bodies[adopted_by] if adopted_by else None,
        "adopted_on": _date(adopted_on),
        "decision": decision,
        "starts_on": _date(spec.get("starts")),
        "due_on": _date(spec.get("due")),
        # The office has released what was adopted for the public page; a proposal
        # stays internal, as every new measure does until it is released.
        "is_internal": status == "proposed",
        "custom_values": {
            field.key: to_stored(field, value)
            for field, value in custom.items()
            if value is not None
        },
    }


def _measure(result, actor, initiative, spec, measure, *, values):
    tags = sorted(spec.get("tags", []))
    created = measure is None
    if created:
        measure = Measure(initiative=initiative, number=spec["number"])
        tags_differ = True
    else:
        tags_differ = sorted(measure.tags.values_list("name", flat=True)) != tags
    if differs(measure, values) or created or tags_differ:
        services.measure_save(actor=actor, measure=measure, tags=tags if tags_differ else None)
        result.note(Measure, created=created)
    return measure


def _milestone(result, actor, measure, title, due_on, completed_on):
    _put(
        result,
        Milestone,
        {"measure": measure, "title": title},
        {"due_on": due_on, "completed_on": completed_on},
        lambda milestone: services.milestone_save(actor=actor, milestone=milestone),
    )


def _partnership(result, actor, measure, person, role):
    _put(
        result,
        Partnership,
        {"measure": measure, "person": person},
        {"role": role, "organization": person.organization},
        lambda partnership: services.partnership_save(actor=actor, partnership=partnership),
    )


def _status_update(result, actor, measure, owner, day, light, progress, *texts):
    reported_at = _moment(day, 9)
    achieved, next_steps, support_needed = texts
    _put(
        result,
        StatusUpdate,
        {"measure": measure, "reported_at": reported_at},
        {
            "traffic_light": light,
            "progress": progress,
            "achieved": achieved,
            "next_steps": next_steps,
            "support_needed": support_needed,
            "reported_by": owner,
            "accepted_at": reported_at + datetime.timedelta(days=1),
        },
        lambda update: services.status_update_record(actor=actor, update=update, accept=True),
    )
