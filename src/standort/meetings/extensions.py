"""What the apps above the meetings add to each agenda item, for the meeting page:
how many there are per item (the page links to the item's page with that number) and
a stamp of their newest change (the kept agenda holds while it does). The dialogue
adds its comments here in its AppConfig.ready(); their section on the item's page is
a slot ("agenda_item.sections", see core.slots)."""

from collections.abc import Callable
from dataclasses import dataclass

_parts = []


@dataclass(frozen=True)
class AgendaPart:
    # On the item's page, where the part begins ("comments" for #comments).
    anchor: str
    # meeting -> {agenda item id: number}, in one query for the whole agenda.
    counts: Callable
    # number -> the link's text, e.g. "3 Kommentare".
    label: Callable
    # OuterRef to a meeting -> a subquery of the newest history id of the part.
    newest: Callable


def register(part):
    if part not in _parts:
        _parts.append(part)


def agenda_parts():
    return tuple(_parts)


def part_links(meeting, items):
    """Gives every item `part_links`: (anchor, text) for each part, in order."""
    counted = [(part, part.counts(meeting)) for part in _parts]
    for item in items:
        item.part_links = [
            (part.anchor, part.label(counts.get(item.pk, 0))) for part, counts in counted
        ]
