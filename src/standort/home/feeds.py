"""The Atom feed of a public initiative's public changes, `/<slug>/feed/`: its public
measures adopted and their accepted status updates, in the content's language, with
what the public measure page shows of them and nothing more."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from standort.measures import public
from standort.measures.models import StatusUpdate

LIGHT_LABELS = dict(StatusUpdate.Light.choices)
# What an entry shows at the most of a measure's goal or of what has been achieved.
SUMMARY_WORDS = 60


def _short_date(day):
    return date_format(day, "SHORT_DATE_FORMAT")


class PublicChangesFeed(Feed):
    """Made anew for each request (`initiative_feed`): it keeps the initiative for the
    entries' links."""

    feed_type = Atom1Feed

    def get_object(self, request, initiative_slug):
        # The middleware answered 404 already where the caller may not see the
        # initiative at all; a member of a non-public one has no public changes either.
        initiative = request.initiative
        if not initiative.is_public:
            raise Http404
        return initiative

    def title(self, initiative):
        return _("%(name)s: public changes") % {"name": initiative.name}

    def subtitle(self, initiative):
        return initiative.summary or initiative.name

    def author_name(self, initiative):
        # Atom asks for an author: the initiative speaks here, no person.
        return initiative.name

    def link(self, initiative):
        return settings.SITE_URL + initiative.get_absolute_url()

    def feed_url(self, initiative):
        return settings.SITE_URL + reverse("initiative_feed", args=[initiative.slug])

    def items(self, initiative):
        self.initiative = initiative
        return public.public_changes(initiative)

    def item_title(self, change):
        values = {"number": change.number, "title": change.title}
        if change.update is None:
            values["date"] = _short_date(change.adopted_on)
            return _("Measure %(number)s: %(title)s – adopted on %(date)s") % values
        values["date"] = _short_date(timezone.localdate(change.update.reported_at))
        return _("Measure %(number)s: %(title)s – as of %(date)s") % values

    def item_description(self, change):
        update = change.update
        if update is None:
            parts = []
            if change.adopted_by:
                parts.append(_("Adopted by %(body)s.") % {"body": change.adopted_by})
            if change.goal:
                parts.append(_("Goal: %(goal)s") % {"goal": _words(change.goal)})
            return " ".join(parts)
        parts = [
            _("Traffic light: %(light)s, progress: %(progress)s %%.")
            % {"light": LIGHT_LABELS.get(update.traffic_light, "–"), "progress": update.progress}
        ]
        if update.achieved:
            parts.append(_("Achieved: %(text)s") % {"text": _words(update.achieved)})
        return " ".join(parts)

    def item_link(self, change):
        return settings.SITE_URL + reverse(
            "measure_detail", args=[self.initiative.slug, change.number]
        )

    def item_guid(self, change):
        link = self.item_link(change)
        return f"{link}#update-{change.update.pk}" if change.update else f"{link}#adopted"

    item_guid_is_permalink = False

    def item_pubdate(self, change):
        return change.moment

    def item_updateddate(self, change):
        return change.moment


def _words(text):
    return Truncator(" ".join(text.split())).words(SUMMARY_WORDS)


def initiative_feed(request, initiative_slug):
    """The feed in the content's language, whatever the visitor's: its entries quote
    what people typed in it."""
    with translation.override(settings.CONTENT_LANGUAGE):
        return PublicChangesFeed()(request, initiative_slug=initiative_slug)
