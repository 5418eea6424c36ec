from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from .. import languages, slots
from ..markup import MINUTES_LIMIT, render_markdown

register = template.Library()


@register.inclusion_tag("core/sort_header.html", takes_context=True)
def sort_header(context, listing, key, label):
    """A column header that sorts the list, keeping the search and dropping the page."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    params["sort"] = listing.sort_link(key)
    direction = ""
    if listing.sort == key:
        direction = "ascending"
    elif listing.sort == f"-{key}":
        direction = "descending"
    return {"query": params.urlencode(), "label": label, "direction": direction}


@register.filter
def markdown(text):
    """Formatted text as safe HTML (see core.markup); texts as long as minutes."""
    return render_markdown(text, limit=MINUTES_LIMIT)


@register.simple_tag(takes_context=True)
def slot(context, name, obj):
    """What the apps above show at this place of the page (see core.slots)."""
    engine = context.template.engine
    parts = []
    for entry in slots.fills(name):
        values = entry.context(context, obj)
        if values is None:
            continue
        with context.push(values):
            parts.append(engine.get_template(entry.template).render(context))
    return mark_safe("".join(parts))  # noqa: S308 - rendered templates, escaped there


@register.simple_tag
def content_lang():
    """` lang="de"` for an element that holds only what people typed, on a page in
    another language than settings.CONTENT_LANGUAGE (see core.languages). Belongs on the
    smallest element that holds the text alone (a cell, a link, a heading), never on one
    that holds UI text too."""
    return languages.lang_attribute()


@register.filter
def in_content_lang(text):
    """`text` in a <span> marked as {% content_lang %} marks an element, for a text
    people typed within a sentence of the UI ("Ideas of <span lang="de">…</span>"), as
    in a {% blocktranslate %}. Not for <title> or an attribute: they hold text only. An
    empty text stays empty, so that `|default` still applies after it."""
    return languages.in_content_language(text)


# Open Graph's names of the content languages.
OG_LOCALES = {"de": "de_DE", "en": "en_GB"}
# What a link preview shows at the most of a page's summary.
SHARE_DESCRIPTION_CHARS = 200


@register.inclusion_tag("core/_share_meta.html")
def share_meta(*, title, description, path, feed_path="", feed_title="", kind="website"):
    """The page's canonical address and its link preview (Open Graph, read by the
    Twitter card too), the addresses absolute by settings.SITE_URL; `feed_path` adds
    the Atom feed of the page's changes."""
    image = static("core/share-preview.png")
    return {
        "title": title,
        "description": Truncator(" ".join(str(description).split())).chars(SHARE_DESCRIPTION_CHARS),
        "url": settings.SITE_URL + path,
        "kind": kind,
        "locale": OG_LOCALES.get(settings.CONTENT_LANGUAGE, settings.CONTENT_LANGUAGE),
        "image": image if "://" in image else settings.SITE_URL + image,
        "feed_url": feed_path and settings.SITE_URL + feed_path,
        "feed_title": feed_title,
    }
