"""What the editing tests send and read: the edit form's data of a measure, and a
page's text as a reader sees it."""

import html
import re


def measure_data(place, **changes):
    """What the edit form of the place's measure 1 sends unchanged."""
    m = place.measure
    data = {
        "number": m.number,
        "title": m.title,
        "kind": m.kind,
        "body": m.body_id,
        "topic": m.topic_id or "",
        "weight": m.weight,
        "owner": m.owner_id or "",
        "owner_organization": m.owner_organization_id or "",
        "seen_version": m.version,
    }
    return {**data, **changes}


def page_text(response):
    page = re.sub(r"<[^>]+>", " ", response.content.decode())
    return " ".join(html.unescape(page).split())
