"""The catalogue of measures: recommendations, projects and measures of an initiative,
each with an owner, partners, dates, milestones, status updates and the initiative's
own fields."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from standort.core.history import Tracked
from standort.core.models import VersionedModel
from standort.core.tenancy import TenantManager
from standort.initiatives.models import Body, Initiative, Organization, Person

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Topic(VersionedModel):
    """A Handlungsfeld: a theme that may run across working groups (e.g. digitalisation)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="topics")
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveIntegerField(_("order"), default=0)

    history = Tracked()

    objects = TenantManager()

    class Meta:
        verbose_name = _("field of action")
        verbose_name_plural = _("fields of action")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "name"], name="unique_topic_name")
        ]

    def __str__(self):
        return self.name


class Tag(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(_("name"), max_length=50)

    objects = TenantManager()

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "name"], name="unique_tag_name")
        ]

    def __str__(self):
        return self.name


class CustomField(VersionedModel):
    """A column of the office's own (e.g. "Kosten", "Förderprogramm", "Priorität").
    Values live in `Measure.custom_values` under `key`."""

    class Kind(models.TextChoices):
        TEXT = "text", _("text")
        NUMBER = "number", _("number")
        AMOUNT = "amount", _("amount in euro")
        DATE = "date", _("date")
        CHOICE = "choice", _("choice from a list")
        BOOLEAN = "boolean", _("yes/no")

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="measure_fields"
    )
    label = models.CharField(_("label"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TEXT)
    choices = models.TextField(
        _("choices"), blank=True, help_text=_("One choice per line (only for a choice field).")
    )
    help_text = models.CharField(_("help text"), max_length=200, blank=True)
    position = models.PositiveIntegerField(_("order"), default=0)

    history = Tracked()

    objects = TenantManager()

    class Meta:
        verbose_name = _("custom field")
        verbose_name_plural = _("custom fields")
        ordering = ["position", "label"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "label"], name="unique_field_label")
        ]

    def __str__(self):
        return self.label

    @property
    def key(self):
        # Not a bare number: JSON lookups would read "12" as an array index on PostgreSQL.
        return f"f{self.pk}"

    @property
    def choice_list(self):
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Measure(VersionedModel):
    class Kind(models.TextChoices):
        RECOMMENDATION = "recommendation", _("recommendation")
        PROJECT = "project", _("project")
        MEASURE = "measure", _("measure")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("proposed")
        ADOPTED = "adopted", _("adopted")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        ON_HOLD = "on_hold", _("on hold")
        DROPPED = "dropped", _("dropped")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="measures")
    number = models.PositiveIntegerField(
        _("number"), help_text=_("Unique in the initiative; leave empty for the next free one.")
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEASURE)
    description = models.TextField(_("description"), blank=True)
    goal = models.TextField(_("goal"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    body = models.ForeignKey(
        Body,
        verbose_name=_("working group"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("field of action"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="measures",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("How much this measure counts in the progress of the one it is part of."),
    )
    owner = models.ForeignKey(
        Person,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_measures",
    )
    owner_organization = models.ForeignKey(
        Organization,
        verbose_name=_("owner's organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_measures",
        help_text=_("Empty: the owner's organisation."),
    )
    adopted_by = models.ForeignKey(
        Body,
        verbose_name=_("adopted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="adopted_measures",
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=300, blank=True, help_text=_("The decision that adopted it.")
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("tags"), blank=True, related_name="measures")
    custom_values = models.JSONField(_("further fields"), default=dict, blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    is_internal = models.BooleanField(
        _("internal only"),
        default=True,
        help_text=_("Not shown on the public page of the initiative."),
    )

    # Kept up to date by the services, so the list filters and sorts in SQL.
    progress = models.PositiveSmallIntegerField(_("progress"), default=0, editable=False)
    latest_update = models.ForeignKey(
        "StatusUpdate",
        verbose_name=_("latest status update"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    search_text = models.TextField(editable=False, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = Tracked(excluded_fields=["progress", "latest_update", "search_text", "updated_at"])

    objects = TenantManager()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "number"], name="unique_measure_number"),
            models.CheckConstraint(
                condition=Q(due_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(due_on__gte=models.F("starts_on")),
                name="measure_due_after_start",
            ),
        ]
        indexes = [
            # The list: counting and paging the initiative's current measures by number.
            models.Index(fields=["initiative", "is_archived", "number"]),
            # The counts per status above the list.
            models.Index(fields=["initiative", "is_archived", "status"]),
            models.Index(fields=["initiative", "due_on"]),
            # A measure's parts by number: without it SQLite read the initiative's
            # measures in number order to find the parts of one (7 ms on 5,000).
            models.Index(fields=["parent", "number"]),
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("measure_detail", args=[self.initiative.slug, self.number])

    @property
    def is_closed(self):
        return self.status in CLOSED_STATUSES

    def history_expand(self, name, old, new):
        """The change history names each of the initiative's own fields by its label."""
        from . import custom_fields

        changes = []
        for field in CustomField.objects.filter(initiative_id=self.initiative_id):
            before, after = old.get(field.key), new.get(field.key)
            if before != after:
                label = str(field.label)
                changes.append(
                    (
                        label,
                        custom_fields.display(field, before),
                        custom_fields.display(field, after),
                    )
                )
        return changes


CLOSED_STATUSES = (Measure.Status.DONE, Measure.Status.DROPPED)

# The life of a measure (DESIGN.md): which status may follow which, and where a reason
# is required.
TRANSITIONS = {
    Measure.Status.PROPOSED: [
        Measure.Status.ADOPTED,
        Measure.Status.ON_HOLD,
        Measure.Status.DROPPED,
    ],
    Measure.Status.ADOPTED: [
        Measure.Status.IN_PROGRESS,
        Measure.Status.DONE,
        Measure.Status.ON_HOLD,
        Measure.Status.DROPPED,
    ],
    Measure.Status.IN_PROGRESS: [
        Measure.Status.DONE,
        Measure.Status.ON_HOLD,
        Measure.Status.DROPPED,
    ],
    Measure.Status.ON_HOLD: [
        Measure.Status.ADOPTED,
        Measure.Status.IN_PROGRESS,
        Measure.Status.DROPPED,
    ],
    Measure.Status.DONE: [Measure.Status.IN_PROGRESS],
    Measure.Status.DROPPED: [Measure.Status.PROPOSED],
}
REASON_REQUIRED = {Measure.Status.ON_HOLD, Measure.Status.DROPPED}
# A dropped measure taken up again needs a reason too: the record says why it is back.
REASON_TO_LEAVE = {Measure.Status.DROPPED}


def needs_reason(old, new):
    """Whether a measure that is `old` (None: a new measure) needs a reason to be `new`."""
    return new in REASON_REQUIRED or (old in REASON_TO_LEAVE and new != old)


# Progress a measure shows by its status alone, without a status update or parts.
STATUS_PROGRESS = {
    Measure.Status.PROPOSED: 0,
    Measure.Status.ADOPTED: 0,
    Measure.Status.IN_PROGRESS: 0,
    Measure.Status.ON_HOLD: 0,
    Measure.Status.DROPPED: 0,
    Measure.Status.DONE: 100,
}


def progress_of(status, reported, parts):
    """Done is 100 %; else the progress of the newest accepted status update
    (`reported`, None without one); else its parts (not the dropped ones), weighted;
    else what its status says."""
    if status == Measure.Status.DONE:
        return 100
    if reported is not None:
        return reported
    counted = [(w, p) for w, p, part_status in parts if part_status != Measure.Status.DROPPED]
    total = sum(w for w, _p in counted)
    if total:
        return round(sum(w * p for w, p in counted) / total)
    return STATUS_PROGRESS[status]


class Partnership(VersionedModel):
    """A partner of a measure: a person with their organisation and their part."""

    history_subject = "person"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="partnerships")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="partnerships"
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships",
        help_text=_("Empty: the person's organisation."),
    )
    role = models.CharField(
        _("part"), max_length=100, blank=True, help_text=_("e.g. partner, sponsor, expert")
    )

    history = Tracked()

    objects = TenantManager("measure__initiative")

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["person__last_name", "person__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["measure", "person"], name="unique_partnership")
        ]

    def __str__(self):
        return str(self.person)


class Milestone(VersionedModel):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    history = Tracked()

    objects = TenantManager("measure__initiative")

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["measure", "completed_on", "due_on"]),
            # The overdue filter's open milestones by date: PostgreSQL collects the
            # late ones once and checks each measure against them.
            models.Index(
                fields=["due_on", "measure"],
                condition=models.Q(completed_on__isnull=True),
                name="open_milestone_due_on",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_done(self):
        return self.completed_on is not None


class Attachment(models.Model):
    history_subject = "name"

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="measures/%Y/%m/")
    name = models.CharField(_("name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size"), editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, editable=False
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = Tracked(excluded_fields=["file", "uploaded_by", "uploaded_at"])

    objects = TenantManager("measure__initiative")

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class StatusUpdateQuerySet(models.QuerySet):
    def accepted(self):
        """The updates that are part of the measure's record. The others are drafts: an
        owner's answer in a running status review, until the office accepts it."""
        return self.filter(accepted_at__isnull=False)


class StatusUpdate(models.Model):
    """A Sachstand: what the owner reports. A status review's answer keeps what its
    owner writes in one, a draft (`accepted_at` empty) that may lack the traffic light
    and the progress until the office accepts it; the measure shows its newest
    accepted one (traffic light and progress). Only accepted ones count anywhere."""

    class Light(models.TextChoices):
        GREEN = "green", pgettext_lazy("traffic light", "on track")
        AMBER = "amber", pgettext_lazy("traffic light", "delayed")
        RED = "red", pgettext_lazy("traffic light", "at risk")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="updates")
    traffic_light = models.CharField(
        _("traffic light"), max_length=10, choices=Light.choices, blank=True
    )
    progress = models.PositiveSmallIntegerField(
        _("progress"), null=True, blank=True, validators=PERCENT
    )
    achieved = models.TextField(_("What has been achieved?"), blank=True)
    next_steps = models.TextField(_("Next steps"), blank=True)
    support_needed = models.TextField(_("Where is support needed?"), blank=True)
    reported_at = models.DateTimeField(_("reported at"))
    reported_by = models.ForeignKey(
        Person,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    history = Tracked()

    objects = TenantManager(
        "measure__initiative", manager=models.Manager.from_queryset(StatusUpdateQuerySet)
    )

    class Meta:
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        ordering = ["-reported_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True)
                | (~Q(traffic_light="") & Q(progress__isnull=False)),
                name="accepted_update_complete",
                violation_error_message=_(
                    "An accepted status update needs a traffic light and a progress."
                ),
            )
        ]

    def __str__(self):
        light = self.get_traffic_light_display() or "–"
        progress = "–" if self.progress is None else f"{self.progress} %"
        return f"{self.measure.number}: {light}, {progress}"

    @property
    def is_complete(self):
        """Whether it may be accepted: a traffic light and a progress are given."""
        return bool(self.traffic_light) and self.progress is not None


class PendingImport(models.Model):
    """An uploaded file between its preview and the confirmation. In the database, not
    on a disk, so the confirming request may reach another app server."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    created_at = models.DateTimeField(auto_now_add=True)
    file_name = models.CharField(max_length=200)
    content = models.BinaryField()

    objects = TenantManager()

    def __str__(self):
        return self.file_name


class Snapshot(models.Model):
    """The catalogue as it stood at a moment, kept when a status review or a reporting
    period closes: what was reported then reads the same ever after, whatever the
    measures become (`asof.py` reads earlier moments from the change history)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="snapshots")
    taken_at = models.DateTimeField(_("as of"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TenantManager()

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["-taken_at", "-pk"]

    def __str__(self):
        return f"{self.initiative}: {self.taken_at:%Y-%m-%d %H:%M}"


class SnapshotRow(models.Model):
    """One measure in a snapshot, with the names of its working group, owner and
    organisation as they were then."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="rows")
    # Null once the measure is deleted: the row keeps what it was.
    measure = models.ForeignKey(
        Measure, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Measure.Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Measure.Status.choices)
    status_reason = models.TextField(_("reason for the status"), blank=True)
    body_id_then = models.PositiveBigIntegerField(null=True, blank=True)
    body_name = models.CharField(_("working group"), max_length=200, blank=True)
    body_position = models.PositiveIntegerField(null=True, blank=True)
    topic_name = models.CharField(_("field of action"), max_length=200, blank=True)
    parent_number = models.PositiveIntegerField(_("part of"), null=True, blank=True)
    owner_name = models.CharField(_("owner"), max_length=300, blank=True)
    organization_name = models.CharField(_("owner's organisation"), max_length=300, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    is_internal = models.BooleanField(_("internal only"), default=False)
    custom_values = models.JSONField(_("further fields"), default=dict, blank=True)
    # The newest accepted status update then ("" and 0: none yet).
    traffic_light = models.CharField(
        _("traffic light"), max_length=10, choices=StatusUpdate.Light.choices, blank=True
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)
    achieved = models.TextField(_("What has been achieved?"), blank=True)
    next_steps = models.TextField(_("Next steps"), blank=True)
    support_needed = models.TextField(_("Where is support needed?"), blank=True)
    # [{"title": …, "due_on": "2018-05-31", "completed_on": null}] in date order.
    milestones = models.JSONField(default=list, blank=True)
    # Only in the snapshot of a status review: whether the owner's answer counted, and
    # whether the office entered it for them.
    answered = models.BooleanField(null=True, blank=True)
    on_behalf = models.BooleanField(default=False)

    objects = TenantManager("snapshot__initiative")

    class Meta:
        verbose_name = _("measure in a snapshot")
        verbose_name_plural = _("measures in a snapshot")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "number"], name="unique_snapshot_number")
        ]

    def __str__(self):
        return f"{self.number} {self.title}"


class ReportingPeriod(models.Model):
    """A reporting date the office closes ("Stand zum 30.06.2026"): the catalogue as it
    stood at the end of that day is kept, and reports and comparisons name it."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="reporting_periods"
    )
    title = models.CharField(_("title"), max_length=200)
    ends_on = models.DateField(_("as of the end of"))
    # Deleted only with its initiative, which deletes both.
    snapshot = models.OneToOneField(
        Snapshot, on_delete=models.CASCADE, related_name="period", editable=False
    )
    closed_at = models.DateTimeField(_("closed at"), auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )

    objects = TenantManager()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-ends_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "ends_on"], name="unique_period_end")
        ]

    def __str__(self):
        return self.title
