"""Pages of surveys: the office builds and runs them, everyone taking part reads their
results, and firms answer through their personal link (`/link/<token>/`, one page per
section: `/link/<token>/<section>/`)."""

import secrets
from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from standort.core.access import initiative_permission, object_permission
from standort.core.history import records
from standort.core.languages import sentence
from standort.core.pages import (
    KEPT_SECONDS,
    form_page,
    posted,
    recent_history,
    run_action,
    seen_version,
    try_save,
)
from standort.indicators.models import Indicator, Site
from standort.initiatives.models import Organization
from standort.initiatives.queries import organizations_for

from . import exports, queries, services
from .forms import (
    PublishForm,
    QuestionForm,
    RecipientFilterForm,
    ResultFilterForm,
    SectionAnswerForm,
    SectionForm,
    SurveyForm,
    WaveForm,
)
from .models import Question, Recipient, Section, Survey

VIEW = "surveys.view"
MANAGE = "surveys.manage"


def _survey(perm):
    return object_permission(perm, lambda request: Survey.objects.all())


def _url(name, initiative, *args):
    return reverse(name, args=[initiative.slug, *args])


def _detail(initiative, survey):
    return _url("survey_detail", initiative, survey.pk)


# Surveys --------------------------------------------------------------------------------


@initiative_permission(VIEW)
def survey_list(request, initiative):
    return render(
        request,
        "surveys/survey_list.html",
        {"initiative": initiative, "surveys": list(queries.surveys_for(initiative))},
    )


@_survey(VIEW)
def survey_detail(request, initiative, survey):
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "initiative": initiative,
            "survey": survey,
            "sections": queries.structure(survey),
            "turnout": queries.turnout(survey),
            "responses": survey.responses.count(),
            **recent_history(
                [records(Survey, id=survey.pk)], _url("survey_detail", initiative, survey.pk)
            ),
        },
    )


@initiative_permission(MANAGE)
def survey_create(request, initiative):
    form = SurveyForm(posted(request), instance=Survey(initiative=initiative))
    if request.method == "POST" and form.is_valid():
        survey = services.survey_save(actor=request.user, survey=form.instance)
        messages.success(request, _("The survey has been created. Now add its sections."))
        return redirect(_detail(initiative, survey))
    return form_page(
        request, form, title=_("New survey"), cancel_url=_url("survey_list", initiative)
    )


@_survey(MANAGE)
def survey_edit(request, initiative, survey):
    form = SurveyForm(posted(request), instance=survey)
    if request.method == "POST" and form.is_valid():

        def save():
            services.survey_save(
                actor=request.user, survey=form.instance, expected_version=seen_version(form)
            )

        if try_save(form, save):
            messages.success(request, _("The survey has been saved."))
            return redirect(_detail(initiative, survey))
    return form_page(request, form, title=_("Edit survey"), cancel_url=_detail(initiative, survey))


@_survey(MANAGE)
def survey_delete(request, initiative, survey):
    if request.method == "POST":
        if run_action(
            request,
            lambda: services.survey_delete(actor=request.user, survey=survey),
            _("The survey has been deleted."),
        ):
            return redirect(_url("survey_list", initiative))
        return redirect(_detail(initiative, survey))
    return render(
        request,
        "core/confirm_delete.html",
        {
            "object": survey,
            "cancel_url": _detail(initiative, survey),
            "consequence": _("Its sections, questions and recipients are deleted with it."),
        },
    )


@_survey(MANAGE)
def survey_wave(request, initiative, survey):
    """The next wave: a copy of the survey's questions, in preparation."""
    form = WaveForm(posted(request), initial={"title": survey.title})
    if request.method == "POST" and form.is_valid():
        copy = services.survey_copy(
            actor=request.user, survey=survey, title=form.cleaned_data["title"]
        )
        messages.success(request, _("The new wave has been created with the same questions."))
        return redirect(_detail(initiative, copy))
    return form_page(
        request,
        form,
        title=_("Next wave of “%(title)s”") % {"title": survey.title},
        cancel_url=_detail(initiative, survey),
    )


@dataclass(frozen=True)
class Confirmation:
    """What a change that cannot be undone does, said before it is done: the texts of
    core/confirm.html (the question names the survey as %(title)s)."""

    heading: str
    question: str
    consequence: str
    button: str

    def page(self, request, survey, cancel_url):
        return render(
            request,
            "core/confirm.html",
            {
                "heading": self.heading,
                "question": sentence(str(self.question), title=survey.title),
                "consequence": self.consequence,
                "confirm_label": self.button,
                "cancel_url": cancel_url,
            },
        )


CONFIRMATIONS = {
    "open": Confirmation(
        gettext_lazy("Open the survey"),
        gettext_lazy("Open “%(title)s” for answers?"),
        gettext_lazy(
            "Its questions can then no longer be changed, nor whether it is anonymous. "
            "Invitations and the open link can be sent once it is open."
        ),
        gettext_lazy("Open for answers"),
    ),
    "close": Confirmation(
        gettext_lazy("Close the survey"),
        gettext_lazy("Close “%(title)s”?"),
        gettext_lazy(
            "Its personal and open links no longer take answers, answers begun but not "
            "submitted are erased, and it cannot be opened again. Its results stay."
        ),
        gettext_lazy("Close the survey"),
    ),
    "revoke": Confirmation(
        gettext_lazy("Revoke the open link"),
        gettext_lazy("The open link of “%(title)s”"),
        gettext_lazy(
            "Firms that have it can no longer answer through it; answers already submitted stay."
        ),
        gettext_lazy("Revoke the open link"),
    ),
    "renew": Confirmation(
        gettext_lazy("Issue a new open link"),
        gettext_lazy("The open link of “%(title)s”"),
        gettext_lazy(
            "The open link passed on so far stops working; the new one is shown once, right after."
        ),
        gettext_lazy("Issue a new open link"),
    ),
}


@_survey(MANAGE)
def survey_state(request, initiative, survey, action):
    """Opening fixes the questions and the promise of anonymity, closing ends all links
    and erases unfinished drafts: neither can be undone, so each is confirmed first."""
    possible = survey.state == (Survey.State.DRAFT if action == "open" else Survey.State.OPEN)
    if request.method != "POST":
        if not possible:  # done already, in another tab or by someone else
            return redirect(_detail(initiative, survey))
        return CONFIRMATIONS[action].page(request, survey, _detail(initiative, survey))
    if action == "open":
        run_action(
            request,
            lambda: services.survey_open(actor=request.user, survey=survey),
            _("The survey is open for answers."),
        )
    else:
        run_action(
            request,
            lambda: services.survey_close(actor=request.user, survey=survey),
            _("The survey is closed; its links no longer take answers."),
        )
    return redirect(_detail(initiative, survey))


# Sections and questions ---------------------------------------------------------------------


def _saved(request, form, save):
    """Whether a POSTed valid form was saved by `save` (its refusal on the form)."""
    return request.method == "POST" and form.is_valid() and try_save(form, save)


def _section(request, survey, section_pk):
    return get_object_or_404(Section, survey=survey, pk=section_pk)


def _question(request, survey, question_pk):
    return get_object_or_404(Question, section__survey=survey, pk=question_pk)


@_survey(MANAGE)
def section_create(request, initiative, survey):
    form = SectionForm(posted(request), instance=Section(survey=survey))
    if _saved(
        request, form, lambda: services.section_save(actor=request.user, section=form.instance)
    ):
        return redirect(_detail(initiative, survey) + f"#section-{form.instance.pk}")
    return form_page(request, form, title=_("New section"), cancel_url=_detail(initiative, survey))


@_survey(MANAGE)
def section_edit(request, initiative, survey, section_pk):
    section = _section(request, survey, section_pk)
    form = SectionForm(posted(request), instance=section)
    if _saved(
        request, form, lambda: services.section_save(actor=request.user, section=form.instance)
    ):
        return redirect(_detail(initiative, survey) + f"#section-{section.pk}")
    return form_page(request, form, title=_("Edit section"), cancel_url=_detail(initiative, survey))


@_survey(MANAGE)
def section_delete(request, initiative, survey, section_pk):
    section = _section(request, survey, section_pk)
    if request.method == "POST":
        run_action(
            request,
            lambda: services.section_delete(actor=request.user, section=section),
            _("The section has been deleted."),
        )
        return redirect(_detail(initiative, survey))
    return render(
        request,
        "core/confirm_delete.html",
        {
            "object": section,
            "cancel_url": _detail(initiative, survey),
            "consequence": _("Its questions are deleted with it."),
        },
    )


@_survey(MANAGE)
def question_create(request, initiative, survey, section_pk):
    section = _section(request, survey, section_pk)
    form = QuestionForm(posted(request), instance=Question(section=section))
    if _saved(
        request, form, lambda: services.question_save(actor=request.user, question=form.instance)
    ):
        return redirect(_detail(initiative, survey) + f"#section-{section.pk}")
    return form_page(
        request,
        form,
        title=_("New question in “%(section)s”") % {"section": section.title},
        cancel_url=_detail(initiative, survey),
    )


@_survey(MANAGE)
def question_edit(request, initiative, survey, question_pk):
    question = _question(request, survey, question_pk)
    form = QuestionForm(posted(request), instance=question)
    if _saved(
        request, form, lambda: services.question_save(actor=request.user, question=form.instance)
    ):
        return redirect(_detail(initiative, survey) + f"#section-{question.section_id}")
    return form_page(
        request, form, title=_("Edit question"), cancel_url=_detail(initiative, survey)
    )


@_survey(MANAGE)
def question_delete(request, initiative, survey, question_pk):
    question = _question(request, survey, question_pk)
    if request.method == "POST":
        run_action(
            request,
            lambda: services.question_delete(actor=request.user, question=question),
            _("The question has been deleted."),
        )
        return redirect(_detail(initiative, survey))
    return render(
        request,
        "core/confirm_delete.html",
        {"object": question, "cancel_url": _detail(initiative, survey)},
    )


# Recipients ---------------------------------------------------------------------------


def _firms(initiative, form):
    firms = organizations_for(initiative).order_by("name")
    if form.is_valid():
        data = form.cleaned_data
        if data["kind"]:
            firms = firms.filter(kind=data["kind"])
        if data["sector"]:
            firms = firms.filter(sector=data["sector"])
        if data["size"]:
            firms = firms.filter(size=data["size"])
        if data["site"]:
            firms = firms.filter(Q(sites__pk=data["site"]))
    return firms


@_survey(MANAGE)
def survey_recipients(request, initiative, survey):
    sites = Site.objects.filter(initiative=initiative).order_by("name")
    # Firms, unless the office asks for other kinds of organisation.
    form = RecipientFilterForm(request.GET or {"kind": Organization.Kind.COMPANY}, sites=sites)
    firms = _firms(initiative, form)
    if request.method == "POST":
        chosen = firms.filter(pk__in=[v for v in request.POST.getlist("firm") if v.isdigit()])
        try:
            added = services.recipients_add(
                actor=request.user, survey=survey, organizations=list(chosen)
            )
        except services.DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                ngettext("%(count)s firm added.", "%(count)s firms added.", added)
                % {"count": added},
            )
        return redirect(request.get_full_path())
    recipients = list(queries.recipients_of(survey))
    taken = {r.organization_id for r in recipients}
    return render(
        request,
        "surveys/recipients.html",
        {
            "initiative": initiative,
            "survey": survey,
            "form": form,
            "firms": [f for f in firms if f.pk not in taken],
            "recipients": recipients,
            "turnout": queries.turnout(survey),
        },
    )


@_survey(MANAGE)
def recipient_remove(request, initiative, survey, recipient_pk):
    recipient = get_object_or_404(
        Recipient.objects.select_related("organization"), survey=survey, pk=recipient_pk
    )
    back = reverse("survey_recipients", args=[initiative.slug, survey.pk])
    if request.method == "POST":
        run_action(
            request,
            lambda: services.recipient_remove(actor=request.user, recipient=recipient),
            _("The firm is no longer asked."),
        )
        return redirect(back)
    return render(
        request,
        "core/confirm_delete.html",
        {
            "heading": _("Remove the firm from the survey"),
            "question": sentence(
                _("Remove “%(firm)s” from the recipients?"), firm=recipient.organization
            ),
            "consequence": _("Its personal link stops working."),
            "confirm_label": _("Remove"),
            "cancel_url": back,
            # Its answers count, and of an anonymous survey they cannot be found; a
            # closed survey's recipients say who was asked.
            "blocked": recipient.took_part or survey.state == Survey.State.CLOSED,
            "summary": (
                [_("The firm has answered already.")]
                if recipient.took_part
                else [_("The survey is closed.")]
                if survey.state == Survey.State.CLOSED
                else []
            ),
        },
    )


@_survey(MANAGE)
def survey_invite(request, initiative, survey, action):
    if request.method == "POST":
        run = services.invite if action == "invite" else services.remind
        try:
            count = run(actor=request.user, survey=survey)
        except services.DomainError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s e-mail is on its way.", "%(count)s e-mails are on their way.", count
                )
                % {"count": count},
            )
    return redirect(_url("survey_recipients", initiative, survey.pk))


# Results --------------------------------------------------------------------------------


def _protected(request, survey):
    """Whether the reader sees the results under the small-group rules
    (queries.is_protected): everyone but the project office."""
    return not request.user.has_perm(MANAGE, survey)


def _chosen_group(request):
    form = ResultFilterForm(request.GET or None)
    sector = size = ""
    if form.is_valid():
        sector, size = form.cleaned_data["sector"], form.cleaned_data["size"]
    return form, sector, size


@_survey(VIEW)
def survey_results(request, initiative, survey):
    form, sector, size = _chosen_group(request)
    protected = _protected(request, survey)
    return render(
        request,
        "surveys/results.html",
        {
            "initiative": initiative,
            "survey": survey,
            "form": form,
            # Computed in the database when the answers changed, and then kept.
            "results": SimpleLazyObject(
                lambda: queries.results(survey, sector=sector, size=size, protected=protected)
            ),
            "results_key": ":".join(
                [
                    queries.results_stamp(survey),
                    sector,
                    size,
                    str(timezone.localdate()),
                    str(queries.is_protected(survey, protected)),
                ]
            ),
            "kept_seconds": KEPT_SECONDS,
            "narrowed": bool(sector or size),
            "protected": protected,
            "min_group": queries.MIN_GROUP,
            "today": timezone.localdate(),
        },
    )


@_survey(VIEW)
def survey_results_pdf(request, initiative, survey):
    _form, sector, size = _chosen_group(request)
    shown = queries.results(survey, sector=sector, size=size, protected=_protected(request, survey))
    pdf = exports.results_pdf(survey, shown)
    return _download(pdf, "application/pdf", f"{slugify(survey.title)}-ergebnisse.pdf")


@_survey(MANAGE)
def survey_answers_export(request, initiative, survey, file_format):
    """The raw answers: anonymous where the survey promised so, each row's group shown
    only where it is large enough (exports.shown_groups); of an anonymous survey with
    fewer answers than a group may have, none."""
    if survey.is_anonymous and survey.responses.count() < queries.MIN_GROUP:
        messages.error(
            request,
            _(
                "Fewer than %(n)s firms answered this anonymous survey; to protect their "
                "anonymity, their answers cannot be exported yet."
            )
            % {"n": queries.MIN_GROUP},
        )
        return redirect(_url("survey_results", initiative, survey.pk))
    if file_format == "csv":
        content, kind = exports.write_csv(survey), "text/csv; charset=utf-8"
    else:
        content = exports.write_xlsx(survey)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(content, kind, f"{slugify(survey.title)}-antworten.{file_format}")


def _download(content, content_type, name):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@_survey(VIEW)
def survey_compare(request, initiative, survey):
    before = survey.previous_wave
    if before is None:
        raise Http404
    n_before, n_now, compared = queries.comparison(
        before, survey, protected=_protected(request, survey)
    )
    return render(
        request,
        "surveys/compare.html",
        {
            "initiative": initiative,
            "survey": survey,
            "before": before,
            "n_before": n_before,
            "n_now": n_now,
            "compared": compared,
        },
    )


@_survey(MANAGE)
def survey_publish(request, initiative, survey):
    """The share of one answer as a value of one of the initiative's indicators."""
    questions = [
        q for section in queries.structure(survey) for q in section.question_list if q.is_choice
    ]
    form = PublishForm(
        posted(request),
        questions=questions,
        indicators=Indicator.objects.filter(initiative=initiative).order_by("name"),
        initial={"observed_on": survey.closes_on or timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        question, option = form.cleaned_data["answer"]
        indicator = form.cleaned_data["indicator"]
        shares = []

        def publish():
            shares.append(
                services.publish_result(
                    actor=request.user,
                    survey=survey,
                    question=question,
                    option=option,
                    indicator=indicator,
                    observed_on=form.cleaned_data["observed_on"],
                )
            )

        if try_save(form, publish):
            messages.success(
                request,
                _("%(share)s %% published as a value of “%(indicator)s”.")
                % {"share": shares[0], "indicator": indicator.name},
            )
            return redirect(reverse("indicator_detail", args=[initiative.slug, indicator.pk]))
    return form_page(
        request,
        form,
        title=_("Publish a result as an indicator value"),
        cancel_url=_url("survey_results", initiative, survey.pk),
    )


# Answering through a personal link --------------------------------------------------------


class RecipientDraft:
    """What a firm entered so far, kept on its recipient row."""

    def __init__(self, recipient):
        self.recipient = recipient
        self.heading = recipient.organization.name

    # Read from the row each time: saving a page replaces it.
    @property
    def draft(self):
        return self.recipient.draft

    @property
    def section(self):
        return self.recipient.draft_section

    def save(self, section_index, values):
        services.draft_save(recipient=self.recipient, section_index=section_index, values=values)

    def submit(self, survey):
        services.submit(survey=survey, values=self.recipient.draft, recipient=self.recipient)


class SessionDraft:
    """What a visitor of the open link entered so far, kept in their session; the
    session also remembers that it submitted, so that a browser answers once."""

    def __init__(self, request, survey):
        self.session = request.session
        self.key = f"survey-{survey.pk}"
        kept = self.session.get(self.key, {})
        self.draft = kept.get("draft", {})
        self.section = kept.get("section", 0)
        self.submitted = kept.get("submitted", False)
        # Drawn and kept at the first visit: two requests of the session submit with
        # the same key, of which the database takes one (services.submit), even where
        # the first page is the last.
        self.once = kept.get("once")
        if not self.once and not self.submitted:
            self.once = secrets.token_urlsafe(32)
            self.session[self.key] = {**kept, "once": self.once}
        self.heading = ""

    def save(self, section_index, values):
        if self.submitted:
            raise services.DomainError(_("Your answers have been submitted already."))
        self.draft.update({str(k): services.stored(v) for k, v in values.items()})
        self.section = max(self.section, section_index)
        self.session[self.key] = {"draft": self.draft, "section": self.section, "once": self.once}

    def submit(self, survey):
        if self.submitted:
            raise services.DomainError(_("Your answers have been submitted already."))
        try:
            services.submit(survey=survey, values=self.draft, once=self.once)
        except services.AlreadySubmitted:
            # The other request stored them: this one must not leave the draft behind.
            self.session[self.key] = {"submitted": True}
            raise
        self.session[self.key] = {"submitted": True}


def answer_by_link(request, recipient, token, item=None):
    """The survey for the firm of `recipient`, through its personal link."""
    return _answer(request, recipient.survey, token, item, RecipientDraft(recipient))


def answer_by_open_link(request, link, token, item=None):
    """The survey through its open link: one answer per browser."""
    draft = SessionDraft(request, link.survey)
    if draft.submitted:
        return render(request, "surveys/answer_done.html", {"survey": link.survey, "again": True})
    return _answer(request, link.survey, token, item, draft)


def _answer(request, survey, token, item, draft):
    """The survey's introduction (no `item`), then one page per section (`item` 1…n).
    What is entered is kept per page; the last page submits."""
    sections = [s for s in queries.structure(survey) if s.question_list]
    link = reverse("personal_link", args=[token])

    def page(number):
        return reverse("personal_link_item", args=[token, number])

    if item is None or not 1 <= item <= len(sections):
        return render(
            request,
            "surveys/answer_intro.html",
            {
                "survey": survey,
                "heading": draft.heading,
                "sections": sections,
                "start_url": page(max(1, min(draft.section or 1, len(sections)))),
                "resumed": bool(draft.draft),
            },
        )
    section = sections[item - 1]
    form = SectionAnswerForm(posted(request), questions=section.question_list, initial=draft.draft)
    if request.method == "POST":
        going_back = "back" in request.POST
        valid = form.is_valid()
        if valid or going_back:
            draft.save(item, form.cleaned_data)
        if going_back:
            return redirect(page(item - 1) if item > 1 else link)
        if valid and item < len(sections):
            return redirect(page(item + 1))
        if valid:
            missing = _first_incomplete(sections, draft.draft)
            if missing is not None:
                messages.error(request, _("Please answer the required questions of this page."))
                return redirect(page(missing))
            try:
                draft.submit(survey)
            except services.DomainError as error:
                messages.error(request, str(error))
                return redirect(link)
            return render(request, "surveys/answer_done.html", {"survey": survey})
    return render(
        request,
        "surveys/answer_section.html",
        {
            "survey": survey,
            "section": section,
            "form": form,
            "number": item,
            "count": len(sections),
            "percent": round(100 * (item - 1) / len(sections)),
            "is_last": item == len(sections),
        },
    )


@_survey(MANAGE)
def survey_open_link(request, initiative, survey):
    """Issues the survey's open link (a new one is shown once), or revokes it
    (`?revoke=1`). Where one works, both end it: confirmed first."""
    revoke = "revoke" in request.POST or "revoke" in request.GET
    if request.method != "POST" and queries.open_link_works(survey):
        confirmation = CONFIRMATIONS["revoke" if revoke else "renew"]
        return confirmation.page(request, survey, _detail(initiative, survey))
    if request.method == "POST":
        if revoke:
            services.open_link_revoke(actor=request.user, survey=survey)
            messages.success(request, _("The open link no longer works."))
        else:
            try:
                token = services.open_link_issue(actor=request.user, survey=survey)
            except services.DomainError as error:
                messages.error(request, str(error))
            else:
                url = request.build_absolute_uri(reverse("personal_link", args=[token]))
                messages.success(
                    request,
                    _("The open link is %(url)s – pass it on where every firm may answer.")
                    % {"url": url},
                )
    return redirect(_detail(initiative, survey))


def _first_incomplete(sections, draft):
    """The number of the first page with a required question not answered, or None."""
    for number, section in enumerate(sections, start=1):
        for question in section.question_list:
            if question.required and draft.get(str(question.pk)) in (None, "", []):
                return number
    return None
