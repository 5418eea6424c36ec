"""The checks and statements behind services.measures_import, its only caller.

They give many measures at once what measure_save, measure_set_status, set_tags and
partnership_save give one: the version check (in each UPDATE), history records with
the actor and the summary of the change (the tags in it, as the form's record has
them), the search text, the owner's organisation and the progress of every measure
whose parts changed, each computed once. One at a time, every row of the file would
cost a dozen queries and a history lookup of its own."""

import copy
from collections import defaultdict

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from standort.core.concurrency import ConcurrentEditError
from standort.core.history import summarize

from . import custom_fields
from .models import STATUS_PROGRESS, Measure, Partnership, Tag
from .search import search_text_of

# What moves the progress of the measure and of the one it is part of.
PROGRESS_FIELDS = {"status", "weight", "parent"}


def expander(fields):
    """Measure.history_expand for the summaries of many measures: the same changes, with
    the initiative's fields read once rather than once a measure."""

    def expand(_name, old, new):
        return [
            (str(f.label), custom_fields.display(f, before), custom_fields.display(f, after))
            for f in fields
            if (before := old.get(f.key)) != (after := new.get(f.key))
        ]

    return expand


def tag_names(tags):
    """As a measure's history names its tags."""
    return sorted({tag.name for tag in tags}, key=str.casefold)


# Tags ------------------------------------------------------------------------------


def find_tags(initiative, name_lists):
    """{casefolded name: Tag} for every name in `name_lists`, made where missing, as
    services.set_tags finds or makes them one measure at a time."""
    wanted = {}
    for names in name_lists:
        for name in names:
            name = name.strip()[:50]
            if name:
                wanted.setdefault(name.casefold(), name)
    if not wanted:
        return {}
    found = {t.name.casefold(): t for t in Tag.objects.filter(initiative=initiative)}
    new = [Tag(initiative=initiative, name=n) for key, n in wanted.items() if key not in found]
    for tag in Tag.objects.bulk_create(new):
        found[tag.name.casefold()] = tag
    return found


def old_tag_names(measures):
    """{measure id: names of its tags} for the saved `measures`, in one query."""
    names = defaultdict(list)
    Through = Measure.tags.through  # noqa: N806 - a model
    rows = Through.objects.filter(measure__in=[m.pk for m in measures])
    for measure_id, name in rows.values_list("measure_id", "tag__name"):
        names[measure_id].append(name)
    return {m.pk: sorted(names[m.pk], key=str.casefold) for m in measures}


def link_tags(pairs):
    """Replaces the tags of the measures of (measure, [Tag]) pairs."""
    if not pairs:
        return
    Through = Measure.tags.through  # noqa: N806 - a model
    Through.objects.filter(measure__in=[m.pk for m, _t in pairs if m.pk]).delete()
    Through.objects.bulk_create(
        [
            Through(measure=measure, tag=tag)
            for measure, tags in pairs
            for tag in {tag.pk: tag for tag in tags}.values()
        ],
        batch_size=500,
    )


# Measures --------------------------------------------------------------------------


def _computed(measure):
    """What measure_save keeps up to date besides the fields set."""
    if measure.owner_id and not measure.owner_organization_id:
        measure.owner_organization_id = measure.owner.organization_id
    measure.search_text = search_text_of(measure)


def create(actor, changes, *, first_number, expand, extra):
    """New measures in bulk, a level of the tree at a time, so that each part finds its
    parent saved. Numbers left empty take the free ones from `first_number` on.
    Returns the ids of the measures whose parts they are."""
    if not changes:
        return set()
    taken = [ch.measure.number for ch in changes if ch.measure.number is not None]
    free = max([first_number, *(n + 1 for n in taken)])
    for change in changes:
        measure = change.measure
        if measure.number is None:
            measure.number, free = free, free + 1
        for name, value in change.values.items():
            setattr(measure, name, value)
        if change.status is not None:
            measure.status, measure.status_reason = change.status, change.reason.strip()
        _computed(measure)
        measure.progress = STATUS_PROGRESS[measure.status]
        measure.history_expand = expand
    for level in _levels(changes):
        batch = [change.measure for change in level]
        Measure.objects.bulk_create(batch)
        record(Measure, batch, actor, extra=extra)
    return {ch.measure.parent_id for ch in changes if ch.measure.parent_id}


def _levels(changes):
    """The new measures by their depth below the saved ones (parents first)."""
    new = {id(ch.measure): ch for ch in changes}
    depth = {}
    for change in changes:
        chain, measure = [], change.measure
        while id(measure) in new and id(measure) not in depth and measure not in chain:
            chain.append(measure)
            measure = new[id(measure)].values.get("parent")
        below = depth.get(id(measure), -1) if measure is not None else -1
        for level, m in enumerate(reversed(chain), start=below + 1):
            depth[id(m)] = level
    levels = defaultdict(list)
    for change in changes:
        levels[depth[id(change.measure)]].append(change)
    return [levels[d] for d in sorted(levels)]


def update(actor, changes, *, today, expand, extra):
    """One UPDATE a measure, of what changed, on the version it was read in. Returns
    the ids of the measures whose progress may move, and the (measure, old, new)
    status changes."""
    if not changes:
        return set(), []
    _check_versions([change.measure for change in changes])
    now = timezone.now()
    before, progress, statuses, groups = [], set(), [], defaultdict(list)
    for change in changes:
        measure = change.measure
        before.append(copy.copy(measure))
        old_parent = measure.parent_id
        names = set(change.values)
        for name, value in change.values.items():
            setattr(measure, name, value)
        if change.status is not None and change.status != measure.status:
            statuses.append((measure, measure.status, change.status))
            measure.status, measure.status_reason = change.status, change.reason.strip()
            names |= {"status", "status_reason"}
            if measure.status == Measure.Status.ADOPTED and not measure.adopted_on:
                measure.adopted_on = today
                names.add("adopted_on")
        if names & PROGRESS_FIELDS:
            progress |= {measure.pk, measure.parent_id, old_parent} - {None}
        if "custom_values" in names:
            measure.history_expand = expand
        old_organization, old_search = measure.owner_organization_id, measure.search_text
        _computed(measure)
        if measure.owner_organization_id != old_organization:
            names.add("owner_organization")
        if measure.search_text != old_search:
            names.add("search_text")
        groups[tuple(sorted(names))].append(measure)
    for names, measures in groups.items():
        _write_versioned(names, measures, now)
    record(Measure, [ch.measure for ch in changes], actor, before, extra=extra)
    return progress, statuses


def _check_versions(measures):
    """All versions in one query, locked until the import is written (PostgreSQL), to
    name a measure saved by someone else since it was read."""
    read = {m.pk: m.version for m in measures}
    current = Measure.objects.select_for_update().filter(pk__in=list(read))
    for pk, version in current.values_list("pk", "version"):
        if version != read[pk]:
            raise ConcurrentEditError(Measure.objects.get(pk=pk), [], None)


def _write_versioned(names, measures, now):
    """UPDATE … WHERE id = … AND version = …, once for all measures that change the
    same columns (executemany, rather than the ORM's update, which builds and compiles
    a query for every row). The version check is in the statement, as in
    save_versioned: a measure saved by someone else since it was read matches no row,
    and the whole import is undone."""
    fields = [Measure._meta.get_field(name) for name in (*names, "version", "updated_at")]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s AND {} = %s".format(
        quote(Measure._meta.db_table),
        ", ".join(f"{quote(f.column)} = %s" for f in fields),
        quote("id"),
        quote("version"),
    )
    params = []
    for measure in measures:
        expected = measure.version
        measure.version, measure.updated_at = expected + 1, now
        row = [f.get_db_prep_save(getattr(measure, f.attname), connection) for f in fields]
        params.append([*row, measure.pk, expected])
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
        written = cursor.rowcount
    if written != len(measures):
        raise ConcurrentEditError(Measure.objects.get(pk=measures[0].pk), [], None)


def record(model, objects, actor, previous=None, extra=None):
    """History records for objects written in bulk, which sends no signals: the records
    the save of each would make (core.history adds the summary there), with the
    summary made here, before the insert, from the objects as they were (`previous`,
    None for new objects); `extra` {id(object): [change]} adds what the object's own
    columns do not show (its tags)."""
    history = model.history.model
    history_type = "+" if previous is None else "~"
    date = timezone.now()
    extra = extra or {}
    rows = []
    for old, obj in zip(previous or [None] * len(objects), objects, strict=True):
        changes = summarize(model, old, obj, history_type)
        changes["changes"] += extra.get(id(obj), [])
        rows.append(
            history(
                history_date=date,
                history_user=actor,
                history_change_reason=None,
                history_type=history_type,
                history_changes=changes,
                **{f.attname: getattr(obj, f.attname) for f in history.tracked_fields},
            )
        )
    history.objects.bulk_create(rows, batch_size=500)


# Checks ----------------------------------------------------------------------------


def number_refusals(initiative, changes):
    """The number check of services.measure_save for many new measures."""
    new = [ch for ch in changes if ch.measure.pk is None and ch.measure.number is not None]
    if not new:
        return []
    taken = set(
        Measure.objects.filter(
            initiative=initiative, number__in=[ch.measure.number for ch in new]
        ).values_list("number", flat=True)
    )
    refusals = []
    for change in new:
        number = change.measure.number
        if number in taken:
            refusals.append(
                (change, "number", _("Number %(number)s is taken.") % {"number": number})
            )
        taken.add(number)
    return refusals


def parent_refusals(initiative, changes):
    """services._check_parent for many: the parent in the same initiative, no circles,
    judged on the tree as it will be. [(change, "parent", message)]"""
    moved = [change for change in changes if "parent" in change.values]
    if not moved:
        return []

    def node(measure):
        return measure.pk if measure.pk is not None else ("new", id(measure))

    parent_of = {}
    if any(change.measure.pk is not None for change in moved):
        # Only a saved measure moved can close a circle through saved ones.
        parent_of.update(
            Measure.objects.filter(initiative=initiative).values_list("pk", "parent_id")
        )
    for change in moved:
        parent = change.values["parent"]
        parent_of[node(change.measure)] = node(parent) if parent is not None else None
    refusals = []
    for change in moved:
        parent = change.values["parent"]
        if parent is not None and parent.initiative_id != initiative.pk:
            message = _("The measure it is part of belongs to another initiative.")
            refusals.append((change, "parent", message))
            continue
        start = node(change.measure)
        current, seen = parent_of.get(start), set()
        while current is not None and current not in seen:
            if current == start:
                message = _("A measure cannot be part of itself or of one of its parts.")
                refusals.append((change, "parent", message))
                break
            seen.add(current)
            current = parent_of.get(current)
    return refusals


# Partners and progress -------------------------------------------------------------


def set_partners(actor, triples):
    """Partners of (measure, [(person, organisation, part)], is new) triples: new ones
    and changed ones written here; returns the partnerships to remove."""
    created, changed, before, removed = [], [], [], []
    current = defaultdict(dict)
    saved = [measure.pk for measure, _p, is_new in triples if not is_new]
    for partnership in Partnership.objects.filter(measure__in=saved).select_related(
        "person", "organization"
    ):
        current[partnership.measure_id][partnership.person_id] = partnership
    for measure, partners, is_new in triples:
        mine = {} if is_new else current[measure.pk]
        wanted = {person.pk for person, _org, _role in partners}
        removed += [p for person_id, p in mine.items() if person_id not in wanted]
        for person, organization, role in partners:
            organization = organization or person.organization
            partnership = mine.get(person.pk)
            if partnership is None:
                created.append(
                    Partnership(
                        measure=measure, person=person, organization=organization, role=role
                    )
                )
            elif (partnership.organization_id, partnership.role) != (
                organization.pk if organization else None,
                role,
            ):
                before.append(copy.copy(partnership))
                partnership.organization, partnership.role = organization, role
                changed.append(partnership)
    if changed:
        # A plain executemany of one short statement, where bulk_update builds a CASE
        # over every changed row for each column. No version check (the import does not
        # read partners from a form), but the version moves on, as a save without an
        # expected version does: a partner's edit form opened before the import notices.
        quote = connection.ops.quote_name
        table, organization, role, version, pk = map(
            quote, [Partnership._meta.db_table, "organization_id", "role", "version", "id"]
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table} SET {organization} = %s, {role} = %s, "
                f"{version} = {version} + 1 WHERE {pk} = %s",
                [(p.organization_id, p.role, p.pk) for p in changed],
            )
        for partnership in changed:
            partnership.version += 1
        record(Partnership, changed, actor, before)
    if created:
        Partnership.objects.bulk_create(created, batch_size=500)
        record(Partnership, created, actor)
    return removed


def refresh_progress(initiative, seeds, own_progress):
    """services.refresh_progress for many measures at once: the progress of `seeds`
    and of the measures they are part of, parts before wholes, each computed once."""
    seeds = set(seeds) - {None}
    if not seeds:
        return
    parent_of = dict(Measure.objects.filter(initiative=initiative).values_list("pk", "parent"))

    def chain(pk):
        seen = []
        while pk is not None and pk not in seen:
            seen.append(pk)
            pk = parent_of.get(pk)
        return seen

    depth = {}
    for seed in seeds:
        for level, pk in enumerate(reversed(chain(seed))):
            depth[pk] = level
    nodes = Measure.objects.select_related("latest_update").in_bulk(list(depth))
    parts = defaultdict(dict)
    for parent, pk, weight, progress, status in Measure.objects.filter(
        parent__in=list(depth)
    ).values_list("parent", "pk", "weight", "progress", "status"):
        parts[parent][pk] = (weight, progress, status)
    moved = defaultdict(list)  # progress → the measures that move to it
    for pk in sorted(depth, key=depth.get, reverse=True):
        measure = nodes[pk]
        progress = own_progress(measure, parts[pk].values())
        if progress != measure.progress:
            moved[progress].append(pk)
        if measure.parent_id in parts:
            weight, _old, status = parts[measure.parent_id][pk]
            parts[measure.parent_id][pk] = (weight, progress, status)
    for progress, pks in moved.items():
        Measure.objects.filter(pk__in=pks).update(progress=progress)
