"""What the API answers and accepts, declared once per kind of object. Fields a reader
may not see are empty for them (e.g. an owner's name without their consent, the
next steps of a status update for the public); the API's page says which."""

from datetime import date, datetime
from typing import Annotated, Any

from ninja import Field, Schema

# An id or number a client sends: what the databases can hold (a larger number would
# fail in the database rather than find nothing).
Id = Annotated[int, Field(ge=1, le=2_147_483_647)]


class Ref(Schema):
    id: int
    name: str


class Licence(Schema):
    id: str
    name: str
    url: str


class Initiative(Schema):
    slug: str
    name: str
    city: str
    summary: str
    description: str
    starts_on: date | None
    ends_on: date | None
    is_public: bool
    url: str
    licence: Licence


class Body(Schema):
    id: int
    kind: str
    kind_label: str
    name: str
    parent_id: int | None
    description: str
    url: str


class Membership(Schema):
    id: int
    body_id: int
    person: Ref
    organization: str
    role: str
    role_label: str
    starts_on: date | None
    ends_on: date | None


class Milestone(Schema):
    id: int
    title: str
    due_on: date
    completed_on: date | None


class Partner(Schema):
    organization: str
    person: str | None = Field(None, description="Only for readers with a role.")
    role: str = ""


class MeasureRow(Schema):
    number: int
    title: str
    kind: str
    status: str
    status_label: str
    progress: int
    traffic_light: str | None
    due_on: date | None
    body: Ref | None
    topic: Ref | None
    owner_organization: str | None
    owner_name: str | None = Field(
        description="The public learn it only where the owner agreed to be named."
    )
    next_milestone_on: date | None
    is_overdue: bool
    url: str


class Measure(MeasureRow):
    starts_on: date | None
    description: str
    goal: str
    status_reason: str
    adopted_on: date | None
    decision: str
    is_public: bool = Field(description="Whether the public page shows it.")
    milestones: list[Milestone]
    partners: list[Partner]
    tags: list[str]
    custom_fields: dict[str, Any] = Field(
        description="The initiative's own fields by label; for readers with a role only."
    )


class StatusUpdate(Schema):
    id: int
    reported_at: datetime
    traffic_light: str
    progress: int
    achieved: str
    next_steps: str | None = Field(description="For readers with a role only.")
    support_needed: str | None = Field(description="For readers with a role only.")


# Writing ------------------------------------------------------------------------------


class MeasureIn(Schema):
    """A new measure, or (PATCH) the fields to change; what is left out stays."""

    title: str | None = Field(None, max_length=300)
    kind: str | None = None
    status: str | None = Field(None, description="On creation only; later /status.")
    description: str | None = Field(None, max_length=20000)
    goal: str | None = Field(None, max_length=20000)
    body_id: Id | None = None
    topic_id: Id | None = None
    parent_number: Id | None = None
    owner_id: Id | None = None
    owner_organization_id: Id | None = None
    starts_on: date | None = None
    due_on: date | None = None
    tags: list[str] | None = Field(None, max_length=50)
    is_public: bool | None = None
    custom_fields: dict[str, Any] | None = Field(None, description="By the field's key.")


class StatusChange(Schema):
    status: str
    reason: str = Field("", max_length=20000)
    adopted_by_id: Id | None = None
    adopted_on: date | None = None
    decision: str = Field("", max_length=300)


class MilestoneIn(Schema):
    title: str | None = Field(None, max_length=200)
    due_on: date | None = None
    completed_on: date | None = None


class StatusReport(Schema):
    """A status report for the running status review of the measure."""

    traffic_light: str
    progress: int = Field(ge=0, le=100)
    achieved: str = Field("", max_length=20000)
    next_steps: str = Field("", max_length=20000)
    support_needed: str = Field("", max_length=20000)
    completed: bool = Field(False, description="Everything the measure set out to do is done.")
    submit: bool = Field(True, description="False: keep it as a draft.")


# Meetings -----------------------------------------------------------------------------


class Decision(Schema):
    id: int
    text: str
    votes_yes: int | None
    votes_no: int | None
    votes_abstain: int | None
    measure_numbers: list[int] = Field(
        description="The measures it made or adopted (for the public: the public ones)."
    )


class AgendaItem(Schema):
    id: int
    position: int
    title: str
    duration_minutes: int | None
    minutes: str | None = Field(
        description="Once circulated, for readers with a role; the public read the "
        "approved minutes as a file (minutes_url of the meeting)."
    )
    decisions: list[Decision]


class MeetingRow(Schema):
    id: int
    title: str
    body: Ref
    starts_at: datetime
    ends_at: datetime
    location: str
    state: str
    is_public: bool
    minutes_state: str
    url: str


class Meeting(MeetingRow):
    online_url: str | None = Field(description="For readers with a role only.")
    minutes_url: str | None = Field(description="The approved minutes as PDF.")
    agenda: list[AgendaItem]


# Dialogue ---------------------------------------------------------------------------


class Idea(Schema):
    id: int
    title: str
    text: str
    body: Ref | None
    author: str
    measure_number: int | None
    created_at: datetime
    comment_count: int
    support_count: int
    url: str


class Comment(Schema):
    id: int
    parent_id: int | None
    measure_number: int | None
    idea_id: int | None
    agenda_item_id: int | None
    author: str
    text: str | None = Field(description="Empty where the office has hidden the comment.")
    hidden: bool
    created_at: datetime
    edited_at: datetime | None


# Status reviews ----------------------------------------------------------------------


class Review(Schema):
    id: int
    title: str
    state: str
    deadline: date
    launched_at: datetime | None
    closed_at: datetime | None
    answer_count: int
    answered_count: int
    url: str


# Indicators --------------------------------------------------------------------------


class Observation(Schema):
    observed_on: date
    value: float


class Indicator(Schema):
    id: int
    name: str
    unit: str
    description: str
    source: str
    higher_is_better: bool
    goal: Ref | None
    measure_number: int | None
    target_value: float | None
    target_on: date | None
    is_key: bool
    latest: Observation | None
    previous: Observation | None
    url: str


# Transfer ----------------------------------------------------------------------------


class Contact(Schema):
    name: str
    email: str
    phone: str


class Offer(Schema):
    id: int
    kind: str
    kind_label: str
    title: str
    description: str
    institution: Ref
    topics: list[str]
    conditions: str
    valid_until: date | None
    state: str
    contact: Contact | None = Field(description="For readers who see contact details only.")
    url: str


class Need(Schema):
    id: int
    title: str
    problem: str
    company: Ref
    topics: list[str]
    timeframe: str
    visibility: str
    state: str
    contact: Contact | None = Field(description="For readers who see contact details only.")
    url: str


class Goal(Schema):
    id: int
    title: str
    description: str | None = Field(description="For readers with a role only.")
    measure_numbers: list[int] = Field(
        description="The measures that serve it (for the public: the public ones)."
    )
    indicator_ids: list[int] = Field(description="Its indicators; for readers with a role.")
    url: str | None = Field(description="Its page; for readers with a role.")
