"""The office's set-up of the catalogue: the initiative's own fields on measures and
its fields of action."""

from django.db.models import Count, Max
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from standort.core.access import initiative_permission
from standort.core.languages import sentence
from standort.core.pages import posted, seen_version

from .. import services
from ..forms import CustomFieldForm, TopicForm
from ..models import CustomField, Measure, Topic
from .editing import confirm_then_delete, save_then_back

MANAGE = "measures.manage_measures"


# The initiative's own fields ------------------------------------------------------


def next_position(rows):
    """The order of a new row: after the existing ones, with room in between."""
    last = rows.aggregate(last=Max("position"))["last"]
    return 0 if last is None else last + 10


def _fields_url(initiative):
    return reverse("custom_field_list", args=[initiative.slug])


@initiative_permission(MANAGE)
def custom_field_list(request, initiative):
    return render(
        request,
        "measures/custom_field_list.html",
        {"initiative": initiative, "fields": CustomField.objects.filter(initiative=initiative)},
    )


@initiative_permission(MANAGE)
def custom_field_create(request, initiative):
    fields = CustomField.objects.filter(initiative=initiative)
    field = CustomField(initiative=initiative, position=next_position(fields))
    form = CustomFieldForm(posted(request), instance=field)
    return save_then_back(
        request,
        form,
        title=_("New field for measures"),
        back_to=_fields_url(initiative),
        saved=_("The field has been added to the measures."),
        save=lambda: services.custom_field_save(actor=request.user, field=form.instance),
    )


@initiative_permission(MANAGE)
def custom_field_edit(request, initiative, pk):
    field = get_object_or_404(CustomField, initiative=initiative, pk=pk)
    form = CustomFieldForm(posted(request), instance=field)
    return save_then_back(
        request,
        form,
        title=sentence(_("Edit field “%(label)s”"), label=field.label),
        back_to=_fields_url(initiative),
        saved=_("The field has been saved."),
        save=lambda: services.custom_field_save(
            actor=request.user, field=field, expected_version=seen_version(form)
        ),
        delete_url=reverse("custom_field_delete", args=[initiative.slug, field.pk]),
    )


@initiative_permission(MANAGE)
def custom_field_delete(request, initiative, pk):
    field = get_object_or_404(CustomField, initiative=initiative, pk=pk)
    filled = Measure.objects.filter(initiative=initiative, custom_values__has_key=field.key).count()
    if filled:
        consequence = ngettext(
            "The value of this field in %(count)d measure is deleted.",
            "The values of this field in %(count)d measures are deleted.",
            filled,
        ) % {"count": filled}
    else:
        consequence = _("No value is deleted.")
    return confirm_then_delete(
        request,
        field,
        back_to=_fields_url(initiative),
        delete=lambda: services.custom_field_delete(actor=request.user, field=field),
        deleted=_("The field has been deleted."),
        consequence=consequence,
    )


# Fields of action -----------------------------------------------------------------


def _topics_url(initiative):
    return reverse("topic_list", args=[initiative.slug])


@initiative_permission(MANAGE)
def topic_list(request, initiative):
    topics = Topic.objects.filter(initiative=initiative).annotate(measure_count=Count("measures"))
    return render(request, "measures/topic_list.html", {"initiative": initiative, "topics": topics})


@initiative_permission(MANAGE)
def topic_create(request, initiative):
    topic = Topic(
        initiative=initiative,
        position=next_position(Topic.objects.filter(initiative=initiative)),
    )
    form = TopicForm(posted(request), instance=topic)
    return save_then_back(
        request,
        form,
        title=_("New field of action"),
        back_to=_topics_url(initiative),
        saved=_("The field of action has been created."),
        save=lambda: services.topic_save(actor=request.user, topic=form.instance),
    )


@initiative_permission(MANAGE)
def topic_edit(request, initiative, pk):
    topic = get_object_or_404(Topic, initiative=initiative, pk=pk)
    form = TopicForm(posted(request), instance=topic)
    return save_then_back(
        request,
        form,
        title=sentence(_("Edit field of action “%(name)s”"), name=topic.name),
        back_to=_topics_url(initiative),
        saved=_("The field of action has been saved."),
        save=lambda: services.topic_save(
            actor=request.user, topic=topic, expected_version=seen_version(form)
        ),
        delete_url=reverse("topic_delete", args=[initiative.slug, topic.pk]),
    )


@initiative_permission(MANAGE)
def topic_delete(request, initiative, pk):
    topic = get_object_or_404(Topic, initiative=initiative, pk=pk)
    return confirm_then_delete(
        request,
        topic,
        back_to=_topics_url(initiative),
        delete=lambda: services.topic_delete(actor=request.user, topic=topic),
        deleted=_("The field of action has been deleted."),
        consequence=_("Its measures keep existing, without a field of action (%(count)d measures).")
        % {"count": topic.measures.count()},
    )
