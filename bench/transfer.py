"""The transfer platform for the benchmark installation (see README.md): on the bench
initiative twelve topics, 20,000 published offers of 30 science institutions, 200 needs
of its firms and 300 matching talks; a handful on the small one.

Texts are German and of realistic length (title, then a description of 300–800
characters), built from a vocabulary of a few hundred words: sentence frames around
subject terms, most of them from the offer's own topics. A subject term stands in a
few per cent of the offers, so a search for one reads like a search for a real word;
the frames' words stand in many. `search_text` is what `transfer.services.offer_save`
and `need_save` write.

Bulk inserts only, no history rows (the measured pages show none)."""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from standort.core.tenancy import across_initiatives

# fmt: off
# The topics, each with the subject terms its offers and needs mostly speak of.
TOPICS = {
    "Werkstoffe": [
        "Leichtbau", "Faserverbund", "Korrosionsschutz", "Werkstoffprüfung", "Stahlguss",
        "Beschichtung", "Keramik", "Kunststoffrecycling", "Aluminiumlegierung", "Bruchmechanik",
        "Schweißnaht", "Oberflächentechnik", "Verschleiß", "Polymer", "Nanopartikel",
        "Metallografie", "Ermüdung", "Klebtechnik", "Gefügeanalyse", "Titanbauteil",
    ],
    "Produktion und Automatisierung": [
        "Robotik", "Montagelinie", "Zerspanung", "Spritzguss", "Additive Fertigung",
        "Qualitätssicherung", "Werkzeugmaschine", "Fertigungsplanung", "Lasersintern",
        "Umformtechnik", "Prozessregelung", "Greifsystem", "Bildverarbeitung", "Taktzeit",
        "Instandhaltung", "Rüstzeit", "Schleifprozess", "Fräsbearbeitung", "Handhabung",
        "Fertigungszelle",
    ],
    "Digitalisierung und KI": [
        "Maschinelles Lernen", "Datenplattform", "Cloudanwendung", "Cybersicherheit",
        "Prognosemodell", "Sprachmodell", "Digitaler Zwilling", "Datenbank", "Schnittstelle",
        "Algorithmus", "Mustererkennung", "Softwarearchitektur", "Blockchain", "Visualisierung",
        "Simulationsmodell", "Anomalieerkennung", "Datenschutz", "Webanwendung", "Chatbot",
        "Optimierungsverfahren",
    ],
    "Energie und Wasserstoff": [
        "Wasserstoff", "Elektrolyseur", "Brennstoffzelle", "Wärmepumpe", "Photovoltaik",
        "Stromspeicher", "Abwärme", "Energieeffizienz", "Lastmanagement", "Windkraft",
        "Batteriezelle", "Netzstabilität", "Biogas", "Fernwärme", "Lastspitzen",
        "Druckluft", "Wirkungsgrad", "Solarthermie", "Ladeinfrastruktur", "Eigenverbrauch",
    ],
    "Logistik und Mobilität": [
        "Lagerhaltung", "Tourenplanung", "Binnenhafen", "Containerumschlag", "Lieferkette",
        "Intralogistik", "Flottenmanagement", "Güterverkehr", "Kommissionierung",
        "Sendungsverfolgung", "Schienengüterverkehr", "Lastenrad", "Verpackung",
        "Umschlagterminal", "Fahrerlosigkeit", "Paketlogistik", "Verkehrsfluss", "Disposition",
        "Ersatzteillogistik", "Zollabwicklung",
    ],
    "Umwelt und Kreislaufwirtschaft": [
        "Kreislaufwirtschaft", "Abwasserreinigung", "Emissionsmessung", "Feinstaub",
        "Bodensanierung", "Ökobilanz", "Rezyklat", "Abfallvermeidung", "Lärmschutz",
        "Wasseraufbereitung", "Schadstoffanalyse", "Entsorgung", "Ressourceneffizienz",
        "Klimabilanz", "Biodiversität", "Regenwasser", "Altlasten", "Stoffstrom",
        "Demontage", "Mikroplastik",
    ],
    "Chemie und Verfahrenstechnik": [
        "Katalysator", "Destillation", "Reaktortechnik", "Spektroskopie", "Chromatografie",
        "Membranverfahren", "Partikelgröße", "Trocknung", "Kristallisation", "Strömungssimulation",
        "Rheologie", "Extraktion", "Elektrochemie", "Prozessintensivierung", "Lösemittel",
        "Filtration", "Dosiertechnik", "Emulsion", "Pulvertechnik", "Wärmeübertragung",
    ],
    "Gesundheit und Medizintechnik": [
        "Medizinprodukt", "Implantat", "Diagnostik", "Rehabilitation", "Telemedizin",
        "Hygienekonzept", "Biosensor", "Pflegeroboter", "Ergonomie", "Orthese",
        "Zellkultur", "Sterilisation", "Laboranalytik", "Wundversorgung", "Bewegungsanalyse",
        "Arbeitsschutz", "Hörsystem", "Prothetik", "Gesundheitsdaten", "Zulassung",
    ],
    "Bauen und Stadtentwicklung": [
        "Holzbau", "Betontechnologie", "Gebäudesanierung", "Bauphysik", "Brandschutz",
        "Fassadentechnik", "Quartiersentwicklung", "Tiefbau", "Bauwerksmonitoring",
        "Modulbau", "Dämmstoff", "Raumakustik", "Tageslicht", "Gebäudetechnik", "Brückenbau",
        "Innenraumklima", "Flächenrecycling", "Stadtklima", "Bestandsaufnahme", "Baustoffprüfung",
    ],
    "Betriebswirtschaft und Gründung": [
        "Geschäftsmodell", "Marktanalyse", "Kostenrechnung", "Preisgestaltung", "Controlling",
        "Nachfolgeplanung", "Personalentwicklung", "Unternehmensstrategie", "Kundenbefragung",
        "Vertriebsweg", "Außenhandel", "Ausgründung", "Finanzierung", "Risikomanagement",
        "Markenführung", "Einkaufsprozess", "Innovationsmanagement", "Patentrecherche",
        "Wettbewerbsanalyse", "Benchmarking",
    ],
    "Elektronik und Sensorik": [
        "Leiterplatte", "Mikrocontroller", "Messtechnik", "Funkmodul", "Sensornetz",
        "Leistungselektronik", "Antriebstechnik", "Signalverarbeitung", "Lichttechnik",
        "Hochfrequenz", "Schwingungsmessung", "Temperatursensor", "Elektromagnetik",
        "Steuergerät", "Optoelektronik", "Kameratechnik", "Ultraschall", "Thermografie",
        "Radarsensor", "Energiemessung",
    ],
    "Bildung und Fachkräfte": [
        "Weiterbildung", "Ausbildungsberuf", "Lernplattform", "Praxissemester", "Traineeprogramm",
        "Fachkräftesicherung", "Kompetenzprofil", "Onboarding", "Lehrgang", "Zertifikatskurs",
        "Mentoring", "Berufsorientierung", "Teilzeitstudium", "Lernfabrik", "Fernstudium",
        "Qualifizierung", "Arbeitszeitmodell", "Sprachkurs", "Führungskräfte", "Wissenstransfer",
    ],
}
OFFER_OPENINGS = {
    "research_project": [
        "Wir suchen Partner aus der Industrie für ein Forschungsprojekt zu {a}.",
        "Im geplanten Verbundprojekt untersuchen wir {a} und {b} unter Praxisbedingungen.",
    ],
    "contract_research": [
        "Unser Institut übernimmt Auftragsforschung zu {a} und {b}.",
        "Im Auftrag von Firmen klären wir Fragen zu {a}, von der Voruntersuchung bis zum Bericht.",
    ],
    "equipment": [
        "Unser Labor für {a} steht Firmen für Versuche und Messreihen offen.",
        "Firmen nutzen unsere Anlagen zu {a} und {b} stundenweise, auf Wunsch mit Betreuung.",
    ],
    "student_project": [
        "Studierende bearbeiten in einem Semesterprojekt eine Aufgabe Ihres Betriebs zu {a}.",
        "Ein Team aus dem Masterstudium entwickelt Lösungsideen zu {a} für Ihren Betrieb.",
    ],
    "thesis": [
        "Wir vermitteln Abschlussarbeiten zu {a} und {b} in Ihrem Betrieb.",
        "Eine Bachelor- oder Masterarbeit klärt eine konkrete Frage zu {a} in Ihrer Praxis.",
    ],
    "internship": [
        "Studierende mit Schwerpunkt {a} suchen Praktikumsplätze in der Region.",
        "Wir vermitteln Praktika für Studierende, die sich mit {a} und {b} befassen.",
    ],
    "continuing_education": [
        "Unser Weiterbildungszentrum bietet einen berufsbegleitenden Kurs zu {a} an.",
        "Für Fachkräfte aus den Betrieben gibt es ein kompaktes Seminar zu {a} und {b}.",
    ],
    "funding_advice": [
        "Wir beraten zu Förderprogrammen für Vorhaben zu {a}.",
        "Unsere Transferstelle hilft beim Antrag für ein gefördertes Projekt zu {a} und {b}.",
    ],
}
SENTENCES = [
    "Schwerpunkte sind {a}, {b} und {c}.",
    "Unsere Arbeitsgruppe hat lange Erfahrung mit {a} und begleitet Vorhaben bis zur Umsetzung.",
    "Dabei verbinden wir Grundlagen aus {a} mit Fragen der {b}.",
    "Typische Fragestellungen betreffen {a} in kleinen und mittleren Betrieben.",
    "Wir arbeiten mit Prüfständen, Simulation und Messungen im eigenen Labor.",
    "Die Ergebnisse werden in einem Bericht dokumentiert und im Betrieb vorgestellt.",
    "Erste Gespräche sind kostenlos und vertraulich.",
    "Gemeinsam klären wir, ob sich {a} für Ihre Anwendung lohnt.",
    "Auch Fragen zu {a} im Zusammenspiel mit {b} sind willkommen.",
    "Referenzprojekte mit Betrieben aus der Region gibt es unter anderem zu {a}.",
    "Die Professur für {a} bringt Erfahrung aus zahlreichen Industrieprojekten mit.",
    "Wir bewerten Machbarkeit, Aufwand und Nutzen, bevor ein größeres Vorhaben beginnt.",
    "Bei Bedarf binden wir Partner aus anderen Hochschulen der Region ein.",
    "Für {a} stehen moderne Geräte und erfahrene Mitarbeitende bereit.",
    "Die Zusammenarbeit kann mit einer kurzen Machbarkeitsstudie beginnen.",
    "Kleine Betriebe ohne eigene Entwicklungsabteilung sprechen wir besonders an.",
    "Themen wie {a} und {b} verändern gerade viele Branchen im Ruhrgebiet.",
    "Wir unterstützen von der ersten Idee über Versuche bis zum Prototyp.",
]
CONDITIONS = [
    "Kosten nach Aufwand, ein erstes Gespräch ist kostenlos.",
    "Dauer etwa drei bis sechs Monate; Kosten nach Vereinbarung.",
    "Für Betriebe aus der Region zu reduzierten Sätzen.",
    "Förderfähig über Innovationsgutscheine des Landes.",
    "Beginn jeweils zum Semesterstart.",
    "",
]
NEED_TITLES = [
    "Unterstützung bei {a} gesucht",
    "Partner für {a} und {b} gesucht",
    "Wer hilft uns bei {a}?",
    "Frage zu {a} in der Produktion",
    "{a}: Machbarkeit prüfen",
]
NEED_SENTENCES = [
    "Wir sind ein mittelständischer Betrieb mit rund {n} Beschäftigten am Standort.",
    "Seit einiger Zeit beschäftigt uns die Frage, wie wir {a} verbessern können.",
    "Bisherige Versuche mit {a} und {b} haben nicht den gewünschten Erfolg gebracht.",
    "Wir möchten wissen, ob {a} für unsere Anlagen in Frage kommt.",
    "Gesucht ist eine Hochschule oder ein Institut mit Erfahrung in {a}.",
    "Denkbar ist eine Abschlussarbeit, eine Messreihe oder ein kleines Forschungsprojekt.",
    "Unsere Kunden fragen zunehmend nach {a} und nach Nachweisen zu {b}.",
    "Eigene Fachleute für {a} haben wir nicht.",
    "Ein erstes Gespräch vor Ort wäre uns wichtig.",
]
# fmt: on
TOPIC_NAMES = list(TOPICS)
KINDS = list(OFFER_OPENINGS)
# The catalogue's measured search (a subject term: in a few per cent of the offers)
# and filter (the first topic and this kind).
SEARCH = "korrosionsschutz"
FILTER_KIND = "contract_research"


@dataclass(frozen=True)
class TransferBench:
    topic: int  # the topic the filtered catalogue asks for
    need: int  # the need whose page is measured: its suggestions among all offers
    offers: int
    needs: int
    talks: int


def _terms(rng, topics, count):
    """`count` distinct subject terms, most of them of `topics` (names), some of any."""
    own = [term for name in topics for term in TOPICS[name]]
    terms = []
    while len(terms) < count:
        pool = own if rng.random() < 0.85 else TOPICS[rng.choice(TOPIC_NAMES)]
        term = rng.choice(pool)
        if term not in terms:
            terms.append(term)
    return terms


def _fill(rng, frame, terms):
    return frame.format(
        a=terms[0], b=terms[1], c=terms[2], n=rng.choice([25, 40, 80, 120, 250, 600])
    )


def _text(rng, first, frames, terms, *, shortest=300, longest=800):
    """`first`, then sentences of `frames` until the text is `shortest` to `longest`
    characters long; each sentence speaks of the next terms."""
    target = rng.randint(shortest, longest)
    text = first
    rest = list(frames)
    rng.shuffle(rest)
    offset = 1
    while rest:
        frame = rest.pop()
        sentence = _fill(rng, frame, terms[offset:] + terms[:offset])
        if len(text) + 1 + len(sentence) > longest:
            continue
        text = f"{text} {sentence}"
        offset = (offset + frame.count("{")) % len(terms)
        if len(text) >= target:
            break
    return text


def offer_texts(rng, kind, topics, *, search=False):
    """(title, description, conditions) of an offer of `kind` on `topics` (names);
    with `search`, it speaks of the measured search's term first."""
    terms = _terms(rng, topics, 6)
    if search:
        terms[0] = "Korrosionsschutz"
    title = f"{_KIND_TITLES[kind]} {terms[0]}"
    if rng.random() < 0.5:
        title = f"{title} und {terms[1]}"
    first = _fill(rng, rng.choice(OFFER_OPENINGS[kind]), terms)
    return title, _text(rng, first, SENTENCES, terms), rng.choice(CONDITIONS)


_KIND_TITLES = {
    "research_project": "Forschungsprojekt:",
    "contract_research": "Auftragsforschung",
    "equipment": "Labor und Geräte:",
    "student_project": "Studentisches Projekt:",
    "thesis": "Abschlussarbeit:",
    "internship": "Praktikum:",
    "continuing_education": "Weiterbildung:",
    "funding_advice": "Förderberatung:",
}


def need_texts(rng, topics):
    terms = _terms(rng, topics, 6)
    title = _fill(rng, rng.choice(NEED_TITLES), terms)
    first = _fill(rng, NEED_SENTENCES[0], terms)
    return title, _text(rng, first, NEED_SENTENCES[1:], terms, shortest=300, longest=700)


def organizations_of_kind(initiative, kind, count, rng, *, taken=()):
    """`count` of the initiative's organisations of `kind`, by pk. Where it has too few,
    others of it become of that kind: first those neither firms nor science
    institutions, then any but those `taken` (already chosen for the other side)."""
    from standort.initiatives.models import Organization

    linked = Organization.objects.filter(initiatives=initiative).order_by("pk")
    found = list(linked.filter(kind=kind)[:count])
    if len(found) < count:
        others = [o for o in linked.exclude(kind=kind) if o not in taken]
        sides = (Organization.Kind.COMPANY, Organization.Kind.SCIENCE)
        rng.shuffle(others)
        others.sort(key=lambda organization: organization.kind in sides)
        turned = others[: count - len(found)]
        for organization in turned:
            organization.kind = kind
        Organization.objects.bulk_update(turned, ["kind"])
        found += turned
    return found


@across_initiatives()
def generate_transfer(
    initiative, persons, user, *, seed, offers=20_000, institutions=30, needs=200, talks=300,
    waiting=20,
):  # fmt: skip
    """Fills the transfer platform of `initiative`: its topics, `offers` published
    offers (and `waiting` awaiting approval) of `institutions` science institutions
    among its organisations, `needs` needs of its firms and `talks` matching talks.
    `persons` are its participants (the contacts). Returns a TransferBench."""
    from standort.initiatives.models import Organization
    from standort.measures.search import fold
    from standort.transfer.models import Need, Offer, Talk, Topic

    rng = random.Random(seed)
    topics = Topic.objects.bulk_create(
        Topic(initiative=initiative, name=name, position=n) for n, name in enumerate(TOPIC_NAMES)
    )
    science = organizations_of_kind(initiative, Organization.Kind.SCIENCE, institutions, rng)
    # Firms post a few needs each.
    firms = organizations_of_kind(
        initiative, Organization.Kind.COMPANY, max(1, needs // 3), rng, taken=science
    )
    if not science or not firms:
        raise ValueError("the initiative has too few organisations for the transfer platform")
    people_of = {}
    for person in persons:
        people_of.setdefault(person.organization_id, []).append(person)

    def contact(organization):
        people = people_of.get(organization.pk)
        return rng.choice(people) if people and rng.random() < 0.9 else None

    today = timezone.localdate()
    rows, offer_topics = [], []
    for n in range(offers + waiting):
        # The first offer is one the measured filter and search find, also on a small
        # initiative.
        kind = FILTER_KIND if n == 0 else rng.choice(KINDS)
        chosen = rng.sample(topics, k=rng.choice([1, 2, 2, 3]))
        if n == 0 and topics[0] not in chosen:
            chosen[0] = topics[0]
        title, description, conditions = offer_texts(
            rng, kind, [t.name for t in chosen], search=n == 0
        )
        institution = rng.choice(science)
        rows.append(
            Offer(
                initiative=initiative,
                institution=institution,
                kind=kind,
                title=title,
                description=description,
                contact=contact(institution),
                conditions=conditions,
                valid_until=today + timedelta(days=rng.randrange(30, 900))
                if rng.random() < 0.3
                else None,
                state=Offer.State.PUBLISHED if n < offers else Offer.State.SUBMITTED,
                search_text=fold(f"{title} {description} {conditions}"),
                created_by=user,
            )
        )
        offer_topics.append(chosen)
    rows = Offer.objects.bulk_create(rows, batch_size=2_000)
    through = Offer.topics.through
    through.objects.bulk_create(
        (
            through(offer_id=offer.pk, topic_id=topic.pk)
            for offer, chosen in zip(rows, offer_topics, strict=True)
            for topic in chosen
        ),
        batch_size=5_000,
    )

    now = timezone.now()
    need_rows, need_topics = [], []
    for n in range(needs):
        # The measured need (the first): three topics, a problem of full length.
        chosen = rng.sample(topics, k=3 if n == 0 else rng.choice([1, 2, 2, 3]))
        title, problem = need_texts(rng, [t.name for t in chosen])
        company = rng.choice(firms)
        need_rows.append(
            Need(
                initiative=initiative,
                company=company,
                title=title,
                problem=problem,
                timeframe=rng.choice(Need.Timeframe.values),
                visibility=rng.choice(Need.Visibility.values),
                contact=contact(company),
                state=Need.State.OPEN if n == 0 or rng.random() < 0.8 else Need.State.CLOSED,
                search_text=fold(f"{title} {problem}"),
                created_by=user,
            )
        )
        need_topics.append(chosen)
    need_rows = Need.objects.bulk_create(need_rows, batch_size=1_000)
    through = Need.topics.through
    through.objects.bulk_create(
        through(need_id=need.pk, topic_id=topic.pk)
        for need, chosen in zip(need_rows, need_topics, strict=True)
        for topic in chosen
    )
    # Posted over the last two years (auto_now_add wrote now).
    for need in need_rows:
        need.created_at = now - timedelta(days=rng.randrange(1, 730), hours=rng.randrange(24))
    Need.objects.bulk_update(need_rows, ["created_at"], batch_size=1_000)

    # Talks about a need, an offer or both; most of them held, a few ahead. The measured
    # need has three.
    outcomes = [value for value in Talk.Outcome.values if value]
    talk_rows = []
    for n in range(talks):
        need = need_rows[0] if n < 3 else rng.choice(need_rows)
        offer = rng.choice(rows[:offers]) if rng.random() < 0.8 else None
        starts_at = max(need.created_at, now - timedelta(days=700)) + timedelta(
            days=rng.randrange(3, 120), hours=rng.randrange(8, 17)
        )
        held = starts_at <= now
        talk_rows.append(
            Talk(
                initiative=initiative,
                need=need if n < 3 or rng.random() < 0.9 else None,
                offer=offer,
                company_id=need.company_id,
                institution_id=offer.institution_id if offer else rng.choice(science).pk,
                starts_at=starts_at,
                place=rng.choice(["Hochschule, Raum 2.14", "beim Betrieb", "online"]),
                outcome=rng.choice(outcomes) if held and rng.random() < 0.8 else "",
                created_by=user,
            )
        )
    Talk.objects.bulk_create(talk_rows, batch_size=1_000)
    return TransferBench(
        topic=topics[0].pk,
        need=need_rows[0].pk,
        offers=len(rows),
        needs=len(need_rows),
        talks=len(talk_rows),
    )


def measured_transfer(initiative):
    """(topic, need) of an already generated initiative, as `generate_transfer` chose
    them: its first topic and its first need."""
    from standort.transfer.models import Need, Topic

    with across_initiatives():
        topic = Topic.objects.filter(initiative=initiative).order_by("position", "pk").first()
        need = Need.objects.filter(initiative=initiative).order_by("pk").first()
        return (topic.pk if topic else 0, need.pk if need else 0)
