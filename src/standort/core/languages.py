"""What people type is written in settings.CONTENT_LANGUAGE whatever language a page is
shown in; on a page in another language it is marked as such, so that a screen reader
pronounces it right (WCAG 2.1, 3.1.2 Language of Parts)."""

from django.conf import settings
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language


def lang_attribute():
    """` lang="de"` on a page in another language than the content's; nothing on a page
    in that language, where the <html> element says it already."""
    content = settings.CONTENT_LANGUAGE
    if _primary(get_language() or settings.LANGUAGE_CODE) == _primary(content):
        return ""
    return format_html(' lang="{}"', content)


def in_content_language(text):
    """`text` (escaped) in a <span> marked with the content's language where the page
    is in another; an empty text stays empty."""
    lang = lang_attribute()
    return format_html("<span{}>{}</span>", lang, text) if lang and text else text


def _primary(code):
    """The primary subtag: "de" of "de-at"."""
    return code.split("-")[0].lower()


class Typed(str):
    """A value of a UI sentence that people typed (a title, a name)."""


def html_sentence(template, **values):
    """The UI sentence `template` % `values` as safe HTML: each value escaped, a `Typed`
    one marked as content on a page in another language. A page's <title> takes it
    through |striptags."""
    escaped = {
        name: conditional_escape(in_content_language(value) if isinstance(value, Typed) else value)
        for name, value in values.items()
    }
    return mark_safe(conditional_escape(template) % escaped)  # noqa: S308 - escaped above


def sentence(template, **typed):
    """`html_sentence` whose values are all typed (str() of a model: its name)."""
    return html_sentence(template, **{name: Typed(value) for name, value in typed.items()})
