"""The demo's transfer platform of Mülheim (standort.transfer.demo): offers of every kind
from the institutions' transfer offices, the firms' needs, twenty matching talks with
their outcomes and three to come, the demo's transfer officer, and the platform's share
of cooperating firms next to the survey's."""

from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from standort.core.tenancy import initiative_scope
from standort.indicators.models import Indicator
from standort.initiatives.models import Initiative, Organization
from standort.transfer import demo, queries
from standort.transfer.models import Need, Offer, Talk, Topic

pytestmark = pytest.mark.django_db


def test_the_tables_agree_with_each_other():
    """Every talk's need is its firm's and its offer its institution's; no two talks
    share the key the loader finds them by; every topic named is in the vocabulary."""
    offers = {row[0]: key for key, rows in demo.OFFERS.items() for row in rows}
    needs = {row[1]: row[0] for row in demo.NEEDS}
    assert len(offers) == sum(len(rows) for rows in demo.OFFERS.values())
    assert len(needs) == len(demo.NEEDS)
    keys = Counter(row[:4] for row in demo.TALKS)
    assert [key for key, n in keys.items() if n > 1] == []
    for firm, institution, need, offer, *_rest in demo.TALKS:
        assert need is None or needs[need] == firm, need
        assert offer is None or offers[offer] == institution, offer
    named = {t for rows in demo.OFFERS.values() for row in rows for t in row[2]}
    named |= {t for row in demo.NEEDS for t in row[2]}
    assert named <= set(demo.TOPICS)


def test_muelheim_has_a_transfer_platform(client):
    # Through the command: the demo's loader lives in the home app, above this one.
    call_command("load_demo", stdout=StringIO())
    muelheim = Initiative.objects.get(slug="muelheim")
    today = timezone.localdate()
    with initiative_scope(muelheim):
        assert 10 <= Topic.objects.count() <= 12
        offers = Offer.objects.all()
        assert 38 <= offers.count() <= 45
        assert set(offers.values_list("kind", flat=True)) == set(Offer.Kind.values)
        centre = offers.get(
            title="Innovationszentrum für Gründer und Industrieunternehmen an der HRW"
        )
        assert centre.is_public and centre.institution.name == "Hochschule Ruhr West"
        states = Counter(offers.values_list("state", flat=True))
        assert states[Offer.State.SUBMITTED] == 2 and states[Offer.State.WITHDRAWN] == 1
        assert offers.filter(state=Offer.State.PUBLISHED, valid_until__lt=today).count() == 1
        assert not offers.filter(contact=None).exists()
        for offer in offers.select_related("contact"):
            assert offer.contact.organization_id == offer.institution_id, offer
            assert offer.search_text

        needs = Need.objects.all()
        assert 23 <= needs.count() <= 27
        assert {n.company.kind for n in needs.select_related("company")} == {"company"}
        assert set(needs.values_list("visibility", flat=True)) == set(Need.Visibility.values)
        assert needs.filter(state=Need.State.CLOSED).exists()
        ages = [(today - timezone.localdate(n.created_at)).days for n in needs]
        assert max(ages) > 365 and min(ages) < 60

        talks = Talk.objects.all()
        held = talks.filter(starts_at__lte=timezone.now())
        assert held.count() == 20
        assert held.filter(outcome="").count() == 0
        assert set(held.values_list("outcome", flat=True)) == set(Talk.Outcome.values) - {""}
        coming = talks.filter(starts_at__gt=timezone.now())
        assert coming.count() == 3 and not coming.exclude(outcome="").exists()
        for talk in talks.select_related("need", "offer"):
            assert talk.need is None or talk.need.company_id == talk.company_id, talk
            assert talk.offer is None or talk.offer.institution_id == talk.institution_id
            assert talk.participants.count() >= 2, talk

        effect = queries.effect(muelheim)
        assert 5 <= len(effect.quarters) <= 6  # six on most days of the year
        assert 0 < effect.firms_cooperating < effect.firms
        survey = Indicator.objects.get(name="Anteil der Betriebe mit Wissenschaftskooperation")
        platform = Indicator.objects.get(
            name="Anteil der Betriebe mit vereinbarter Wissenschaftskooperation (Transferplattform)"
        )
        assert platform.goal == survey.goal is not None
        (value,) = platform.observations.values_list("value", flat=True)
        assert value == Decimal(str(effect.share))

    officer = get_user_model().objects.get(email="transfer@example.org")
    assert officer.has_perm("transfer.add_offer", muelheim)
    assert officer.has_perm("transfer.match", muelheim)
    assert not officer.has_perm("transfer.manage", muelheim)
    assert officer.person.organization.kind == Organization.Kind.SCIENCE
    # The officer's catalogue shows the HRW's offers waiting for approval too.
    client.force_login(officer)
    page = client.get("/muelheim/transfer/").content.decode()
    assert "Innovationszentrum für Gründer und Industrieunternehmen an der HRW" in page
    assert "Additive Fertigung: Prototypen aus dem 3D-Drucker" in page
    # Among the talks are first talks about a need, without an offer.
    page = client.get("/muelheim/transfer/talks/").content.decode()
    assert "Gießereisand wiederverwenden" in page
