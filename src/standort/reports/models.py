"""Reports "Stand der Umsetzung" as PDF, XLSX and DOCX: of a closed status review, or
on demand of the catalogue (or a selection of it) as it stands.

The file lives in the database, not on disk: any app server may build it (in the task
worker) and any other may serve it."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from standort.core.tenancy import TenantManager
from standort.initiatives.models import Initiative
from standort.measures.models import Snapshot
from standort.reviews.models import ReviewCycle


class Report(models.Model):
    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        XLSX = "xlsx", _("Excel (XLSX)")
        DOCX = "docx", _("Word (DOCX)")

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("being built")
        DONE = "done", _("finished")
        FAILED = "failed", _("failed")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="reports")
    # A review's report; or, without one, a report on demand of the catalogue as it
    # stood when asked for (its snapshot), of the measures selected then.
    cycle = models.ForeignKey(
        ReviewCycle,
        verbose_name=_("status review"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
    )
    snapshot = models.ForeignKey(
        Snapshot, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    # What the selection was, in words of the request: e.g. "Arbeitskreis Logistik ·
    # in progress".
    selection = models.CharField(_("selection"), max_length=500, blank=True)
    since = models.DateField(_("changes since"), null=True, blank=True)
    # A report on demand grouped by goal rather than by working group: [[title,
    # [numbers of its measures]]] of the goals as they were when it was asked for, so
    # that a report built again shows the same groups (a snapshot keeps no goals).
    goal_groups = models.JSONField(_("measures by goal"), default=list, blank=True)
    format = models.CharField(_("format"), max_length=4, choices=Format.choices)
    language = models.CharField(_("language"), max_length=8, default=settings.LANGUAGE_CODE)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    progress = models.PositiveSmallIntegerField(
        _("progress"), default=0, validators=[MaxValueValidator(100)]
    )
    # Raised by every new request of the same report: a task of an earlier request
    # finds another number and leaves the row alone.
    attempt = models.PositiveIntegerField(default=1, editable=False)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    size = models.PositiveIntegerField(_("size"), default=0)
    content = models.BinaryField(default=b"", editable=False)
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = TenantManager()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "format"],
                condition=models.Q(cycle__isnull=False),
                name="unique_report_format",
            )
        ]
        indexes = [models.Index(fields=["initiative", "-created_at"])]

    def __str__(self):
        return f"{self.cycle or self.title}: {self.get_format_display()}"

    @property
    def is_pending(self):
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    @property
    def is_done(self):
        return self.state == self.State.DONE
