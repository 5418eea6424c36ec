"""Anna follows a measure and wants status news at once; Ben, its owner, changes its
status; Anna sees the counter in the header, opens her list and the notification, which
takes her to the measure."""

import re

import pytest
from playwright.sync_api import expect

from standort.measures import services as measures
from standort.measures.models import Measure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def unread(count):
    # The visible "(n)" is hidden from screen readers, which read ", n ungelesen".
    return re.compile(rf"^Benachrichtigungen ?, {count} ungelesen$")


def test_follow_choose_and_read(ui, measure, anna, ben):
    page = ui.page
    ui.sign_in("anna@example.org", next_path=measure.get_absolute_url())
    page.get_by_role("button", name=re.compile("^Folgen")).click()
    ui.check(shot="notifications-measure-followed")
    expect(page.get_by_role("button", name=re.compile("^Nicht mehr folgen"))).to_be_visible()

    page.get_by_role("link", name=re.compile("^Benachrichtigungen")).click()
    ui.check(shot="notifications-empty")
    page.get_by_role("link", name=re.compile("^Einstellungen")).click()
    ui.check()
    status = page.get_by_role("group", name=re.compile("^Statuswechsel"))
    status.get_by_label("sofort per E-Mail").check()
    page.get_by_role("button", name="Speichern").click()
    ui.check(shot="notifications-settings")
    expect(
        page.get_by_text("Ihre Benachrichtigungseinstellungen sind gespeichert.")
    ).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Gewerbeflächen"))).to_be_visible()

    measures.measure_set_status(actor=ben, measure=measure, status=Measure.Status.IN_PROGRESS)

    page.reload()
    ui.check()
    counter = page.get_by_role("link", name=unread(1))
    expect(counter).to_be_visible()
    counter.click()
    ui.check(shot="notifications-list")
    item = page.get_by_role("link", name="Maßnahme 7 „Gewerbeflächen“ ist jetzt „in Umsetzung“.")
    expect(page.get_by_text("ungelesen", exact=True)).to_be_visible()
    item.click()
    ui.check()
    expect(ui.heading("Gewerbeflächen")).to_be_visible()
    expect(page.get_by_role("link", name=unread(0))).to_be_visible()
