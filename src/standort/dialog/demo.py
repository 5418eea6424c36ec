"""Demo dialogue (DESIGN.md, "Demo data").

* Duisburg: two to four ideas in each Arbeitskreis, with comments and replies by
  members of the body, a few supports; one idea has become a proposed measure; a few
  comments on measures.
* Mülheim: a couple of ideas in the Arbeitskreis where the demo member sits.

Authors are members of the body. Most of the seed's people have no account; the
chair, the manager and two further members of each body with ideas get one here
(role "member", no usable password: they cannot sign in, they only sign what they
wrote). Ideas and comments go through this app's services, so mentions and history
are recorded as on the site; their dates are then moved into the past. An idea that
exists already (by body and title) is left alone with its comments, and a comment on
a measure by its text, which makes loading the demo again a no-op."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from standort.core.services import save
from standort.initiatives import services as initiative_services
from standort.initiatives.models import Body, InitiativeRole, Membership
from standort.measures import services as measure_services
from standort.measures.custom_fields import to_stored
from standort.measures.models import CustomField, Measure, Partnership

from . import services
from .models import Comment, Idea, Support

# Per body: ideas as (title, text, days ago, comments, supporters, becomes a measure).
# A comment is (author index, text, replies); a reply is (author index, text). Author
# index n is the n-th of the body's authors (chair, manager, members by name), taken
# modulo their number; supporters are author indexes too.
IDEAS = {
    "duisburg": {
        "Mittelstand und Gründung": [
            (
                "Gründungslotse im Rathaus",
                "Wer in Duisburg gründet, muss heute mit fünf Stellen sprechen: "
                "Gewerbeamt, Bauordnung, Ordnungsamt, Finanzamt und Kammer. Ein "
                "**Gründungslotse** im Rathaus begleitet Gründerinnen und Gründer durch alle "
                "Verfahren und ist ihre feste Ansprechperson.\n\n"
                "- ein Termin statt fünf\n- Rückmeldung innerhalb von zehn Arbeitstagen\n"
                "- Lotse kennt die Förderprogramme von Land und NRW.BANK",
                40,
                [
                    (
                        1,
                        "Das passt gut zum Serviceversprechen der Verwaltung. Wir sollten "
                        "mit der GFW klären, ob der Lotse dort oder im Rathaus sitzt.",
                        [
                            (0, "Im Rathaus – sonst ist es wieder eine Stelle mehr."),
                            (
                                2,
                                "@Katrin Schäfer, die IHK könnte zwei Sprechtage im Monat "
                                "beisteuern.",
                            ),
                        ],
                    ),
                    (3, "Bitte auch an Nachfolgen denken, nicht nur an Neugründungen.", []),
                ],
                [1, 2, 3],
                True,
            ),
            (
                "Gewerbesteuer-Rechner für Gründungen",
                "Ein einfacher Online-Rechner zeigt, was an Gewerbesteuer und Gebühren "
                "auf ein junges Unternehmen zukommt – im Vergleich mit den Nachbarstädten. "
                "Das schafft Transparenz und nimmt Ängste.",
                25,
                [
                    (
                        2,
                        "Der Vergleich mit den Nachbarstädten wird politisch heikel. "
                        "Vielleicht erst einmal nur die Duisburger Zahlen?",
                        [(1, "Einverstanden, der Vergleich kann später kommen.")],
                    ),
                ],
                [0, 3],
                False,
            ),
            (
                "Gründerstammtisch reihum in Betrieben",
                "Einmal im Quartal lädt ein mittelständischer Betrieb Gründerinnen und "
                "Gründer ein: Betriebsbesichtigung, kurzer Vortrag, Austausch. So entstehen "
                "Kontakte zwischen etablierten und jungen Unternehmen.",
                9,
                [(3, "Wir wären im Frühjahr gern Gastgeber.", [])],
                [2],
                False,
            ),
        ],
        "Infrastruktur, Umwelt und Energie": [
            (
                "Baustellenkalender für Gewerbegebiete",
                "Ein gemeinsamer Baustellenkalender von Stadt, Straßen.NRW und Versorgern "
                "zeigt Unternehmen in Gewerbegebieten frühzeitig, wann Zufahrten gesperrt "
                "sind. Speditionen können Touren danach planen.",
                33,
                [
                    (
                        2,
                        "Für die Hafenlogistik wäre das sehr wertvoll. Die Daten gibt es, "
                        "sie liegen nur an verschiedenen Stellen.",
                        [(0, "Ich spreche das im nächsten Termin mit Straßen.NRW an.")],
                    ),
                ],
                [1, 2],
                False,
            ),
            (
                "Glasfaser-Sprechstunde für Unternehmen",
                "Viele Betriebe wissen nicht, ob und wann ihr Standort ans Glasfaser kommt. "
                "Eine monatliche Sprechstunde der Breitbandkoordination beantwortet das "
                "konkret je Adresse.",
                14,
                [(3, "Gern auch als Online-Termin.", [(1, "Machen wir beides.")])],
                [0],
                False,
            ),
        ],
        "Image und internationales Profil": [
            (
                "Duisburg-Botschafter aus der Wirtschaft",
                "Unternehmerinnen und Unternehmer, die international unterwegs sind, "
                "werben als Botschafter für den Standort – mit einem gemeinsamen Foliensatz "
                "und Gastgeschenken aus Duisburg.",
                28,
                [
                    (
                        1,
                        "Ein gemeinsamer Foliensatz ist überfällig. Die GFW kann ihn pflegen.",
                        [(2, "Bitte zweisprachig, Deutsch und Englisch.")],
                    ),
                    (3, "Wir könnten auf der transport logistic damit anfangen.", []),
                ],
                [0, 2, 3],
                False,
            ),
            (
                "Hafen-Erlebnistag für Schulklassen",
                "Einmal im Jahr öffnen Hafen und Logistikbetriebe ihre Tore für "
                "Schulklassen. Das stärkt das Bild Duisburgs als Logistikdrehscheibe bei "
                "den Fachkräften von morgen.",
                6,
                [],
                [1],
                False,
            ),
        ],
        "Familienfreundlichkeit": [
            (
                "Betriebsübergreifende Ferienbetreuung",
                "Mehrere Unternehmen organisieren gemeinsam eine Ferienbetreuung für die "
                "Kinder ihrer Beschäftigten. Kleine Betriebe allein könnten das nicht "
                "stemmen.",
                21,
                [
                    (
                        2,
                        "Das Lokale Bündnis für Familie hat dafür schon ein Konzept.",
                        [(0, "Sehr gut, dann laden wir das Bündnis zur nächsten Sitzung ein.")],
                    ),
                ],
                [1, 2, 3],
                False,
            ),
            (
                "Spielplatzpatenschaften",
                "Unternehmen übernehmen Patenschaften für Spielplätze in ihrem Stadtteil: "
                "Spenden für Geräte, ein Aktionstag im Jahr.",
                12,
                [(1, "Bitte mit dem Grünflächenamt abstimmen.", [])],
                [],
                False,
            ),
        ],
        "Bildung, Integration und Technologie": [
            (
                "Ausbildungsbotschafter an Schulen",
                "Auszubildende aus Duisburger Betrieben berichten in den Abschlussklassen "
                "von ihrer Ausbildung – auf Augenhöhe und in der Sprache der Schülerinnen "
                "und Schüler.",
                30,
                [
                    (
                        3,
                        "Bei uns hat das gut funktioniert, die Bewerbungen sind gestiegen.",
                        [(1, "Können Sie das in der nächsten Sitzung kurz vorstellen?")],
                    ),
                ],
                [0, 2],
                False,
            ),
            (
                "Sprachkurse im Betrieb",
                "Berufsbezogene Deutschkurse direkt im Betrieb, in der Arbeitszeit, "
                "gefördert über die Agentur für Arbeit.",
                16,
                [(2, "Das Jobcenter hat dafür Mittel – ich kläre die Bedingungen.", [])],
                [0, 3],
                False,
            ),
            (
                "Tag der Technik mit der Hochschule",
                "Universität, Fraunhofer und Betriebe zeigen an einem Samstag, woran sie "
                "forschen und was sie bauen. Für Familien, Schulen und Fachkräfte.",
                4,
                [],
                [],
                False,
            ),
        ],
    },
    "muelheim": {
        "Standortprofil und Akzeptanz der Industrie": [
            (
                "Industrie-Tage der offenen Tür",
                "An einem Wochenende im Herbst öffnen Mülheimer Industriebetriebe ihre "
                "Werkstore. Ein gemeinsamer Plan zeigt, wo es was zu sehen gibt.",
                18,
                [
                    (
                        0,
                        "Die Betriebsräte sind bereit, Führungen zu übernehmen.",
                        [(1, "Sehr gut – das macht es glaubwürdig.")],
                    ),
                ],
                [1, 2],
                False,
            ),
            (
                "Azubi-Blog „Mülheim macht Industrie“",
                "Auszubildende schreiben abwechselnd über ihren Alltag im Betrieb. Die "
                "Stadt verlinkt den Blog auf ihrer Seite.",
                7,
                [(2, "Bitte mit Fotos, und kurz halten.", [])],
                [0],
                False,
            ),
        ],
    },
}

# Comments on measures (Duisburg): (measure number, author index, text, reply).
MEASURE_COMMENTS = {
    "duisburg": [
        (1, 1, "Der Zeitplan ist ehrgeizig. Gibt es schon einen Termin mit dem Dezernat?",
         (0, "Ja, Anfang nächsten Monats – ich berichte danach hier.")),
        (2, 2, "Bitte die Ergebnisse der Unternehmensbefragung einbeziehen.", None),
        (3, 3, "Unser Betrieb würde sich als Pilot zur Verfügung stellen.",
         (1, "Danke, wir melden uns bei Ihnen.")),
    ],
}  # fmt: skip

AUTHORS_PER_BODY = 4


def load_dialog(*, result, actor, initiative):
    ideas = IDEAS.get(initiative.slug, {})
    office = (
        get_user_model()
        .objects.filter(
            initiative_roles__initiative=initiative,
            initiative_roles__role=InitiativeRole.Role.OFFICE,
        )
        .order_by("pk")
        .first()
    ) or actor
    for body_name, specs in ideas.items():
        body = Body.objects.filter(initiative=initiative, name=body_name).first()
        if body is None:
            continue
        authors = None
        for spec in specs:
            if Idea.objects.filter(body=body, title=spec[0]).exists():
                continue
            if authors is None:
                authors = _authors(result, actor, initiative, body)
            if not authors:
                break
            _idea(result, office, body, authors, spec, author=specs.index(spec))
    for number, who, text, reply in MEASURE_COMMENTS.get(initiative.slug, []):
        measure = Measure.objects.filter(initiative=initiative, number=number).first()
        if measure is None or Comment.objects.filter(measure=measure, text=text).exists():
            continue
        authors = _authors(result, actor, initiative, measure.body) if measure.body else []
        if not authors:
            continue
        comment = _post(result, authors, who, 3, measure=measure, text=text)
        if reply:
            _post(result, authors, reply[0], 2, parent=comment, text=reply[1])


def _authors(result, actor, initiative, body):
    """Chair(s), manager(s), then members of the body by name, up to AUTHORS_PER_BODY,
    each with an account taking part in the initiative."""
    order = {Membership.Role.CHAIR: 0, Membership.Role.MANAGER: 1}
    memberships = sorted(
        Membership.objects.filter(body=body).select_related("person__user"),
        key=lambda m: (order.get(m.role, 2), m.person.last_name, m.person.first_name),
    )
    return [_account(result, actor, initiative, m.person) for m in memberships[:AUTHORS_PER_BODY]]


def _account(result, actor, initiative, person):
    User = get_user_model()
    user = person.user
    if user is None:
        user = User.objects.filter(email__iexact=person.email).first()
        if user is None:
            user = User(
                email=person.email,
                first_name=person.first_name,
                last_name=person.last_name,
                language="de",
            )
            user.set_unusable_password()
            user.save()
            result.note(User, created=True)
        person.user = user
        save(actor, person)
        result.note(type(person), created=False)
    if not InitiativeRole.objects.filter(initiative=initiative, user=user).exists():
        initiative_services.role_grant(
            actor=actor, initiative=initiative, user=user, role=InitiativeRole.Role.MEMBER
        )
        result.note(InitiativeRole, created=True)
    return user


def _ago(days, hour=10):
    return timezone.now().replace(hour=hour, minute=0, second=0, microsecond=0) - (
        datetime.timedelta(days=days)
    )


def _pick(authors, index):
    return authors[index % len(authors)]


def _post(result, authors, who, days, **fields):
    comment = services.comment_post(actor=_pick(authors, who), comment=Comment(**fields))
    Comment.objects.filter(pk=comment.pk).update(created_at=_ago(days, 9 + who))
    result.note(Comment, created=True)
    return comment


def _idea(result, office, body, authors, spec, *, author):
    title, text, days, comments, supporters, becomes_measure = spec
    idea = services.idea_post(
        actor=_pick(authors, author), idea=Idea(body=body, title=title, text=text)
    )
    Idea.objects.filter(pk=idea.pk).update(created_at=_ago(days))
    result.note(Idea, created=True)
    for position, (who, comment_text, replies) in enumerate(comments):
        comment = _post(
            result, authors, who, max(days - 1 - position, 0), idea=idea, text=comment_text
        )
        for reply_who, reply_text in replies:
            _post(result, authors, reply_who, max(days - 2 - position, 0), parent=comment,
                  text=reply_text)  # fmt: skip
    for who in supporters:
        user = _pick(authors, who)
        if user.pk != idea.author_id:
            Support.objects.get_or_create(idea=idea, user=user)
    if becomes_measure:
        measure = services.idea_to_measure(actor=office, idea=idea)
        _complete(office, measure, authors, idea)
        result.note(Measure, created=True)


def _complete(office, measure, authors, idea):
    """What the office fills in after turning an idea into a measure: the idea's author
    as owner, a colleague as partner, the field of action and tags of the body's other
    measures and a medium priority."""

    people = [user.person for user in authors]
    owner = next(p for p in people if p.user_id == idea.author_id)
    sibling = (
        Measure.objects.filter(body=measure.body, topic__isnull=False)
        .exclude(pk=measure.pk)
        .order_by("number")
        .first()
    )
    measure.owner = owner
    measure.topic = sibling.topic if sibling else None
    priority = CustomField.objects.filter(initiative=measure.initiative, label="Priorität").first()
    if priority is not None:
        measure.custom_values = {priority.key: to_stored(priority, "mittel")}
    tags = [tag.name for tag in sibling.tags.all()] if sibling else []
    measure_services.measure_save(actor=office, measure=measure, tags=tags or ["Gründung"])
    partner = next((p for p in people if p.pk != owner.pk), None)
    if partner is not None:
        measure_services.partnership_save(
            actor=office,
            partnership=Partnership(measure=measure, person=partner, role="Projektpartner"),
        )
