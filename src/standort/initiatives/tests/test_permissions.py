"""Who gets what, for every view of the initiatives and accounts apps.

One table names each view, how its address is built and what a POST sends; the
expected answer follows from the kind of view and the persona:

* "home": the initiative's start page, public description for everybody.
* "view": the members' area: anonymous → sign-in, no role here → 403.
* "manage": the project office's work: only Anna (office) and Paul (platform admin).

Three tests run the table: in Duisburg as is, with Mülheim's objects addressed through
/duisburg/ (404 by construction), and in the non-public forum (404 for outsiders)."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.urls import reverse

from standort.conftest import PERSONAS
from standort.initiatives.models import (
    Body,
    Initiative,
    InitiativeOrganization,
    InitiativePerson,
    InitiativeRole,
    Membership,
    Organization,
    Person,
)

LOGIN = "login"  # a redirect to the sign-in page
MANAGERS = {"anna", "paul"}
MEMBERS = {"olga", "ben", "stefan", "anna", "paul"}


@dataclass(frozen=True)
class Row:
    name: str
    kind: str
    target: Callable | None = None  # place → the object's id, for views of one object
    post: Callable | None = None  # place → form data; None: the view takes no POST

    def __str__(self):
        return self.name


def _pk(attr):
    return lambda place: getattr(place, attr).pk


TABLE = [
    Row("initiative_home", "home"),
    Row(
        "initiative_edit",
        "manage",
        post=lambda p: {
            "name": f"{p.initiative.name} neu",
            "city": p.initiative.city,
            "update_interval_months": 6,
            "data_licence": p.initiative.data_licence,
        },
    ),
    Row("initiative_history", "manage"),
    Row("body_list", "public"),
    Row(
        "body_create",
        "manage",
        post=lambda p: {"kind": "working_group", "name": "Arbeitskreis Neu", "position": 9},
    ),
    Row("body_detail", "public", _pk("body")),
    Row("body_history", "view", _pk("body")),
    Row(
        "body_edit",
        "manage",
        _pk("body"),
        post=lambda p: {"kind": "working_group", "name": f"{p.body.name} II", "position": 1},
    ),
    Row("body_delete", "manage", _pk("body"), post=lambda p: {}),
    Row(
        "membership_create",
        "manage",
        _pk("body"),
        post=lambda p: {"person": p.spare_person.pk, "role": "member"},
    ),
    Row("membership_edit", "manage", _pk("membership"), post=lambda p: {"role": "manager"}),
    Row("membership_delete", "manage", _pk("membership"), post=lambda p: {}),
    Row("person_list", "view"),
    Row(
        "person_create",
        "manage",
        post=lambda p: {"first_name": "Nora", "last_name": "Neumann"},
    ),
    Row("person_detail", "view", _pk("person")),
    Row("person_history", "view", _pk("person")),
    Row(
        "person_edit",
        "manage",
        _pk("person"),
        post=lambda p: {"first_name": p.person.first_name, "last_name": "Geändert"},
    ),
    Row("person_delete", "manage", _pk("person"), post=lambda p: {}),
    Row("person_invite", "manage", _pk("person"), post=lambda p: {"role": "member"}),
    Row("organization_list", "view"),
    Row(
        "organization_create",
        "manage",
        post=lambda p: {"name": "Neue Werke AG", "kind": "company"},
    ),
    Row("organization_detail", "view", _pk("organization")),
    Row("organization_history", "view", _pk("organization")),
    Row(
        "organization_edit",
        "manage",
        _pk("organization"),
        post=lambda p: {"name": f"{p.organization.name} neu", "kind": "company"},
    ),
    Row("organization_delete", "manage", _pk("organization"), post=lambda p: {}),
    Row(
        "role_list",
        "manage",
        post=lambda p: {"person": p.role.user.person.pk, "role": "steering"},
    ),
    Row("role_delete", "manage", _pk("role"), post=lambda p: {}),
]

CASES = [(row, "GET") for row in TABLE] + [(row, "POST") for row in TABLE if row.post]
OBJECT_CASES = [(row, method) for row, method in CASES if row.target]


def expected(row, method, persona):
    """The answer in an initiative where Anna, Stefan, Ben and Olga have their roles."""
    # The home page, and the public pages of a public initiative's bodies.
    if row.kind in ("home", "public"):
        return 200
    allowed = MEMBERS if row.kind == "view" else MANAGERS
    if persona in allowed:
        return 302 if method == "POST" else 200
    return LOGIN if persona == "anonymous" else 403


HISTORIES = [
    Initiative,
    Organization,
    InitiativeOrganization,
    Person,
    InitiativePerson,
    InitiativeRole,
    Body,
    Membership,
]


def recorded_changes():
    """Every write of a service leaves a history record; their number tells whether a
    request changed anything."""
    return sum(model.history.count() for model in HISTORIES)


def request(client, row, method, place, *, slug):
    kwargs = {"initiative_slug": slug}
    if row.target:
        kwargs["pk"] = row.target(place)
    url = reverse(row.name, kwargs=kwargs)
    if method == "POST":
        return client.post(url, row.post(place))
    return client.get(url)


def answer(response):
    """What the persona got, in the words of the table."""
    if response.status_code == 302:
        return LOGIN if response["Location"].startswith(reverse("login") + "?next=") else 302
    return response.status_code


def leaked(response, *places):
    page = response.content.decode()
    return [name for place in places for name in place.names if name in page]


def fresh(client, user):
    """The same client (its handler and middleware are built once) without the
    previous persona's cookies, signed in as `user`."""
    client.cookies.clear()
    if user is not None:
        client.force_login(user)
    return client


def ask_everyone(personas, row, method, place, *, slug, foreign):
    """Each persona's answer, what their request wrote, and which names of `foreign`
    places their page showed. Every request runs in a transaction that is rolled back,
    so each persona meets the same data."""
    answers, wrote, leaks = {}, {}, {}
    shared_client = Client()
    for name, user in personas.items():
        with transaction.atomic():
            client = fresh(shared_client, user)
            before = recorded_changes()
            response = request(client, row, method, place, slug=slug)
            answers[name] = answer(response)
            wrote[name] = recorded_changes() != before
            leaks[name] = leaked(response, *(foreign(name) if callable(foreign) else foreign))
            transaction.set_rollback(True)
    return answers, wrote, leaks


@pytest.fixture
def personas(world, request):
    return {
        name: None if name == "anonymous" else request.getfixturevalue(name) for name in PERSONAS
    }


NOBODY = dict.fromkeys(PERSONAS, [])


@pytest.mark.parametrize(("row", "method"), CASES, ids=[f"{r}-{m}" for r, m in CASES])
def test_duisburg(world, personas, row, method):
    answers, wrote, leaks = ask_everyone(
        personas,
        row,
        method,
        world["duisburg"],
        slug="duisburg",
        foreign=[world["muelheim"], world["forum"]],
    )

    assert answers == {p: expected(row, method, p) for p in PERSONAS}
    # Only an allowed POST changes anything.
    assert wrote == {p: method == "POST" and answers[p] == 302 for p in PERSONAS}
    assert leaks == NOBODY


@pytest.mark.parametrize(("row", "method"), OBJECT_CASES, ids=[f"{r}-{m}" for r, m in OBJECT_CASES])
def test_muelheim_object_through_duisburg_address_is_not_found(world, personas, row, method):
    """/duisburg/bodies/<id of a Mülheim body>/: whoever may use the view in Duisburg
    gets 404; whoever may not is turned away as always, before any lookup."""
    answers, wrote, leaks = ask_everyone(
        personas,
        row,
        method,
        world["muelheim"],
        slug="duisburg",
        foreign=[world["muelheim"], world["forum"]],
    )

    refused = {p: expected(row, method, p) for p in PERSONAS}
    assert answers == {p: 404 if refused[p] in (200, 302) else refused[p] for p in PERSONAS}
    assert wrote == dict.fromkeys(PERSONAS, False)
    assert leaks == NOBODY


@pytest.mark.parametrize(("row", "method"), CASES, ids=[f"{r}-{m}" for r, m in CASES])
def test_non_public_initiative_is_not_found_for_outsiders(world, personas, row, method):
    """Nobody but Paul takes part in the internal forum: for all others, anonymous
    visitors included, it does not exist."""
    outsiders = [p for p in PERSONAS if p != "paul"]
    answers, wrote, leaks = ask_everyone(
        personas,
        row,
        method,
        world["forum"],
        slug="forum",
        # Paul may see the forum's own names; nobody else may.
        foreign=lambda persona: (
            [world["duisburg"], world["muelheim"]] + ([] if persona == "paul" else [world["forum"]])
        ),
    )

    assert answers == {**dict.fromkeys(outsiders, 404), "paul": expected(row, method, "paul")}
    assert not any(wrote[p] for p in outsiders)
    assert leaks == NOBODY


def test_forum_observer_sees_the_forum(world, client):
    """The 404s above are about outsiders, not a forum that is broken for everyone."""
    client.force_login(world["forum"].role.user)
    response = client.get(reverse("body_detail", args=["forum", world["forum"].body.pk]))
    assert response.status_code == 200
    assert "Arbeitskreis Vertraulich" in response.content.decode()


def test_public_initiative_home_shows_no_members_area_to_outsiders(world, as_persona):
    for persona in ["anonymous", "eva", "clara"]:
        response = as_persona(persona).get(reverse("initiative_home", args=["duisburg"]))
        assert response.status_code == 200
        assert "Masterplan Wirtschaft Duisburg" in response.content.decode()
        assert leaked(response, world["duisburg"]) == [], persona


# Accounts, start page, health check and admin ----------------------------------------

SIGNED_IN = [p for p in PERSONAS if p != "anonymous"]


def everyone(status):
    return dict.fromkeys(PERSONAS, status)


def members_only(status):
    return {"anonymous": LOGIN, **dict.fromkeys(SIGNED_IN, status)}


ACCOUNT_TABLE = [
    ("home", {}, "GET", None, everyone(200)),
    ("healthz", {}, "GET", None, everyone(200)),
    ("login", {}, "GET", None, {"anonymous": 200, **dict.fromkeys(SIGNED_IN, 302)}),
    ("logout", {}, "GET", None, everyone(405)),
    ("logout", {}, "POST", {}, everyone(302)),
    ("password_reset", {}, "GET", None, everyone(200)),
    ("password_reset", {}, "POST", {"email": "anna@example.org"}, everyone(302)),
    ("password_reset_done", {}, "GET", None, everyone(200)),
    (
        "password_reset_confirm",
        {"uidb64": "MQ", "token": "set-password"},
        "GET",
        None,
        everyone(200),
    ),
    ("password_reset_complete", {}, "GET", None, everyone(200)),
    ("profile", {}, "GET", None, members_only(200)),
    (
        "profile",
        {},
        "POST",
        {"first_name": "Neu", "last_name": "Name", "language": "de"},
        members_only(302),
    ),
    ("set_language", {}, "GET", None, everyone(405)),
    ("set_language", {}, "POST", {"language": "de", "next": "/"}, everyone(302)),
    ("accept_invitation", {"uidb64": "MQ", "token": "abc-def"}, "GET", None, everyone(410)),
    ("accept_invitation", {"uidb64": "MQ", "token": "abc-def"}, "POST", {}, everyone(410)),
    ("admin:index", {}, "GET", None, {**everyone("admin-login"), "paul": 200}),
]


@pytest.mark.parametrize(
    ("name", "kwargs", "method", "data", "wanted"),
    ACCOUNT_TABLE,
    ids=[f"{row[0]}-{row[2]}" for row in ACCOUNT_TABLE],
)
def test_accounts_and_platform(world, personas, name, kwargs, method, data, wanted):
    url = reverse(name, kwargs=kwargs)
    answers, leaks = {}, {}
    shared_client = Client()
    for persona, user in personas.items():
        # Each persona asks as a visitor of their own; the rate limits (tested in
        # accounts/tests/test_rate_limits.py) would count them as one.
        for each in caches.all():
            each.clear()
        with transaction.atomic():
            client = fresh(shared_client, user)
            response = client.post(url, data) if method == "POST" else client.get(url)
            answers[persona] = answer(response)
            if answers[persona] == 302 and response["Location"].startswith(reverse("admin:login")):
                answers[persona] = "admin-login"
            leaks[persona] = [] if persona == "paul" else leaked(response, world["forum"])
            transaction.set_rollback(True)

    assert answers == wanted
    assert leaks == NOBODY


def test_start_page_lists_the_forum_only_to_those_who_take_part(world, as_persona):
    assert "Internes Forum" not in as_persona("anna").get("/").content.decode()
    assert "Internes Forum" in as_persona("paul").get("/").content.decode()
