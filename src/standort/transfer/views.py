"""Pages of the transfer platform: permission, form, service or query, template."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from standort.core.access import deny, initiative_permission, object_permission
from standort.core.concurrency import ConcurrentEditError
from standort.core.history import records
from standort.core.listing import build_listing
from standort.core.pages import (
    KEPT_SECONDS,
    delete_page,
    form_page,
    history_page,
    kept_key,
    posted,
    recent_history,
    run_action,
    seen_version,
    try_save,
)
from standort.core.throttle import Limit, throttle, url_argument
from standort.indicators.models import Indicator

from . import queries, services
from .forms import (
    ContactForm,
    NeedFilter,
    NeedForm,
    OfferFilter,
    OfferForm,
    OutcomeForm,
    PublishShareForm,
    TalkForm,
    TopicForm,
)
from .models import Need, Offer, Talk, Topic
from .rules import Viewer

BROWSE = "transfer.browse"
MATCH = "transfer.match"
MANAGE = "transfer.manage"
KEEP_TALK = "transfer.keep_talk"
# What sends mail on an officer's or the office's click: an offer submitted for
# approval (to the office), a talk planned or moved (to its participants).
SENDING_LIMITS = (Limit("transfer-sending", "30/h", "user_or_ip"),)


# A visitor may write a few messages an hour; an entry's contact gets at most a day's
# worth from everyone together (offers and needs are numbered apart: a counter each).
def _contact_limits(kind):
    return (
        Limit("transfer-contact", "5/h"),
        Limit(f"transfer-contact-{kind}", "20/d", url_argument("pk")),
    )


def _url(name, initiative, *args):
    return reverse(name, args=[initiative.slug, *args])


def _offer(perm):
    return object_permission(perm, lambda request: queries.offer_detail(request.initiative))


def _need(perm):
    return object_permission(perm, lambda request: queries.need_detail(request.initiative))


def _talk(perm):
    return object_permission(perm, lambda request: queries.talks_for(request.initiative))


def _topic(perm):
    return object_permission(perm, lambda request: Topic.objects.all())


def _tabs(request, initiative, current):
    """The platform's sections the reader may open, and which is shown."""
    user = request.user
    tabs = [("transfer_offers", _("Offers")), ("transfer_needs", _("Needs"))]
    if user.has_perm(MATCH, initiative):
        tabs.append(("transfer_talks", _("Matching talks")))
    if user.has_perm("transfer.see_effect", initiative):
        tabs.append(("transfer_effect", _("Effect")))
    if user.has_perm(MANAGE, initiative):
        tabs.append(("transfer_topics", _("Topics")))
    return [(_url(name, initiative), label, name == current) for name, label in tabs]


def _page(request, initiative, template, current, **context):
    return render(
        request,
        template,
        {"initiative": initiative, "tabs": _tabs(request, initiative, current), **context},
    )


SORTABLE = {"title": ["title", "pk"], "new": ["-created_at", "-pk"]}


def _sort(request, default):
    """The list's sort as core.listing reads it, without reading the list."""
    sort = request.GET.get("sort", default)
    return sort if sort.lstrip("-") in SORTABLE else default


# Catalogue ---------------------------------------------------------------------------------


@initiative_permission(BROWSE)
def offer_list(request, initiative):
    viewer = Viewer.of(request.user, initiative)
    offers = queries.catalogue_offers(initiative, viewer)
    chosen = OfferFilter(request.GET, queryset=offers, initiative=initiative, office=viewer.office)
    # Read only when the kept rows of this query string and reader are not at hand.
    listing = SimpleLazyObject(
        lambda: build_listing(
            request,
            chosen.qs,
            search=queries.search_offers,
            sortable=SORTABLE,
            default_sort="title",
        )
    )
    waiting = (
        Offer.objects.filter(initiative=initiative, state=Offer.State.SUBMITTED).count()
        if viewer.office
        else 0
    )
    return _page(
        request,
        initiative,
        "transfer/offer_list.html",
        "transfer_offers",
        form=chosen.form,
        listing=listing,
        sort=_sort(request, "title"),
        viewer=viewer,
        waiting=waiting,
        # The rows are the same for every reader of a kind (the public, an institution's
        # officers, the office) while no offer, topic or organisation changed.
        kept_key=kept_key(
            queries.catalogue_stamp(initiative),
            timezone.localdate(),
            request.GET.urlencode(),
            "office" if viewer.office else viewer.organization if viewer.officer else "",
        ),
        kept_seconds=KEPT_SECONDS,
        may_add=request.user.has_perm("transfer.add_offer", initiative),
    )


@initiative_permission(BROWSE)
def need_list(request, initiative):
    viewer = Viewer.of(request.user, initiative)
    needs = queries.catalogue_needs(initiative, viewer)
    chosen = NeedFilter(request.GET, queryset=needs, initiative=initiative)
    listing = build_listing(
        request, chosen.qs, search=queries.search_needs, sortable=SORTABLE, default_sort="new"
    )
    return _page(
        request,
        initiative,
        "transfer/need_list.html",
        "transfer_needs",
        form=chosen.form,
        listing=listing,
        sort=listing.sort,
        viewer=viewer,
        may_add=request.user.has_perm("transfer.add_need", initiative),
    )


# Offers --------------------------------------------------------------------------------------


def _entry_page(
    request, initiative, entry, *, template, current, suggestions, history, suggested=False
):
    """`suggested`: the reader sees the suggestions also without the officers' right (a
    firm's people those for their own need, which are catalogue offers)."""
    viewer = Viewer.of(request.user, initiative)
    may_match = request.user.has_perm(MATCH, initiative)
    return _page(
        request,
        initiative,
        template,
        current,
        entry=entry,
        viewer=viewer,
        suggestions=suggestions() if may_match or suggested else None,
        talks=list(_talks_seen(queries.talks_of(entry), viewer)) if may_match else None,
        may_match=may_match,
        contact_form=ContactForm() if entry.is_public and entry.contact_id else None,
        **history,
    )


@_offer("transfer.see_offer")
def offer_detail(request, initiative, offer):
    office = request.user.has_perm(MANAGE, initiative)
    actions = [
        (action, label)
        for action, label in (
            ("publish", _("Publish")),
            ("submit", _("Submit for approval")),
            ("withdraw", _("Withdraw")),
        )
        if request.user.has_perm("transfer.change_offer", offer)
        and services.offer_action_allowed(offer, action, by_office=office)
    ]
    return _entry_page(
        request,
        initiative,
        offer,
        template="transfer/offer_detail.html",
        current="transfer_offers",
        suggestions=lambda: queries.needs_for_offer(
            offer, queries.needs_for(initiative, officers=True).prefetch_related(None)
        ),
        history={
            "actions": actions,
            **recent_history(
                [records(Offer, id=offer.pk)], _url("transfer_offer_history", initiative, offer.pk)
            ),
        },
    )


def _offer_form(request, initiative, offer):
    viewer = Viewer.of(request.user, initiative)
    return OfferForm(
        posted(request),
        instance=offer,
        own_organization=None if viewer.office else viewer.organization,
    ), viewer


@initiative_permission("transfer.add_offer")
@throttle(*SENDING_LIMITS)
def offer_create(request, initiative):
    form, viewer = _offer_form(request, initiative, Offer(initiative=initiative))
    if request.method == "POST" and form.is_valid():
        offers = []

        def create():
            offers.append(
                services.offer_save(
                    actor=request.user,
                    offer=form.instance,
                    topics=form.cleaned_data["topics"],
                    by_office=viewer.office,
                )
            )

        if try_save(form, create):
            messages.success(
                request,
                _("The offer has been published.")
                if viewer.office
                else _("The offer has been saved; the office publishes it after a look."),
            )
            return redirect(_url("transfer_offer", initiative, offers[0].pk))
    return form_page(
        request, form, title=_("New offer"), cancel_url=_url("transfer_offers", initiative)
    )


@_offer("transfer.change_offer")
def offer_edit(request, initiative, offer):
    form, viewer = _offer_form(request, initiative, offer)
    if request.method == "POST" and form.is_valid():

        def save():
            services.offer_save(
                actor=request.user,
                offer=form.instance,
                topics=form.cleaned_data["topics"],
                by_office=viewer.office,
                expected_version=seen_version(form),
            )

        if try_save(form, save):
            messages.success(request, _("The offer has been saved."))
            return redirect(_url("transfer_offer", initiative, offer.pk))
    return form_page(
        request,
        form,
        title=_("Edit offer"),
        cancel_url=_url("transfer_offer", initiative, offer.pk),
        delete_url=_url("transfer_offer_delete", initiative, offer.pk) if viewer.office else None,
    )


STATE_MESSAGES = {
    "publish": _("The offer is published."),
    "submit": _("The offer has been submitted for approval."),
    "withdraw": _("The offer has been withdrawn."),
}


@_offer("transfer.change_offer")
@throttle(*SENDING_LIMITS)
def offer_state(request, initiative, offer):
    """Publishing or submitting is a button; withdrawing (which takes the offer out of
    the catalogue, and an officer's back only through the office) is confirmed first.
    The button carries the version the reader saw: what changed meanwhile is not
    published unseen."""
    detail_url = _url("transfer_offer", initiative, offer.pk)
    if request.method != "POST":
        if request.GET.get("action") != "withdraw":
            return redirect(detail_url)
        return render(
            request,
            "core/confirm.html",
            {
                "heading": _("Withdraw offer"),
                "question": _("Do you really want to withdraw “%(title)s”?") % {"title": offer},
                "consequence": _(
                    "The catalogue no longer shows it, and no suggestion names it. It can be "
                    "submitted again; the office then publishes it once more."
                ),
                "confirm_label": _("Withdraw"),
                "cancel_url": detail_url,
                "form_fields": {"action": "withdraw", "seen_version": offer.version},
            },
        )
    action = request.POST.get("action", "")
    seen = request.POST.get("seen_version", "")
    if action in services.TRANSITIONS:
        try:
            run_action(
                request,
                lambda: services.offer_change_state(
                    actor=request.user,
                    offer=offer,
                    action=action,
                    by_office=request.user.has_perm(MANAGE, initiative),
                    expected_version=int(seen) if _is_id(seen) else None,
                ),
                STATE_MESSAGES[action],
            )
        except ConcurrentEditError:
            messages.error(
                request,
                _("The offer has been changed meanwhile. Please look at it again first."),
            )
    return redirect(detail_url)


@_offer(MANAGE)
def offer_delete(request, initiative, offer):
    if request.method == "POST":
        services.offer_delete(actor=request.user, offer=offer)
        messages.success(request, _("The offer has been deleted."))
        return redirect(_url("transfer_offers", initiative))
    return delete_page(
        request,
        offer,
        _url("transfer_offer", initiative, offer.pk),
        _(
            "Its matching talks stay, without the offer. To take it out of the catalogue "
            "for now, withdraw it instead."
        ),
    )


@_offer("transfer.change_offer")
def offer_history(request, initiative, offer):
    return history_page(
        request,
        initiative,
        offer,
        [records(Offer, id=offer.pk)],
        _url("transfer_offer", initiative, offer.pk),
    )


# Needs -----------------------------------------------------------------------------------------


@_need("transfer.see_need")
def need_detail(request, initiative, need):
    return _entry_page(
        request,
        initiative,
        need,
        template="transfer/need_detail.html",
        current="transfer_needs",
        suggestions=lambda: queries.offers_for_need(
            need, Offer.objects.filter(initiative=initiative).filter(queries.valid_offers())
        ),
        suggested=request.user.has_perm("transfer.change_need", need),
        history={
            "may_change": request.user.has_perm("transfer.change_need", need),
            **recent_history(
                [records(Need, id=need.pk)], _url("transfer_need_history", initiative, need.pk)
            ),
        },
    )


def _need_form(request, initiative, need):
    viewer = Viewer.of(request.user, initiative)
    return NeedForm(
        posted(request),
        instance=need,
        own_organization=None if viewer.office else viewer.organization,
    )


@initiative_permission("transfer.add_need")
def need_create(request, initiative):
    form = _need_form(request, initiative, Need(initiative=initiative))
    if request.method == "POST" and form.is_valid():
        needs = []

        def create():
            needs.append(
                services.need_save(
                    actor=request.user, need=form.instance, topics=form.cleaned_data["topics"]
                )
            )

        if try_save(form, create):
            messages.success(request, _("The need has been saved."))
            return redirect(_url("transfer_need", initiative, needs[0].pk))
    return form_page(
        request, form, title=_("New need"), cancel_url=_url("transfer_needs", initiative)
    )


@_need("transfer.change_need")
def need_edit(request, initiative, need):
    form = _need_form(request, initiative, need)
    if request.method == "POST" and form.is_valid():

        def save():
            services.need_save(
                actor=request.user,
                need=form.instance,
                topics=form.cleaned_data["topics"],
                expected_version=seen_version(form),
            )

        if try_save(form, save):
            messages.success(request, _("The need has been saved."))
            return redirect(_url("transfer_need", initiative, need.pk))
    return form_page(
        request,
        form,
        title=_("Edit need"),
        cancel_url=_url("transfer_need", initiative, need.pk),
        delete_url=_url("transfer_need_delete", initiative, need.pk)
        if request.user.has_perm(MANAGE, initiative)
        else None,
    )


@require_POST
@_need("transfer.change_need")
def need_state(request, initiative, need):
    state = Need.State.CLOSED if need.state == Need.State.OPEN else Need.State.OPEN
    run_action(
        request,
        lambda: services.need_set_state(actor=request.user, need=need, state=state),
        _("The need is closed.") if state == Need.State.CLOSED else _("The need is open again."),
    )
    return redirect(_url("transfer_need", initiative, need.pk))


@_need(MANAGE)
def need_delete(request, initiative, need):
    if request.method == "POST":
        services.need_delete(actor=request.user, need=need)
        messages.success(request, _("The need has been deleted."))
        return redirect(_url("transfer_needs", initiative))
    return delete_page(
        request,
        need,
        _url("transfer_need", initiative, need.pk),
        _("Its matching talks stay, without the need. A need that has been met is better closed."),
    )


@_need("transfer.change_need")
def need_history(request, initiative, need):
    return history_page(
        request,
        initiative,
        need,
        [records(Need, id=need.pk)],
        _url("transfer_need", initiative, need.pk),
    )


# Contact ---------------------------------------------------------------------------------------


def _contact(request, initiative, entry, detail_name):
    """The message of a visitor to the contact person of a public entry; the visitor
    never sees the contact's e-mail address."""
    if not entry.is_public or entry.contact_id is None:
        return deny(request)
    form = ContactForm(posted(request))

    def send():
        services.contact(
            entry=entry,
            sender_name=form.cleaned_data["name"],
            sender_email=form.cleaned_data["email"],
            message=form.message_text(),
        )

    sent = _("Your message has been sent. The contact person will answer you by e-mail.")
    if request.method == "POST" and form.is_valid() and run_action(request, send, sent):
        return redirect(_url(detail_name, initiative, entry.pk))
    return form_page(
        request,
        form,
        title=_("Write to the contact person of “%(title)s”") % {"title": entry.title},
        cancel_url=_url(detail_name, initiative, entry.pk),
        template="transfer/contact.html",
        entry=entry,
    )


@_offer("transfer.see_offer")
@throttle(*_contact_limits("offer"))
def offer_contact(request, initiative, offer):
    return _contact(request, initiative, offer, "transfer_offer")


@_need("transfer.see_need")
@throttle(*_contact_limits("need"))
def need_contact(request, initiative, need):
    return _contact(request, initiative, need, "transfer_need")


# Matching talks ----------------------------------------------------------------------------------


def _talks_seen(talks, viewer):
    """All talks for the office, an officer's institution's for the officer."""
    return talks if viewer.office else talks.filter(institution_id=viewer.organization)


@initiative_permission(MATCH)
def talk_list(request, initiative):
    listing = build_listing(
        request,
        _talks_seen(queries.talks_for(initiative), Viewer.of(request.user, initiative)),
        search_fields=["company__name", "institution__name", "place"],
        sortable={"date": ["starts_at", "pk"]},
        default_sort="-date",
    )
    return _page(
        request,
        initiative,
        "transfer/talk_list.html",
        "transfer_talks",
        listing=listing,
        now=timezone.now(),
    )


def _is_id(value):
    return value.isascii() and value.isdecimal() and len(value) < 12


def _proposed(request, initiative):
    """A new talk about the need and/or offer the suggestion's link names."""
    talk = Talk(initiative=initiative)
    for name, model, side in (("need", Need, "company"), ("offer", Offer, "institution")):
        value = request.GET.get(name, "")
        entry = model.objects.filter(pk=value).first() if _is_id(value) else None
        if entry is not None and request.user.has_perm(f"transfer.see_{name}", entry):
            setattr(talk, name, entry)
            setattr(talk, side, getattr(entry, side))
    return talk


def _participants(talk):
    return [entry.contact for entry in (talk.need, talk.offer) if entry and entry.contact_id]


def _talk_form(request, initiative, talk, **kwargs):
    viewer = Viewer.of(request.user, initiative)
    return TalkForm(
        posted(request),
        instance=talk,
        own_institution=None if viewer.office else viewer.organization,
        **kwargs,
    )


@initiative_permission(MATCH)
@throttle(*SENDING_LIMITS)
def talk_create(request, initiative):
    talk = _proposed(request, initiative)
    form = _talk_form(request, initiative, talk, initial={"participants": _participants(talk)})
    if request.method == "POST" and form.is_valid():

        def create():
            services.talk_save(
                actor=request.user,
                talk=form.instance,
                participants=form.cleaned_data["participants"],
            )

        if try_save(form, create):
            messages.success(
                request, _("The matching talk has been planned; its participants are invited.")
            )
            return redirect(_url("transfer_talk", initiative, form.instance.pk))
    if talk.need_id:
        cancel_url = _url("transfer_need", initiative, talk.need_id)
    elif talk.offer_id:
        cancel_url = _url("transfer_offer", initiative, talk.offer_id)
    else:
        cancel_url = _url("transfer_talks", initiative)
    return form_page(request, form, title=_("Propose a matching talk"), cancel_url=cancel_url)


@_talk(KEEP_TALK)
def talk_detail(request, initiative, talk):
    return _page(
        request,
        initiative,
        "transfer/talk_detail.html",
        "transfer_talks",
        talk=talk,
        held=talk.starts_at <= timezone.now(),
        **recent_history(
            [records(Talk, id=talk.pk)], _url("transfer_talk_history", initiative, talk.pk)
        ),
    )


@_talk(KEEP_TALK)
@throttle(*SENDING_LIMITS)
def talk_edit(request, initiative, talk):
    form = _talk_form(request, initiative, talk)
    if request.method == "POST" and form.is_valid():

        def save():
            services.talk_save(
                actor=request.user,
                talk=form.instance,
                participants=form.cleaned_data["participants"],
                expected_version=seen_version(form),
            )

        if try_save(form, save):
            messages.success(request, _("The matching talk has been saved."))
            return redirect(_url("transfer_talk", initiative, talk.pk))
    return form_page(
        request,
        form,
        title=_("Edit matching talk"),
        cancel_url=_url("transfer_talk", initiative, talk.pk),
        delete_url=_url("transfer_talk_delete", initiative, talk.pk)
        if request.user.has_perm(MANAGE, initiative)
        else None,
    )


@_talk(KEEP_TALK)
def talk_outcome(request, initiative, talk):
    form = OutcomeForm(posted(request), instance=talk)
    if request.method == "POST" and form.is_valid():

        def save():
            services.talk_record_outcome(
                actor=request.user, talk=form.instance, expected_version=seen_version(form)
            )

        if try_save(form, save):
            messages.success(request, _("The outcome has been recorded."))
            return redirect(_url("transfer_talk", initiative, talk.pk))
    return form_page(
        request,
        form,
        title=_("Outcome of the matching talk"),
        cancel_url=_url("transfer_talk", initiative, talk.pk),
    )


@_talk(MANAGE)
def talk_delete(request, initiative, talk):
    if request.method == "POST":
        services.talk_delete(actor=request.user, talk=talk)
        messages.success(request, _("The matching talk has been deleted."))
        return redirect(_url("transfer_talks", initiative))
    return delete_page(
        request,
        talk,
        _url("transfer_talk", initiative, talk.pk),
        _("Participants of a talk still ahead are told that it is called off."),
    )


@_talk(KEEP_TALK)
def talk_history(request, initiative, talk):
    return history_page(
        request,
        initiative,
        talk,
        [records(Talk, id=talk.pk)],
        _url("transfer_talk", initiative, talk.pk),
    )


# Effect ------------------------------------------------------------------------------------------


@initiative_permission("transfer.see_effect")
def effect(request, initiative):
    return _page(
        request,
        initiative,
        "transfer/effect.html",
        "transfer_effect",
        effect=queries.effect(initiative),
        may_publish=request.user.has_perm(MANAGE, initiative),
    )


@initiative_permission(MANAGE)
def effect_publish(request, initiative):
    form = PublishShareForm(
        posted(request),
        indicators=Indicator.objects.filter(initiative=initiative, unit="%").order_by("name"),
    )
    if request.method == "POST" and form.is_valid():
        indicator = form.cleaned_data["indicator"]
        shares = []

        def publish():
            shares.append(
                services.publish_share(
                    actor=request.user,
                    initiative=initiative,
                    indicator=indicator,
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
        title=_("Publish the share of cooperating firms as an indicator value"),
        cancel_url=_url("transfer_effect", initiative),
    )


# Topics ------------------------------------------------------------------------------------------


@initiative_permission(MANAGE)
def topic_list(request, initiative):
    form = TopicForm(posted(request), instance=Topic(initiative=initiative))
    if request.method == "POST" and form.is_valid():
        services.topic_save(actor=request.user, topic=form.instance)
        messages.success(request, _("The topic has been added."))
        return redirect(_url("transfer_topics", initiative))
    return _page(
        request,
        initiative,
        "transfer/topic_list.html",
        "transfer_topics",
        topics=list(queries.topic_counts(initiative)),
        form=form,
    )


@_topic(MANAGE)
def topic_edit(request, initiative, topic):
    form = TopicForm(posted(request), instance=topic)
    if request.method == "POST" and form.is_valid():
        services.topic_save(actor=request.user, topic=form.instance)
        messages.success(request, _("The topic has been saved."))
        return redirect(_url("transfer_topics", initiative))
    return form_page(
        request,
        form,
        title=_("Edit topic"),
        cancel_url=_url("transfer_topics", initiative),
        delete_url=_url("transfer_topic_delete", initiative, topic.pk),
    )


@_topic(MANAGE)
def topic_delete(request, initiative, topic):
    if request.method == "POST":
        services.topic_delete(actor=request.user, topic=topic)
        messages.success(request, _("The topic has been deleted."))
        return redirect(_url("transfer_topics", initiative))
    return delete_page(
        request,
        topic,
        _url("transfer_topics", initiative),
        _("Offers and needs keep their other topics."),
    )
