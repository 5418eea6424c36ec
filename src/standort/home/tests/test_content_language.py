"""What people type is German whatever language the pages are in (settings.CONTENT_LANGUAGE).
On an English page every text of theirs sits in an element marked lang="de", so that a
screen reader pronounces it as German (WCAG 2.1, 3.1.2 Language of Parts); on a German
page nothing but <html> names the language.

The pages of all apps are checked here, in the top app, with one world of German texts:
each text below is found on some page, and wherever it is found it must be marked."""

import datetime
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from standort.dialog.tests.factories import CommentFactory, IdeaFactory
from standort.initiatives.tests.factories import BodyFactory, OrganizationFactory
from standort.measures.models import Measure
from standort.measures.tests.factories import MeasureFactory, MilestoneFactory
from standort.meetings.models import ActionItem, AgendaItem, Decision, Meeting
from standort.reviews.tests.factories import ReviewAnswerFactory, ReviewCycleFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)

GERMAN = [
    "Masterplan Wirtschaft Duisburg",
    "Gemeinsam den Standort stärken",
    "Fachkräfte sichern",
    "Wirtschaftsförderung Duisburg",
    "Glasfaser für alle Gewerbegebiete",
    "Breitbandausbau im Hafengebiet",
    "Ausschreibung veröffentlichen",
    "Sitzung zur Fachkräftestrategie",
    "Bericht aus den Betrieben",
    "Die Ausbildungsoffensive wird fortgesetzt",
    "Ausbildungsbörse im Herbst",
    "Messestand vorbereiten",
    "Praktikumsbörse für Schulabgänger",
    "Betriebe öffnen ihre Türen",
    "Gute Idee, unbedingt umsetzen",
    "Sachstandsabfrage Frühjahr",
    "Wann beginnt der Ausbau",
    "Kabel im Hafen verlegt",
]

# Elements whose text is no part of the page's text: the window title (one string,
# which cannot mark a part of itself), the option lists and the values of form fields
# (what is being edited, as in an <input>'s value), and what is not shown.
SKIPPED = {"head", "title", "option", "textarea", "script", "style", "template"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip


class LanguageOfParts(HTMLParser):
    """Each German text found (`found`), those without an ancestor marked lang="de…"
    (`unmarked`, with the page's `url`), and the lang attributes below <html> (`marks`)."""

    def __init__(self):
        super().__init__()
        self.url, self.stack, self.found, self.unmarked, self.marks = "", [], set(), [], []

    def handle_starttag(self, tag, attrs):
        lang = dict(attrs).get("lang")
        if lang is not None and tag != "html":
            self.marks.append((tag, lang))
        if tag not in VOID:
            self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if any(tag in SKIPPED for tag, _lang in self.stack):
            return
        for text in GERMAN:
            if text in data:
                self.found.add(text)
                if not any(lang and lang.startswith("de") for _tag, lang in self.stack):
                    self.unmarked.append((self.url, data.strip()))


@pytest.fixture
def german_world(duisburg, anna):
    """Duisburg with one of everything, each written in German; Anna (the office) owns
    the measure, holds the action item and is asked in the review."""
    duisburg.summary = "Gemeinsam den Standort stärken"
    duisburg.save()
    group = BodyFactory(initiative=duisburg, name="Arbeitskreis Fachkräfte sichern")
    owner = anna.person
    owner.organization = OrganizationFactory(name="Wirtschaftsförderung Duisburg")
    owner.save()
    today = timezone.localdate()
    measure = MeasureFactory(
        initiative=duisburg,
        number=1,
        title="Glasfaser für alle Gewerbegebiete",
        description="Breitbandausbau im Hafengebiet beschleunigen.",
        body=group,
        owner=owner,
        owner_organization=owner.organization,
        status=Measure.Status.IN_PROGRESS,
        due_on=today - DAY,
    )
    MilestoneFactory(measure=measure, title="Ausschreibung veröffentlichen", due_on=today + DAY)
    now = timezone.now()
    held = Meeting.objects.create(
        initiative=duisburg,
        body=group,
        title="Sitzung zur Fachkräftestrategie",
        starts_at=now - 7 * DAY,
        ends_at=now - 7 * DAY + datetime.timedelta(hours=2),
    )
    Meeting.objects.create(
        initiative=duisburg,
        body=group,
        title="Sitzung zur Fachkräftestrategie, Teil 2",
        starts_at=now + 7 * DAY,
        ends_at=now + 7 * DAY + datetime.timedelta(hours=2),
    )
    item = AgendaItem.objects.create(
        meeting=held,
        position=1,
        title="Bericht aus den Betrieben",
        minutes="Die Ausbildungsoffensive wird fortgesetzt.",
    )
    item.measures.add(measure)
    Decision.objects.create(agenda_item=item, text="Ausbildungsbörse im Herbst")
    ActionItem.objects.create(agenda_item=item, what="Messestand vorbereiten", owner=owner)
    idea = IdeaFactory(
        body=group, title="Praktikumsbörse für Schulabgänger", text="Betriebe öffnen ihre Türen."
    )
    CommentFactory(idea=idea, author=anna, text="Gute Idee, unbedingt umsetzen.")
    CommentFactory(idea=None, agenda_item=item, author=anna, text="Gute Idee, unbedingt umsetzen!")
    answer = ReviewAnswerFactory(
        measure=measure,
        request__cycle=ReviewCycleFactory(initiative=duisburg, title="Sachstandsabfrage Frühjahr"),
        question="Wann beginnt der Ausbau?",
        achieved="Kabel im Hafen verlegt.",
    )
    slug = duisburg.slug
    cycle = answer.cycle.pk
    return {
        "members": [
            reverse("initiative_home", args=[slug]),
            reverse("measure_list", args=[slug]),
            reverse("measure_detail", args=[slug, measure.number]),
            reverse("body_list", args=[slug]),
            reverse("body_detail", args=[slug, group.pk]),
            reverse("organization_list", args=[slug]),
            reverse("meeting_list", args=[slug]),
            reverse("meeting_detail", args=[slug, held.pk]),
            reverse("agenda_item_detail", args=[slug, held.pk, item.pk]),
            reverse("idea_list", args=[slug, group.pk]),
            reverse("idea_detail", args=[slug, idea.pk]),
            reverse("review_list", args=[slug]),
            reverse("review_detail", args=[slug, cycle]),
            reverse("answer_detail", args=[slug, cycle, answer.pk]),
            # Form and confirmation pages whose heading names what they are about.
            reverse("minutes_edit", args=[slug, held.pk, item.pk]),
            reverse("decision_create", args=[slug, held.pk, item.pk]),
            reverse("measure_delete", args=[slug, measure.number]),
        ],
        "public": [
            reverse("initiative_home", args=[slug]),
            reverse("initiative_embed", args=[slug]),
        ],
    }


def read_pages(client, anna, world, language):
    """Every page of the world, Anna's in her language, the public ones in the
    language of the cookie an anonymous visitor's switch leaves."""
    anna.language = language
    anna.save(update_fields=["language"])
    parser = LanguageOfParts()
    client.force_login(anna)
    for url in world["members"]:
        read(parser, client, url)
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for url in world["public"]:
        read(parser, client, url)
    return parser


def read(parser, client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    parser.url = url
    parser.feed(response.content.decode())


def test_german_texts_on_english_pages_are_marked_german(client, anna, german_world):
    parser = read_pages(client, anna, german_world, "en")
    assert parser.found == set(GERMAN)
    assert parser.unmarked == [], "\n".join(map(str, parser.unmarked))
    assert {lang for _tag, lang in parser.marks} <= {"de", "en"}


def test_german_pages_name_no_language_of_parts(client, anna, german_world):
    parser = read_pages(client, anna, german_world, "de")
    assert parser.found == set(GERMAN)
    # Only the language switch names its own language: "English".
    assert parser.marks == [("button", "en")] * len(parser.marks)
