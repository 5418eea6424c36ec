"""Status review pages: the office's list, draft, follow-up and answers; the owner's
form through their personal link or in the app."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
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
from standort.core.throttle import Limit, throttle, url_argument

from . import queries, services
from .forms import AnswerForm, ReturnForm, ReviewCreateForm, ReviewCycleForm
from .models import ReviewAnswer, ReviewCycle

VIEW = "reviews.view_reviews"
FOLLOW = "reviews.follow_review"
MANAGE = "reviews.manage_reviews"


def _cycle(initiative, pk):
    return get_object_or_404(
        ReviewCycle.objects.select_related("initiative"), initiative=initiative, pk=pk
    )


def _answer(cycle, pk):
    return get_object_or_404(
        ReviewAnswer.objects.select_related(
            "cycle__initiative",
            "request__person",
            "measure__latest_update",
            "entered_by",
            "status_update",
        ),
        cycle=cycle,
        pk=pk,
    )


# The office's pages ----------------------------------------------------------------


@initiative_permission(VIEW)
def review_list(request, initiative):
    context = {
        "initiative": initiative,
        "my_answers": list(queries.open_answers_of(initiative, request.user)),
        "can_follow": request.user.has_perm(FOLLOW, initiative),
        "can_manage": request.user.has_perm(MANAGE, initiative),
    }
    if context["can_follow"]:
        context["listing"] = build_listing(
            request,
            queries.cycles_of(initiative),
            sortable={"deadline": ["deadline"], "title": ["title"]},
            default_sort="-deadline",
            search_fields=["title"],
        )
    return render(request, "reviews/review_list.html", context)


@initiative_permission(MANAGE)
def review_create(request, initiative):
    form = ReviewCreateForm(
        posted(request), instance=ReviewCycle(initiative=initiative), initiative=initiative
    )
    if request.method == "POST" and form.is_valid():
        left_out = []

        def save():
            left_out.extend(
                services.cycle_create(
                    actor=request.user, cycle=form.instance, measures=form.measures()
                )
            )

        if try_save(form, save):
            cycle = form.instance
            messages.success(
                request,
                _(
                    "The draft is ready: %(measures)s measures of %(owners)s owners. Check "
                    "it, then launch the review."
                )
                % {"measures": cycle.answers.count(), "owners": cycle.requests.count()},
            )
            if left_out:
                messages.warning(
                    request,
                    ngettext(
                        "%(count)s measure has no owner and is not asked about: %(numbers)s.",
                        "%(count)s measures have no owner and are not asked about: %(numbers)s.",
                        len(left_out),
                    )
                    % {
                        "count": len(left_out),
                        "numbers": ", ".join(str(m.number) for m in left_out),
                    },
                )
            return redirect(cycle)
    return form_page(
        request,
        form,
        title=_("New status review"),
        cancel_url=reverse("review_list", args=[initiative.slug]),
        template="reviews/review_form.html",
        initiative=initiative,
    )


@initiative_permission(FOLLOW)
def review_detail(request, initiative, pk):
    cycle = _cycle(initiative, pk)
    progress = request.GET.get("progress", "")
    listing = build_listing(
        request,
        queries.requests_of(cycle, progress),
        sortable={
            "name": ["person__last_name", "person__first_name"],
            "organization": ["person__organization__name"],
        },
        default_sort="name",
        search_fields=["person__last_name", "person__first_name", "person__organization__name"],
        per_page=50,
    )
    for review_request in listing.page.object_list:
        review_request.progress = queries.progress_of(review_request)
        review_request.progress_label = PROGRESS_LABELS[review_request.progress]
    return render(
        request,
        "reviews/review_detail.html",
        {
            "initiative": initiative,
            "cycle": cycle,
            "counts": queries.answer_counts(cycle),
            "listing": listing,
            "progress": progress if progress in queries.PROGRESS_FILTERS else "",
            "progress_choices": PROGRESS_LABELS,
            "can_manage": request.user.has_perm(MANAGE, initiative),
        },
    )


PROGRESS_LABELS = {
    "unopened": gettext_lazy("not opened"),
    "opened": gettext_lazy("opened"),
    "drafted": gettext_lazy("drafted"),
    "returned": gettext_lazy("returned with a question"),
    "answered": gettext_lazy("answered"),
    "bounced": gettext_lazy("undeliverable"),
}


@initiative_permission(MANAGE)
def review_edit(request, initiative, pk):
    cycle = _cycle(initiative, pk)
    if cycle.is_closed:
        messages.error(request, _("A closed review cannot be changed."))
        return redirect(cycle)
    form = ReviewCycleForm(posted(request), instance=cycle)
    if request.method == "POST" and form.is_valid():

        def save():
            services.cycle_update(
                actor=request.user, cycle=cycle, expected_version=seen_version(form)
            )

        if try_save(form, save):
            messages.success(request, _("The review has been saved."))
            return redirect(cycle)
    extra = {}
    if cycle.is_draft:
        extra = {
            "delete_url": reverse("review_delete", args=[initiative.slug, cycle.pk]),
            "delete_label": _("Delete draft"),
        }
    return form_page(
        request,
        form,
        title=sentence(_("Edit “%(title)s”"), title=cycle.title),
        cancel_url=cycle.get_absolute_url(),
        **extra,
    )


def _back(request, cycle):
    """Where an action on the follow-up page returns to: the page as it was filtered,
    if `next` is a path on this site, else the review."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return cycle.get_absolute_url()


def _confirm(request, cycle, *, heading, question, consequence, confirm_label, blocked=False):
    return render(
        request,
        "core/confirm_delete.html",
        {
            "heading": heading,
            "question": question,
            "consequence": consequence,
            "confirm_label": confirm_label,
            "cancel_url": cycle.get_absolute_url(),
            "blocked": blocked,
        },
    )


@initiative_permission(MANAGE)
def review_delete(request, initiative, pk):
    cycle = _cycle(initiative, pk)
    if request.method == "POST":
        if run_action(
            request,
            lambda: services.cycle_delete(actor=request.user, cycle=cycle),
            _("The draft has been deleted."),
        ):
            return redirect("review_list", initiative.slug)
        return redirect(cycle)
    return _confirm(
        request,
        cycle,
        heading=_("Delete draft"),
        question=sentence(_("Do you really want to delete the draft “%(title)s”?"), title=cycle),
        consequence=_("Nobody has been asked yet; nothing else is lost."),
        confirm_label=_("Delete draft"),
        blocked=not cycle.is_draft,
    )


@initiative_permission(MANAGE)
def review_launch(request, initiative, pk):
    cycle = _cycle(initiative, pk)
    if request.method == "POST":
        launched = []

        def launch():
            launched.append(
                services.cycle_launch(
                    actor=request.user, cycle=cycle, ask_again=bool(request.POST.get("ask_again"))
                )
            )

        run_action(
            request,
            launch,
            _("The review is running: every owner gets an e-mail with their personal link."),
        )
        if launched and launched[0].left_out:
            messages.info(
                request,
                _("Left out, as a running review asks about them already: %(numbers)s.")
                % {"numbers": ", ".join(str(number) for number in launched[0].left_out)},
            )
        return redirect(cycle)
    overlapping = queries.asked_elsewhere(cycle) if cycle.is_draft else []
    # The owners the launch mails as it stands: not those asked only about measures it
    # leaves out.
    owners = (
        cycle.requests.filter(answers__in=cycle.answers.exclude(pk__in=[a.pk for a in overlapping]))
        .distinct()
        .count()
    )
    return render(
        request,
        "reviews/review_launch.html",
        {
            "heading": _("Launch the review"),
            "question": sentence(_("Launch “%(title)s” now?"), title=cycle),
            "consequence": ngettext(
                "%(count)s owner gets an e-mail with a personal link to answer by %(deadline)s.",
                "%(count)s owners get an e-mail with a personal link to answer by %(deadline)s.",
                owners,
            )
            % {"count": owners, "deadline": cycle.deadline.strftime("%d.%m.%Y")},
            "confirm_label": _("Launch and send e-mails"),
            "cancel_url": cycle.get_absolute_url(),
            "blocked": not cycle.is_draft,
            "overlapping": overlapping,
        },
    )


@initiative_permission(MANAGE)
def review_close(request, initiative, pk):
    cycle = _cycle(initiative, pk)
    if request.method == "POST":
        if run_action(
            request,
            lambda: services.cycle_close(actor=request.user, cycle=cycle),
            _("The review is closed. The report is being generated."),
        ):
            return redirect("report_list", initiative.slug)
        return redirect(cycle)
    counts = queries.answer_counts(cycle)
    return _confirm(
        request,
        cycle,
        heading=_("Close the review"),
        question=sentence(_("Close “%(title)s” now?"), title=cycle),
        consequence=_(
            "The personal links stop working and the answers are frozen. %(submitted)s "
            "submitted answers will be accepted; %(missing)s measures stay without an "
            "answer. The report “Stand der Umsetzung” is generated afterwards."
        )
        % {
            "submitted": counts[ReviewAnswer.State.SUBMITTED],
            "missing": counts["total"] - counts["answered"],
        },
        confirm_label=_("Close the review"),
        blocked=not cycle.is_running,
    )


@require_POST
@initiative_permission(MANAGE)
def review_accept_all(request, initiative, pk):
    cycle = _cycle(initiative, pk)
    submitted = cycle.answers.filter(state=ReviewAnswer.State.SUBMITTED).select_related(
        "measure", "request__person"
    )
    count = len(submitted)
    run_action(
        request,
        lambda: services.answers_accept(actor=request.user, answers=submitted),
        ngettext("%(count)s answer accepted.", "%(count)s answers accepted.", count)
        % {"count": count},
    )
    return redirect(cycle)


@require_POST
@initiative_permission(MANAGE)
@throttle(
    Limit("review-links-sender", "60/h", "user_or_ip"),
    Limit("review-links-request", "3/h", url_argument("request_pk")),
)
def request_resend(request, initiative, pk, request_pk):
    cycle = _cycle(initiative, pk)
    review_request = get_object_or_404(cycle.requests.select_related("person"), pk=request_pk)
    run_action(
        request,
        lambda: services.request_resend(actor=request.user, request=review_request),
        _("A new link has been sent to %(person)s; the old one no longer works.")
        % {"person": review_request.person},
    )
    return redirect(_back(request, cycle))


@require_POST
@initiative_permission(MANAGE)
def request_revoke(request, initiative, pk, request_pk):
    cycle = _cycle(initiative, pk)
    review_request = get_object_or_404(cycle.requests.select_related("person"), pk=request_pk)
    run_action(
        request,
        lambda: services.request_revoke(actor=request.user, request=review_request),
        _("The link of %(person)s has been revoked.") % {"person": review_request.person},
    )
    return redirect(_back(request, cycle))


# Answers ---------------------------------------------------------------------------


def _answer_access(request, initiative, pk, answer_pk):
    """(cycle, answer, may_manage) for those who follow the review or own the answer."""
    cycle = _cycle(initiative, pk)
    answer = _answer(cycle, answer_pk)
    may_manage = request.user.has_perm(MANAGE, initiative)
    if not (
        request.user.has_perm(FOLLOW, initiative) or request.user.has_perm("reviews.answer", answer)
    ):
        return None
    return cycle, answer, may_manage


def answer_detail(request, initiative_slug, pk, answer_pk):
    found = _answer_access(request, request.initiative, pk, answer_pk)
    if found is None:
        return deny(request)
    cycle, answer, may_manage = found
    is_owner = request.user.has_perm("reviews.answer", answer)
    return render(
        request,
        "reviews/answer_detail.html",
        {
            "initiative": request.initiative,
            "cycle": cycle,
            "answer": answer,
            "can_manage": may_manage,
            "can_edit": cycle.is_running
            and answer.state != ReviewAnswer.State.ACCEPTED
            and (may_manage or (is_owner and answer.is_editable_by_owner)),
            "can_follow": request.user.has_perm(FOLLOW, request.initiative),
            "milestone_changes": services.milestone_changes(answer),
        },
    )


def answer_edit(request, initiative_slug, pk, answer_pk):
    """The owner signed in, or the office on the owner's behalf."""
    initiative = request.initiative
    found = _answer_access(request, initiative, pk, answer_pk)
    if found is None:
        return deny(request)
    cycle, answer, may_manage = found
    is_owner = request.user.has_perm("reviews.answer", answer)
    if not (may_manage or is_owner):
        return deny(request)
    on_behalf = not is_owner
    detail = reverse("answer_detail", args=[initiative.slug, cycle.pk, answer.pk])
    editable = answer.is_editable_by_owner or (
        on_behalf and answer.state != ReviewAnswer.State.ACCEPTED
    )
    if not cycle.is_running or not editable:
        messages.info(request, _("This answer can no longer be changed."))
        return redirect(detail)
    response, _answer_saved = answer_form(
        request,
        answer,
        actor=request.user,
        on_behalf=on_behalf,
        done_url=detail if on_behalf else reverse("review_list", args=[initiative.slug]),
        cancel_url=detail,
    )
    return response


def answer_form(request, answer, *, actor, on_behalf, done_url, cancel_url):
    """The answer form, shared by the link, the signed-in owner and the office.
    Returns (response, saved)."""
    submit = "submit" in request.POST
    form = AnswerForm(posted(request), instance=answer, submit=submit)
    if request.method == "POST" and form.is_valid():

        def save():
            form.save()
            services.answer_save(
                actor=actor,
                answer=form.instance,
                report=form.report(),
                submit=submit,
                on_behalf=on_behalf,
                expected_version=seen_version(form),
            )

        if try_save(form, save):
            if submit:
                messages.success(request, _("Thank you: the answer has been submitted."))
            else:
                messages.success(
                    request, _("The draft has been saved; you can come back to it later.")
                )
            return redirect(done_url), True
    context = {
        "form": form,
        "answer": answer,
        "measure": answer.measure,
        "cycle": answer.cycle,
        "on_behalf": on_behalf,
        "cancel_url": cancel_url,
    }
    return render(request, "reviews/answer_form.html", context), False


@initiative_permission(MANAGE)
def answer_return(request, initiative, pk, answer_pk):
    cycle = _cycle(initiative, pk)
    answer = _answer(cycle, answer_pk)
    form = ReturnForm(posted(request), initial={"seen_version": answer.version})
    if request.method == "POST" and form.is_valid():

        def save():
            services.answer_return(
                actor=request.user,
                answer=answer,
                question=form.cleaned_data["question"],
                expected_version=form.cleaned_data.get("seen_version") or answer.version,
            )

        if try_save(form, save):
            messages.success(
                request,
                _("The answer has gone back to %(person)s with your question and a new link.")
                % {"person": answer.request.person},
            )
            return redirect(cycle)
    return form_page(
        request,
        form,
        title=sentence(_("Return the answer on “%(measure)s”"), measure=answer.measure),
        cancel_url=reverse("answer_detail", args=[initiative.slug, cycle.pk, answer.pk]),
    )


@require_POST
@initiative_permission(MANAGE)
def answer_accept(request, initiative, pk, answer_pk):
    cycle = _cycle(initiative, pk)
    answer = _answer(cycle, answer_pk)
    run_action(
        request,
        lambda: services.answer_accept(actor=request.user, answer=answer),
        _("The answer is accepted and now the measure's status update."),
    )
    return redirect(_back(request, cycle))


# The owner's personal link ---------------------------------------------------------


def owner_link(request, review_request, token, item=None):
    """/link/<token>/: the owner's measures in this review; /link/<token>/<answer>/:
    the form for one of them. A link only ever reaches its own owner's answers."""
    services.request_opened(review_request)
    cycle = review_request.cycle
    answers = list(
        review_request.answers.select_related("measure__latest_update", "status_update").order_by(
            "measure__number"
        )
    )
    overview = reverse("personal_link", args=[token])
    if item is None:
        return render(
            request,
            "reviews/link_overview.html",
            {
                "review_request": review_request,
                "cycle": cycle,
                "initiative": cycle.initiative,
                "answers": answers,
                "token": token,
                "contact": review_request.link_contact(),
            },
        )
    answer = next((a for a in answers if a.pk == item), None)
    if answer is None:
        raise Http404
    if not answer.is_editable_by_owner:
        messages.info(request, _("This answer has been submitted already. Thank you!"))
        return redirect(overview)
    answer.request = review_request
    answer.cycle = cycle
    response, saved = answer_form(
        request,
        answer,
        actor=None,
        on_behalf=False,
        done_url=overview,
        cancel_url=overview,
    )
    if saved and "submit" in request.POST:
        review_request.refresh_from_db(fields=["submitted_at"])
        if review_request.submitted_at is not None:
            return render(
                request,
                "reviews/link_thanks.html",
                {"cycle": cycle, "initiative": cycle.initiative, "answers": answers},
            )
    return response
