"""What the editing tests send and read: the edit form's data of a measure, a page's
text as a reader sees it, and two people saving the same form one after the other."""

import html
import re

from django.test import Client


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


def form_data(response, **changes):
    """What the form of `response` sends with `changes` typed in, the rest as shown."""
    form = response.context["form"]
    values = {name: form[name].value() for name in form.fields}
    return {name: value for name, value in {**values, **changes}.items() if value is not None}


def save_one_after_the_other(anna, paul, url, *, pauls, annas):
    """Anna and Paul open the form of `url` at the same version; Paul saves his changes
    (`pauls`) first, then Anna sends hers (`annas`) from the form she opened before.
    Returns Anna's client, her answer and the version both saw."""
    annas_client, pauls_client = Client(), Client()
    annas_client.force_login(anna)
    pauls_client.force_login(paul)
    annas_form, pauls_form = annas_client.get(url), pauls_client.get(url)
    seen = annas_form.context["form"]["seen_version"].value()
    assert seen and pauls_form.context["form"]["seen_version"].value() == seen

    assert pauls_client.post(url, form_data(pauls_form, **pauls)).status_code == 302
    return annas_client, annas_client.post(url, form_data(annas_form, **annas)), seen
