"""Ben, member of a working group, posts an idea; Stefan, a colleague there, comments on
it and mentions him; Anna of the office hides the comment with a reason and turns the
idea into a measure."""

import re

import pytest
from playwright.sync_api import expect

from standort.dialog.models import Idea
from standort.initiatives.models import Membership
from standort.initiatives.tests.factories import BodyFactory, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_idea_comment_hide_and_measure(new_ui, duisburg, ben, stefan, anna):
    group = BodyFactory(initiative=duisburg, name="Arbeitskreis Mittelstand und Gründung")
    MembershipFactory(body=group, person=ben.person, role=Membership.Role.MEMBER)
    MembershipFactory(body=group, person=stefan.person, role=Membership.Role.CHAIR)

    member = new_ui()
    page = member.page
    member.sign_in("ben@example.org", next_path=f"/duisburg/bodies/{group.pk}/")
    page.get_by_role("link", name="Alle Ideen dieses Gremiums").click()
    member.check(shot="dialog-ideas-empty")
    page.get_by_role("link", name="Idee einbringen").click()
    member.check(shot="dialog-idea-form")
    page.get_by_label(re.compile("^Titel")).fill("Gründungslotsen im Rathaus")
    page.get_by_label(re.compile("^Text")).fill(
        "Eine feste Ansprechperson für **alle** Genehmigungen einer Gründung."
    )
    page.get_by_role("button", name="Speichern").click()
    member.check()
    expect(member.heading("Gründungslotsen im Rathaus")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Alle Ideen")).click()
    member.check(shot="dialog-ideas")
    expect(page.get_by_role("link", name="Gründungslotsen im Rathaus")).to_be_visible()
    idea = Idea.objects.get()

    colleague = new_ui()
    colleague.sign_in("stefan@example.org", next_path=f"/duisburg/ideas/{idea.pk}/")
    colleague.check()
    colleague.page.get_by_role("button", name="Unterstützen").click()
    colleague.check()
    colleague.page.get_by_label("Ihr Kommentar").fill(
        "Gute Idee, @Ben Brandt – sprechen wir in der nächsten Sitzung darüber."
    )
    colleague.page.get_by_role("button", name="Kommentar absenden").click()
    colleague.check(shot="dialog-idea-commented")
    expect(colleague.page.locator(".mention")).to_have_text("@Ben Brandt")
    expect(colleague.page.get_by_text("1 Person unterstützt diese Idee.")).to_be_visible()

    office = new_ui()
    office.sign_in("anna@example.org", next_path=f"/duisburg/ideas/{idea.pk}/")
    office.page.get_by_role("link", name=re.compile("^Ausblenden")).click()
    office.check(shot="dialog-hide-form")
    office.page.get_by_label(re.compile("^Grund")).fill("Bitte Termine über die Geschäftsstelle")
    office.page.get_by_role("button", name="Kommentar ausblenden").click()
    office.check(shot="dialog-idea-hidden-comment")
    expect(
        office.page.get_by_text(
            "Ausgeblendet von der Geschäftsstelle: Bitte Termine über die Geschäftsstelle"
        )
    ).to_be_visible()

    office.page.get_by_role("link", name="Als Maßnahme vorschlagen").click()
    office.check()
    office.page.get_by_role("button", name="Als Maßnahme vorschlagen").click()
    office.check(shot="dialog-measure-from-idea")
    expect(office.heading("Gründungslotsen im Rathaus")).to_be_visible()
    expect(office.page.get_by_role("link", name="Gründungslotsen im Rathaus")).to_be_visible()
    office.goto(f"/duisburg/ideas/{idea.pk}/", shot="dialog-idea-became-measure")
    expect(office.page.get_by_text("Daraus wurde Maßnahme")).to_be_visible()
    office.goto(f"/duisburg/bodies/{group.pk}/", shot="dialog-body-ideas")
    expect(office.page.get_by_role("heading", name="Ideen")).to_be_visible()
