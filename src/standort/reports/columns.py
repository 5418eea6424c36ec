"""What the report "Stand der Umsetzung" shows of each measure, declared once for its
writers: the workbook's measures sheet (a column each) and, in the PDF, the web page
and the Word document, the facts under a measure's heading and the texts of the
owner's answer. The initiative's own fields are columns of the sheet and facts of the
documents, the empty ones left out there."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standort.measures import custom_fields

SHEET = "sheet"  # a column of the workbook's measures sheet
FACTS = "facts"  # a fact under the measure's heading in the PDF, web page and DOCX
TEXTS = "texts"  # a text of the owner's answer, under a heading of its own there
EMPTY = "–"


@dataclass(frozen=True)
class Column:
    header: str
    # (group, row) -> the sheet's typed value (None: an empty cell) or the documents' text
    value: Callable
    shown: frozenset
    width: int = 16  # in the sheet; 40 and more wraps its text
    # For the documents: the text where it differs from the sheet's value, and whether
    # an empty value is left out (rather than shown as "–").
    text: Callable | None = None
    optional: bool = False
    key: str = ""  # names a fact that the web page and PDF draw in a way of their own


@dataclass(frozen=True)
class Entry:
    """A fact or text of a measure as the documents show it."""

    key: str
    label: str
    text: str


def answer_note(row):
    if not row.answered:
        return _("no answer") if row.review else _("no status report")
    if row.on_behalf:
        return _("entered by the project office")
    return _("answered by the owner")


def _owner(group, row):
    owner = row.owner or EMPTY
    return f"{owner}, {row.organization}" if row.organization else owner


def _progress(group, row):
    return EMPTY if row.progress is None else f"{row.progress} %"


def _field(name):
    def value(group, row):
        return getattr(row, name) or None

    return value


def _in(*shown):
    return frozenset(shown)


COLUMNS = [
    Column(gettext_lazy("No."), lambda g, r: r.number, _in(SHEET), width=7),
    Column(gettext_lazy("Title"), lambda g, r: r.title, _in(SHEET), width=40),
    Column(gettext_lazy("Working group"), lambda g, r: r.body or None, _in(SHEET), width=28),
    Column(gettext_lazy("Owner"), _field("owner"), _in(SHEET), width=24),
    Column(gettext_lazy("Organisation"), _field("organization"), _in(SHEET), width=28),
    Column(gettext_lazy("Owner"), _owner, _in(FACTS)),
    Column(gettext_lazy("Status"), lambda g, r: r.status_label, _in(SHEET, FACTS), width=14),
    Column(gettext_lazy("Progress in %"), lambda g, r: r.progress, _in(SHEET), width=12),
    Column(gettext_lazy("Progress"), _progress, _in(FACTS)),
    Column(
        gettext_lazy("Traffic light"), lambda g, r: r.light_label, _in(SHEET, FACTS), key="light"
    ),
    Column(gettext_lazy("Answer"), lambda g, r: answer_note(r), _in(SHEET), width=22),
    Column(gettext_lazy("Achieved"), _field("achieved"), _in(SHEET, TEXTS), width=50),
    Column(gettext_lazy("Next steps"), _field("next_steps"), _in(SHEET, TEXTS), width=50),
    Column(
        gettext_lazy("Support needed"),
        _field("support_needed"),
        _in(SHEET, TEXTS),
        width=40,
        optional=True,
    ),
]


def custom_column(field):
    """A field of the initiative's own: typed in the sheet, as the measure's page
    shows it in the documents, where only the filled ones appear."""

    def stored(row):
        return row.custom_values.get(field.key)

    return Column(
        field.label,
        lambda g, r: custom_fields.cell_value(field, stored(r)),
        _in(SHEET, FACTS),
        width=40 if field.kind == field.Kind.TEXT else 16,
        text=lambda g, r: custom_fields.display(field, stored(r)),
        optional=True,
    )


# The sheet of a report by goal lists a measure once per goal it serves, each line
# naming its goal.
GOAL = Column(
    gettext_lazy("Goal"), lambda g, r: g.name if g.has_body else None, _in(SHEET), width=28
)


def columns_of(fields, by_goal=False):
    """The report's columns for an initiative whose own fields are `fields`: those come
    last, after the sheet's columns and after the documents' facts. By goal, the
    goal's column comes first."""
    return [*([GOAL] if by_goal else []), *COLUMNS, *(custom_column(field) for field in fields)]


def entries(columns, shown, group, row):
    """[Entry] of `row` that the documents show in `shown` (FACTS or TEXTS)."""
    found = []
    for column in columns:
        if shown not in column.shown:
            continue
        value = (column.text or column.value)(group, row)
        if value is None or value == "":
            if column.optional:
                continue
            value = EMPTY
        found.append(Entry(column.key, str(column.header), str(value)))
    return found


# "Changes since …" -------------------------------------------------------------------


NOTHING_CHANGED = gettext_lazy(
    "Nothing changed in these measures: no traffic light, progress, status or milestone."
)


@dataclass
class ChangeSection:
    """One kind of change as a table: the workbook's sheet of changes, the PDF, the web
    page and the Word document show the same."""

    key: str
    title: str
    header: list
    rows: list  # [[text, …]]
    typed: frozenset = frozenset({1})  # the columns of text people typed (a title)

    def described(self):
        """[(number, title, [(label, text, typed)])]: each row with its other columns
        named, for the PDF, which says a change in a line rather than a table's row."""
        return [
            (
                row[0],
                row[1],
                [(self.header[i], row[i], i in self.typed) for i in range(2, len(row))],
            )
            for row in self.rows
        ]


def change_sections(changes, lights, statuses):
    """[ChangeSection] of `changes` (measures.changes.Changes), the empty ones left out;
    `lights` and `statuses` name the values ({value: label})."""

    def moves(items, name):
        return [
            [m.number, m.title, name(m.before), name(m.after), m.reason or EMPTY] for m in items
        ]

    def events(items, date):
        return [
            [e.number, e.title, e.milestone, date_format(date(e), "SHORT_DATE_FORMAT")]
            for e in items
        ]

    measure = [_("No."), _("Measure")]
    sections = [
        ChangeSection(
            "lights",
            _("Traffic lights that turned"),
            [*measure, _("Before"), _("After"), _("Reported")],
            moves(changes.lights, lights.get),
            _in(1, 4),
        ),
        ChangeSection(
            "progress",
            _("Progress that moved"),
            [*measure, _("Before"), _("After"), _("Reported")],
            moves(changes.progress, lambda value: f"{value} %"),
            _in(1, 4),
        ),
        ChangeSection(
            "statuses",
            _("Status changed"),
            [*measure, _("Before"), _("After"), _("Reason")],
            moves(changes.statuses, statuses.get),
            _in(1, 4),
        ),
        ChangeSection(
            "new",
            _("New measures"),
            [*measure, _("Status")],
            [[m.number, m.title, statuses.get(m.status)] for m in changes.new],
        ),
        ChangeSection(
            "dropped",
            _("Dropped measures"),
            [*measure, _("Reason")],
            [[m.number, m.title, m.status_reason or EMPTY] for m in changes.dropped],
            _in(1, 2),
        ),
        ChangeSection(
            "reached",
            _("Milestones reached"),
            [*measure, _("Milestone"), _("Completed on")],
            events(changes.reached, lambda e: e.completed_on),
            _in(1, 2),
        ),
        ChangeSection(
            "missed",
            _("Milestones missed"),
            [*measure, _("Milestone"), _("Due on")],
            events(changes.missed, lambda e: e.due_on),
            _in(1, 2),
        ),
    ]
    return [section for section in sections if section.rows]
