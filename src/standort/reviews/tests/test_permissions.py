"""Every review view, for every persona: allowed, denied, or not found.

Duisburg's office (Anna) and the platform admin (Paul) run reviews; the steering
committee (Stefan) follows them; Ben, a member, owns measure 3 and answers it; Olga
observes; Clara runs Mülheim's office and Eva has no role anywhere."""

import pytest
from django.urls import reverse

from standort.conftest import PERSONAS
from standort.core.testing import assert_access
from standort.reviews.models import ReviewAnswer, ReviewRequest

pytestmark = pytest.mark.django_db

OFFICE = {"anna", "paul"}
FOLLOW = {"stefan", "anna", "paul"}
EVERYONE_TAKING_PART = {"olga", "ben", "stefan", "anna", "paul"}


def greta_answer(cycle):
    return ReviewAnswer.objects.get(cycle=cycle, measure__number=1)


def ben_answer(cycle):
    return ReviewAnswer.objects.get(cycle=cycle, measure__number=3)


def greta_request(cycle):
    return ReviewRequest.objects.get(cycle=cycle, email="greta@example.org")


# name, url kwargs from the review, method, who may
VIEWS = [
    ("review_list", lambda c: {}, "get", EVERYONE_TAKING_PART),
    ("review_create", lambda c: {}, "get", OFFICE),
    ("review_detail", lambda c: {"pk": c.pk}, "get", FOLLOW),
    ("review_edit", lambda c: {"pk": c.pk}, "get", OFFICE),
    ("review_delete", lambda c: {"pk": c.pk}, "get", OFFICE),
    ("review_launch", lambda c: {"pk": c.pk}, "get", OFFICE),
    ("review_close", lambda c: {"pk": c.pk}, "get", OFFICE),
    ("review_accept_all", lambda c: {"pk": c.pk}, "post", OFFICE),
    (
        "request_resend",
        lambda c: {"pk": c.pk, "request_pk": greta_request(c).pk},
        "post",
        OFFICE,
    ),
    (
        "request_revoke",
        lambda c: {"pk": c.pk, "request_pk": greta_request(c).pk},
        "post",
        OFFICE,
    ),
    ("answer_detail", lambda c: {"pk": c.pk, "answer_pk": greta_answer(c).pk}, "get", FOLLOW),
    (
        "answer_detail",
        lambda c: {"pk": c.pk, "answer_pk": ben_answer(c).pk},
        "get",
        FOLLOW | {"ben"},
    ),
    ("answer_edit", lambda c: {"pk": c.pk, "answer_pk": greta_answer(c).pk}, "get", OFFICE),
    ("answer_edit", lambda c: {"pk": c.pk, "answer_pk": ben_answer(c).pk}, "get", OFFICE | {"ben"}),
    ("answer_return", lambda c: {"pk": c.pk, "answer_pk": greta_answer(c).pk}, "get", OFFICE),
    ("answer_accept", lambda c: {"pk": c.pk, "answer_pk": greta_answer(c).pk}, "post", OFFICE),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    ("name", "kwargs", "method", "allowed"),
    VIEWS,
    ids=[f"{v[0]}-{i}" for i, v in enumerate(VIEWS)],
)
def test_who_may_use_each_view(running, as_persona, persona, name, kwargs, method, allowed):
    url = reverse(name, kwargs={"initiative_slug": "duisburg", **kwargs(running)})
    client = as_persona(persona)
    response = getattr(client, method)(url)
    assert_access(response, persona, allowed)


@pytest.mark.parametrize(("name", "kwargs", "method", "allowed"), VIEWS[2:])
def test_another_initiatives_review_is_not_found(
    running, as_persona, muelheim, name, kwargs, method, allowed
):
    """Duisburg's review through Mülheim's address: not there, even for the admin."""
    url = reverse(name, kwargs={"initiative_slug": "muelheim", **kwargs(running)})
    response = getattr(as_persona("paul"), method)(url)
    assert response.status_code == 404


def test_actions_change_nothing_when_denied(running, as_persona):
    request = greta_request(running)
    for persona in ("stefan", "ben", "clara", "eva"):
        as_persona(persona).post(
            reverse("request_revoke", args=["duisburg", running.pk, request.pk])
        )
        as_persona(persona).post(reverse("review_close", args=["duisburg", running.pk]))
    request.refresh_from_db()
    running.refresh_from_db()
    assert request.link_revoked_at is None
    assert running.is_running
