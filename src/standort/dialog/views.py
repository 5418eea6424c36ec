"""Dialogue pages: a body's ideas, an idea with its comments; posting, answering,
correcting, deleting and hiding comments on a measure, an agenda item or an idea.
Comment actions are plain POSTs that send the reader back to where the comment is."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from standort.core.access import deny, initiative_permission
from standort.core.languages import sentence
from standort.core.listing import build_listing
from standort.core.pages import (
    form_page,
    posted,
    run_action,
    seen_version,
    try_save,
)
from standort.core.throttle import Limit, too_many_requests, wait_for
from standort.initiatives.models import Body
from standort.measures.models import Measure
from standort.meetings.models import AgendaItem

from . import queries, services
from .access import comment_permission, idea_permission
from .forms import CommentForm, HideForm, IdeaForm
from .models import Comment, Idea
from .rendering import thread_key

VIEW = "dialog.view_dialog"
COMMENT = "dialog.add_comment"
# A comment may mention people, each of whom gets a mail; nobody writes this many in
# earnest.
COMMENTS = Limit("comments", "30/10m", "user_or_ip")


# Ideas -----------------------------------------------------------------------------


def _body(initiative, pk):
    return get_object_or_404(Body, initiative=initiative, pk=pk)


@initiative_permission(VIEW)
def idea_list(request, initiative, body_pk):
    body = _body(initiative, body_pk)
    listing = build_listing(
        request,
        queries.ideas_of(body),
        sortable={
            "new": ["created_at"],
            "support": ["support_count", "created_at"],
            "comments": ["comment_count", "created_at"],
            "title": ["title"],
        },
        default_sort="-new",
        search_fields=["title", "text", "author__first_name", "author__last_name"],
    )
    return render(
        request,
        "dialog/idea_list.html",
        {
            "initiative": initiative,
            "body": body,
            "listing": listing,
            "can_add": request.user.has_perm("dialog.add_idea", body),
        },
    )


@initiative_permission(VIEW)
def idea_create(request, initiative, body_pk):
    body = _body(initiative, body_pk)
    if not request.user.has_perm("dialog.add_idea", body):
        return deny(request)
    form = IdeaForm(posted(request), instance=Idea(initiative=initiative, body=body))
    if (
        request.method == "POST"
        and form.is_valid()
        and try_save(form, lambda: services.idea_post(actor=request.user, idea=form.instance))
    ):
        messages.success(request, _("Your idea has been posted."))
        return redirect(form.instance)
    return form_page(
        request,
        form,
        title=sentence(_("New idea for %(body)s"), body=body.name),
        cancel_url=reverse("idea_list", args=[initiative.slug, body.pk]),
    )


@idea_permission("dialog.view_idea")
def idea_detail(request, initiative, idea):
    user = request.user
    can_comment = user.has_perm(COMMENT, initiative)
    return render(
        request,
        "dialog/idea_detail.html",
        {
            "initiative": initiative,
            "idea": idea,
            # Read only when the rendered comments are not kept (dialog/_comments.html).
            "comments": SimpleLazyObject(lambda: queries.comments_for_idea(idea)),
            "thread_key": thread_key(
                idea,
                stamp=idea.comments_stamp,
                my_newest=idea.my_newest_comment,
                user=user,
                initiative=initiative,
                can_comment=can_comment,
            ),
            "post_url": reverse("idea_comment", args=[initiative.slug, idea.pk]),
            "can_comment": can_comment,
            "can_support": user.has_perm("dialog.support_idea", idea),
            "can_change": user.has_perm("dialog.change_idea", idea),
            "can_make_measure": user.has_perm("dialog.idea_to_measure", idea)
            and not idea.measure_id,
        },
    )


@idea_permission("dialog.change_idea")
def idea_edit(request, initiative, idea):
    form = IdeaForm(posted(request), instance=idea)
    if request.method == "POST" and form.is_valid():

        def save():
            services.idea_edit(actor=request.user, idea=idea, expected_version=seen_version(form))

        if try_save(form, save):
            messages.success(request, _("Your idea has been saved."))
            return redirect(idea)
    return form_page(request, form, title=_("Edit idea"), cancel_url=idea.get_absolute_url())


@require_POST
@idea_permission("dialog.support_idea")
def idea_support(request, initiative, idea):
    support = request.POST.get("support") != "0"
    run_action(
        request,
        lambda: services.idea_support(actor=request.user, idea=idea, support=support),
        _("You support this idea.") if support else _("You no longer support this idea."),
    )
    return redirect(idea)


@idea_permission("dialog.idea_to_measure")
def idea_to_measure(request, initiative, idea):
    if request.method == "POST":
        try:
            measure = services.idea_to_measure(actor=request.user, idea=idea)
        except services.DomainError as error:
            messages.error(request, str(error))
            return redirect(idea)
        messages.success(
            request,
            _("Measure %(number)s has been proposed from this idea.") % {"number": measure.number},
        )
        return redirect(measure)
    return render(
        request,
        "core/confirm_delete.html",
        {
            "heading": _("Turn the idea into a measure"),
            "question": sentence(
                _("Turn “%(title)s” into a proposed measure of %(body)s?"),
                title=idea.title,
                body=idea.body.name,
            ),
            "consequence": _("The measure takes the idea's title and text; the idea links to it."),
            "confirm_label": _("Propose as measure"),
            "cancel_url": idea.get_absolute_url(),
            "blocked": bool(idea.measure_id),
        },
    )


# Comments --------------------------------------------------------------------------


def _post(request, initiative, comment, back):
    """Posts the comment of the form on the page it came from; what is wrong with it
    comes back as a message there."""
    wait = wait_for(request, COMMENTS)
    if wait:
        return too_many_requests(request, wait)
    form = CommentForm(request.POST, instance=comment)
    if not form.is_valid():
        # An empty text, or a longer one than the text box lets anyone type.
        too_long = form.has_error("text", "max_length")
        messages.error(
            request, form.errors["text"][0] if too_long else _("Please write something.")
        )
        return redirect(back)
    try:
        services.comment_post(actor=request.user, comment=form.instance)
    except services.DomainError as error:
        messages.error(request, str(error))
        return redirect(back)
    messages.success(request, _("Your comment has been posted."))
    return redirect(form.instance.get_absolute_url())


@require_POST
@idea_permission("dialog.view_idea")
def idea_comment(request, initiative, idea):
    if not request.user.has_perm(COMMENT, initiative):
        return deny(request)
    comment = Comment(initiative=initiative, idea=idea)
    return _post(request, initiative, comment, idea.get_absolute_url())


@require_POST
@initiative_permission(COMMENT)
def measure_comment(request, initiative, number):
    measure = get_object_or_404(
        Measure.objects.select_related("initiative"), initiative=initiative, number=number
    )
    comment = Comment(initiative=initiative, measure=measure)
    return _post(request, initiative, comment, measure.get_absolute_url())


@require_POST
@initiative_permission(COMMENT)
def agenda_item_comment(request, initiative, meeting_pk, item_pk):
    item = get_object_or_404(
        AgendaItem.objects.select_related("meeting__initiative"),
        meeting__initiative=initiative,
        meeting_id=meeting_pk,
        pk=item_pk,
    )
    comment = Comment(initiative=initiative, agenda_item=item)
    back = item.get_absolute_url() + "#comments"
    return _post(request, initiative, comment, back)


@require_POST
@comment_permission("dialog.reply_comment")
def comment_reply(request, initiative, comment):
    reply = Comment(initiative=initiative, parent=comment)
    return _post(request, initiative, reply, comment.get_absolute_url())


@comment_permission("dialog.change_comment")
def comment_edit(request, initiative, comment):
    form = CommentForm(posted(request), instance=comment)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"]

        def save():
            services.comment_edit(actor=request.user, comment=comment, text=text)

        if try_save(form, save):
            messages.success(request, _("Your comment has been saved."))
            return redirect(comment.get_absolute_url())
    return form_page(request, form, title=_("Edit comment"), cancel_url=comment.get_absolute_url())


@comment_permission("dialog.delete_comment")
def comment_delete(request, initiative, comment):
    if request.method == "POST":
        run_action(
            request,
            lambda: services.comment_delete(actor=request.user, comment=comment),
            _("The comment has been deleted."),
        )
        return redirect(comment.get_absolute_url())
    return render(
        request,
        "core/confirm_delete.html",
        {
            "heading": _("Delete comment"),
            "question": _("Do you really want to delete this comment?"),
            "consequence": _(
                "Its text is removed. If it has replies, “Comment deleted” stands in its place."
            ),
            "confirm_label": _("Delete comment"),
            "cancel_url": comment.get_absolute_url(),
        },
    )


@comment_permission("dialog.hide_comment")
def comment_hide(request, initiative, comment):
    form = HideForm(posted(request))
    if request.method == "POST" and form.is_valid():

        def hide():
            services.comment_hide(
                actor=request.user, comment=comment, reason=form.cleaned_data["reason"]
            )

        if try_save(form, hide):
            messages.success(request, _("The comment is hidden."))
            return redirect(comment.get_absolute_url())
    return form_page(
        request,
        form,
        title=_("Hide comment"),
        cancel_url=comment.get_absolute_url(),
        template="dialog/hide_form.html",
        comment=comment,
    )


@require_POST
@comment_permission("dialog.hide_comment")
def comment_unhide(request, initiative, comment):
    run_action(
        request,
        lambda: services.comment_unhide(actor=request.user, comment=comment),
        _("The comment is shown again."),
    )
    return redirect(comment.get_absolute_url())
