"""Measures for the benchmark installation (see README.md): on one initiative a
catalogue of the given size, with topics, tags, the office's own fields, owners,
partners, parents with parts, milestones and accepted status updates.

Bulk inserts only. The computed columns are set as the services would set them
(search text, progress rolled up from the parts, the latest accepted update); no
history rows, the measured pages do not need them."""

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from standort.core.tenancy import across_initiatives

# fmt: off
SUBJECTS = [
    "Glasfaser", "Gewerbeflächen", "Ausbildung", "Fachkräfte", "Gründung", "Verwaltung",
    "Digitalisierung", "Wasserstoff", "Logistik", "Hafen", "Innenstadt", "Energie",
    "Weiterbildung", "Mobilität", "Familie", "Transfer", "Genehmigungen", "Image",
]
ACTIONS = [
    "ausbauen", "stärken", "beschleunigen", "vernetzen", "sichern", "fördern",
    "entwickeln", "bündeln", "modernisieren", "sichtbar machen",
]
PLACES = [
    "im Hafen", "in den Gewerbegebieten", "für den Mittelstand", "an den Schulen",
    "in der Innenstadt", "mit der Hochschule", "im Stadtnorden", "für Gründungen",
]
TOPICS = [
    "Verwaltung und Service", "Digitalisierung", "Infrastruktur und Flächen",
    "Image und Kommunikation", "Familie und Beruf", "Fachkräfte und Ausbildung",
    "Innovation und Transfer", "Energie und Klima",
]
TAGS = [
    "Digitalisierung", "Fachkräfte", "Mittelstand", "Gründung", "Logistik", "Breitband",
    "Flächen", "Energie", "Ausbildung", "Verkehr", "Image", "Transfer", "Familie",
    "Innovation", "Genehmigungen", "Verwaltung", "Akzeptanz", "Klima", "Wasserstoff",
    "Hafen",
]
PROGRAMS = [
    "Bundesförderprogramm Breitband", "EFRE/JTF-Programm NRW", "Digitalprogramm NRW",
    "ESF Plus", "Städtebauförderung",
]
ROLES = ["Projektpartner", "Förderer", "fachliche Begleitung"]
# fmt: on
STATUSES = [
    ("done", 40),
    ("in_progress", 30),
    ("adopted", 12),
    ("proposed", 8),
    ("on_hold", 6),
    ("dropped", 4),
]
BERLIN = ZoneInfo("Europe/Berlin")


@dataclass(frozen=True)
class MeasureSizes:
    measures: int
    milestones: int
    status_updates: int
    # Every `parent_every`-th measure is a recommendation with parts among the others.
    parent_every: int = 10
    children_share: float = 0.5


BENCH = MeasureSizes(measures=5_000, milestones=50_000, status_updates=50_000)
SMALL = MeasureSizes(measures=20, milestones=100, status_updates=5)
TINY_BENCH = MeasureSizes(measures=60, milestones=300, status_updates=20)


@across_initiatives()
def generate_measures(initiative, persons, bodies, sizes, *, seed, today=None):
    """Fills `initiative` with measures. `persons` are its participants, `bodies` its
    bodies. Returns the number of the measure the detail page shows: a parent with
    parts, milestones and partners."""
    from standort.measures.custom_fields import to_stored
    from standort.measures.models import (
        CustomField,
        Measure,
        Milestone,
        Partnership,
        StatusUpdate,
        Tag,
        Topic,
    )
    from standort.measures.search import search_text_of

    rng = random.Random(seed)
    today = today or date.today()
    topics = Topic.objects.bulk_create(
        Topic(initiative=initiative, name=name, position=n) for n, name in enumerate(TOPICS)
    )
    tags = Tag.objects.bulk_create(Tag(initiative=initiative, name=name) for name in TAGS)
    costs, program, priority = CustomField.objects.bulk_create(
        [
            CustomField(initiative=initiative, label="Kosten", kind="amount", position=1),
            CustomField(initiative=initiative, label="Förderprogramm", kind="text", position=2),
            CustomField(
                initiative=initiative,
                label="Priorität",
                kind="choice",
                choices="hoch\nmittel\nniedrig",
                position=3,
            ),
        ]
    )
    adopting = bodies[0]
    groups = bodies[1:] or bodies
    statuses = [s for s, _w in STATUSES]
    weights = [w for _s, w in STATUSES]

    def new_measure(number, kind, parent=None):
        owner = rng.choice(persons)
        status = rng.choices(statuses, weights)[0]
        starts_on = date(2017, 1, 1) + timedelta(days=rng.randrange(0, 3000))
        due_on = starts_on + timedelta(days=rng.randrange(90, 2500))
        title = f"{rng.choice(SUBJECTS)} {rng.choice(PLACES)} {rng.choice(ACTIONS)}"
        custom = {}
        if rng.random() < 0.7:
            custom[costs.key] = to_stored(costs, rng.randrange(5, 5000) * 1000)
        if rng.random() < 0.4:
            custom[program.key] = rng.choice(PROGRAMS)
        custom[priority.key] = rng.choice(["hoch", "mittel", "niedrig"])
        measure = Measure(
            initiative=initiative,
            number=number,
            title=title,
            kind=kind,
            description=f"{title}: gemeinsam mit den Partnern umsetzen. "
            f"{rng.choice(SUBJECTS)} und {rng.choice(SUBJECTS)} im Blick.",
            status=status,
            status_reason="Wartet auf Fördermittel." if status in ("on_hold", "dropped") else "",
            body=rng.choice(groups),
            topic=rng.choice(topics),
            parent=parent,
            weight=rng.choice([1, 1, 1, 2, 3]),
            owner=owner,
            owner_organization_id=owner.organization_id,
            adopted_by=adopting if status != "proposed" else None,
            adopted_on=date(2017, 3, 16) if status != "proposed" else None,
            decision="Beschluss vom 16.03.2017" if status != "proposed" else "",
            starts_on=starts_on,
            due_on=due_on,
            custom_values=custom,
            progress=100 if status == "done" else 0,
            # Released for the public page, as the bench measured it before new
            # measures were internal by default.
            is_internal=False,
        )
        measure.search_text = search_text_of(measure)
        return measure

    numbers = iter(range(1, sizes.measures + 1))
    n_parents = max(1, sizes.measures // sizes.parent_every)
    parents = Measure.objects.bulk_create(
        new_measure(next(numbers), "recommendation") for _n in range(n_parents)
    )
    # The measured detail: the first parent, with parts of its own for sure.
    shown = parents[0]
    children = []
    for n in range(sizes.measures - n_parents):
        if n < 5:
            parent = shown
        elif rng.random() < sizes.children_share:
            parent = rng.choice(parents)
        else:
            parent = None
        children.append(new_measure(next(numbers), "project", parent))
    children = Measure.objects.bulk_create(children)
    measures = parents + children

    # Partners: one to three per measure, never the owner.
    partnerships = []
    for measure in measures:
        count = 3 if measure is shown else rng.randrange(1, 4)
        chosen = {measure.owner_id}
        for person in rng.sample(persons, k=min(len(persons), count + 1)):
            if person.pk not in chosen and len(chosen) <= count:
                chosen.add(person.pk)
                partnerships.append(
                    Partnership(
                        measure=measure,
                        person=person,
                        organization_id=person.organization_id,
                        role=rng.choice(ROLES),
                    )
                )
    Partnership.objects.bulk_create(partnerships)

    through = Measure.tags.through
    through.objects.bulk_create(
        through(measure_id=measure.pk, tag_id=tag.pk)
        for measure in measures
        for tag in rng.sample(tags, k=rng.randrange(1, 4))
    )

    # Milestones: done for finished measures, open (some late) for running ones.
    milestones = []
    for n in range(sizes.milestones):
        measure = shown if n < 10 else measures[n % len(measures)]
        due_on = measure.starts_on + timedelta(days=rng.randrange(30, 2500))
        done = measure.status == "done" or due_on < today - timedelta(days=365)
        completed_on = due_on + timedelta(days=rng.randrange(-20, 40)) if done else None
        milestones.append(
            Milestone(
                measure=measure,
                title=f"Meilenstein {n % 10 + 1}: {rng.choice(SUBJECTS)}",
                due_on=due_on,
                completed_on=completed_on,
            )
        )
    Milestone.objects.bulk_create(milestones, batch_size=5000)

    # Accepted status updates on adopted measures, about ten each over the years (never
    # on the shown parent, whose progress comes from its parts); the newest one per
    # measure is its current state.
    running = [m for m in children if m.status in ("in_progress", "adopted", "on_hold", "done")]
    updates = []
    for n in range(min(sizes.status_updates, len(running) * 20)):
        measure = running[n % len(running)]
        reported_at = datetime.combine(
            today - timedelta(days=rng.randrange(1, 900)), time(9), tzinfo=BERLIN
        )
        updates.append(
            StatusUpdate(
                measure=measure,
                traffic_light=rng.choice(["green", "green", "amber", "red"]),
                progress=rng.randrange(0, 100, 5),
                achieved="Die Arbeiten laufen wie geplant.",
                next_steps="Nächste Abstimmung im Arbeitskreis.",
                reported_at=reported_at,
                reported_by_id=measure.owner_id,
                accepted_at=reported_at + timedelta(days=1),
            )
        )
    updates = StatusUpdate.objects.bulk_create(updates, batch_size=5000)
    latest = {}
    for update in updates:
        current = latest.get(update.measure_id)
        if current is None or (update.reported_at, update.pk) > (current.reported_at, current.pk):
            latest[update.measure_id] = update
    for measure in children:
        update = latest.get(measure.pk)
        if update is not None:
            measure.latest_update = update
            if measure.status != "done":
                measure.progress = update.progress
    # Parents roll their parts up, weighted, the dropped ones left out.
    parts = {}
    for child in children:
        if child.parent_id and child.status != "dropped":
            parts.setdefault(child.parent_id, []).append(child)
    for parent in parents:
        counted = parts.get(parent.pk, [])
        total = sum(c.weight for c in counted)
        if parent.status != "done" and total:
            parent.progress = round(sum(c.weight * c.progress for c in counted) / total)
    Measure.objects.bulk_update(measures, ["progress", "latest_update"], batch_size=1000)
    return shown.number


@across_initiatives()
def measured_public_measure(initiative):
    """The number of the public measure whose public page is measured: of those the
    public may see, the one with the most accepted status updates (the longest public
    history), the lowest number among equals."""
    from django.db.models import Count, Q

    from standort.measures.dashboard import public_measures

    counted = public_measures(initiative).annotate(
        n=Count("updates", filter=Q(updates__accepted_at__isnull=False))
    )
    return counted.order_by("-n", "number").values_list("number", flat=True).first()
