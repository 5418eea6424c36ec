"""The whole loop through the services and the owner's link, with the outbox and
the in-process task backend."""

import pytest

from standort.core.models import OutgoingMail
from standort.measures.models import Measure
from standort.reviews import services
from standort.reviews.models import ReviewAnswer, ReviewRequest

from .conftest import link_of

pytestmark = pytest.mark.django_db


def test_a_draft_asks_each_owner_once_about_their_live_measures(draft):
    requests = ReviewRequest.objects.filter(cycle=draft)
    assert sorted(r.person.last_name for r in requests) == ["Brandt", "Größe"]
    numbers = sorted(draft.answers.values_list("measure__number", flat=True))
    assert numbers == [1, 2, 3]  # not the proposed one, not the one without owner
    assert not OutgoingMail.objects.exists()


def test_launch_mails_every_owner_their_measures_and_a_link(running, mailoutbox):
    assert len(mailoutbox) == 2
    greta_mail = next(m for m in mailoutbox if m.to == ["greta@example.org"])
    assert "Sachstandsabfrage Frühjahr 2018" in greta_mail.subject
    assert "1 Gründerzentrum Außenstelle" in greta_mail.body
    assert "2 Flächenpool Logistik" in greta_mail.body
    assert "Breitband" not in greta_mail.body
    assert "Bitte kurz und konkret." in greta_mail.body
    path = link_of(greta_mail)
    token = path.split("/")[2]
    # Only the hash is stored.
    assert not ReviewRequest.objects.filter(token_hash=token).exists()
    assert OutgoingMail.objects.filter(sent_at__isnull=False).count() == 2


def test_owner_answers_by_link_draft_then_submit(running, client, mailoutbox):
    greta_mail = next(m for m in mailoutbox if m.to == ["greta@example.org"])
    path = link_of(greta_mail)
    overview = client.get(path)
    assert overview.status_code == 200
    assert "Gründerzentrum Außenstelle" in overview.content.decode()
    answer = ReviewAnswer.objects.get(measure__number=1)
    form = client.get(f"{path}{answer.pk}/")
    assert form.status_code == 200
    milestone = answer.measure.milestones.get()
    draft = client.post(
        f"{path}{answer.pk}/",
        {
            "achieved": "Räume gefunden",
            "draft": "1",
            f"ms_{milestone.pk}_due": milestone.due_on.isoformat(),
        },
    )
    assert draft.status_code == 302
    answer.refresh_from_db()
    assert answer.state == ReviewAnswer.State.DRAFT
    # Submitting needs the traffic light and the progress.
    incomplete = client.post(
        f"{path}{answer.pk}/",
        {
            "achieved": "Räume gefunden",
            "submit": "1",
            f"ms_{milestone.pk}_due": milestone.due_on.isoformat(),
        },
    )
    assert incomplete.status_code == 200
    assert "Bitte" in incomplete.content.decode() or "Please" in incomplete.content.decode()
    done = client.post(
        f"{path}{answer.pk}/",
        {
            "traffic_light": "amber",
            "progress": "30",
            "achieved": "Räume gefunden",
            "submit": "1",
            f"ms_{milestone.pk}_due": milestone.due_on.isoformat(),
            "seen_version": answer.version,
        },
    )
    assert done.status_code == 302, done.content.decode()[:3000]
    answer.refresh_from_db()
    assert answer.state == ReviewAnswer.State.SUBMITTED
    assert answer.entered_by is None


def test_accept_makes_the_status_update_and_close_freezes(running, anna, mailoutbox):
    answer = ReviewAnswer.objects.get(measure__number=3)
    report = {"traffic_light": "red", "progress": 10, "achieved": "Förderbescheid fehlt"}
    services.answer_save(actor=None, answer=answer, report=report, submit=True)
    services.answer_accept(actor=anna, answer=answer)
    measure = Measure.objects.get(pk=answer.measure_id)
    assert measure.latest_update.traffic_light == "red"
    assert measure.latest_update.achieved == "Förderbescheid fehlt"
    services.cycle_close(actor=anna, cycle=running)
    running.refresh_from_db()
    assert running.is_closed
