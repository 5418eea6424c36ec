"""A status review in the browser: Anna launches it; Greta follows the link in her
e-mail on a phone, saves a draft and submits; Anna follows up, accepts and closes.
Every page passes axe-core; screenshots go to var/screenshots/."""

import re

import pytest
from playwright.sync_api import expect

from standort.reviews.models import ReviewAnswer, ReviewCycle

from .conftest import link_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def name(*alternatives):
    return re.compile("^(" + "|".join(re.escape(a) for a in alternatives) + ")", re.IGNORECASE)


def test_launch_answer_by_link_follow_up_and_close(new_ui, catalogue, anna, mailoutbox):
    office = new_ui()
    page = office.page
    office.sign_in("anna@example.org", next_path="/duisburg/reviews/")
    office.check(shot="reviews-list-empty")
    page.get_by_role("link", name=name("Neue Sachstandsabfrage")).click()
    office.check(shot="reviews-new")
    page.get_by_label(name("Titel")).fill("Sachstandsabfrage Frühjahr 2018")
    page.get_by_label(name("Nachricht an die Verantwortlichen")).fill("Bitte bis zur Konferenz.")
    page.get_by_role("button", name=name("Entwurf anlegen")).click()
    office.check(shot="reviews-draft")
    expect(page.get_by_text("Dies ist ein Entwurf")).to_be_visible()
    page.get_by_role("link", name=name("Starten")).click()
    office.check(shot="reviews-launch-confirm")
    page.get_by_role("button", name=name("Starten und E-Mails senden")).click()
    office.check(shot="reviews-running")
    cycle = ReviewCycle.objects.get(title="Sachstandsabfrage Frühjahr 2018")
    assert cycle.is_running
    assert sorted(m.to[0] for m in mailoutbox) == ["ben@example.org", "greta@example.org"]

    # Greta, on her phone, follows the link in her e-mail.
    owner = new_ui()
    phone = owner.page
    phone.set_viewport_size({"width": 390, "height": 844})
    greta_mail = next(m for m in mailoutbox if m.to == ["greta@example.org"])
    owner.goto(link_of(greta_mail), shot="reviews-link-overview")
    expect(phone.get_by_text("2 Flächenpool Logistik")).to_be_visible()
    expect(phone.get_by_text("Breitband Hafen")).to_have_count(0)
    phone.get_by_role("link", name=re.compile("Jetzt antworten.*Gründerzentrum")).click()
    owner.check(shot="reviews-answer-form")
    phone.get_by_label(name("Was wurde erreicht?")).fill("Räume in der Außenstelle gefunden.")
    phone.get_by_role("button", name=name("Entwurf speichern")).click()
    owner.check()
    expect(phone.get_by_text("Entwurf ist gespeichert")).to_be_visible()
    phone.get_by_role("link", name=re.compile("Weiter bearbeiten.*Gründerzentrum")).click()
    owner.check()
    expect(phone.get_by_label(name("Was wurde erreicht?"))).to_have_value(
        "Räume in der Außenstelle gefunden."
    )
    phone.get_by_role("button", name=name("Absenden")).click()
    owner.check(shot="reviews-answer-errors")
    expect(phone.locator("#id_traffic_light_error")).to_be_visible()
    phone.get_by_label("verzögert").check()
    phone.get_by_label(name("Fortschritt in Prozent")).fill("40")
    phone.get_by_role("button", name=name("Absenden")).click()
    owner.check()
    phone.get_by_role("link", name=re.compile("Jetzt antworten.*Flächenpool")).click()
    owner.check()
    phone.get_by_label("im Plan").check()
    phone.get_by_label(name("Fortschritt in Prozent")).fill("70")
    phone.get_by_label(name("Was wurde erreicht?")).fill("Flächen gesichert.")
    phone.get_by_role("button", name=name("Absenden")).click()
    owner.check(shot="reviews-link-thanks")
    expect(phone.get_by_role("heading", name="Vielen Dank!")).to_be_visible()
    owner.goto(link_of(greta_mail), shot="reviews-link-used")
    expect(phone.get_by_text("bereits verwendet")).to_be_visible()

    # Anna follows up: Greta has answered, Ben has not opened his link.
    office.goto(f"/duisburg/reviews/{cycle.pk}/", shot="reviews-follow-up")
    expect(page.get_by_text("2 von 3 Maßnahmen beantwortet")).to_be_visible()
    page.get_by_role("link", name=re.compile("Gründerzentrum")).click()
    office.check(shot="reviews-answer-detail")
    page.get_by_role("button", name=name("Annehmen")).click()
    office.check()
    answer = ReviewAnswer.objects.get(measure__number=1)
    assert answer.state == ReviewAnswer.State.ACCEPTED
    assert answer.measure.latest_update.traffic_light == "amber"

    page.get_by_role("link", name=name("Abschließen")).click()
    office.check(shot="reviews-close-confirm")
    page.get_by_role("button", name=name("Sachstandsabfrage abschließen")).click()
    office.check(shot="reviews-closed-reports")
    expect(page).to_have_url(re.compile("/duisburg/reports/$"))
    cycle.refresh_from_db()
    assert cycle.is_closed
    assert ReviewAnswer.objects.get(measure__number=2).state == ReviewAnswer.State.ACCEPTED
