"""The dialogue pages: who may use each view, another initiative's objects are not
found, what the pages show (sanitised text, marked mentions, the placeholder of a
deleted or hidden comment), and query counts that do not grow with the dialogue."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from standort.conftest import PERSONAS
from standort.core.testing import assert_access
from standort.dialog import services
from standort.dialog.models import Comment, Idea
from standort.initiatives.models import InitiativeRole, Membership
from standort.initiatives.tests.factories import (
    BodyFactory,
    MembershipFactory,
    PersonFactory,
    user_with_role,
)

from .factories import CommentFactory, IdeaFactory, SupportFactory

pytestmark = pytest.mark.django_db
EVERYONE = {"olga", "ben", "stefan", "anna", "paul"}
OFFICE = {"anna", "paul"}


@pytest.fixture
def stage(idea, comment, measure, agenda_item):
    return {"idea": idea, "comment": comment, "measure": measure, "item": agenda_item}


def _idea(s):
    return {"pk": s["idea"].pk}


def _comment(s):
    return {"pk": s["comment"].pk}


VIEWS = [
    ("idea_list", lambda s: {"body_pk": s["idea"].body_id}, "get", EVERYONE),
    ("idea_create", lambda s: {"body_pk": s["idea"].body_id}, "get", {"ben", "anna", "paul"}),
    ("idea_detail", _idea, "get", EVERYONE),
    # Paul, as platform admin, holds every permission (his edit then fails in the service).
    ("idea_edit", _idea, "get", {"ben", "paul"}),
    ("idea_support", _idea, "post", {"olga", "stefan", "anna", "paul"}),
    ("idea_to_measure", _idea, "get", OFFICE),
    ("idea_comment", _idea, "post", EVERYONE),
    ("measure_comment", lambda s: {"number": s["measure"].number}, "post", EVERYONE),
    (
        "agenda_item_comment",
        lambda s: {"meeting_pk": s["item"].meeting_id, "item_pk": s["item"].pk},
        "post",
        EVERYONE,
    ),
    ("comment_reply", _comment, "post", EVERYONE),
    ("comment_edit", _comment, "get", {"stefan", "paul"}),
    ("comment_delete", _comment, "get", {"stefan", "anna", "paul"}),
    ("comment_hide", _comment, "get", OFFICE),
    ("comment_unhide", _comment, "post", OFFICE),
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(("name", "kwargs", "method", "allowed"), VIEWS, ids=[v[0] for v in VIEWS])
def test_who_may_use_each_view(stage, as_persona, persona, name, kwargs, method, allowed):
    url = reverse(name, kwargs={"initiative_slug": "duisburg", **kwargs(stage)})
    response = getattr(as_persona(persona), method)(url, {"text": "Ein Kommentar"})
    assert_access(response, persona, allowed)


@pytest.mark.parametrize(("name", "kwargs", "method", "allowed"), VIEWS, ids=[v[0] for v in VIEWS])
def test_another_initiatives_objects_are_not_found(
    stage, as_persona, muelheim, name, kwargs, method, allowed
):
    url = reverse(name, kwargs={"initiative_slug": "muelheim", **kwargs(stage)})
    assert getattr(as_persona("paul"), method)(url, {"text": "x"}).status_code == 404


def test_public_visitors_see_nothing_of_the_dialogue(stage, client):
    home = client.get(reverse("initiative_home", args=["duisburg"])).content.decode()
    assert "Gründungslotsen" not in home
    for name, kwargs, method, _allowed in VIEWS:
        url = reverse(name, kwargs={"initiative_slug": "duisburg", **kwargs(stage)})
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Comment.objects.exclude(pk=stage["comment"].pk).exists()


def test_a_member_posts_an_idea_and_a_colleague_comments(group, as_persona, ben, olga):
    client = as_persona("ben")
    response = client.post(
        reverse("idea_create", args=["duisburg", group.pk]),
        {"title": "Gründerstammtisch", "text": "Einmal im Monat, **reihum** bei Firmen."},
    )
    idea = Idea.objects.get(title="Gründerstammtisch")
    assert response["Location"] == idea.get_absolute_url()
    client.force_login(olga)
    response = client.post(
        reverse("idea_comment", args=["duisburg", idea.pk]), {"text": "Bin dabei."}
    )
    comment = idea.comments.get()
    assert response["Location"] == f"{idea.get_absolute_url()}#comment-{comment.pk}"
    page = client.get(idea.get_absolute_url()).content.decode()
    assert "<strong>reihum</strong>" in page and "Bin dabei." in page


def test_an_empty_comment_comes_back_as_a_message(idea, as_persona):
    client = as_persona("olga")
    response = client.post(reverse("idea_comment", args=["duisburg", idea.pk]), {"text": " "})
    assert response["Location"] == idea.get_absolute_url()
    assert not idea.comments.exists()


def test_a_comment_longer_than_the_text_box_allows_is_refused_with_the_limit(measure, as_persona):
    """The nested brackets that took a page down (issue 14, 1) are refused at the door;
    where such a text was stored before, the page shows it as plain text."""
    client = as_persona("olga")
    attack = "[" * 10_000 + "x" + "](" * 10_000
    url = reverse("measure_comment", args=["duisburg", measure.number])
    response = client.post(url, {"text": attack}, headers={"accept-language": "de"}, follow=True)
    assert not measure.comments.exists()
    assert "höchstens 10000 Zeichen" in response.content.decode()
    CommentFactory(idea=None, measure=measure, author=None, text=attack)
    page = client.get(measure.get_absolute_url())
    assert page.status_code == 200
    assert "[[[[[[[[" in page.content.decode()


def test_agenda_item_comments_lead_back_to_the_agenda_item(agenda_item, as_persona):
    client = as_persona("ben")
    url = reverse("agenda_item_comment", args=["duisburg", agenda_item.meeting_id, agenda_item.pk])
    response = client.post(url, {"text": "Bitte Unterlagen vorab."})
    comment = agenda_item.comments.get()
    page = f"/duisburg/meetings/{agenda_item.meeting_id}/agenda/{agenda_item.pk}/"
    assert response["Location"] == f"{page}#comment-{comment.pk}"
    reply = client.post(reverse("comment_reply", args=["duisburg", comment.pk]), {"text": "Ja"})
    assert reply["Location"].startswith(f"{page}#comment-")
    hide = as_persona("anna").post(
        reverse("comment_hide", args=["duisburg", comment.pk]), {"reason": "Doppelt"}
    )
    assert hide["Location"] == f"{page}#comment-{comment.pk}"
    assert "Bitte Unterlagen vorab." not in client.get(page).content.decode()
    assert "Doppelt" in client.get(page).content.decode()


def test_hidden_and_deleted_comments_read_as_such(idea, comment, ben, anna, as_persona):
    reply = services.comment_post(actor=ben, comment=Comment(parent=comment, text="Genau"))
    services.comment_delete(actor=comment.author, comment=comment)
    services.comment_hide(actor=anna, comment=reply, reason="Bitte sachlich bleiben")
    page = as_persona("olga").get(idea.get_absolute_url()).content.decode()
    assert "Kommentar gelöscht" in page and "Das sollten wir" not in page
    assert "Ausgeblendet von der Geschäftsstelle: Bitte sachlich bleiben" in page
    assert "Genau" not in page


def test_an_edited_comment_says_so(comment, as_persona):
    client = as_persona("stefan")
    response = client.post(
        reverse("comment_edit", args=["duisburg", comment.pk]), {"text": "Lieber im Winter."}
    )
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    page = client.get(comment.idea.get_absolute_url()).content.decode()
    assert "Lieber im Winter." in page and "bearbeitet" in page


def test_mentions_are_marked(idea, ben, anna, as_persona):
    services.comment_post(
        actor=ben, comment=Comment(idea=idea, text="Frage an @Anna Albers <b>hier</b>")
    )
    page = as_persona("olga").get(idea.get_absolute_url()).content.decode()
    assert '<span class="mention">@Anna Albers</span>' in page


HOSTILE = (
    "<script>alert('xss')</script> Text <img src=x onerror=\"alert('img')\"> "
    "[Klick](javascript:alert('link')) <a href=\"javascript:alert('a')\">a</a> "
    '<span class="mention" onclick="alert(\'span\')">@[Anna Albers]</span>'
)


def _assert_neutralised(page):
    assert "alert('xss')" not in page.replace("&#x27;", "'").split("</script>")[-1] or (
        "<script>alert" not in page
    )
    assert "<script>alert" not in page
    assert "onerror" not in page
    # No address runs script; the words may stay as text (an HTML block keeps its text).
    assert not re.search(r"""=\s*["']?\s*javascript:""", page, re.IGNORECASE)
    assert "onclick" not in page


def test_hostile_idea_and_comment_text_is_neutralised(group, ben, anna, as_persona):
    idea = services.idea_post(actor=ben, idea=Idea(body=group, title="Idee", text=HOSTILE))
    services.comment_post(actor=ben, comment=Comment(idea=idea, text=HOSTILE))
    page = as_persona("olga").get(idea.get_absolute_url()).content.decode()
    _assert_neutralised(page)
    assert page.count('<span class="mention">@[Anna Albers]</span>') == 2


def test_hostile_comment_on_a_measure_is_neutralised(measure, ben, as_persona):
    services.comment_post(actor=ben, comment=Comment(measure=measure, text=HOSTILE))
    page = as_persona("olga").get(measure.get_absolute_url()).content.decode()
    _assert_neutralised(page)


def test_the_ideas_list_sorts_and_searches(group, ben, olga, stefan, as_persona):
    quiet = IdeaFactory(body=group, author=ben, title="Leise Idee")
    loud = IdeaFactory(body=group, author=ben, title="Laute Idee")
    popular = IdeaFactory(body=group, author=ben, title="Beliebte Idee")
    for user in (olga, stefan):
        SupportFactory(idea=popular, user=user)
    CommentFactory(idea=loud, author=olga)
    url = reverse("idea_list", args=["duisburg", group.pk])
    client = as_persona("olga")

    def titles(params):
        return [i.title for i in client.get(url, params).context["listing"].page.object_list]

    assert titles({}) == ["Beliebte Idee", "Laute Idee", "Leise Idee"]
    assert titles({"sort": "-support"})[0] == "Beliebte Idee"
    assert titles({"q": "laute"}) == ["Laute Idee"]
    page = client.get(url).content.decode()
    assert "2 Unterstützungen" in page and "1 Kommentar" in page
    assert quiet.pk


def test_the_body_page_shows_the_newest_three_ideas(group, ben, as_persona):
    for n in range(5):
        IdeaFactory(body=group, author=ben, title=f"Idee Nummer {n}")
    page = as_persona("olga").get(reverse("body_detail", args=["duisburg", group.pk]))
    shown = [i.title for i in page.context["ideas"]]
    assert shown == ["Idee Nummer 4", "Idee Nummer 3", "Idee Nummer 2"]
    assert reverse("idea_list", args=["duisburg", group.pk]) in page.content.decode()


def test_idea_and_measure_link_each_other(idea, anna, as_persona):
    client = as_persona("anna")
    confirm = client.get(reverse("idea_to_measure", args=["duisburg", idea.pk]))
    assert "Gründungslotsen im Rathaus" in confirm.content.decode()
    response = client.post(reverse("idea_to_measure", args=["duisburg", idea.pk]))
    idea.refresh_from_db()
    assert response["Location"] == idea.measure.get_absolute_url()
    measure_page = client.get(idea.measure.get_absolute_url()).content.decode()
    assert "Aus der Idee" in measure_page and idea.get_absolute_url() in measure_page
    idea_page = client.get(idea.get_absolute_url()).content.decode()
    assert "Daraus wurde Maßnahme" in idea_page


def test_a_kept_measure_page_names_an_idea_linked_later(idea, measure, as_persona):
    """The measure's page keeps its facts in the cache; the ideas line is among them."""
    client = as_persona("anna")
    assert idea.get_absolute_url() not in client.get(measure.get_absolute_url()).content.decode()
    idea.measure = measure
    idea.save()
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "Aus der Idee" in page and idea.get_absolute_url() in page


# The chair or manager of the idea's body turns it into a measure, as they turn its
# decisions into measures (issue 14, item 18) ---------------------------------------


def leader(body, role, email, *, initiative=None, ends_on=None):
    """A member of `initiative` (the body's by default) in `role` of `body`."""
    user = user_with_role(
        initiative or body.initiative,
        InitiativeRole.Role.MEMBER,
        email=email,
        first_name="Lea",
        last_name=email.split("@")[0].title(),
    )
    MembershipFactory(body=body, person=user.person_record, role=role, ends_on=ends_on)
    return user


@pytest.mark.parametrize("role", [Membership.Role.CHAIR, Membership.Role.MANAGER])
def test_the_leader_of_the_ideas_body_turns_it_into_a_measure(idea, client, role):
    carla = leader(idea.body, role, "carla@example.org")
    assert carla.has_perm("dialog.idea_to_measure", idea)
    client.force_login(carla)
    to_measure = reverse("idea_to_measure", args=["duisburg", idea.pk])
    page = client.get(idea.get_absolute_url()).content.decode()
    assert f'href="{to_measure}"' in page and "Als Maßnahme vorschlagen" in page
    assert client.get(to_measure).status_code == 200
    response = client.post(to_measure)
    idea.refresh_from_db()
    assert response["Location"] == idea.measure.get_absolute_url()
    assert idea.measure.body == idea.body
    # … and completes it, as a measure of their own group.
    edit = reverse("measure_edit", args=["duisburg", idea.measure.number])
    assert client.get(edit).status_code == 200


def test_who_leads_no_longer_or_another_body_or_initiative_may_not(idea, muelheim, client):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    other_group = BodyFactory(initiative=idea.initiative, name="Arbeitskreis Bildung")
    muelheim_group = BodyFactory(initiative=muelheim, name="Arbeitskreis Industrie Mülheim")
    denied = [
        leader(other_group, Membership.Role.CHAIR, "nachbar@example.org"),
        leader(idea.body, Membership.Role.CHAIR, "ehemals@example.org", ends_on=yesterday),
        # Mülheim's chair, who takes part in Duisburg too, and one who does not.
        leader(
            muelheim_group,
            Membership.Role.CHAIR,
            "muelheim@example.org",
            initiative=idea.initiative,
        ),
        leader(
            muelheim_group, Membership.Role.MANAGER, "nur-muelheim@example.org", initiative=muelheim
        ),
        # A member of the idea's body who leads none.
        leader(idea.body, Membership.Role.MEMBER, "mitglied@example.org"),
    ]
    to_measure = reverse("idea_to_measure", args=["duisburg", idea.pk])
    for user in denied:
        assert not user.has_perm("dialog.idea_to_measure", idea), user.email
        client.force_login(user)
        assert client.get(to_measure).status_code == 403, user.email
        assert client.post(to_measure).status_code == 403, user.email
        if user.has_perm("dialog.view_idea", idea):
            assert to_measure not in client.get(idea.get_absolute_url()).content.decode()
    idea.refresh_from_db()
    assert idea.measure_id is None


# Query counts ----------------------------------------------------------------------


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def grow(idea, users, rows):
    """`rows` comments on the idea (and its siblings), each with a reply, and supports."""
    for n in range(rows):
        author = users[n % len(users)]
        top = CommentFactory(idea=idea, author=author, text=f"Kommentar {n} an @[Anna Albers]")
        CommentFactory(idea=idea, parent=top, author=users[(n + 1) % len(users)])
        sibling = IdeaFactory(body=idea.body, author=author)
        CommentFactory(idea=sibling, author=author)
        SupportFactory(idea=sibling, user=users[(n + 1) % len(users)])


@pytest.mark.parametrize("page", ["idea_list", "idea_detail", "body_detail"])
def test_the_dialogue_pages_cost_the_same_with_many_comments(
    idea, comment, anna, ben, olga, stefan, client, page
):
    client.force_login(anna)
    args = {
        "idea_list": ["duisburg", idea.body_id],
        "idea_detail": ["duisburg", idea.pk],
        "body_detail": ["duisburg", idea.body_id],
    }[page]
    url = reverse(page, args=args)
    users = [ben, olga, stefan]
    grow(idea, users, 2)
    few = queries_for(client, url)
    grow(idea, users, 30)
    cache.clear()  # the body's page keeps its members: both visits as the first
    many = queries_for(client, url)
    assert len(many) == len(few), "\n".join(many)


def test_the_measure_page_costs_the_same_with_many_comments(measure, anna, ben, olga, client):
    client.force_login(anna)
    url = measure.get_absolute_url()
    CommentFactory(idea=None, measure=measure, author=ben)
    few = queries_for(client, url)
    for n in range(30):
        top = CommentFactory(idea=None, measure=measure, author=olga, text=f"Anmerkung {n}")
        CommentFactory(idea=None, measure=measure, parent=top, author=ben)
        IdeaFactory(body=BodyFactory(initiative=measure.initiative), measure=measure, author=ben)
    many = queries_for(client, url)
    assert len(many) == len(few), "\n".join(many)


def test_mention_candidates_are_only_people_with_a_role(idea, ben, duisburg):
    PersonFactory(first_name="Karl", last_name="Konto", initiative=duisburg)  # no account
    comment = services.comment_post(
        actor=ben, comment=Comment(idea=idea, text="@Karl Konto weiß Bescheid")
    )
    assert comment.mentions == []


def test_the_agenda_items_slot_shows_threads_and_the_form(agenda_item, ben, stefan, rf):
    first = services.comment_post(
        actor=ben, comment=Comment(agenda_item=agenda_item, text="Bitte **vorab** Unterlagen")
    )
    services.comment_post(actor=stefan, comment=Comment(parent=first, text="Kommen morgen."))
    meeting = agenda_item.meeting
    request = rf.get("/")
    request.user = stefan
    html = Template('{% load standort %}{% slot "agenda_item.sections" item %}').render(
        Context(
            {
                "request": request,
                "user": stefan,
                "initiative": meeting.initiative,
                "item": agenda_item,
            }
        )
    )
    assert "<strong>vorab</strong>" in html and "Kommen morgen." in html
    url = reverse("agenda_item_comment", args=["duisburg", meeting.pk, agenda_item.pk])
    assert f'action="{url}"' in html
    assert reverse("comment_reply", args=["duisburg", first.pk]) in html


def test_an_agenda_items_comments_cost_a_constant_number_of_queries(
    agenda_item, as_persona, duisburg, anna, django_assert_max_num_queries
):
    meeting = agenda_item.meeting
    for n in range(12):
        top = Comment.objects.create(
            initiative=duisburg, agenda_item=agenda_item, author=anna, text=f"Kommentar {n}"
        )
        Comment.objects.create(
            initiative=duisburg, agenda_item=agenda_item, author=anna, parent=top, text="Antwort"
        )
    url = reverse("agenda_item_detail", args=["duisburg", meeting.pk, agenda_item.pk])
    client = as_persona("anna")
    # The page's own queries as measured without comments, and two for all of them.
    with django_assert_max_num_queries(22):
        page = client.get(url).content.decode()
    assert "Kommentar 11" in page and "Antwort" in page
    meeting_page = as_persona("olga").get(meeting.get_absolute_url()).content.decode()
    assert "24 Kommentare" in meeting_page


def test_the_kept_agenda_shows_a_new_comment_at_once(agenda_item, as_persona, duisburg, anna):
    meeting_page = agenda_item.meeting.get_absolute_url()
    client = as_persona("anna")
    assert "0 Kommentare" in client.get(meeting_page).content.decode()
    services.comment_post(
        actor=anna, comment=Comment(initiative=duisburg, agenda_item=agenda_item, text="Hallo")
    )
    assert "1 Kommentar<" in client.get(meeting_page).content.decode()


def test_comments_of_one_person_are_limited(measure, as_persona):
    """Comments may mention people, who get mails (issue 14, item 4)."""
    from standort.dialog.views import COMMENTS

    client = as_persona("olga")
    url = reverse("measure_comment", args=["duisburg", measure.number])
    allowed = int(COMMENTS.rate.split("/")[0])
    for number in range(allowed):
        assert client.post(url, {"text": f"Beitrag {number}"}).status_code == 302
    refused = client.post(url, {"text": "Noch einer"})
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert measure.comments.count() == allowed
