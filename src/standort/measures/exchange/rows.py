"""Import: reading the rows of a file into entries, one cell at a time."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standort.core.tables import Problem

from ..models import CustomField, Measure, Partnership, Topic
from . import cells
from . import columns as c
from .cells import Invalid
from .people import organizations_of, people_of

Kind = CustomField.Kind
NUMBER_LIMIT = 2_147_483_647
NOT_A_WEIGHT = gettext_lazy("“%(value)s” is not a weight (a whole number from 1 to 100)")


@dataclass
class Entry:
    """What one row of the file does to one measure."""

    row: int
    number: int | None
    title: str
    measure: Measure | None = None  # None: a new measure
    values: dict = field(default_factory=dict)  # Measure attribute → new value
    parent_number: int | None = None
    sets_parent: bool = False
    tags: list | None = None  # None: the tags stay
    partners: list | None = None  # [(person, organisation, part)]; None: they stay
    custom: dict | None = None  # CustomField → Python value
    changes: list = field(default_factory=list)
    by_title: bool = False  # no number in the file: matched by its title
    change: object = None  # the services.MeasureChange that writes it


# Looking things up by name --------------------------------------------------------


def title_key(title):
    """Titles match whatever their case and spacing."""
    return " ".join(title.split()).casefold()


def _by_name(objects, name=str):
    found = defaultdict(list)
    for obj in objects:
        found[name(obj).strip().casefold()].append(obj)
    return found


class Directory:
    """The initiative's bodies, fields of action, people, organisations, own fields and
    measures, each loaded once, to look up cells by name."""

    def __init__(self, initiative, fields, numbers, titles=()):
        self.initiative = initiative
        self.fields = fields
        self.bodies = _by_name(initiative.bodies.all())
        self.topics = _by_name(Topic.objects.filter(initiative=initiative))
        people = list(people_of(initiative).select_related("organization"))
        self.people = _by_name(people, lambda p: p.full_name)
        self.emails = _by_name([p for p in people if p.email], lambda p: p.email)
        self.organizations = _by_name(organizations_of(initiative))
        # number → number of the measure it is part of, and title → numbers, for all the
        # initiative's measures.
        self.parents, self.titles = {}, defaultdict(list)
        for number, parent, title in Measure.objects.filter(initiative=initiative).values_list(
            "number", "parent__number", "title"
        ):
            self.parents[number] = parent
            self.titles[title_key(title)].append(number)
        # Rows without a number update the measure of their title, where it is only one.
        numbers = set(numbers) | {
            found[0] for found in map(self.titles.get, titles) if found and len(found) == 1
        }
        self.measures = {
            m.number: m
            for m in Measure.objects.filter(initiative=initiative, number__in=numbers)
            .select_related("body", "topic", "owner", "owner_organization", "adopted_by")
            .prefetch_related(
                "tags",
                Prefetch(
                    "partnerships",
                    queryset=Partnership.objects.select_related("person", "organization"),
                ),
            )
        }

    def one(self, found, value, *, unknown, code):
        matches = found.get(value.casefold(), [])
        if len(matches) != 1:
            raise Invalid(unknown % {"value": value}, code)
        return matches[0]

    def person(self, name, email=""):
        """The name decides when one person of the initiative has it; the address tells
        people of the same name apart, or names the person when the name is left out.
        So a changed name with the old owner's address still in the row is the new owner."""
        if not name:
            return self.one(
                self.emails,
                email,
                unknown=_("“%(value)s” is not the e-mail address of a person of this initiative"),
                code="unknown_email",
            )
        matches = self.people.get(name.casefold(), [])
        if not matches:
            raise Invalid(
                _("“%(value)s” is not a person of this initiative") % {"value": name},
                "unknown_person",
            )
        if len(matches) == 1:
            return matches[0]
        if not email:
            raise Invalid(
                _(
                    "several people of this initiative are called “%(value)s”; "
                    "give the e-mail address"
                )
                % {"value": name},
                "ambiguous_person",
            )
        chosen = [p for p in matches if p.email.casefold() == email.casefold()]
        if len(chosen) != 1:
            raise Invalid(
                _(
                    "several people of this initiative are called “%(value)s”, and none of "
                    "them has the address %(email)s"
                )
                % {"value": name, "email": email},
                "unknown_email",
            )
        return chosen[0]

    def organization(self, name, person=None):
        """By name; where several organisations have the name, the person's own."""
        return self.pick_organization(name, self.organizations.get(name.casefold(), []), person)

    def pick_organization(self, name, found, person):
        if len(found) == 1:
            return found[0]
        if person is not None and person.organization in found:
            return person.organization
        if found:
            raise Invalid(
                _("several organisations are called “%(value)s”") % {"value": name},
                "ambiguous_organization",
            )
        raise Invalid(
            _("“%(value)s” is not an organisation of this initiative") % {"value": name},
            "unknown_organization",
        )

    def partner(self, line):
        """Reads “Name <e-mail> (Organisation): part” back. Names may contain brackets
        and colons, so the line is matched against the known names rather than split."""
        ends = [i for i, char in enumerate(line) if char in " :<("] + [len(line)]
        for end in sorted(set(ends), reverse=True):
            name = line[:end].strip()
            if name.casefold() not in self.people:
                continue
            parsed = self._partner_rest(line[end:].strip())
            if parsed is None:
                continue
            email, (org_name, organizations), role = parsed
            try:
                person = self.person(name, email)
            except Invalid as error:
                if error.code in ("unknown_person", "unknown_email"):
                    continue
                raise
            organization = None
            if org_name is not None:
                organization = self.pick_organization(org_name, organizations, person)
            return person, organization, role
        raise Invalid(
            _(
                "“%(value)s” is not a person of this initiative; write partners as "
                "“Name (Organisation): part”, one per line"
            )
            % {"value": line},
            "unknown_partner",
        )

    def _partner_rest(self, rest):
        email = ""
        if rest.startswith("<"):
            close = rest.find(">")
            if close < 0:
                return None
            email, rest = rest[1:close].strip(), rest[close + 1 :].strip()
        organization = (None, [])
        if rest.startswith("("):
            for close in [i for i, char in enumerate(rest) if char == ")"]:
                after = rest[close + 1 :].strip()
                if after and not after.startswith(":"):
                    continue
                name = rest[1:close].strip()
                found = self.organizations.get(name.casefold(), [])
                if found:
                    organization, rest = (name, found), after
                    break
            else:
                return None
        if rest and not rest.startswith(":"):
            return None
        role = rest[1:].strip()
        if len(role) > Partnership._meta.get_field("role").max_length:
            return None
        return email, organization, role


# Reading the rows ------------------------------------------------------------------


def _field_limit(name):
    return Measure._meta.get_field(name).max_length


class RowReader:
    """Reads the cells of one row into an Entry, collecting a Problem per bad cell."""

    def __init__(self, directory, columns, *, csv):
        self.directory = directory
        self.columns = columns  # header → index
        self.csv = csv
        self.custom = {f.label.strip().casefold(): f for f in directory.fields}

    def read(self, number, cells_of_row):
        self.problems = []
        self.row = number
        raw = {
            header: cells_of_row[index] if index < len(cells_of_row) else None
            for header, index in self.columns.items()
        }
        self.raw = raw
        entry = Entry(row=number, number=None, title="")
        entry.number = self.cell(c.NUMBER, measure_number)
        for header, name in c.TEXTS.items():
            if header in raw:
                limit = _field_limit(name)
                value = self.cell(
                    header, lambda v, limit=limit: cells.max_length(v, limit), text=True
                )
                entry.values[name] = value or ""
        entry.title = entry.values.get("title", "")
        if c.TITLE in raw and not cells.text(raw[c.TITLE], csv=self.csv):
            self.problem(c.TITLE, _("the title is empty"), "title_required")
        if entry.number is None and entry.title and not self.failed(c.NUMBER):
            self.match_title(entry)
        self.choice(
            entry,
            c.KIND,
            "kind",
            Measure.Kind,
            gettext_lazy("“%(value)s” is not a kind; possible: %(choices)s"),
        )
        self.choice(
            entry,
            c.STATUS,
            "status",
            Measure.Status,
            gettext_lazy("“%(value)s” is not a status; possible: %(choices)s"),
        )
        self.lookup(
            entry,
            c.BODY,
            "body",
            self.directory.bodies,
            gettext_lazy("“%(value)s” is not a body of this initiative"),
            "unknown_body",
        )
        self.lookup(
            entry,
            c.ADOPTED_BY,
            "adopted_by",
            self.directory.bodies,
            gettext_lazy("“%(value)s” is not a body of this initiative"),
            "unknown_body",
        )
        self.lookup(
            entry,
            c.TOPIC,
            "topic",
            self.directory.topics,
            gettext_lazy("“%(value)s” is not a field of action of this initiative"),
            "unknown_topic",
        )
        if c.PARENT in raw:
            entry.sets_parent = True
            entry.parent_number = self.cell(c.PARENT, measure_number)
        if c.WEIGHT in raw:
            weight = self.cell(
                c.WEIGHT,
                lambda v: cells.whole_number(
                    v,
                    low=1,
                    high=100,
                    message=NOT_A_WEIGHT,
                    code="weight",
                ),
            )
            entry.values["weight"] = weight or 1
        for header, name in c.DATES.items():
            if header in raw:
                entry.values[name] = self.cell(header, cells.date)
        self.owner(entry)
        self.partners(entry)
        if c.TAGS in raw:
            entry.tags = self.cell(c.TAGS, self.tag_names, text=True) or []
        self.custom_values(entry)
        self.row_rules(entry)
        return entry, self.problems

    # Cells

    def problem(self, column, message, code):
        self.problems.append(Problem(self.row, column, message, code))

    def cell(self, header, parse, *, text=False):
        """The parsed value of the cell, or None when it is empty or bad (and then a
        problem is noted)."""
        value = self.raw.get(header)
        if isinstance(value, str) or text:
            value = cells.text(value, csv=self.csv)
        if value is None or value == "":
            return None
        try:
            return parse(value)
        except Invalid as error:
            self.problem(header, error.message, error.code)
            return None

    def choice(self, entry, header, name, choices, message):
        if header in self.raw:
            value = self.cell(
                header, lambda v: cells.choice(v, choices, message=message, code=name)
            )
            entry.values[name] = value or Measure._meta.get_field(name).default

    def lookup(self, entry, header, name, found, message, code):
        if header in self.raw:
            entry.values[name] = self.cell(
                header,
                lambda v: self.directory.one(found, v, unknown=message, code=code),
                text=True,
            )

    def owner(self, entry):
        if c.OWNER not in self.raw and c.OWNER_EMAIL not in self.raw:
            return
        name = cells.text(self.raw.get(c.OWNER), csv=self.csv)
        email = cells.text(self.raw.get(c.OWNER_EMAIL), csv=self.csv)
        owner = None
        if name or email:
            try:
                owner = self.directory.person(name, email)
            except Invalid as error:
                column = c.OWNER_EMAIL if error.code == "unknown_email" else c.OWNER
                self.problem(column, error.message, error.code)
        entry.values["owner"] = owner
        if c.ORGANIZATION in self.raw:
            entry.values["owner_organization"] = self.cell(
                c.ORGANIZATION, lambda v: self.directory.organization(v, owner), text=True
            )

    def partners(self, entry):
        if c.PARTNERS not in self.raw:
            return
        lines = [
            line.strip() for line in cells.text(self.raw[c.PARTNERS], csv=self.csv).splitlines()
        ]
        partners, seen = [], set()
        for line in filter(None, lines):
            try:
                person, organization, role = self.directory.partner(line)
            except Invalid as error:
                self.problem(c.PARTNERS, error.message, error.code)
                continue
            if person.pk in seen:
                self.problem(
                    c.PARTNERS,
                    _("“%(value)s” is named twice") % {"value": person.full_name},
                    "partner_twice",
                )
            seen.add(person.pk)
            partners.append((person, organization, role))
        entry.partners = partners

    def tag_names(self, value):
        names, seen = [], set()
        for name in (n.strip() for n in value.split(",")):
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(cells.max_length(name, 50))
        return names

    def custom_values(self, entry):
        values = {}
        for header in self.raw:
            f = self.custom.get(header.casefold())
            if f is not None:
                values[f] = self.cell(header, lambda v, f=f: custom_value(f, v))
        entry.custom = values

    # Rules across cells of the row

    def row_rules(self, entry):
        values = entry.values
        measure = self.directory.measures.get(entry.number)
        starts = values.get("starts_on", measure.starts_on if measure else None)
        due = values.get("due_on", measure.due_on if measure else None)
        if starts and due and due < starts and not self.failed(c.DUE_ON, c.STARTS_ON):
            self.problem(
                c.DUE_ON if c.DUE_ON in self.raw else c.STARTS_ON,
                _("the due date %(due)s is before the start %(start)s")
                % {"due": c.format_date(due), "start": c.format_date(starts)},
                "due_before_start",
            )
        owner = values.get("owner", measure.owner if measure else None)
        if owner is not None and entry.partners and owner in [p for p, _o, _r in entry.partners]:
            self.problem(
                c.PARTNERS,
                _("“%(value)s” owns the measure and cannot be its partner too")
                % {"value": owner.full_name},
                "owner_is_partner",
            )

    def match_title(self, entry):
        """A row without a number is the measure of the same title, so that importing
        a file twice does not make every new measure twice."""
        found = self.directory.titles.get(title_key(entry.title), [])
        if len(found) > 1:
            self.problem(
                c.TITLE,
                _("several measures are called “%(value)s”; give the number of the one meant")
                % {"value": entry.title},
                "ambiguous_title",
            )
        elif found:
            entry.number, entry.by_title = found[0], True

    def failed(self, *headers):
        return any(p.column in headers for p in self.problems)


def measure_number(value):
    return cells.whole_number(
        value,
        low=1,
        high=NUMBER_LIMIT,
        message=_("“%(value)s” is not a number of a measure (a whole number from 1)"),
        code="number",
    )


def custom_value(f, value):
    if f.kind == Kind.NUMBER:
        return cells.decimal(value)
    if f.kind == Kind.AMOUNT:
        return cells.decimal(value).quantize(Decimal("0.01"))
    if f.kind == Kind.DATE:
        return cells.date(value)
    if f.kind == Kind.BOOLEAN:
        return cells.yes_no(value)
    text = cells.text(value)
    if f.kind == Kind.CHOICE:
        for option in f.choice_list:
            if option.casefold() == text.casefold():
                return option
        raise Invalid(
            _("“%(value)s” is not one of the choices: %(choices)s")
            % {"value": text, "choices": ", ".join(f.choice_list)},
            "choice",
        )
    return cells.max_length(text, 1000)
