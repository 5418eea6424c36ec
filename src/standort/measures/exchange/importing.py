"""Import: a file is read and checked into an ImportPlan without writing anything;
`apply` then writes all of it in one transaction, or nothing.

Rows are matched by number; a row without one by its title (whatever the case and
spacing), and becomes a new measure where no measure has that title. A row that would
change nothing is left alone entirely, so importing the same file twice writes no
history and moves no version."""

import copy
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from standort.core.concurrency import ConcurrentEditError
from standort.core.history import Change, summarize
from standort.core.services import DomainError

from .. import custom_fields, services
from ..models import STATUS_PROGRESS, Measure, Partnership, Tag
from ..search import search_text_of
from . import cells
from . import columns as c
from .cells import Invalid
from .files import FileRejected, read_table
from .rows import Directory, Problem, RowReader, title_key

# Measure attribute → its column, for the preview's “old → new”.
HEADERS = {
    **{name: header for header, name in c.TEXTS.items()},
    **{name: header for header, name in c.DATES.items()},
    "kind": c.KIND,
    "status": c.STATUS,
    "body": c.BODY,
    "topic": c.TOPIC,
    "weight": c.WEIGHT,
    "owner": c.OWNER,
    "owner_organization": c.ORGANIZATION,
    "adopted_by": c.ADOPTED_BY,
}
CHOICES = {"kind": Measure.Kind, "status": Measure.Status}


@dataclass
class ImportPlan:
    file_name: str
    errors: list = field(default_factory=list)  # [Problem]
    creates: list = field(default_factory=list)  # [Entry]
    updates: list = field(default_factory=list)  # [Entry], each with its changes
    unchanged: int = 0
    encoding: str = ""  # of a CSV file

    @property
    def is_valid(self):
        return not self.errors

    @property
    def has_changes(self):
        return bool(self.creates or self.updates)


def read(initiative, file_name, content):
    """Reads and checks the file; writes nothing."""
    plan = ImportPlan(file_name=file_name)
    try:
        table = read_table(file_name, content)
    except FileRejected as error:
        plan.errors.append(Problem(None, "", error.message, error.code))
        return plan
    plan.encoding = table.encoding
    fields = custom_fields.fields_of(initiative)
    columns, plan.errors = _columns(table, fields)
    if plan.errors:
        return plan
    numbers, titles = _numbers(table, columns)
    directory = Directory(initiative, fields, numbers, titles)
    reader = RowReader(directory, columns, csv=bool(table.encoding))
    entries = []
    for number, row in table.rows:
        entry, problems = reader.read(number, row)
        plan.errors.extend(problems)
        entries.append(entry)
    plan.errors.extend(_number_problems(entries))
    plan.errors.extend(_parent_problems(entries, directory))
    if plan.errors:
        plan.errors.sort(key=lambda p: (p.row or 0, _order(p.column, columns)))
        return plan
    for entry in entries:
        entry.measure = directory.measures.get(entry.number)
        _settle_owner_organization(entry)
        if entry.measure is None:
            plan.creates.append(entry)
        elif _compare(entry):
            plan.updates.append(entry)
        else:
            plan.unchanged += 1
    return plan


def _order(column, columns):
    return columns.get(column, -1)


def _columns(table, fields):
    """header → index of the columns the import reads; problems with the header row."""
    known = {name.casefold(): name for name in [*c.FIXED, *(f.label for f in fields)]}
    ignored = {name.casefold() for name in c.READ_ONLY}
    columns, problems = {}, []
    for index, cell in enumerate(table.header):
        name = cells.text(cell)
        if not name:
            if any(index < len(row) and cells.text(row[index]) for _n, row in table.rows):
                problems.append(
                    Problem(
                        1, get_column_letter(index + 1), _("the column has no header"), "no_header"
                    )
                )
            continue
        if name.casefold() in ignored:
            continue
        header = known.get(name.casefold())
        if header is None:
            problems.append(
                Problem(
                    1,
                    name,
                    _("unknown column; the import page lists the columns it reads"),
                    "unknown_column",
                )
            )
        elif header in columns:
            problems.append(Problem(1, name, _("the column appears twice"), "duplicate_column"))
        else:
            columns[header] = index
    for header in c.REQUIRED:
        if header not in columns:
            problems.append(Problem(1, header, _("the column is missing"), "missing_column"))
    return columns, problems


def _numbers(table, columns):
    """The numbers in the file, read leniently, to load just those measures; and the
    titles of the rows without a number, which may name measures too."""
    numbers, titles = set(), set()
    for _n, row in table.rows:
        value = row[columns[c.NUMBER]] if columns[c.NUMBER] < len(row) else None
        if not cells.text(value):
            title = row[columns[c.TITLE]] if columns[c.TITLE] < len(row) else None
            titles.add(title_key(cells.text(title)))
            continue
        try:
            numbers.add(
                cells.whole_number(
                    cells.text(value), low=1, high=2**31, message="%(value)s", code=""
                )
            )
        except Invalid:
            continue
    return numbers, titles


def _number_problems(entries):
    """A measure named twice: by the same number, by the same title without a number,
    or once by number and once by title."""
    first_row, first_title = {}, {}
    for entry in entries:
        if entry.number is None:
            if entry.title:
                key = title_key(entry.title)
                if key in first_title:
                    yield Problem(
                        entry.row,
                        c.TITLE,
                        _("“%(value)s” is in row %(other)s already; give each a number")
                        % {"value": entry.title, "other": first_title[key]},
                        "duplicate_title",
                    )
                else:
                    first_title[key] = entry.row
            continue
        if entry.number in first_row:
            other = first_row[entry.number]
            if entry.by_title:
                column = c.TITLE
                message = _(
                    "“%(value)s” is measure %(number)s, which is in row %(other)s already"
                ) % {"value": entry.title, "number": entry.number, "other": other}
            else:
                column = c.NUMBER
                message = _("number %(value)s is in row %(other)s already") % {
                    "value": entry.number,
                    "other": other,
                }
            yield Problem(entry.row, column, message, "duplicate_number")
        else:
            first_row[entry.number] = entry.row


def _parent_problems(entries, directory):
    """Unknown parents and circles, judged on the tree as it will be after the import;
    also the depth of each entry in that tree."""
    tree = dict(directory.parents)
    for entry in entries:
        if entry.number is not None:
            tree[entry.number] = (
                entry.parent_number if entry.sets_parent else tree.get(entry.number)
            )
    for entry in entries:
        parent = entry.parent_number if entry.sets_parent else tree.get(entry.number)
        if entry.sets_parent and parent is not None and parent not in tree:
            yield Problem(
                entry.row,
                c.PARENT,
                _("there is no measure number %(value)s") % {"value": parent},
                "unknown_parent",
            )
            continue
        depth, seen = 0, set()
        while parent is not None and parent not in seen:
            if parent == entry.number:
                yield Problem(
                    entry.row,
                    c.PARENT,
                    _("a measure cannot be part of itself or of one of its parts"),
                    "parent_circle",
                )
                break
            seen.add(parent)
            depth += 1
            parent = tree.get(parent)
        entry.depth = depth


# What changes ----------------------------------------------------------------------


def _settle_owner_organization(entry):
    """The owner's organisation as it will be: the one named, else the owner's own
    when the owner is new or the column was emptied, else as it is."""
    values, measure = entry.values, entry.measure
    if "owner" not in values and "owner_organization" not in values:
        return
    owner = values.get("owner", measure.owner if measure else None)
    if values.get("owner_organization") is not None:
        return
    owner_changed = measure is None or (
        "owner" in values and (owner.pk if owner else None) != measure.owner_id
    )
    if "owner_organization" in values or owner_changed:
        values["owner_organization"] = owner.organization if owner else None


def shown(name, value):
    if value is None or value == "":
        return "–"
    if name in CHOICES:
        return str(CHOICES[name](value).label)
    if hasattr(value, "year"):
        return c.format_date(value)
    return str(value)


def partner_text(partners):
    return (
        "; ".join(
            f"{person.full_name}{f' ({org.name})' if org else ''}{f': {role}' if role else ''}"
            for person, org, role in partners
        )
        or "–"
    )


def _compare(entry):
    """Notes the changes an existing measure would go through; leaves out of the entry
    what stays as it is. True when anything changes."""
    measure, changes = entry.measure, []
    for name, value in list(entry.values.items()):
        f = Measure._meta.get_field(name)
        old = getattr(measure, f.attname)
        new = value.pk if f.is_relation and value is not None else value
        if old == new:
            del entry.values[name]
        else:
            changes.append(
                Change(HEADERS[name], shown(name, getattr(measure, name)), shown(name, value))
            )
    if entry.sets_parent:
        old_parent = entry.measure and _parent_number(entry)
        if old_parent == entry.parent_number:
            entry.sets_parent = False
        else:
            changes.append(Change(c.PARENT, shown("", old_parent), shown("", entry.parent_number)))
    if entry.tags is not None:
        old_tags = [t.name for t in measure.tags.all()]
        if {t.casefold() for t in old_tags} == {t.casefold() for t in entry.tags}:
            entry.tags = None
        else:
            changes.append(Change(c.TAGS, ", ".join(old_tags) or "–", ", ".join(entry.tags) or "–"))
    if entry.partners is not None:
        partners = entry.partners = [
            (person, org or person.organization, role) for person, org, role in entry.partners
        ]
        old = [(p.person, p.organization, p.role) for p in measure.partnerships.all()]
        if _partner_keys(old) == _partner_keys(partners):
            entry.partners = None
        else:
            changes.append(Change(c.PARTNERS, partner_text(old), partner_text(partners)))
    for f, value in list(entry.custom.items()):
        stored = measure.custom_values.get(f.key)
        if custom_fields.to_python(f, stored) == value:
            del entry.custom[f]
        else:
            new = custom_fields.to_stored(f, value)
            changes.append(
                Change(
                    f.label,
                    custom_fields.display(f, stored) or "–",
                    custom_fields.display(f, new) or "–",
                )
            )
    entry.changes = changes
    return bool(changes)


def _parent_number(entry):
    parent_id = entry.measure.parent_id
    if parent_id is None:
        return None
    return Measure.objects.filter(pk=parent_id).values_list("number", flat=True).first()


def _partner_keys(partners):
    return {(person.pk, org.pk if org else None, role) for person, org, role in partners}


# Writing ---------------------------------------------------------------------------


@transaction.atomic
def apply(actor, initiative, plan):
    """Writes the plan in one transaction. Returns the number of measures created and
    updated.

    A first import brings a thousand new measures and a later one may change as many,
    which measure_save and partnership_save, a dozen queries and a history lookup each,
    made take many seconds. So measures and their partners are written in bulk here,
    with what the services give them: the version check (in each UPDATE), history rows
    with the actor and the summary of the change, the search text, tags, own fields,
    and the progress of every measure whose parts changed, each computed once.
    Removed partners still go through the service: that is rare."""
    if plan.errors:
        raise DomainError(_("The file has errors; nothing has been imported."))
    wanted = {e.parent_number for e in plan.creates + plan.updates if e.sets_parent}
    measures = {
        m.number: m
        for m in Measure.objects.filter(initiative=initiative, number__in=wanted - {None})
    }
    expand = _expander(custom_fields.fields_of(initiative))
    created, grown = _create(actor, initiative, plan.creates, measures, expand)
    updated, moved = _update(actor, plan.updates, measures, expand)
    pairs = created + updated
    _set_tags(initiative, [(e.tags, m) for e, m in pairs if e.tags is not None])
    _set_partners(
        actor, [(m, e.partners, e.measure is None) for e, m in pairs if e.partners is not None]
    )
    _refresh_progress(initiative, grown | moved)
    return len(plan.creates), len(plan.updates)


def _create(actor, initiative, entries, measures, expand):
    """New measures in bulk, a level of the tree at a time. Returns the (entry,
    measure) pairs and the ids of the measures whose parts they are."""
    if not entries:
        return [], set()
    taken = [e.number for e in entries if e.number is not None]
    free = max([services.next_number(initiative), *(n + 1 for n in taken)])
    created = []
    # A level of the tree at a time, so that each part finds its parent saved.
    for depth in sorted({e.depth for e in entries}):
        level = [e for e in entries if e.depth == depth]
        batch = []
        for entry in level:
            measure = Measure(initiative=initiative, number=entry.number, **entry.values)
            if measure.number is None:
                measure.number, free = free, free + 1
            if entry.parent_number:
                measure.parent = measures[entry.parent_number]
            _set_custom(measure, entry)
            measure.search_text = search_text_of(measure)
            measure.progress = STATUS_PROGRESS[measure.status]
            measure.history_expand = expand
            batch.append(measure)
        Measure.objects.bulk_create(batch)
        _record(Measure, batch, actor)
        for measure in batch:
            measures[measure.number] = measure
        created += zip(level, batch, strict=True)
    return created, {m.parent_id for _e, m in created if m.parent_id}


def _expander(fields):
    """Measure.history_expand for the summaries of many measures: the same changes,
    with the initiative's fields read once rather than once a measure."""

    def expand(_name, old, new):
        return [
            (str(f.label), custom_fields.display(f, before), custom_fields.display(f, after))
            for f in fields
            if (before := old.get(f.key)) != (after := new.get(f.key))
        ]

    return expand


def _set_custom(measure, entry):
    if entry.custom:
        services.set_custom_values(
            measure, list(entry.custom), {f.key: v for f, v in entry.custom.items()}
        )


# Rows whose change moves the progress of the measure or of the one it is part of.
PROGRESS_FIELDS = {"status", "weight"}


def _update(actor, entries, measures, expand):
    """One UPDATE per measure, of what changed, on the version the preview read.
    Returns the (entry, measure) pairs and the ids of the measures whose progress may
    move."""
    if not entries:
        return [], set()
    _check_versions([entry.measure for entry in entries])
    now = timezone.now()
    updated, before, progress, changes = [], [], set(), defaultdict(list)
    for entry in entries:
        measure = entry.measure
        previous = copy.copy(measure)
        measure.history_expand = expand
        names = set(entry.values)
        for name, value in entry.values.items():
            setattr(measure, name, value)
        if entry.sets_parent:
            progress.update({measure.parent_id, measure.pk} - {None})
            measure.parent = measures.get(entry.parent_number) if entry.parent_number else None
            names.add("parent")
        if names & PROGRESS_FIELDS or entry.sets_parent:
            progress.update({measure.pk, measure.parent_id} - {None})
        if entry.custom:
            _set_custom(measure, entry)
            names.add("custom_values")
        if measure.owner_id and not measure.owner_organization_id:
            measure.owner_organization_id = measure.owner.organization_id
            names.add("owner_organization")
        search_text = search_text_of(measure)
        if search_text != measure.search_text:
            measure.search_text = search_text
            names.add("search_text")
        changes[tuple(sorted(names))].append(measure)
        updated.append(measure)
        before.append(previous)
    for names, rows in changes.items():
        _write_versioned(names, rows, now)
    _record(Measure, updated, actor, before)
    return list(zip(entries, updated, strict=True)), progress


def _check_versions(measures):
    """All versions in one query, locked until the import is written (PostgreSQL), to
    name a measure saved by someone else since the file was read."""
    read = {m.pk: m.version for m in measures}
    current = Measure.objects.select_for_update().filter(pk__in=list(read))
    for pk, version in current.values_list("pk", "version"):
        if version != read[pk]:
            raise ConcurrentEditError(Measure.objects.get(pk=pk), [], None)


def _write_versioned(names, measures, now):
    """UPDATE … WHERE id = … AND version = …, once for all measures that change the
    same columns (executemany; the ORM's update cost a millisecond a row). The version
    check is in the statement, as in save_versioned: a measure saved by someone else
    since the file was read matches no row, and the whole import is undone."""
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


def _record(model, objects, actor, previous=None):
    """History rows for objects written in bulk, which sends no signals: the rows
    simple-history's bulk_history_create makes, with the summaries the signal adds
    (creations without `previous`, changes with the objects as they were) set before
    the insert rather than in a second, slow bulk_update."""
    history = model.history.model
    history_type = "+" if previous is None else "~"
    date = timezone.now()
    history.objects.bulk_create(
        [
            history(
                history_date=date,
                history_user=actor,
                history_change_reason="",
                history_type=history_type,
                history_changes=summarize(model, old, obj, history_type),
                **{f.attname: getattr(obj, f.attname) for f in history.tracked_fields},
            )
            for old, obj in zip(previous or [None] * len(objects), objects, strict=True)
        ],
        batch_size=500,
    )


def _set_tags(initiative, pairs):
    """Tags by name as services.set_tags finds or makes them, for (names, measure)
    pairs, in four queries."""
    if not pairs:
        return
    names = {name.casefold(): name for tags, _m in pairs for name in tags}
    existing = {t.name.casefold(): t for t in Tag.objects.filter(initiative=initiative)}
    new = [Tag(initiative=initiative, name=n) for key, n in names.items() if key not in existing]
    for tag in Tag.objects.bulk_create(new):
        existing[tag.name.casefold()] = tag
    Through = Measure.tags.through  # noqa: N806 - a model
    Through.objects.filter(measure__in=[m.pk for _t, m in pairs]).delete()
    Through.objects.bulk_create(
        [
            Through(measure=measure, tag=existing[name.casefold()])
            for tags, measure in pairs
            for name in tags
        ]
    )


def _set_partners(actor, triples):
    """Partners of (measure, [(person, organisation, part)], is new) triples: new
    ones and changed ones in bulk, removed ones through the service."""
    created, changed, before = [], [], []
    for measure, partners, is_new in triples:
        current = {} if is_new else {p.person_id: p for p in measure.partnerships.all()}
        wanted = {person.pk for person, _org, _role in partners}
        for person_id, partnership in current.items():
            if person_id not in wanted:
                services.partnership_delete(actor=actor, partnership=partnership)
        for person, organization, role in partners:
            organization = organization or person.organization
            partnership = current.get(person.pk)
            if partnership is None:
                created.append(
                    Partnership(
                        measure=measure, person=person, organization=organization, role=role
                    )
                )
                continue
            if (partnership.organization_id, partnership.role) == (
                organization.pk if organization else None,
                role,
            ):
                continue
            before.append(copy.copy(partnership))
            partnership.organization, partnership.role = organization, role
            changed.append(partnership)
    if changed:
        # No version on partners: a plain executemany, where bulk_update took seconds.
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            cursor.executemany(
                "UPDATE {} SET {} = %s, {} = %s WHERE {} = %s".format(
                    *map(quote, [Partnership._meta.db_table, "organization_id", "role", "id"])
                ),
                [(p.organization_id, p.role, p.pk) for p in changed],
            )
    _record(Partnership, changed, actor, before)
    Partnership.objects.bulk_create(created)
    _record(Partnership, created, actor)


def _refresh_progress(initiative, seeds):
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
    for pk in sorted(depth, key=depth.get, reverse=True):
        measure = nodes[pk]
        progress = services.own_progress(measure, parts[pk].values())
        if progress != measure.progress:
            Measure.objects.filter(pk=pk).update(progress=progress)
        if measure.parent_id in parts:
            weight, _old, status = parts[measure.parent_id][pk]
            parts[measure.parent_id][pk] = (weight, progress, status)
