"""@mentions: `@Vorname Nachname` or `@[Vorname Nachname]` names a person taking part
in the initiative (full name, any case). What was found is stored with the text as
[[person id, the name as written], …], so a page highlights mentions without asking the
database again, and an edit tells only the people it newly mentions."""

import re
from html import escape

from django.utils.safestring import mark_safe

from standort.initiatives.queries import participants

BRACKETED = re.compile(r"@\[([^\]\n]{1,200})\]")
# A tag of the sanitised HTML, quoted attribute values included (a ">" may stand in
# one); mentions are looked for between tags only.
TAG = re.compile(r"""(<(?:[^>"']|"[^"]*"|'[^']*')*>)""")


def _key(name):
    return " ".join(name.split()).lower()


def candidates(initiative_id):
    """People of the initiative whose account holds a role there: those who can read
    what mentions them."""
    return (
        participants(initiative_id)
        .filter(user__initiative_roles__initiative_id=initiative_id)
        .only("pk", "title", "first_name", "last_name", "user_id")
    )


def find_mentions(text, initiative_id, *, people=None):
    """[[person id, name as written], …] of the people `text` mentions, in order of
    appearance, each person once."""
    if "@" not in (text or ""):
        return []
    by_name = {}
    for person in candidates(initiative_id) if people is None else people:
        for name in {f"{person.first_name} {person.last_name}", person.full_name}:
            by_name.setdefault(_key(name), []).append(person.pk)
    if not by_name:
        return []
    found = []  # (position, person id, written)
    for match in BRACKETED.finditer(text):
        for pk in by_name.get(_key(match.group(1)), []):
            found.append((match.start(), pk, match.group(1)))
    names = sorted(by_name, key=len, reverse=True)
    plain = re.compile(
        r"@(" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) + r")(?!\w)",
        re.IGNORECASE,
    )
    for match in plain.finditer(text):
        for pk in by_name[_key(match.group(1))]:
            found.append((match.start(), pk, match.group(1)))
    seen, mentions = set(), []
    for _position, pk, written in sorted(found):
        if pk not in seen:
            seen.add(pk)
            mentions.append([pk, written])
    return mentions


def mentioned_ids(mentions):
    return [pk for pk, _written in mentions or []]


def highlight(html, mentions):
    """Marks the mentions in sanitised HTML as <span class="mention">; only text
    between tags is touched, and the names are escaped as the HTML has them."""
    written = sorted({w for _pk, w in mentions or []}, key=len, reverse=True)
    if not written:
        return html
    alternatives = "|".join(re.escape(escape(w, quote=False)) for w in written)
    pattern = re.compile(rf"@(?:\[(?:{alternatives})\]|(?:{alternatives})(?!\w))")
    parts = TAG.split(str(html))
    for index in range(0, len(parts), 2):  # even parts are text, odd ones tags
        parts[index] = pattern.sub(
            lambda m: f'<span class="mention">{m.group(0)}</span>', parts[index]
        )
    return mark_safe("".join(parts))  # noqa: S308 - sanitised HTML with spans of its own text
