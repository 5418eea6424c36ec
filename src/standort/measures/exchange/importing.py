"""Import: a file is read and checked into an ImportPlan without writing anything;
`apply` then writes all of it in one transaction, or nothing.

Rows are matched by number; a row without one becomes a new measure. A row that would
change nothing is left alone entirely, so importing the same file twice writes no
history and moves no version."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from standort.core.history import Change, add_summaries
from standort.core.services import DomainError

from .. import custom_fields, services
from ..models import STATUS_PROGRESS, Measure, Partnership, Tag
from ..search import search_text_of
from . import cells
from . import columns as c
from .cells import Invalid
from .files import FileRejected, read_table
from .rows import Directory, Problem, RowReader

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
    directory = Directory(initiative, fields, _numbers(table, columns))
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
    """The numbers in the file, read leniently, to load just those measures."""
    numbers = set()
    for _n, row in table.rows:
        value = row[columns[c.NUMBER]] if columns[c.NUMBER] < len(row) else None
        try:
            numbers.add(
                cells.whole_number(
                    cells.text(value), low=1, high=2**31, message="%(value)s", code=""
                )
            )
        except Invalid:
            continue
    return numbers


def _number_problems(entries):
    first_row = {}
    for entry in entries:
        if entry.number is None:
            continue
        if entry.number in first_row:
            yield Problem(
                entry.row,
                c.NUMBER,
                _("number %(value)s is in row %(other)s already")
                % {"value": entry.number, "other": first_row[entry.number]},
                "duplicate_number",
            )
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
    updated. Changes go through the services; new measures, of which a first import
    brings a thousand, are written in bulk with the same history rows and computed
    columns as the services give them."""
    if plan.errors:
        raise DomainError(_("The file has errors; nothing has been imported."))
    wanted = {e.parent_number for e in plan.creates + plan.updates if e.sets_parent}
    measures = {
        m.number: m
        for m in Measure.objects.filter(initiative=initiative, number__in=wanted - {None})
    }
    _create(actor, initiative, plan.creates, measures)
    # Parents before their parts, so no step makes a circle the end result has not.
    for entry in sorted(plan.updates, key=lambda e: e.depth):
        measure = entry.measure
        expected_version = measure.version
        for name, value in entry.values.items():
            setattr(measure, name, value)
        if entry.sets_parent:
            measure.parent = measures.get(entry.parent_number) if entry.parent_number else None
        if entry.custom:
            services.set_custom_values(
                measure, list(entry.custom), {f.key: v for f, v in entry.custom.items()}
            )
        services.measure_save(
            actor=actor, measure=measure, tags=entry.tags, expected_version=expected_version
        )
        measures[measure.number] = measure
        if entry.partners is not None:
            _set_partners(actor, measure, entry.partners)
    return len(plan.creates), len(plan.updates)


def _create(actor, initiative, entries, measures):
    if not entries:
        return
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
            if entry.custom:
                services.set_custom_values(
                    measure, list(entry.custom), {f.key: v for f, v in entry.custom.items()}
                )
            measure.search_text = search_text_of(measure)
            measure.progress = STATUS_PROGRESS[measure.status]
            batch.append(measure)
        Measure.objects.bulk_create(batch)
        _record_creation(Measure, batch, actor)
        for measure in batch:
            measures[measure.number] = measure
        created += zip(level, batch, strict=True)
    _add_tags(initiative, created)
    partnerships = [
        Partnership(
            measure=measure,
            person=person,
            organization=organization or person.organization,
            role=role,
        )
        for entry, measure in created
        for person, organization, role in entry.partners or []
    ]
    Partnership.objects.bulk_create(partnerships)
    _record_creation(Partnership, partnerships, actor)
    for parent in {m.parent for _e, m in created if m.parent is not None}:
        services.refresh_progress(parent)


def _record_creation(model, objects, actor):
    records = model.history.bulk_history_create(objects, default_user=actor)
    add_summaries(model, records, objects)


def _add_tags(initiative, created):
    """Tags by name as services.set_tags finds or makes them, in three queries."""
    names = {name.casefold(): name for entry, _m in created for name in entry.tags or []}
    if not names:
        return
    existing = {t.name.casefold(): t for t in Tag.objects.filter(initiative=initiative)}
    new = [Tag(initiative=initiative, name=n) for key, n in names.items() if key not in existing]
    for tag in Tag.objects.bulk_create(new):
        existing[tag.name.casefold()] = tag
    Measure.tags.through.objects.bulk_create(
        [
            Measure.tags.through(measure=measure, tag=existing[name.casefold()])
            for entry, measure in created
            for name in entry.tags or []
        ]
    )


def _set_partners(actor, measure, partners):
    current = {p.person_id: p for p in measure.partnerships.all()}
    wanted = {person.pk for person, _org, _role in partners}
    for person_id, partnership in current.items():
        if person_id not in wanted:
            services.partnership_delete(actor=actor, partnership=partnership)
    for person, organization, role in partners:
        partnership = current.get(person.pk) or Partnership(measure=measure, person=person)
        organization = organization or person.organization
        if partnership.pk and (partnership.organization_id, partnership.role) == (
            organization.pk if organization else None,
            role,
        ):
            continue
        partnership.organization = organization
        partnership.role = role
        services.partnership_save(actor=actor, partnership=partnership)
