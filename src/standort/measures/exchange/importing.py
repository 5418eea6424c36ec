"""Import: a file is read and checked into an ImportPlan without writing anything;
`apply` then writes all of it through services.measures_import, by the rules of the
measures (the statuses a measure may take and the reasons they need), or nothing.

Rows are matched by number; a row without one by its title (whatever the case and
spacing), and becomes a new measure where no measure has that title. A row that would
change nothing is left alone entirely, so importing the same file twice writes no
history and moves no version."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from standort.core.history import Change
from standort.core.services import DomainError
from standort.core.tables import FileRejected, Problem, read_table

from .. import custom_fields, services
from ..models import Measure, needs_reason
from . import cells
from . import columns as c
from .cells import Invalid
from .rows import Directory, RowReader, title_key

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
    columns: dict = field(default_factory=dict)  # header → index of the columns read

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
    plan.columns = columns
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
    plan.errors = _refusals(initiative, plan)
    if plan.errors:
        plan.errors.sort(key=lambda p: (p.row or 0, _order(p.column, columns)))
        plan.creates, plan.updates, plan.unchanged = [], [], 0
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
    """Unknown parents and circles, judged on the tree as it will be after the import."""
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
        seen = set()
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
            parent = tree.get(parent)


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

# The field a rule of the measures refuses → the column of the file.
REFUSED_COLUMNS = {
    "status": c.STATUS,
    "status_reason": c.STATUS_REASON,
    "number": c.NUMBER,
    "parent": c.PARENT,
    "partners": c.PARTNERS,
}


class ImportRefused(DomainError):
    """The rules of the measures refused rows when the import was to be written; the
    problems name them."""

    def __init__(self, problems):
        super().__init__(_("The file has errors; nothing has been imported."))
        self.problems = problems


def apply(actor, initiative, plan):
    """Writes the plan through services.measures_import, all or nothing. Returns the
    number of measures created and updated."""
    if plan.errors:
        raise DomainError(_("The file has errors; nothing has been imported."))
    entries = plan.creates + plan.updates
    if not entries:
        return 0, 0
    try:
        created, changed = services.measures_import(
            actor=actor, initiative=initiative, changes=[entry.change for entry in entries]
        )
    except services.ChangesRefused as refused:
        raise ImportRefused(_problems(plan, refused.refusals)) from refused
    return len(created), len(changed)


def _refusals(initiative, plan):
    """What the rules of the measures (the status a measure may take, the reason it
    needs, …) say to the plan, as problems of its rows."""
    _prepare(initiative, plan)
    changes = [entry.change for entry in plan.creates + plan.updates]
    return _problems(plan, services.import_refusals(initiative=initiative, changes=changes))


def _problems(plan, refusals):
    row_of = {id(entry.change): entry for entry in plan.creates + plan.updates}
    problems = []
    for change, name, message in refusals:
        entry = row_of[id(change)]
        # A new status, and in the column still the reason of the old one.
        stale = (
            entry.measure.status_reason
            if entry.measure and "status" in entry.values and "status_reason" not in entry.values
            else ""
        )
        if name == "status_reason" and stale and c.STATUS_REASON in plan.columns:
            message = _(
                "“%(value)s” is the reason the measure has already; please give the reason "
                "for its new status"
            ) % {"value": stale}
        code = {"status": "status_refused", "status_reason": "reason_required"}.get(name, name)
        problems.append(Problem(entry.row, REFUSED_COLUMNS.get(name, ""), message, code))
    return problems


def _prepare(initiative, plan):
    """Gives each entry to create or update the MeasureChange that writes it."""
    new = {}
    for entry in plan.creates:
        entry.change = services.MeasureChange(
            measure=Measure(initiative=initiative, number=entry.number)
        )
        if entry.number is not None:
            new[entry.number] = entry.change.measure
    for entry in plan.updates:
        entry.change = services.MeasureChange(measure=entry.measure)
    entries = plan.creates + plan.updates
    wanted = {e.parent_number for e in entries if e.sets_parent} - {None} - set(new)
    parents = dict(new)
    if wanted:
        parents.update(
            (m.number, m) for m in Measure.objects.filter(initiative=initiative, number__in=wanted)
        )
    for entry in entries:
        change, measure, values = entry.change, entry.measure, dict(entry.values)
        if "status" in values:
            change.status = values.pop("status")
            old = measure.status if measure else None
            # The reason the measure has does not count for a status that needs one.
            kept = "" if needs_reason(old, change.status) or not measure else measure.status_reason
            change.reason = values.pop("status_reason", kept)
        if entry.sets_parent:
            values["parent"] = parents[entry.parent_number] if entry.parent_number else None
        if entry.custom:
            values["custom_values"] = services.custom_values_with(
                measure.custom_values if measure else {},
                list(entry.custom),
                {f.key: value for f, value in entry.custom.items()},
            )
        change.values, change.tags, change.partners = values, entry.tags, entry.partners
