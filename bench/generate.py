"""Generate a large installation for the benchmark (see README.md).

`generate(sizes)` fills the current (migrated, empty) database, SQLite or PostgreSQL,
with bulk inserts and returns the objects the benchmark needs; `bench/databases.py`
prepares the database, `python bench/run.py --generate-only` only generates.

Layout: initiative 0 is the "bench initiative" (large; the bench user runs its project
office), initiative 1 the "small initiative" (the same pages on a handful of rows, to
show that query counts do not grow with data), the others share the rest. Every person
takes part in one initiative, some in a second one. History rows are written only for
what the measured pages read of the bench and the small initiative.
"""

import random
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from standort.core.tenancy import across_initiatives

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.dialog import generate_agenda_comments, generate_dialog  # noqa: E402
from bench.evidence import generate_evidence, generate_survey  # noqa: E402
from bench.measures import (  # noqa: E402
    BENCH,
    SMALL,
    TINY_BENCH,
    MeasureSizes,
    generate_measures,
    measured_public_measure,
)
from bench.meetings import generate_meetings  # noqa: E402
from bench.reviews import generate_reviews  # noqa: E402
from bench.transfer import generate_transfer  # noqa: E402

BENCH_SLUG = "bench"
SMALL_SLUG = "bench-small"
BENCH_EMAIL = "bench@example.org"

# fmt: off
FIRST_NAMES = [
    "Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hannes", "Ida", "Jonas",
    "Katrin", "Lukas", "Marie", "Niklas", "Olga", "Paul", "Quirin", "Rita", "Stefan",
    "Tanja", "Ulrich", "Vera", "Walter", "Yasemin", "Zeynep", "Ahmet", "Birgit", "Carsten",
    "Dilara", "Emil", "Frieda", "Gregor", "Heike", "Ilse", "Jan", "Karin", "Leon", "Mia",
    "Nora", "Oskar",
]
LAST_NAMES = [
    "Albers", "Brandt", "Conrad", "Dietrich", "Engel", "Fischer", "Graf", "Hoffmann",
    "Iversen", "Jansen", "Krüger", "Lange", "Meyer", "Neumann", "Otto", "Peters", "Quast",
    "Richter", "Schulz", "Thiel", "Ulbrich", "Vogel", "Wagner", "Yilmaz", "Zimmer", "Becker",
    "Schmitz", "Koch", "Bauer", "Wolf", "Schröder", "Klein", "Schwarz", "Braun", "Hofmann",
    "Hartmann", "Lorenz",
]
CITIES = [
    "Duisburg", "Mülheim", "Essen", "Oberhausen", "Bochum", "Dortmund", "Gelsenkirchen",
    "Bottrop", "Moers", "Dinslaken",
]
ORG_WORDS = [
    "Stahl", "Hafen", "Logistik", "Chemie", "Energie", "Bau", "Technik", "Handel", "Service",
    "Medien", "Beratung", "Wasser",
]
# fmt: on
ORG_FORMS = ["GmbH", "AG", "e.V.", "KG", "eG", "Stiftung"]
FUNCTIONS = ["Geschäftsführung", "Referent", "Vorstand", "Leitung", "Sachbearbeitung", ""]


@dataclass(frozen=True)
class Sizes:
    initiatives: int = 50
    persons: int = 20_000
    organizations: int = 2_000
    bodies: int = 1_000
    memberships: int = 50_000
    # Share of persons (outside the small initiative) who take part in a second initiative.
    second_initiative_share: float = 0.1
    bench_persons: int = 2_000
    bench_bodies: int = 40
    bench_memberships: int = 1_500
    # The body whose page is measured.
    bench_body_members: int = 50
    small_persons: int = 20
    small_bodies: int = 3
    small_memberships: int = 10
    small_body_members: int = 5
    # Further accounts with a role, each linked to a person.
    users: int = 200
    # The measure catalogues of the bench and the small initiative.
    measures: MeasureSizes = BENCH
    small_measures: MeasureSizes = SMALL
    # Goals, indicators with their values, and industrial areas of the bench initiative.
    goals: int = 8
    indicators: int = 50
    indicator_values: int = 200
    sites: int = 500
    # A closed survey's answers.
    survey_responses: int = 10_000
    survey_questions: int = 30
    # The transfer platform: published offers of science institutions, needs of firms,
    # matching talks.
    transfer_offers: int = 20_000
    transfer_institutions: int = 30
    transfer_needs: int = 200
    transfer_talks: int = 300
    seed: int = 20240501


TINY = Sizes(
    initiatives=4,
    persons=120,
    organizations=30,
    bodies=16,
    memberships=150,
    bench_persons=40,
    bench_bodies=5,
    bench_memberships=30,
    bench_body_members=10,
    small_persons=8,
    small_bodies=2,
    small_memberships=6,
    small_body_members=4,
    users=6,
    measures=TINY_BENCH,
    small_measures=MeasureSizes(measures=12, milestones=40, status_updates=3),
    goals=2,
    indicators=4,
    indicator_values=6,
    sites=6,
    survey_responses=12,
    survey_questions=6,
    transfer_offers=80,
    transfer_institutions=3,
    transfer_needs=9,
    transfer_talks=12,
)


@dataclass
class Installation:
    bench: object
    small: object
    bench_body: object
    small_body: object
    user: object
    # Numbers of the measures whose page is measured (a parent with parts).
    bench_measure: int = 1
    small_measure: int = 1
    # Numbers of the public measures whose public page is measured.
    bench_public_measure: int = 1
    small_public_measure: int = 1
    # The meetings whose page is measured (a long agenda on the bench initiative).
    bench_meeting: int = 0
    small_meeting: int = 0
    # The ideas with the long threads of comments (the measured body lists the ideas).
    bench_idea: int = 0
    small_idea: int = 0
    # The ids of the two closed status reviews, the older first (the comparison).
    bench_reviews: tuple = ()
    small_reviews: tuple = ()
    # The goal and the indicator whose pages are measured.
    bench_goal: int = 0
    small_goal: int = 0
    bench_indicator: int = 0
    small_indicator: int = 0
    bench_survey: int = 0
    small_survey: int = 0
    # The topic the filtered transfer catalogue asks for, and the need whose page (with
    # its suggestions among all offers) is measured.
    bench_transfer_topic: int = 0
    small_transfer_topic: int = 0
    bench_need: int = 0
    small_need: int = 0
    counts: dict = field(default_factory=dict)


def _split(total, parts):
    """`total` as `parts` near-equal integers."""
    if parts <= 0:
        return []
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _check(sizes):
    if sizes.initiatives < 3:
        raise ValueError("at least 3 initiatives: bench, small and one other")
    others = sizes.initiatives - 2
    if sizes.persons < sizes.bench_persons + sizes.small_persons + others:
        raise ValueError("too few persons for the initiatives")
    if sizes.bodies < sizes.bench_bodies + sizes.small_bodies + others:
        raise ValueError("too few bodies for the initiatives")
    if sizes.bench_body_members > min(sizes.bench_memberships, sizes.bench_persons):
        raise ValueError("the bench body cannot have that many members")
    if sizes.small_body_members > min(sizes.small_memberships, sizes.small_persons):
        raise ValueError("the small body cannot have that many members")
    if sizes.memberships < sizes.bench_memberships + sizes.small_memberships:
        raise ValueError("too few memberships")
    if sizes.users > sizes.persons - 1:
        raise ValueError("more users than persons")


@across_initiatives()
def generate(sizes=Sizes()):
    """Fill the (migrated, empty) database. Returns an Installation."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from standort.core.history import add_summaries
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
    from standort.measures.models import Measure, Milestone, Partnership, StatusUpdate
    from standort.reviews.models import ReviewAnswer, ReviewCycle

    _check(sizes)
    rng = random.Random(sizes.seed)
    User = get_user_model()

    with transaction.atomic():
        # Organisations.
        kinds = [k for k, _label in Organization.Kind.choices]
        organizations = Organization.objects.bulk_create(
            Organization(
                name=f"{rng.choice(ORG_WORDS)}{rng.choice(ORG_WORDS).lower()} "
                f"{rng.choice(CITIES)} {rng.choice(ORG_FORMS)} {n:04d}",
                kind=rng.choice(kinds),
                website=f"https://org{n}.example.org",
                street=f"Hauptstraße {n % 200 + 1}",
                postal_code=f"{47000 + n % 999}",
                city=rng.choice(CITIES),
            )
            for n in range(sizes.organizations)
        )

        # Initiatives: 0 bench, 1 small, the rest.
        initiatives = [
            Initiative(
                slug=BENCH_SLUG,
                name="Bench-Initiative Großstadt",
                city="Duisburg",
                summary="The large initiative the benchmark measures.",
                is_public=True,
                starts_on=date(2024, 1, 1),
            ),
            Initiative(
                slug=SMALL_SLUG,
                name="Bench-Initiative Kleinstadt",
                city="Moers",
                summary="The small initiative the query counts are compared with.",
                # Public like the bench initiative, so its public page can be compared.
                is_public=True,
            ),
        ] + [
            Initiative(
                slug=f"initiative-{n:03d}",
                name=f"Standortinitiative {rng.choice(CITIES)} {n:03d}",
                city=rng.choice(CITIES),
                summary="Gemeinsam für einen starken Wirtschaftsstandort.",
                is_public=rng.random() < 0.5,
            )
            for n in range(2, sizes.initiatives)
        ]
        initiatives = Initiative.objects.bulk_create(initiatives)
        bench, small, others = initiatives[0], initiatives[1], initiatives[2:]

        # Each initiative draws its people's organisations from its own pool.
        person_counts = [sizes.bench_persons, sizes.small_persons] + _split(
            sizes.persons - sizes.bench_persons - sizes.small_persons, len(others)
        )
        org_pools = [
            rng.sample(organizations, k=min(len(organizations), max(3, count // 3)))
            for count in person_counts
        ]

        # Persons, each with a primary initiative.
        people, primary = [], []
        for index, count in enumerate(person_counts):
            pool = org_pools[index]
            for _n in range(count):
                n = len(people)
                people.append(
                    Person(
                        title="Dr." if rng.random() < 0.1 else "",
                        first_name=rng.choice(FIRST_NAMES),
                        last_name=rng.choice(LAST_NAMES),
                        function=rng.choice(FUNCTIONS),
                        organization=rng.choice(pool) if rng.random() < 0.9 else None,
                        email=f"person{n}@example.org",
                        phone=f"0203 {100000 + n}",
                    )
                )
                primary.append(index)
        people = Person.objects.bulk_create(people)
        primary_of = {person.pk: index for person, index in zip(people, primary, strict=True)}

        # Participation: the primary initiative, and for some a second one among the others.
        participants = defaultdict(list)  # initiative index -> persons
        for person, index in zip(people, primary, strict=True):
            participants[index].append(person)
        second_candidates = [p for p, i in zip(people, primary, strict=True) if i != 1]
        other_indexes = list(range(2, len(initiatives)))
        for person in rng.sample(
            second_candidates, k=int(len(second_candidates) * sizes.second_initiative_share)
        ):
            own = primary_of[person.pk]
            choices = [i for i in other_indexes if i != own]
            if choices:
                participants[rng.choice(choices)].append(person)
        InitiativePerson.objects.bulk_create(
            InitiativePerson(initiative=initiatives[index], person=person)
            for index, persons in participants.items()
            for person in persons
        )

        # Organisations: those of the participants, two of them leading.
        organization_links = []
        org_of_initiative = {}
        for index, initiative in enumerate(initiatives):
            orgs = {p.organization_id for p in participants[index] if p.organization_id}
            orgs = sorted(orgs)
            org_of_initiative[index] = orgs
            organization_links.extend(
                InitiativeOrganization(
                    initiative=initiative, organization_id=org_id, is_leading=position < 2
                )
                for position, org_id in enumerate(orgs)
            )
        organization_links = InitiativeOrganization.objects.bulk_create(organization_links)

        # Bodies: a steering committee, working groups, a conference, then sub-groups.
        body_counts = [sizes.bench_bodies, sizes.small_bodies] + _split(
            sizes.bodies - sizes.bench_bodies - sizes.small_bodies, len(others)
        )
        top, subs = [], []  # (initiative index, Body)
        for index, count in enumerate(body_counts):
            initiative = initiatives[index]
            orgs = org_of_initiative[index]
            n_subs = count // 5 if count >= 4 else 0
            n_top = count - n_subs
            for n in range(n_top):
                if n == 0:
                    kind, name = Body.Kind.STEERING_COMMITTEE, "Lenkungskreis"
                elif n == n_top - 1 and n_top > 2:
                    kind, name = Body.Kind.CONFERENCE, "Standortkonferenz"
                else:
                    kind, name = Body.Kind.WORKING_GROUP, f"Arbeitskreis {n:02d}"
                top.append(
                    (
                        index,
                        Body(
                            initiative=initiative,
                            kind=kind,
                            name=name,
                            description="Bench body.",
                            managing_organization_id=rng.choice(orgs) if orgs else None,
                            position=n,
                        ),
                    )
                )
            for n in range(n_subs):
                subs.append(
                    (
                        index,
                        Body(
                            initiative=initiative,
                            kind=Body.Kind.SUB_GROUP,
                            name=f"Unterarbeitskreis {n:02d}",
                            position=n_top + n,
                        ),
                    )
                )
        Body.objects.bulk_create([b for _i, b in top])
        working_groups = defaultdict(list)
        for index, body in top:
            if body.kind == Body.Kind.WORKING_GROUP:
                working_groups[index].append(body)
        for index, body in subs:
            body.parent = rng.choice(working_groups[index]) if working_groups[index] else None
        Body.objects.bulk_create([b for _i, b in subs])
        bodies_of = defaultdict(list)
        for index, body in top + subs:
            bodies_of[index].append(body)

        # The measured body: the first working group (else the first body).
        def measured(index):
            groups = working_groups[index]
            return groups[0] if groups else bodies_of[index][0]

        bench_body, small_body = measured(0), measured(1)

        # Memberships, unique per body and person, among the initiative's participants.
        memberships = []
        taken = set()
        today = date.today()

        def add(index, body):
            person = rng.choice(participants[index])
            if (body.pk, person.pk) in taken:
                return False
            taken.add((body.pk, person.pk))
            roll = rng.random()
            role = (
                Membership.Role.CHAIR
                if roll < 0.03
                else Membership.Role.MANAGER
                if roll < 0.06
                else Membership.Role.EXPERT
                if roll < 0.15
                else Membership.Role.GUEST
                if roll < 0.2
                else Membership.Role.MEMBER
            )
            starts_on = today - timedelta(days=rng.randrange(1, 900)) if roll < 0.5 else None
            ends_on = (
                starts_on + timedelta(days=rng.randrange(30, 400))
                if starts_on and rng.random() < 0.2
                else None
            )
            memberships.append(
                Membership(
                    body=body, person=person, role=role, starts_on=starts_on, ends_on=ends_on
                )
            )
            return True

        def fill(index, body_choices, count):
            attempts = 0
            added = 0
            while added < count and body_choices:
                attempts += 1
                if attempts > count * 20:
                    raise ValueError(f"cannot place {count} memberships in initiative {index}")
                if add(index, rng.choice(body_choices)):
                    added += 1

        # A fixed head count for the measured bodies, the rest spread over the others.
        fill(0, [bench_body], sizes.bench_body_members)
        fill(
            0,
            [b for b in bodies_of[0] if b is not bench_body],
            sizes.bench_memberships - sizes.bench_body_members,
        )
        fill(1, [small_body], sizes.small_body_members)
        fill(
            1,
            [b for b in bodies_of[1] if b is not small_body],
            sizes.small_memberships - sizes.small_body_members,
        )
        rest = sizes.memberships - sizes.bench_memberships - sizes.small_memberships
        for index, count in zip(range(2, len(initiatives)), _split(rest, len(others)), strict=True):
            fill(index, bodies_of[index], count)
        # Every body has a chair: the first member becomes one if the draw gave none.
        chaired = {m.body_id for m in memberships if m.role == Membership.Role.CHAIR}
        for membership in memberships:
            if membership.body_id not in chaired:
                membership.role = Membership.Role.CHAIR
                chaired.add(membership.body_id)
        memberships = Membership.objects.bulk_create(memberships)

        # Accounts: the bench user (office in the bench and the small initiative, linked
        # to a person of the bench initiative) and further users with a role each.
        unusable = make_password(None)
        bench_person = participants[0][0]
        user = User.objects.create(
            email=BENCH_EMAIL,
            first_name=bench_person.first_name,
            last_name=bench_person.last_name,
            password=unusable,
            language="de",
        )
        bench_person.user = user
        linked = [bench_person]
        roles = [
            InitiativeRole(initiative=bench, user=user, role=InitiativeRole.Role.OFFICE),
            InitiativeRole(initiative=small, user=user, role=InitiativeRole.Role.OFFICE),
        ]
        role_cycle = [r for r, _label in InitiativeRole.Role.choices]
        candidates = rng.sample([p for p in people if p is not bench_person], k=sizes.users)
        accounts = User.objects.bulk_create(
            User(
                email=f"user{person.pk}@example.org",
                first_name=person.first_name,
                last_name=person.last_name,
                password=unusable,
            )
            for person in candidates
        )
        for n, (person, account) in enumerate(zip(candidates, accounts, strict=True)):
            person.user = account
            linked.append(person)
            roles.append(
                InitiativeRole(
                    initiative=initiatives[primary_of[person.pk]],
                    user=account,
                    role=role_cycle[n % len(role_cycle)],
                )
            )
        Person.objects.bulk_update(linked, ["user"])
        InitiativeRole.objects.bulk_create(roles)

        bench_measure = generate_measures(
            bench, participants[0], bodies_of[0], sizes.measures, seed=sizes.seed
        )
        small_measure = generate_measures(
            small, participants[1], bodies_of[1], sizes.small_measures, seed=sizes.seed + 1
        )
        # Two closed status reviews and a running one, for the dashboard.
        bench_reviews = generate_reviews(bench, user, seed=sizes.seed, today=today)
        small_reviews = generate_reviews(small, user, seed=sizes.seed + 1, today=today)
        bench_meeting, _bench_agenda = generate_meetings(
            bench, bodies_of[0], user, seed=sizes.seed, today=today
        )
        small_meeting, _small_agenda = generate_meetings(
            small,
            bodies_of[1],
            user,
            seed=sizes.seed + 1,
            today=today,
            per_body=3,
            agenda_items=3,
            invited=5,
        )
        # The dialogue: 500 ideas in the measured body, 200 comments on the measured
        # meeting's agenda; a handful on the small initiative.
        bench_users = _accounts_of(User, InitiativeRole, bench)
        small_users = _accounts_of(User, InitiativeRole, small)
        bench_dialog = generate_dialog(
            bench, bench_body, participants[0], bench_users, seed=sizes.seed
        )
        small_dialog = generate_dialog(
            small, small_body, participants[1], small_users, seed=sizes.seed + 1, ideas=5
        )
        generate_agenda_comments(_bench_agenda, bench_users, count=200, seed=sizes.seed)
        generate_agenda_comments(_small_agenda, small_users, count=3, seed=sizes.seed + 1)
        # Evidence: 50 indicators × 200 values and 500 industrial areas; a few on the small.
        bench_evidence = generate_evidence(
            bench,
            user,
            seed=sizes.seed,
            indicators=sizes.indicators,
            values=sizes.indicator_values,
            sites=sizes.sites,
            goals=sizes.goals,
        )
        bench_survey = generate_survey(
            bench,
            user,
            seed=sizes.seed,
            responses=sizes.survey_responses,
            questions=sizes.survey_questions,
        )
        # As many questions (of every kind) as the bench's, but few answers: its query
        # count is what the bench survey's must not exceed.
        small_survey = generate_survey(
            small, user, seed=sizes.seed + 1, responses=6, questions=sizes.survey_questions
        )
        small_evidence = generate_evidence(
            small, user, seed=sizes.seed + 1, indicators=3, values=5, sites=5, goals=2
        )
        # The transfer platform: 20,000 offers of 30 institutions, 200 needs, 300 talks.
        bench_transfer = generate_transfer(
            bench,
            participants[0],
            user,
            seed=sizes.seed,
            offers=sizes.transfer_offers,
            institutions=sizes.transfer_institutions,
            needs=sizes.transfer_needs,
            talks=sizes.transfer_talks,
        )
        small_transfer = generate_transfer(
            small,
            participants[1],
            user,
            seed=sizes.seed + 1,
            offers=40,
            institutions=2,
            needs=5,
            talks=5,
            waiting=2,
        )

        # History for what the measured pages read: initiatives, and the organisation
        # links, bodies and memberships of the bench and the small initiative.
        measured_ids = {bench.pk, small.pk}
        measured_bodies = bodies_of[0] + bodies_of[1]
        body_ids = {b.pk for b in measured_bodies}
        for model, objects in [
            (Initiative, initiatives),
            (
                InitiativeOrganization,
                [link for link in organization_links if link.initiative_id in measured_ids],
            ),
            (Body, measured_bodies),
            (Membership, [m for m in memberships if m.body_id in body_ids]),
        ]:
            records = model.history.bulk_history_create(objects, default_user=user)
            add_summaries(model, records, objects)

    from standort.indicators.models import Indicator, Observation, Site
    from standort.surveys.models import Answer, Response
    from standort.transfer.models import Need, Offer, Talk

    counts = {
        model.__name__: model.objects.count()
        for model in (
            Initiative,
            Person,
            Organization,
            Body,
            Membership,
            InitiativePerson,
            InitiativeOrganization,
            InitiativeRole,
            User,
            Measure,
            Milestone,
            Partnership,
            StatusUpdate,
            ReviewCycle,
            ReviewAnswer,
            Indicator,
            Observation,
            Site,
            Response,
            Answer,
            Offer,
            Need,
            Talk,
        )
    }
    return Installation(
        bench=bench,
        small=small,
        bench_body=bench_body,
        small_body=small_body,
        user=user,
        bench_measure=bench_measure,
        small_measure=small_measure,
        bench_public_measure=measured_public_measure(bench),
        small_public_measure=measured_public_measure(small),
        bench_meeting=bench_meeting.pk,
        small_meeting=small_meeting.pk,
        bench_idea=bench_dialog.idea,
        small_idea=small_dialog.idea,
        bench_reviews=tuple(c.pk for c in bench_reviews[:2]),
        small_reviews=tuple(c.pk for c in small_reviews[:2]),
        bench_goal=bench_evidence.goal,
        small_goal=small_evidence.goal,
        bench_indicator=bench_evidence.indicator,
        small_indicator=small_evidence.indicator,
        bench_survey=bench_survey,
        small_survey=small_survey,
        bench_transfer_topic=bench_transfer.topic,
        small_transfer_topic=small_transfer.topic,
        bench_need=bench_transfer.need,
        small_need=small_transfer.need,
        counts=counts,
    )


def _accounts_of(User, InitiativeRole, initiative):
    """The accounts with a role in `initiative`, the bench user first."""
    roles = InitiativeRole.objects.filter(initiative=initiative).values("user_id")
    return list(User.objects.filter(pk__in=roles).order_by("pk"))
