"""The demo's status reviews: Mülheim's closed spring-2018 review and a running one
in each initiative; the link `make demo` prints works."""

from collections import Counter
from urllib.parse import urlsplit

import pytest

from standort.home.demo import load_demo
from standort.reviews.demo import RUNNING_TITLE, SPRING_2018, demo_link
from standort.reviews.models import ReviewAnswer, ReviewCycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    return load_demo()


def test_muelheim_closed_its_spring_2018_review_with_every_traffic_light(demo):
    cycle = ReviewCycle.objects.get(initiative__slug="muelheim", title=SPRING_2018)
    assert cycle.is_closed
    assert str(cycle.deadline) == "2018-04-13"
    answers = cycle.answers.all()
    assert answers.count() == 33
    accepted = answers.filter(state=ReviewAnswer.State.ACCEPTED)
    lights = Counter(accepted.values_list("status_update__traffic_light", flat=True))
    assert set(lights) == {"green", "amber", "red"}
    assert answers.filter(state=ReviewAnswer.State.OPEN).count() == 4  # never answered
    late = [a for a in answers if a.submitted_at and a.submitted_at.date() > cycle.deadline]
    assert len(late) == 3
    # Accepted answers are the measures' status updates.
    assert all(a.status_update_id for a in answers if a.state == ReviewAnswer.State.ACCEPTED)


def test_both_initiatives_have_a_running_review(demo):
    for slug in ("muelheim", "duisburg"):
        cycle = ReviewCycle.objects.get(initiative__slug=slug, title=RUNNING_TITLE)
        assert cycle.is_running
        states = Counter(cycle.answers.values_list("state", flat=True))
        assert states["submitted"] and states["open"] and states["draft"]


def test_loading_again_changes_nothing(demo):
    assert load_demo().total == 0


def test_the_printed_link_opens_the_owners_form(demo, client):
    person, url = demo_link()
    response = client.get(urlsplit(url).path)
    assert response.status_code == 200
    assert person in response.content.decode()


def test_the_2018_report_shows_spring_2018_not_today(demo):
    """The review's snapshot, not today's catalogue: no project reported at 20 % is
    "done" in it, and its date is the day the review closed."""
    from django.utils import translation

    from standort.reports.queries import report_data

    cycle = ReviewCycle.objects.get(initiative__slug="muelheim", title=SPRING_2018)
    assert cycle.snapshot_id is not None
    with translation.override("de"):
        data = report_data(cycle)
    assert str(data.date) == "2018-04-27"
    assert data.asked == 33
    assert "done" not in {row.status for row in data.rows}
    assert all(row.progress < 100 for row in data.rows)


def test_both_initiatives_have_closed_reviews_to_compare(demo):
    """Mülheim's spring 2018 and 2019 show projects that moved either way; Duisburg's
    autumn 2025 review is its first closed one."""
    from standort.reports.comparison import compare, points
    from standort.reviews.demo import AUTUMN_2025, SPRING_2019

    muelheim = ReviewCycle.objects.get(initiative__slug="muelheim", title=SPRING_2019)
    duisburg = ReviewCycle.objects.get(initiative__slug="duisburg", title=AUTUMN_2025)
    assert muelheim.is_closed and duisburg.is_closed
    assert muelheim.snapshot_id and duisburg.snapshot_id
    assert duisburg.answers.filter(state=ReviewAnswer.State.ACCEPTED).count() >= 5

    choices = {point.key: point for point in points(muelheim.initiative)}
    spring_2018 = ReviewCycle.objects.get(initiative__slug="muelheim", title=SPRING_2018)
    result = compare(choices[f"review-{spring_2018.pk}"], choices[f"review-{muelheim.pk}"])
    assert result.counts["better"] >= 10
    assert result.counts["worse"] >= 2


def test_the_demo_has_a_past_to_compare_with(demo):
    """Its measures came into being when they were adopted: as of the end of 2019
    Duisburg's catalogue holds its measures adopted by then, with the lights accepted
    by then; "since the last meeting" does not count every measure as new."""
    import datetime

    from django.utils import timezone

    from standort.initiatives.models import Initiative
    from standort.measures.asof import catalogue_as_of
    from standort.measures.models import Measure
    from standort.measures.recent import changes_since

    duisburg = Initiative.objects.get(slug="duisburg")
    moment = timezone.make_aware(datetime.datetime(2019, 12, 31, 23, 0))
    then = catalogue_as_of(duisburg, moment)
    adopted = Measure.objects.filter(initiative=duisburg, adopted_on__lte=moment.date())
    assert len(then) >= adopted.count() > 0
    # Only what the demo adopted lately is new, not the whole catalogue.
    recent = changes_since(duisburg, timezone.now() - datetime.timedelta(days=30)).new
    assert recent < Measure.objects.filter(initiative=duisburg).count() // 4
