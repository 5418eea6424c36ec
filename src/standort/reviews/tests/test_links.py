"""Personal links: single purpose, expiring, revocable, hashed, never another's."""

import datetime

import pytest
from django.utils import timezone

from standort.reviews import services
from standort.reviews.models import ReviewAnswer, ReviewRequest

from .conftest import link_of

pytestmark = pytest.mark.django_db


def _link(mailoutbox, address="greta@example.org"):
    return link_of(next(m for m in reversed(mailoutbox) if m.to == [address]))


def _submit_all(client, path, request):
    for answer in request.answers.all():
        response = client.post(
            f"{path}{answer.pk}/",
            {
                "traffic_light": "green",
                "progress": "50",
                "achieved": "Erledigt.",
                "submit": "1",
                **{f"ms_{m.pk}_due": m.due_on.isoformat() for m in answer.measure.milestones.all()},
            },
        )
        assert response.status_code in (200, 302)


def test_the_link_shows_only_its_owners_measures(running, client, mailoutbox):
    page = client.get(_link(mailoutbox)).content.decode()
    assert "Gründerzentrum Außenstelle" in page
    assert "Flächenpool Logistik" in page
    assert "Breitband Hafen" not in page  # Ben's


def test_a_link_never_opens_another_owners_answer(running, client, mailoutbox):
    bens_answer = ReviewAnswer.objects.get(measure__number=3)
    path = _link(mailoutbox)
    assert client.get(f"{path}{bens_answer.pk}/").status_code == 404
    response = client.post(
        f"{path}{bens_answer.pk}/", {"traffic_light": "red", "progress": "0", "submit": "1"}
    )
    assert response.status_code == 404
    bens_answer.refresh_from_db()
    assert bens_answer.state == ReviewAnswer.State.OPEN


def test_a_tampered_link_is_unknown(running, client, mailoutbox):
    path = _link(mailoutbox)
    token = path.split("/")[2]
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    response = client.get(f"/link/{tampered}/")
    assert response.status_code == 404
    assert "Link" in response.content.decode()
    assert "Gründerzentrum" not in response.content.decode()
    assert client.get("/link/x/").status_code == 404
    assert client.get("/link/zzzz/").status_code == 404


def test_an_expired_link_says_so_and_whom_to_ask(running, client, mailoutbox):
    path = _link(mailoutbox)
    ReviewRequest.objects.update(link_expires_at=timezone.now() - datetime.timedelta(minutes=1))
    response = client.get(path)
    assert response.status_code == 410
    page = response.content.decode()
    assert "abgelaufen" in page
    assert "anna@example.org" in page  # the project office
    assert "Gründerzentrum" not in page


def test_a_revoked_link_says_so(running, client, mailoutbox, anna):
    path = _link(mailoutbox)
    services.request_revoke(
        actor=anna, request=ReviewRequest.objects.get(email="greta@example.org")
    )
    response = client.get(path)
    assert response.status_code == 410
    assert "zurückgezogen" in response.content.decode()


def test_resending_replaces_the_link(
    running, client, mailoutbox, anna, django_capture_on_commit_callbacks
):
    old = _link(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_resend(
            actor=anna, request=ReviewRequest.objects.get(email="greta@example.org")
        )
    new = _link(mailoutbox)
    assert new != old
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_a_link_is_used_up_once_everything_is_submitted(running, client, mailoutbox):
    path = _link(mailoutbox)
    request = ReviewRequest.objects.get(email="greta@example.org")
    _submit_all(client, path, request)
    request.refresh_from_db()
    assert request.submitted_at is not None
    response = client.get(path)
    assert response.status_code == 410
    assert "bereits verwendet" in response.content.decode()
    # Posting again changes nothing.
    answer = request.answers.first()
    client.post(
        f"{path}{answer.pk}/",
        {"traffic_light": "red", "progress": "0", "submit": "1", "achieved": "x"},
    )
    answer.refresh_from_db()
    assert answer.status_update.traffic_light == "green"


def test_a_returned_answer_opens_the_link_again(
    running, client, mailoutbox, anna, django_capture_on_commit_callbacks
):
    path = _link(mailoutbox)
    request = ReviewRequest.objects.get(email="greta@example.org")
    _submit_all(client, path, request)
    answer = request.answers.order_by("measure__number").first()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_return(actor=anna, answer=answer, question="Wann ist die Eröffnung?")
    returned = mailoutbox[-1]
    assert "Wann ist die Eröffnung?" in returned.body
    new_path = link_of(returned)
    page = client.get(f"{new_path}{answer.pk}/").content.decode()
    assert "Wann ist die Eröffnung?" in page


def test_a_closed_review_ends_every_link(running, client, mailoutbox, anna):
    path = _link(mailoutbox)
    services.cycle_close(actor=anna, cycle=running)
    assert client.get(path).status_code == 410


def test_tokens_are_stored_only_as_hashes(running, mailoutbox):
    for message in mailoutbox:
        token = link_of(message).split("/")[2]
        assert not ReviewRequest.objects.filter(token_hash__contains=token).exists()


def test_the_outbox_keeps_no_usable_link(running, mailoutbox):
    from standort.core.models import OutgoingMail

    for message in mailoutbox:
        token = link_of(message).split("/")[2]
        assert not OutgoingMail.objects.filter(body__contains=token).exists()
    assert all("[[link reviews.reviewrequest" in m.body for m in OutgoingMail.objects.all())


def test_no_page_of_a_link_passes_it_on_to_another_site(running, client, mailoutbox, anna):
    """Issue 14, 6: the token must not travel on as Referer. Only to this site (whose
    logs cut it, core.logs): with no Referer at all the browser would post the page's
    forms with `Origin: null`, and the CSRF check would refuse them (the browser walk
    of the review link posts them)."""
    path = _link(mailoutbox)
    token = path.split("/")[2]
    greta = ReviewRequest.objects.get(email="greta@example.org")
    answer = greta.answers.first()
    for url in (path, f"{path}{answer.pk}/", f"/link/{token[:-1]}0/"):
        assert client.get(url)["Referrer-Policy"] == "same-origin", url
    services.request_revoke(actor=anna, request=greta)
    assert client.get(path)["Referrer-Policy"] == "same-origin"


def test_resending_a_link_is_limited_per_owner(
    running, client, anna, mailoutbox, django_capture_on_commit_callbacks
):
    """Each resend is a mail to the owner (issue 14, item 4)."""
    from django.urls import reverse

    client.force_login(anna)
    request = ReviewRequest.objects.get(email="greta@example.org")
    url = reverse("request_resend", args=["duisburg", running.pk, request.pk])
    sent = len(mailoutbox)
    with django_capture_on_commit_callbacks(execute=True):
        for _click in range(3):
            assert client.post(url).status_code == 302
        refused = client.post(url)
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert len(mailoutbox) == sent + 3
