"""The transfer platform in the browser.

1. A transfer officer of a university describes an offer, which waits for the office;
   Anna publishes it; a firm's member posts a public need on the same topic; a visitor
   (on a phone) finds both in the catalogue, filters and searches it, reads the offer
   without its contact's address and writes to the contact through the platform.
2. The officer opens the need, finds the offer as its first suggestion with the shared
   topic named, proposes a matching talk from it, records that a cooperation was
   agreed, and Anna reads the share of cooperating firms on the effect page.

The assertions hold to ids, URLs, form values and data: the wording of the pages may
change between German and English."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from standort.browser_fixtures import PHONE, fits
from standort.initiatives.models import InitiativeRole, Organization, Person
from standort.initiatives.tests.factories import (
    InitiativeOrganizationFactory,
    OrganizationFactory,
    user_with_role,
)
from standort.measures.search import fold
from standort.transfer.models import Need, Offer, Talk

from .factories import NeedFactory, OfferFactory, TopicFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BASE = "/duisburg/transfer/"
SAVE = "form.form-page button[type=submit]"
OFFICER = "tilda@example.org"
FIRM_MEMBER = "fritz@example.org"


def _save(ui, *, shot=None):
    ui.page.locator(SAVE).click()
    ui.check(shot=shot)


def _person_of(initiative, organization, *, email, first_name, last_name):
    """A member of the initiative whose person belongs to `organization`."""
    user = user_with_role(
        initiative,
        InitiativeRole.Role.MEMBER,
        email=email,
        first_name=first_name,
        last_name=last_name,
    )
    Person.objects.filter(user=user).update(organization=organization)
    return Person.objects.get(user=user)


@pytest.fixture
def cast(duisburg, anna):
    """Duisburg's topics, a university with its transfer officer (Tilda), a firm with
    its member (Fritz), and another institute's published offer on another topic."""
    topics = {
        name: TopicFactory(initiative=duisburg, name=name, position=i)
        for i, name in enumerate(("Werkstoffe", "Logistik", "Wasserstoff"))
    }
    university = OrganizationFactory(name="Hochschule Ruhr West", kind=Organization.Kind.SCIENCE)
    firm = OrganizationFactory(name="Stahlbau Muster GmbH", kind=Organization.Kind.COMPANY)
    for organization in (university, firm):
        InitiativeOrganizationFactory(initiative=duisburg, organization=organization)
    tilda = _person_of(
        duisburg, university, email=OFFICER, first_name="Tilda", last_name="Transfer"
    )
    fritz = _person_of(duisburg, firm, email=FIRM_MEMBER, first_name="Fritz", last_name="Firma")
    other = OfferFactory(
        initiative=duisburg,
        institution=OrganizationFactory(
            name="Fraunhofer-Institut Logistik", kind=Organization.Kind.SCIENCE
        ),
        title="Routenplanung für Lieferflotten",
        description="Wir optimieren Touren und Lager mit Ihren Daten.",
        topics=[topics["Logistik"]],
    )
    return topics, university, firm, tilda, fritz, other


# 1. From an officer's offer to a visitor's message ------------------------------------------


def test_an_offer_is_published_found_and_its_contact_written_to(new_ui, cast, duisburg, mailoutbox):
    topics, university, firm, tilda, fritz, other = cast

    # The transfer officer describes an offer of the university.
    officer = new_ui()
    page = officer.page
    officer.sign_in(OFFICER, next_path=BASE)
    page.locator(f'a[href="{BASE}offers/new/"]').click()
    officer.check(shot="transfer-offer-form")
    # Bound to the officer's own institution and its people.
    expect(page.locator('#id_institution option:not([value=""])')).to_have_count(1)
    page.locator("#id_institution").select_option(str(university.pk))
    page.locator("#id_kind").select_option("equipment")
    page.locator("#id_title").fill("Korrosionslabor für Stahlbauteile")
    page.locator("#id_description").fill(
        "Unser Labor prüft Korrosion und Schweißnähte an Bauteilen aus Stahl."
    )
    page.locator(f'input[name=topics][value="{topics["Werkstoffe"].pk}"]').check()
    page.locator("#id_contact").select_option(str(tilda.pk))
    _save(officer, shot="transfer-offer-submitted")
    offer = Offer.objects.get(title="Korrosionslabor für Stahlbauteile")
    expect(page).to_have_url(re.compile(rf"{BASE}offers/{offer.pk}/$"))
    assert offer.state == Offer.State.SUBMITTED
    assert (offer.institution, offer.kind, offer.contact) == (university, "equipment", tilda)
    assert list(offer.topics.all()) == [topics["Werkstoffe"]]
    expect(page.locator(".kern-alert--warning")).to_be_visible()
    # The office hears of it.
    assert [m.to for m in mailoutbox] == [["anna@example.org"]]
    assert f"{BASE}offers/{offer.pk}/" in mailoutbox[0].body

    # Anna finds it awaiting approval and publishes it.
    office = new_ui()
    page = office.page
    office.sign_in("anna@example.org", next_path=BASE)
    office.check(shot="transfer-offers-office")
    page.locator(".kern-alert a[href*='state=submitted']").click()
    office.check()
    entries = page.locator("ul.entry-list > li")
    expect(entries).to_have_count(1)
    entries.first.locator(f'a[href="{BASE}offers/{offer.pk}/"]').click()
    office.check()
    page.locator("form:has(input[name=action][value=publish]) button").click()
    office.check(shot="transfer-offer-published")
    offer.refresh_from_db()
    assert offer.state == Offer.State.PUBLISHED
    expect(page.locator(".kern-alert--warning")).to_have_count(0)

    # A member of the firm posts a public need on the same topic.
    member = new_ui()
    page = member.page
    member.sign_in(FIRM_MEMBER, next_path=f"{BASE}needs/")
    member.check()
    page.locator(f'a[href="{BASE}needs/new/"]').click()
    member.check(shot="transfer-need-form")
    expect(page.locator('#id_company option:not([value=""])')).to_have_count(1)
    page.locator("#id_company").select_option(str(firm.pk))
    page.locator("#id_title").fill("Schweißnähte dauerhaft schützen")
    page.locator("#id_problem").fill("Unsere Träger rosten an den Nähten nach wenigen Jahren.")
    page.locator(f'input[name=topics][value="{topics["Werkstoffe"].pk}"]').check()
    page.locator("input[name=timeframe][value=now]").check()
    page.locator("input[name=visibility][value=public]").check()
    page.locator("#id_contact").select_option(str(fritz.pk))
    _save(member, shot="transfer-need-detail-firm")
    need = Need.objects.get(title="Schweißnähte dauerhaft schützen")
    expect(page).to_have_url(re.compile(rf"{BASE}needs/{need.pk}/$"))
    assert (need.company, need.visibility, need.timeframe) == (firm, "public", "now")
    assert list(need.topics.all()) == [topics["Werkstoffe"]]

    # A visitor on a phone finds both in the public catalogue.
    visitor = new_ui(*PHONE)
    page = visitor.page
    visitor.goto(BASE, shot="transfer-offers-phone")
    fits(visitor)
    offer_link = f'a[href="{BASE}offers/{offer.pk}/"]'
    other_link = f'a[href="{BASE}offers/{other.pk}/"]'
    entries = page.locator("ul.entry-list > li")
    expect(entries).to_have_count(2)
    expect(page.locator(offer_link)).to_be_visible()
    expect(page.locator(other_link)).to_be_visible()
    # No moderation for the public: no state filter, no link to a new offer.
    expect(page.locator("#id_state")).to_have_count(0)
    expect(page.locator(f'a[href="{BASE}offers/new/"]')).to_have_count(0)

    # By topic …
    page.locator("details.measure-filter__more > summary").click()
    page.locator("#id_topic").select_option(str(topics["Werkstoffe"].pk))
    page.locator(".measure-filter__apply button[type=submit]").click()
    visitor.check()
    expect(page).to_have_url(re.compile(rf"topic={topics['Werkstoffe'].pk}"))
    expect(entries).to_have_count(1)
    expect(page.locator(offer_link)).to_be_visible()
    expect(entries.first.locator(".topic-list li")).to_have_text(["Werkstoffe"])

    # … and by a word of the description.
    visitor.goto(BASE)
    page.locator("#id_q").fill("Korrosion")
    page.locator(".measure-filter__main button[type=submit]").click()
    visitor.check()
    expect(page).to_have_url(re.compile(r"q=Korrosion"))
    expect(entries).to_have_count(1)
    expect(page.locator(offer_link)).to_be_visible()

    page.locator(f'.section-tabs a[href="{BASE}needs/"]').click()
    visitor.check(shot="transfer-needs-phone")
    fits(visitor)
    expect(page.locator(f'a[href="{BASE}needs/{need.pk}/"]')).to_be_visible()

    # The offer's page names no e-mail address; a message goes through the platform.
    visitor.goto(f"{BASE}offers/{offer.pk}/", shot="transfer-offer-phone")
    fits(visitor)
    expect(visitor.heading("Korrosionslabor für Stahlbauteile")).to_be_visible()
    expect(page.locator('a[href^="mailto:"]')).to_have_count(0)
    assert OFFICER not in page.content()
    # Neither suggestions nor talks for the public.
    expect(page.locator("#suggestions-heading")).to_have_count(0)
    expect(page.locator("#talks-heading")).to_have_count(0)
    page.locator(f'a[href="{BASE}offers/{offer.pk}/contact/"]').click()
    visitor.check(shot="transfer-contact-phone")
    fits(visitor)
    assert OFFICER not in page.content()
    page.locator("#id_name").fill("Greta Gast")
    page.locator("#id_email").fill("greta@example.com")
    page.locator("#id_organization").fill("Rohrleitungsbau Gast KG")
    page.locator("#id_message").fill("Können Sie unsere Rohre im Labor prüfen?")
    _save(visitor)
    expect(page).to_have_url(re.compile(rf"{BASE}offers/{offer.pk}/$"))
    message = mailoutbox[-1]
    assert message.to == [OFFICER]
    assert "greta@example.com" in message.body
    assert "Können Sie unsere Rohre im Labor prüfen?" in message.body


# 2. From a suggestion to the effect page ----------------------------------------------------


def test_a_suggestion_becomes_a_talk_and_a_cooperation(new_ui, cast, duisburg):
    topics, university, firm, tilda, fritz, other = cast
    offer = OfferFactory(
        initiative=duisburg,
        institution=university,
        kind=Offer.Kind.EQUIPMENT,
        title="Korrosionslabor für Stahlbauteile",
        description="Unser Labor prüft Korrosion an Bauteilen aus Stahl.",
        # As services.offer_save folds it: the suggestions read shared words from it.
        search_text=fold("Korrosionslabor für Stahlbauteile Unser Labor prüft Korrosion"),
        contact=tilda,
        topics=[topics["Werkstoffe"], topics["Wasserstoff"]],
    )
    need = NeedFactory(
        initiative=duisburg,
        company=firm,
        title="Schweißnähte dauerhaft schützen",
        problem="Unsere Träger aus Stahl rosten an den Nähten.",
        visibility=Need.Visibility.PUBLIC,
        contact=fritz,
        topics=[topics["Werkstoffe"], topics["Logistik"]],
    )

    officer = new_ui()
    page = officer.page
    officer.sign_in(OFFICER, next_path=f"{BASE}needs/{need.pk}/")
    officer.check(shot="transfer-need-suggestions")
    suggestions = page.locator("ol.suggestion-list > li")
    expect(suggestions.first.locator(f'a[href="{BASE}offers/{offer.pk}/"]')).to_be_visible()
    # The reason names the shared topic, not the topics only one side has.
    reason = suggestions.first.locator(".suggestion-reason")
    expect(reason).to_contain_text("Werkstoffe")
    expect(reason).not_to_contain_text("Wasserstoff")
    # … and the word both texts use.
    expect(reason).to_contain_text("Stahl")
    # The other institute's logistics offer shares the need's other topic: second.
    expect(suggestions.nth(1).locator(f'a[href="{BASE}offers/{other.pk}/"]')).to_be_visible()

    suggestions.first.locator(f'a[href^="{BASE}talks/new/"]').click()
    officer.check(shot="transfer-talk-form")
    expect(page).to_have_url(re.compile(rf"need={need.pk}&offer={offer.pk}$"))
    for name, value in (
        ("need", need.pk),
        ("offer", offer.pk),
        ("company", firm.pk),
        ("institution", university.pk),
    ):
        expect(page.locator(f"#id_{name} option:checked")).to_have_attribute("value", str(value))
    # The two contacts are invited.
    for person in (tilda, fritz):
        expect(page.locator(f'input[name=participants][value="{person.pk}"]')).to_be_checked()
    # Two days ago, so that its outcome can be recorded.
    held_at = (timezone.localtime() - datetime.timedelta(days=2)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    page.locator("#id_starts_at").fill(held_at.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_place").fill("Hochschule Ruhr West, Labor 3")
    _save(officer)
    talk = Talk.objects.get(initiative=duisburg)
    expect(page).to_have_url(re.compile(rf"{BASE}talks/{talk.pk}/$"))
    assert (talk.need, talk.offer, talk.company, talk.institution) == (
        need,
        offer,
        firm,
        university,
    )
    assert talk.starts_at == held_at
    assert set(talk.participants.all()) == {tilda, fritz}

    page.locator(f'a[href="{BASE}talks/{talk.pk}/outcome/"]').click()
    officer.check(shot="transfer-outcome-form")
    page.locator("input[name=outcome][value=cooperation]").check()
    page.locator("#id_outcome_note").fill("Gemeinsamer Förderantrag zur Beschichtung von Nähten.")
    _save(officer, shot="transfer-talk-detail")
    expect(page).to_have_url(re.compile(rf"{BASE}talks/{talk.pk}/$"))
    talk.refresh_from_db()
    assert talk.outcome == Talk.Outcome.COOPERATION
    assert talk.outcome_note == "Gemeinsamer Förderantrag zur Beschichtung von Nähten."
    expect(page.locator("#outcome-heading + p + .prose")).to_contain_text("Förderantrag")

    page.locator(f'a[href="{BASE}talks/"]').first.click()
    officer.check(shot="transfer-talks")
    rows = page.locator("table.kern-table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator(f'a[href="{BASE}talks/{talk.pk}/"]')).to_be_visible()
    # An officer does not read the effect page.
    expect(page.locator(f'.section-tabs a[href="{BASE}effect/"]')).to_have_count(0)

    # One firm of one has a cooperation.
    office = new_ui()
    page = office.page
    office.sign_in("anna@example.org", next_path=f"{BASE}effect/")
    office.check(shot="transfer-effect")
    expect(page).to_have_url(re.compile(rf"{BASE}effect/$"))
    share = page.locator("dl.key-facts dd").first
    expect(share).to_contain_text(re.compile(r"^100\b"))
    expect(share).to_contain_text(re.compile(r"\b1\D+1\b"))
    quarters = page.locator("section[aria-labelledby=quarters-heading] tbody tr")
    expect(quarters).to_have_count(1)
    expect(quarters.first.locator("td")).to_have_text("1")
