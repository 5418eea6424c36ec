"""A chair's or manager's rights over the measures of their working group last as long
as the role: they are read once per request, not kept on the user object, so the next
request after the role ends, and any check outside a request, already says no."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from standort.core.memo import RequestMemoMiddleware
from standort.initiatives.models import Membership
from standort.measures.rules import led_bodies

pytestmark = pytest.mark.django_db


def end_chair(carl):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Membership.objects.filter(person=carl.person_record).update(ends_on=yesterday)


def in_one_request(check):
    return RequestMemoMiddleware(lambda request: check())(None)


def test_the_role_ends_with_the_next_request(client, carl, measures):
    edit = reverse("measure_edit", args=["duisburg", measures["duisburg"].measure.number])
    client.force_login(carl)
    assert client.get(edit).status_code == 200
    end_chair(carl)
    assert client.get(edit).status_code == 403


def test_outside_a_request_nothing_is_kept(carl, measures):
    measure = measures["duisburg"].measure
    assert carl.has_perm("measures.change_measure", measure)
    end_chair(carl)
    assert not carl.has_perm("measures.change_measure", measure)


def test_one_request_reads_the_roles_once(carl, measures, django_assert_num_queries):
    group = measures["duisburg"].group

    def twice():
        first = led_bodies(carl)
        end_chair(carl)
        return first, led_bodies(carl)

    with django_assert_num_queries(2):  # the roles, the update
        first, second = in_one_request(twice)
    assert first == second == {group.pk}
    assert led_bodies(carl) == frozenset()
