"""The transfer platform of an initiative as the permission and visibility tests meet
it, and its two personas of its own:

* Theo is a transfer officer: a member of Duisburg whose person belongs to the
  Hochschule Rheinufer, a science institution.
* Fritz works for a firm: a member of Duisburg whose person belongs to Stahlbau
  Rheinhausen GmbH, a company.

Each initiative's place has a published offer of its university (the one Theo's
person belongs to in Duisburg), a public need of its firm (Fritz's in Duisburg), a need
of another firm shown to transfer officers only, a talk held a week ago, a topic and
an indicator, all with names no other initiative uses."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from standort.indicators.models import Indicator
from standort.indicators.tests.factories import IndicatorFactory
from standort.initiatives.models import InitiativeRole, Organization, Person
from standort.initiatives.tests.factories import (
    InitiativeOrganizationFactory,
    OrganizationFactory,
    PersonFactory,
    user_with_role,
)
from standort.measures.search import fold
from standort.transfer.models import Need, Offer, Talk, Topic

from .factories import NeedFactory, OfferFactory, TalkFactory, TopicFactory


@dataclass
class Place:
    """The transfer objects of one initiative that the views address by id."""

    initiative: object
    university: Organization
    institute: Organization  # another science institution of the initiative
    firm: Organization
    other_firm: Organization
    offer_contact: Person
    need_contact: Person
    topic: Topic
    offer: Offer
    need: Need  # public
    secret_need: Need  # for transfer officers only
    talk: Talk
    indicator: Indicator
    names: tuple  # visible names that belong to this initiative only


def organization(initiative, name, kind):
    made = OrganizationFactory(name=name, kind=kind)
    InitiativeOrganizationFactory(initiative=initiative, organization=made)
    return made


def offer(**fields):
    """An offer as the service leaves it: with its folded search text."""
    fields.setdefault("description", "Werkstoffprüfung im Labor der Hochschule.")
    made = OfferFactory(**fields)
    made.search_text = fold(f"{made.title} {made.description} {made.conditions}")
    made.save(update_fields=["search_text"])
    return made


def need(**fields):
    """A need as the service leaves it: with its folded search text."""
    made = NeedFactory(**fields)
    made.search_text = fold(f"{made.title} {made.problem}")
    made.save(update_fields=["search_text"])
    return made


def populate(initiative, *, n, university, institute, firm, other_firm, topic, titles, place):
    """`titles`: the offer's, the public need's and the secret need's."""
    science, company = Organization.Kind.SCIENCE, Organization.Kind.COMPANY
    the_university = organization(initiative, university, science)
    the_institute = organization(initiative, institute, science)
    the_firm = organization(initiative, firm, company)
    the_other_firm = organization(initiative, other_firm, company)
    offer_contact = PersonFactory(
        first_name="Lena",
        last_name=f"Labor{n}",
        email=f"labor{n}@hochschule.example",
        phone=f"0203 555-10{n}",
        organization=the_university,
        initiative=initiative,
    )
    need_contact = PersonFactory(
        first_name="Max",
        last_name=f"Meister{n}",
        email=f"meister{n}@firma.example",
        phone=f"0203 555-20{n}",
        organization=the_firm,
        initiative=initiative,
    )
    the_topic = TopicFactory(initiative=initiative, name=topic)
    the_offer = offer(
        initiative=initiative,
        institution=the_university,
        title=titles[0],
        contact=offer_contact,
        topics=[the_topic],
    )
    public_need = need(
        initiative=initiative,
        company=the_firm,
        title=titles[1],
        contact=need_contact,
        visibility=Need.Visibility.PUBLIC,
        topics=[the_topic],
    )
    secret_need = need(
        initiative=initiative,
        company=the_other_firm,
        title=titles[2],
        visibility=Need.Visibility.OFFICERS,
        topics=[the_topic],
    )
    talk = TalkFactory(
        initiative=initiative,
        company=the_firm,
        institution=the_university,
        need=public_need,
        offer=the_offer,
        starts_at=timezone.now() - datetime.timedelta(days=7),
        place=place,
    )
    talk.participants.set([offer_contact, need_contact])
    indicator = IndicatorFactory(initiative=initiative, name=f"Kooperationsquote {topic}")
    return Place(
        initiative=initiative,
        university=the_university,
        institute=the_institute,
        firm=the_firm,
        other_firm=the_other_firm,
        offer_contact=offer_contact,
        need_contact=need_contact,
        topic=the_topic,
        offer=the_offer,
        need=public_need,
        secret_need=secret_need,
        talk=talk,
        indicator=indicator,
        names=(university, institute, firm, other_firm, topic, *titles, place, indicator.name),
    )


def duisburg_place(duisburg):
    return populate(
        duisburg,
        n=1,
        university="Hochschule Rheinufer",
        institute="Institut für Hafenlogistik",
        firm="Stahlbau Rheinhausen GmbH",
        other_firm="Kranbau Ruhrort KG",
        topic="Schweißtechnik",
        titles=(
            "Prüflabor für Schweißnähte",
            "Schweißnähte automatisch prüfen",
            "Vertraulich: Rissbildung an Kranträgern",
        ),
        place="Laborhalle Neudorf",
    )


def muelheim_place(muelheim):
    return populate(
        muelheim,
        n=2,
        university="Hochschule Styrum",
        institute="Institut Speldorf",
        firm="Walzwerk Styrum GmbH",
        other_firm="Armaturen Saarn AG",
        topic="Gießtechnik",
        titles=(
            "Gießerei-Simulation",
            "Gussfehler früh erkennen",
            "Vertraulich: Lunker im Pumpengehäuse",
        ),
        place="Technikum Broich",
    )


def forum_place(internal):
    return populate(
        internal,
        n=3,
        university="Akademie Werden",
        institute="Labor Kettwig",
        firm="Gießerei Werden AG",
        other_firm="Pumpen Kettwig GmbH",
        topic="Oberflächentechnik",
        titles=(
            "Beschichtungen im Test",
            "Korrosionsschutz für Pumpen",
            "Vertraulich: Schichtdicke schwankt",
        ),
        place="Seminarraum Heisingen",
    )


def officer(initiative, institution, *, email="theo@example.org", first="Theo", last="Transfer"):
    """A member of `initiative` whose person belongs to the science `institution`."""
    user = user_with_role(
        initiative, InitiativeRole.Role.MEMBER, email=email, first_name=first, last_name=last
    )
    user.person_record.organization = institution
    user.person_record.save()
    return user


def firm_person(initiative, company, *, email="fritz@example.org", first="Fritz", last="Fabrik"):
    """A member of `initiative` whose person belongs to the company `company`."""
    user = user_with_role(
        initiative, InitiativeRole.Role.MEMBER, email=email, first_name=first, last_name=last
    )
    user.person_record.organization = company
    user.person_record.save()
    return user
