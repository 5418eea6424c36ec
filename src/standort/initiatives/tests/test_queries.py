"""Query-count guards: each page costs as many queries with 40 rows as with 3, and the
number is pinned, so a new query on a page is a decision someone makes on purpose."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from standort.initiatives.models import Body, Membership

from .factories import (
    BodyFactory,
    InitiativeOrganizationFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
)

# Every page of a signed-in member has the same five queries: the session, the user,
# the initiative from the URL and the user's roles (InitiativeMiddleware), and the
# header's count of unread notifications.
REQUEST = 5

PAGES = {
    # the dashboard (views.home): the stamp of the data its cached part shows (the
    # newest history record of measures, milestones, status updates, bodies, people and
    # reviews, one query); on a miss, as here: the live measures counted by working
    # group, status, traffic light, overdue and stale flag (one GROUP BY); the bodies'
    # names; the first overdue measures; the upcoming milestones with their count; the
    # first measures not up to date; the running and closed status reviews (none here:
    # the answer rate and the changes between two closed reviews would be two more);
    # the caller's own measures (measures.queries.measures_of_person); the history:
    # initiative and leading-partner records in one query (their authors would be one
    # more; the factories record none, names of what changed are stored in the
    # record); the leading organisations; the next meetings (in the cached part) and
    # the caller's open action items and the status reports running reviews wait for
    # from them (reviews.queries.pending_answers_of); the caller's last visit (on a
    # visit after the first; the first one writes it) and the last meeting of the
    # deciding body (home.views._since, here without changes to count since); the key
    # indicators with their newest two values (in the cached part).
    "initiative_home": REQUEST + 16,
    # the body with the stamp of what its page shows (queries.body_head); on a first
    # visit, the page it keeps: the body with parent and managing organisation; its
    # members with person and organisation; its sub-groups; the history: body and
    # membership records in one query (their authors would be one more; the factories
    # record none); its three newest ideas with author and counts
    # (dialog.queries.newest_ideas); whether the user follows the body (their own
    # choice, then whether they follow it automatically); what the page keeps of the
    # apps above: the body's first measures with their traffic light and count
    # (measures.queries.body_measures), its next and its latest past meetings, one
    # query each (meetings.queries.body_meetings).
    "body_detail": REQUEST + 11,
    # count for the pager; the bodies with parent, managing organisation and member
    # count; their chairs and managers.
    "body_list": REQUEST + 3,
    # count for the pager; the people with organisation and account; their
    # memberships in this initiative's bodies.
    "person_list": REQUEST + 3,
    # count for the pager; the organisations with leading flag and participant count.
    "organization_list": REQUEST + 2,
}


def grow(initiative, steering, rows):
    """Per row: an organisation with a person, a working group that organisation
    manages with the person as chair, the person in the steering committee (roles
    taking turns) and a sub-group below the steering committee."""
    start = Body.objects.filter(initiative=initiative).count()
    roles = list(Membership.Role)
    for n in range(start, start + rows):
        organization = OrganizationFactory(name=f"Firma {n:02}")
        InitiativeOrganizationFactory(
            initiative=initiative, organization=organization, is_leading=n % 10 == 0
        )
        person = PersonFactory(
            last_name=f"Person {n:02}", organization=organization, initiative=initiative
        )
        group = BodyFactory(
            initiative=initiative, name=f"Arbeitskreis {n:02}", managing_organization=organization
        )
        MembershipFactory(body=group, person=person, role=Membership.Role.CHAIR)
        MembershipFactory(body=steering, person=person, role=roles[n % len(roles)])
        BodyFactory(
            initiative=initiative,
            name=f"Unterarbeitskreis {n:02}",
            parent=steering,
            kind=Body.Kind.SUB_GROUP,
        )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


@pytest.mark.parametrize("page", PAGES)
def test_the_query_count_does_not_grow_with_the_rows(client, duisburg, anna, page):
    """Anna (office) sees the most: the history and the management links."""
    steering = BodyFactory(
        initiative=duisburg, kind=Body.Kind.STEERING_COMMITTEE, name="Lenkungskreis"
    )
    args = ["duisburg", steering.pk] if page == "body_detail" else ["duisburg"]
    url = reverse(page, args=args)
    client.force_login(anna)
    client.get(url)  # the first visit of the dashboard notes it

    grow(duisburg, steering, 3)
    few = queries_for(client, url)
    grow(duisburg, steering, 37)
    many = queries_for(client, url)

    assert len(many) == len(few), "\n".join(many)
    assert len(few) == PAGES[page], "\n".join(few)
    if page == "body_detail":
        # Kept while the stamp holds: the body with the stamp, its ideas, the follow.
        kept = queries_for(client, url)
        assert len(kept) == REQUEST + 4, "\n".join(kept)


def test_a_member_without_history_needs_fewer_queries(client, duisburg, ben):
    """Ben sees no history on the home page: its query is left out."""
    steering = BodyFactory(initiative=duisburg, kind=Body.Kind.STEERING_COMMITTEE)
    client.force_login(ben)
    client.get(reverse("initiative_home", args=["duisburg"]))  # notes the first visit
    grow(duisburg, steering, 3)
    few = queries_for(client, reverse("initiative_home", args=["duisburg"]))
    grow(duisburg, steering, 10)
    many = queries_for(client, reverse("initiative_home", args=["duisburg"]))
    assert len(few) == len(many) == PAGES["initiative_home"] - 1
