"""The demo measures as tables: fields of action, the initiatives' own fields and per
initiative its measures with owners, partners, milestones and status updates.

People are named by reference, never by a generated name: an e-mail of a key person
(`data.KEY_PEOPLE` of the initiatives' demo) or an organisation key (`"stadt-du"`), which
means the first member of the measure's working group from that organisation, else the
first participant of the initiative from it; `"stadt-du#2"` takes the second. So the
tables stay right when the name generator hands out other names.

Dates are ISO strings. The story: the plans were adopted in 2017, most measures were
done by 2018–2022, a few long-running ones continue until 2027/2028 with open
milestones, and some of those are late."""

# Groups by their body names in `initiatives.demo.data.BODIES`.
MITTELSTAND = "Mittelstand und Gründung"
INFRASTRUKTUR = "Infrastruktur, Umwelt und Energie"
IMAGE = "Image und internationales Profil"
FAMILIE = "Familienfreundlichkeit"
BILDUNG = "Bildung, Integration und Technologie"

MH_INFRA = "Infrastruktur und lokale Standortbedingungen"
MH_BREITBAND = "Unterarbeitskreis Breitband/Glasfaser"
MH_VERNETZUNG = "Vernetzung Wirtschaft / Wissenschaft, Bildung, Gründung"
MH_TRANSFER = "Unterarbeitskreis Transferstellen"
MH_PROFIL = "Standortprofil und Akzeptanz der Industrie"

TOPICS = {
    "duisburg": [
        "Verwaltung und Service",
        "Digitalisierung",
        "Infrastruktur und Flächen",
        "Image und Kommunikation",
        "Familie und Beruf",
        "Fachkräfte und Ausbildung",
    ],
    "muelheim": [
        "Flächen und Infrastruktur",
        "Digitalisierung",
        "Innovation und Transfer",
        "Fachkräfte und Ausbildung",
        "Verwaltung und Service",
        "Akzeptanz der Industrie",
    ],
}

# label: (kind, choices, help text); the same on both initiatives.
CUSTOM_FIELDS = {
    "Kosten": ("amount", "", "Geplante Gesamtkosten in Euro"),
    "Förderprogramm": ("text", "", "Förderprogramm, aus dem die Maßnahme finanziert wird"),
    "Priorität": ("choice", "hoch\nmittel\nniedrig", ""),
}

# The adoption every adopted measure carries unless it names its own:
# (body, date, decision).
ADOPTION = {
    "duisburg": (
        "Lenkungskreis",
        "2017-02-13",
        "Beschluss des Lenkungskreises vom 13.02.2017: Verabschiedung des Masterplans Wirtschaft",
    ),
    "muelheim": (
        "Industriekonferenz",
        "2017-03-16",
        "Beschluss der Industriekonferenz vom 16.03.2017",
    ),
}
LENKUNGSKREIS_2017_06 = (
    "Lenkungskreis",
    "2017-06-19",
    "Beschluss des Lenkungskreises vom 19.06.2017: Umsetzungsprojekte zum Masterplan",
)

# Roles of partners.
PARTNER = "Projektpartner"
SPONSOR = "Förderer"
EXPERT = "fachliche Begleitung"


def measure(**spec):
    """One row of the tables: keyword arguments read better here than dict literals."""
    return spec


# fmt: off
DUISBURG = [
    # Mittelstand und Gründung ---------------------------------------------------------
    measure(
        number=1, kind="recommendation", body=MITTELSTAND, topic="Verwaltung und Service",
        title="Wirtschaftsdezernent für die Verwaltung",
        description="Die Wirtschaft braucht in der Stadtspitze eine feste Ansprechperson. "
        "Die Zuständigkeit für Wirtschaft, Liegenschaften und Genehmigungen wird in einem "
        "Dezernat gebündelt.",
        goal="Ein Dezernat mit klarer Zuständigkeit für Wirtschaft ist eingerichtet.",
        owner="lenkung@example.org", partners=[("uv-du", PARTNER), ("ihk-nr", PARTNER)],
        status="done", starts="2017-03-01", due="2018-06-30",
        milestones=[("Vorlage an den Rat", "2017-09-30", "2017-09-25"),
                    ("Ratsbeschluss Dezernatsverteilung", "2018-03-31", "2018-03-19")],
        tags=["Mittelstand"], priority="hoch",
    ),
    measure(
        number=2, kind="recommendation", body=MITTELSTAND, topic="Verwaltung und Service",
        title="Stadtverwaltung zertifizieren, Serviceversprechen erarbeiten, digitale Agenda "
        "entwickeln",
        description="Die Verwaltung wird mittelstandsfreundlich: ein geprüfter Standard "
        "für den Umgang mit Unternehmen, ein Serviceversprechen mit Bearbeitungsfristen und "
        "eine digitale Agenda, die Verwaltungsleistungen online anbietet.",
        goal="Zertifikat erreicht, Serviceversprechen veröffentlicht, die wichtigsten "
        "Leistungen für Unternehmen online.",
        owner="stadt-du", partners=[("ak-vorsitz@example.org", PARTNER), ("ihk-nr", EXPERT)],
        status="in_progress", starts="2017-03-01", due="2027-12-31",
        tags=["Digitalisierung", "Mittelstand"], priority="hoch",
    ),
    measure(
        number=3, kind="recommendation", body=MITTELSTAND, topic="Verwaltung und Service",
        title="Steuern und Gebühren gründerfreundlich gestalten",
        description="Gewerbesteuer-Hebesatz und Gebühren für Gründungen werden mit "
        "vergleichbaren Städten abgeglichen; Gründerinnen und Gründer werden in den ersten "
        "Jahren entlastet.",
        owner="stadt-du#2", partners=[("ihk-nr", PARTNER), ("rat-du", PARTNER)],
        status="on_hold",
        reason="Die Stadt ist im Haushaltssicherungskonzept; eine Senkung des Hebesatzes ist "
        "erst nach dem Haushaltsausgleich möglich. Wiedervorlage im Lenkungskreis 2027.",
        starts="2017-06-01", due="2027-12-31",
        milestones=[("Vergleich der Hebesätze im Ruhrgebiet", "2017-12-31", "2017-11-30"),
                    ("Gebührenentlastung für Gründungen im ersten Jahr", "2019-06-30",
                     "2019-05-14")],
        tags=["Gründung", "Mittelstand"], priority="mittel",
    ),
    measure(
        number=16, kind="project", parent=2, weight=1, body=MITTELSTAND,
        topic="Verwaltung und Service", adopted=LENKUNGSKREIS_2017_06,
        title="Zertifizierung der Stadtverwaltung als mittelstandsorientierte Verwaltung",
        owner="stadt-du", partners=[("gfw-du", PARTNER), ("ihk-nr", EXPERT)],
        status="done", starts="2017-07-01", due="2019-06-30",
        milestones=[("Selbstbewertung der Ämter", "2017-12-31", "2017-12-15"),
                    ("Prüfung durch die Gütegemeinschaft", "2018-11-30", "2018-11-22"),
                    ("Verleihung des Gütezeichens", "2019-03-31", "2019-02-27")],
        tags=["Mittelstand"], costs="45000", priority="mittel",
    ),
    measure(
        number=17, kind="project", parent=2, weight=1, body=MITTELSTAND,
        topic="Verwaltung und Service", adopted=LENKUNGSKREIS_2017_06,
        title="Serviceversprechen für Unternehmen",
        description="Feste Ansprechpersonen, Eingangsbestätigung binnen zwei Tagen, "
        "Bearbeitungsfristen für die häufigsten Anträge.",
        owner="gfw-du", partners=[("ak-vorsitz@example.org", PARTNER), ("kaiserberg", PARTNER)],
        status="done", starts="2017-07-01", due="2018-06-30",
        milestones=[("Entwurf im Arbeitskreis beraten", "2017-11-30", "2017-11-28"),
                    ("Veröffentlichung des Serviceversprechens", "2018-04-30", "2018-04-16")],
        tags=["Mittelstand"], costs="12000", priority="hoch",
    ),
    measure(
        number=18, kind="project", parent=2, weight=2, body=MITTELSTAND,
        topic="Digitalisierung", adopted=LENKUNGSKREIS_2017_06,
        title="Digitale Agenda Duisburg",
        description="Gewerbean- und -ummeldung, Sondernutzungen und Bauanträge online; "
        "ein Unternehmenskonto für alle Verwaltungsleistungen.",
        owner="stadt-du", partners=[("innenhafen", PARTNER), ("elektro-neumuehl", PARTNER)],
        status="in_progress", starts="2018-01-01", due="2027-12-31",
        milestones=[("Gewerbeanmeldung online", "2019-12-31", "2019-11-04"),
                    ("Unternehmenskonto angebunden", "2023-06-30", "2023-09-12"),
                    ("Digitale Bauakte", "2026-06-30", None),
                    ("Alle OZG-Leistungen für Unternehmen online", "2027-12-31", None)],
        tags=["Digitalisierung"], costs="1850000", program="Digitalprogramm des Landes NRW",
        priority="hoch",
        updates=[("2025-11-18", "green", 55, "Unternehmenskonto in Betrieb, 38 Leistungen "
                  "online.", "Digitale Bauakte ausschreiben.", ""),
                 ("2026-10-06", "amber", 60, "Ausschreibung der digitalen Bauakte "
                  "abgeschlossen.", "Einführung im Bauordnungsamt ab Januar 2027.",
                  "Personal für die Umstellung im Bauordnungsamt fehlt.")],
    ),
    measure(
        number=19, kind="project", parent=2, weight=1, body=MITTELSTAND,
        topic="Verwaltung und Service", adopted=False,
        title="Gründerbüro im Hafen: Beratung für Logistik-Gründungen",
        description="Vom Arbeitskreis 2026 vorgeschlagen: eine Sprechstunde für Gründungen "
        "rund um Hafen und Logistik im Logport.",
        owner="ak-vorsitz@example.org", partners=[("duisport", PARTNER), ("gfw-du", EXPERT)],
        status="proposed", starts="2027-01-01", due="2028-12-31",
        tags=["Gründung", "Logistik"], costs="80000", priority="mittel",
    ),
    # Infrastruktur, Umwelt und Energie ----------------------------------------------
    measure(
        number=4, kind="recommendation", body=INFRASTRUKTUR, topic="Infrastruktur und Flächen",
        title="Breitbandversorgung verbessern (Ziel: bis 2020 Glasfaser)",
        description="Gewerbegebiete, Hafen und Schulen werden an das Glasfasernetz "
        "angeschlossen; Fördermittel von Bund und Land werden genutzt.",
        goal="Alle Gewerbegebiete mit Glasfaser bis 2020, alle Schulen bis 2027.",
        owner="stadt-du", partners=[("duisport", PARTNER), ("walsumer", PARTNER)],
        status="in_progress", starts="2017-03-01", due="2027-12-31",
        tags=["Digitalisierung", "Infrastruktur"], priority="hoch",
    ),
    measure(
        number=20, kind="project", parent=4, weight=3, body=INFRASTRUKTUR,
        topic="Digitalisierung", adopted=LENKUNGSKREIS_2017_06,
        title="Glasfaserausbau in den Gewerbegebieten",
        owner="stadt-du#2", partners=[("walsumer", PARTNER), ("rheinkai", PARTNER)],
        status="done", starts="2017-09-01", due="2020-12-31",
        milestones=[("Markterkundungsverfahren", "2018-03-31", "2018-03-20"),
                    ("Förderbescheid des Bundes", "2018-12-31", "2019-02-08"),
                    ("Letztes Gewerbegebiet angeschlossen", "2020-12-31", "2021-04-30")],
        tags=["Digitalisierung", "Infrastruktur"], costs="6400000",
        program="Bundesförderprogramm Breitband", priority="hoch",
        updates=[("2021-05-10", "green", 100, "Alle 23 Gewerbegebiete angeschlossen, vier "
                  "Monate später als geplant.", "Abrechnung der Fördermittel.", "")],
    ),
    measure(
        number=21, kind="project", parent=4, weight=1, body=INFRASTRUKTUR,
        topic="Digitalisierung", adopted=LENKUNGSKREIS_2017_06,
        title="Glasfaser für Schulen und das Hafengebiet",
        owner="stadt-du#2", partners=[("duisport", PARTNER), ("ude", EXPERT)],
        status="in_progress", starts="2019-01-01", due="2027-12-31",
        milestones=[("Schulen im Duisburger Norden", "2022-12-31", "2023-03-15"),
                    ("Hafengebiet Ruhrort", "2025-12-31", "2025-11-28"),
                    ("Schulen im Duisburger Süden", "2027-03-31", None),
                    ("Logport VI", "2027-12-31", None)],
        tags=["Digitalisierung"], costs="3100000", program="DigitalPakt Schule",
        priority="mittel",
        updates=[("2026-10-12", "amber", 70, "Hafengebiet Ruhrort angeschlossen.",
                  "Tiefbau an den Schulen im Süden abschließen.",
                  "Tiefbaukapazitäten sind knapp; Abstimmung mit den Wirtschaftsbetrieben.")],
    ),
    measure(
        number=5, kind="recommendation", body=INFRASTRUKTUR, topic="Infrastruktur und Flächen",
        title="Regionales Baustellenmanagement verbessern",
        description="Baustellen von Stadt, Land, Bahn und Versorgern werden gemeinsam "
        "geplant und früh angekündigt, damit Lieferverkehre planen können.",
        owner="stadt-du", partners=[("homberger", PARTNER), ("duisport", PARTNER),
                                     ("ihk-nr", PARTNER)],
        status="done", starts="2017-03-01", due="2019-12-31",
        milestones=[("Baustellenkoordination mit den Nachbarstädten", "2017-12-31",
                     "2018-01-22"),
                    ("Baustellenatlas online", "2019-06-30", "2019-05-02")],
        tags=["Infrastruktur", "Logistik"], costs="250000", priority="hoch",
    ),
    measure(
        number=6, kind="recommendation", body=INFRASTRUKTUR, topic="Infrastruktur und Flächen",
        title="Wirtschaftsfreundliche Plan- und Genehmigungsverfahren",
        description="Kürzere Wege bei Bebauungsplänen und Genehmigungen: Antragskonferenzen, "
        "ein Lotse durch die Verfahren, digitale Bauanträge.",
        owner="stadt-du", partners=[("huettenstahl", PARTNER), ("ihk-nr", EXPERT)],
        status="in_progress", starts="2017-03-01", due="2026-12-31",
        tags=["Mittelstand", "Genehmigungen"], priority="hoch",
    ),
    measure(
        number=22, kind="project", parent=6, weight=1, body=INFRASTRUKTUR,
        topic="Verwaltung und Service", adopted=LENKUNGSKREIS_2017_06,
        title="Genehmigungslotse für Unternehmen",
        owner="stadt-du#3", partners=[("gfw-du", PARTNER), ("huettenstahl", PARTNER)],
        status="done", starts="2017-09-01", due="2018-12-31",
        milestones=[("Stelle besetzt", "2018-03-31", "2018-02-01"),
                    ("Antragskonferenzen eingeführt", "2018-09-30", "2018-10-15")],
        tags=["Genehmigungen"], costs="95000", priority="hoch",
    ),
    measure(
        number=23, kind="project", parent=6, weight=2, body=INFRASTRUKTUR,
        topic="Digitalisierung", adopted=LENKUNGSKREIS_2017_06,
        title="Digitaler Bauantrag",
        owner="stadt-du#3", partners=[("kaiserberg", PARTNER)],
        status="in_progress", starts="2020-01-01", due="2026-12-31",
        milestones=[("Pilot mit zehn Bauherren", "2024-06-30", "2024-08-20"),
                    ("Einführung für alle Bauanträge", "2026-07-31", None)],
        tags=["Digitalisierung", "Genehmigungen"], costs="420000",
        program="Digitalprogramm des Landes NRW", priority="hoch",
        updates=[("2026-09-15", "red", 45, "Pilot ausgewertet.",
                  "Anbindung an das Fachverfahren.",
                  "Der Anbieter des Fachverfahrens liefert die Schnittstelle erst 2027.")],
    ),
    # Image und internationales Profil ------------------------------------------------
    measure(
        number=7, kind="recommendation", body=IMAGE, topic="Image und Kommunikation",
        title="Gemeinsame Kommunikationsstrategie entwickeln",
        description="Stadt, Wirtschaftsförderung, Hafen und Verbände sprechen mit einer "
        "Stimme: gemeinsame Botschaften, ein Redaktionsplan und eine Bildsprache.",
        owner="gfw-du", partners=[("duisport", PARTNER), ("claudia.wiesner@example.org",
                                                            PARTNER)],
        status="done", starts="2017-03-01", due="2018-12-31",
        milestones=[("Agentur beauftragt", "2017-09-30", "2017-09-12"),
                    ("Strategie im Lenkungskreis vorgestellt", "2018-06-30", "2018-06-18"),
                    ("Kampagnenstart", "2018-10-31", "2018-10-05")],
        tags=["Image"], costs="180000", priority="hoch",
    ),
    measure(
        number=8, kind="recommendation", body=IMAGE, topic="Image und Kommunikation",
        title="Beirat Imageentwicklung einrichten",
        owner="gfw-du", partners=[("buergerstiftung-du", PARTNER)],
        status="dropped",
        reason="Die Aufgaben übernimmt die Runde Standortmarketing der GFW; ein eigener "
        "Beirat wird nicht eingerichtet (Beschluss des Lenkungskreises vom 12.11.2018).",
        starts="2017-06-01", due="2018-12-31",
        milestones=[("Geschäftsordnung entworfen", "2018-03-31", "2018-04-10")],
        tags=["Image"], priority="niedrig",
    ),
    measure(
        number=9, kind="recommendation", body=IMAGE, topic="Digitalisierung",
        title="Digitale Transformation als Zukunftschance wahrnehmen (Projekt Campus Duisburg)",
        description="Duisburg zeigt sich als Ort der digitalen Wirtschaft: ein Campus, auf "
        "dem Hochschule, Start-ups und Mittelstand zusammenarbeiten.",
        owner="claudia.wiesner@example.org", partners=[("ude", PARTNER), ("gfw-du", PARTNER)],
        status="in_progress", starts="2017-03-01", due="2028-12-31",
        tags=["Digitalisierung", "Image"], priority="hoch",
    ),
    measure(
        number=24, kind="project", parent=9, weight=3, body=IMAGE, topic="Digitalisierung",
        adopted=LENKUNGSKREIS_2017_06,
        title="Campus Duisburg",
        description="Ein Lern- und Gründungsort für die digitale Wirtschaft im Innenhafen "
        "mit Co-Working, Labor und Weiterbildung.",
        owner="claudia.wiesner@example.org",
        partners=[("ude", PARTNER), ("stadt-du", SPONSOR), ("ihk-nr", EXPERT)],
        status="in_progress", starts="2018-01-01", due="2028-12-31",
        milestones=[("Machbarkeitsstudie", "2018-12-31", "2018-12-10"),
                    ("Erster Bauabschnitt eröffnet", "2022-09-30", "2022-11-18"),
                    ("Zweiter Bauabschnitt: Richtfest", "2026-10-31", None),
                    ("Zweiter Bauabschnitt eröffnet", "2028-06-30", None)],
        tags=["Digitalisierung", "Gründung"], costs="14500000",
        program="EFRE/JTF-Programm NRW", priority="hoch",
        updates=[("2025-12-02", "green", 50, "Erster Bauabschnitt voll belegt, 31 Start-ups.",
                  "Rohbau des zweiten Bauabschnitts.", ""),
                 ("2026-10-20", "amber", 55, "Rohbau zu zwei Dritteln fertig.",
                  "Richtfest im Frühjahr 2027.",
                  "Förderbescheid für die Ausstattung steht noch aus.")],
    ),
    measure(
        number=25, kind="project", parent=9, weight=1, body=IMAGE, topic="Image und Kommunikation",
        adopted=LENKUNGSKREIS_2017_06,
        title="Digitalkonferenz Duisburg",
        owner="gfw-du", partners=[("innenhafen", PARTNER), ("ihk-nr", PARTNER)],
        status="done", starts="2017-09-01", due="2019-11-30",
        milestones=[("Erste Konferenz", "2018-11-30", "2018-11-08"),
                    ("Zweite Konferenz", "2019-11-30", "2019-11-14")],
        tags=["Digitalisierung", "Image"], costs="60000", priority="mittel",
    ),
    # Familienfreundlichkeit ----------------------------------------------------------
    measure(
        number=10, kind="recommendation", body=FAMILIE, topic="Familie und Beruf",
        title="Spielplatzangebot durch Sponsoring verbessern",
        description="Unternehmen übernehmen Patenschaften für Spielplätze in ihren Stadtteilen.",
        owner="stadt-du", partners=[("kaiserberg", SPONSOR), ("meidericher", SPONSOR),
                                     ("buergerstiftung-du", PARTNER)],
        status="done", starts="2017-04-01", due="2019-12-31",
        milestones=[("Patenschaftsmodell beschlossen", "2017-12-31", "2017-12-11"),
                    ("20 Patenschaften vermittelt", "2019-12-31", "2019-10-30")],
        tags=["Familie"], costs="30000", priority="niedrig",
    ),
    measure(
        number=11, kind="recommendation", body=FAMILIE, topic="Familie und Beruf",
        title="Unternehmensnetzwerk „Vereinbarkeit von Beruf und Familie“",
        owner="anja.schulte@example.org",
        partners=[("buendnis-familie-du", PARTNER), ("petra.huelsmann@example.org", PARTNER),
                  ("afa-du", EXPERT)],
        status="done", starts="2017-03-01", due="2018-12-31",
        milestones=[("Auftakttreffen", "2017-06-30", "2017-06-21"),
                    ("40 Mitgliedsunternehmen", "2018-12-31", "2018-12-03")],
        tags=["Familie", "Fachkräfte"], costs="15000", priority="mittel",
    ),
    measure(
        number=12, kind="recommendation", body=FAMILIE, topic="Familie und Beruf",
        title="Wettbewerb „Familienfreundliches Unternehmen“",
        owner="anja.schulte@example.org",
        partners=[("stadt-du", PARTNER), ("rheinhauser", SPONSOR), ("dgb-nr", PARTNER)],
        status="done", starts="2017-06-01", due="2019-06-30",
        milestones=[("Ausschreibung", "2018-01-31", "2018-01-15"),
                    ("Preisverleihung", "2018-06-30", "2018-06-07")],
        tags=["Familie", "Mittelstand"], costs="20000", program="Lokale Bündnisse für Familie",
        priority="mittel",
    ),
    # Bildung, Integration und Technologie --------------------------------------------
    measure(
        number=13, kind="recommendation", body=BILDUNG, topic="Fachkräfte und Ausbildung",
        title="Von erfolgreichen Initiativen zur Vermittlung von Langzeitarbeitslosen lernen",
        owner="jobcenter-du", partners=[("afa-du", PARTNER), ("netzwerk-marxloh", PARTNER)],
        status="done", starts="2017-03-01", due="2018-12-31",
        milestones=[("Besuch bei drei Vorbildinitiativen", "2017-10-31", "2017-10-20"),
                    ("Modellprojekt mit 50 Teilnehmenden", "2018-12-31", "2018-12-14")],
        tags=["Fachkräfte"], costs="120000", program="ESF-Bundesprogramm", priority="hoch",
    ),
    measure(
        number=14, kind="recommendation", body=BILDUNG, topic="Fachkräfte und Ausbildung",
        title="Gemeinsame Kampagne für die duale Ausbildung",
        owner="daniel.krause@example.org",
        partners=[("hwk-d", PARTNER), ("afa-du", PARTNER), ("meidericher", PARTNER),
                  ("ak-vorsitz@example.org", PARTNER)],
        status="in_progress", starts="2017-06-01", due="2026-12-31",
        milestones=[("Kampagnenstart „Ausbildung in Duisburg“", "2018-03-31", "2018-03-01"),
                    ("Ausbildungsbotschafter an 30 Schulen", "2021-07-31", "2021-06-30"),
                    ("Ausbildungsmesse 2026", "2026-09-30", "2026-09-24"),
                    ("Auswertung und Fortsetzung", "2026-12-31", None)],
        tags=["Fachkräfte", "Ausbildung"], costs="75000", priority="hoch",
        updates=[("2026-10-01", "green", 85, "Ausbildungsmesse mit 110 Ausstellern.",
                  "Auswertung, Vorschlag zur Fortsetzung an den Lenkungskreis.", "")],
    ),
    measure(
        number=15, kind="recommendation", body=BILDUNG, topic="Fachkräfte und Ausbildung",
        title="Programm zur Förderung des Führungsnachwuchses in Duisburg entwickeln",
        description="Mentoring und ein Jahrgangsprogramm für Nachwuchskräfte aus "
        "Unternehmen, Verwaltung und Wissenschaft.",
        owner="martin.kessler@example.org", partners=[("ihk-nr", PARTNER),
                                                      ("rheinhauser", PARTNER)],
        status="adopted", starts="2027-01-01", due="2028-06-30",
        milestones=[("Konzept und Finanzierung", "2027-03-31", None)],
        tags=["Fachkräfte"], costs="90000", priority="niedrig",
    ),
]

MUELHEIM = [
    # Infrastruktur und lokale Standortbedingungen ------------------------------------
    measure(
        number=1, body=MH_INFRA, topic="Flächen und Infrastruktur",
        title="Fahrplan Industrieflächen",
        description="Ein klarer Fahrplan für die Generierung von mehr Industrieflächen; "
        "verbleibende Chancen werden konsequent genutzt.",
        goal="30 Hektar zusätzliche Industrie- und Gewerbeflächen bis 2027.",
        owner="stadt-mh", partners=[("mub", PARTNER), ("stefan.nowak@example.org", PARTNER),
                                     ("ihk-e", EXPERT)],
        status="in_progress", starts="2017-04-01", due="2027-12-31",
        milestones=[("Flächenpotenzialanalyse", "2017-10-31", "2017-10-20"),
                    ("Ratsbeschluss Fahrplan Industrieflächen", "2018-06-30", "2018-06-28"),
                    ("Aktivierung Fläche Styrum-Nord", "2026-09-30", None),
                    ("Vermarktung Hafenareal", "2027-06-30", None)],
        tags=["Flächen"], costs="2500000", priority="hoch",
        updates=[("2026-10-14", "amber", 65, "18 Hektar aktiviert und vermarktet.",
                  "Altlastensanierung in Styrum-Nord abschließen.",
                  "Bodengutachten verzögert die Fläche Styrum-Nord.")],
    ),
    measure(
        number=2, body=MH_INFRA, topic="Flächen und Infrastruktur",
        title="Gewerbeflächenkataster und Flächenmonitoring",
        owner="mub", partners=[("stadt-mh", PARTNER)],
        status="done", starts="2017-04-01", due="2018-12-31",
        milestones=[("Kataster online", "2018-06-30", "2018-05-30"),
                    ("Erster Monitoringbericht", "2018-12-31", "2018-12-10")],
        tags=["Flächen", "Digitalisierung"], costs="40000", priority="mittel",
    ),
    measure(
        number=3, body=MH_INFRA, topic="Flächen und Infrastruktur",
        title="Brachflächen reaktivieren",
        owner="stadt-mh#2", partners=[("selbecker", PARTNER), ("eppinghofer", PARTNER)],
        status="in_progress", starts="2018-01-01", due="2028-12-31",
        milestones=[("Brachflächenliste mit Eigentümern abgestimmt", "2018-12-31",
                     "2019-02-14"),
                    ("Förderantrag Flächenpool NRW", "2020-06-30", "2020-05-29"),
                    ("Zwei Flächen saniert", "2027-12-31", None)],
        tags=["Flächen"], costs="5200000", program="Flächenpool NRW", priority="hoch",
        updates=[("2026-10-14", "amber", 40, "Sanierung der ersten Fläche begonnen.",
                  "Zweite Fläche ausschreiben.", "Eigentümer der zweiten Fläche zögert.")],
    ),
    measure(
        number=4, body=MH_BREITBAND, topic="Digitalisierung",
        title="Glasfaser für alle Gewerbegebiete bis 2020",
        description="Ausbau des Breitbandnetzes: Anschluss aller Gewerbegebiete mit "
        "Glasfaserleitungen bis 2020.",
        owner="jan.overhoff@example.org",
        partners=[("stadt-mh", PARTNER), ("breitbandberatung", EXPERT), ("mub", PARTNER)],
        status="done", starts="2017-04-01", due="2020-12-31",
        milestones=[("Bedarfsabfrage in den Gewerbegebieten", "2017-09-30", "2017-09-15"),
                    ("Förderbescheid", "2018-09-30", "2018-10-26"),
                    ("Alle Gewerbegebiete angeschlossen", "2020-12-31", "2021-03-31")],
        tags=["Digitalisierung", "Breitband"], costs="3900000",
        program="Bundesförderprogramm Breitband", priority="hoch",
        updates=[("2021-04-12", "green", 100, "Alle 14 Gewerbegebiete angeschlossen.",
                  "", "")],
    ),
    measure(
        number=5, body=MH_BREITBAND, topic="Digitalisierung",
        title="Breitband-Bedarfsabfrage bei den Industriebetrieben",
        owner="mub", partners=[("jan.overhoff@example.org", PARTNER),
                               ("breitbandberatung", EXPERT)],
        status="done", starts="2017-04-01", due="2017-09-30",
        milestones=[("Fragebogen versandt", "2017-05-31", "2017-05-22"),
                    ("Auswertung", "2017-09-30", "2017-09-15")],
        tags=["Breitband"], costs="8000", priority="mittel",
    ),
    measure(
        number=6, body=MH_BREITBAND, topic="Digitalisierung",
        title="5G-Versorgung der Industriegebiete",
        owner="jan.overhoff@example.org", partners=[("winkhauser", PARTNER),
                                                    ("stadt-mh", PARTNER)],
        status="in_progress", starts="2021-01-01", due="2027-06-30",
        milestones=[("Standortkonzept Funkmasten", "2022-06-30", "2022-09-01"),
                    ("Campusnetz im Hafen", "2026-03-31", None)],
        tags=["Digitalisierung", "Breitband"], costs="600000", priority="mittel",
    ),
    measure(
        number=7, body=MH_INFRA, topic="Flächen und Infrastruktur",
        title="Verkehrsanbindung der Industriegebiete an die A 40",
        owner="stadt-mh", partners=[("mendener", PARTNER), ("ihk-e", PARTNER)],
        status="in_progress", starts="2018-01-01", due="2028-12-31",
        milestones=[("Verkehrsgutachten", "2019-06-30", "2019-07-31"),
                    ("Planfeststellung beantragt", "2023-12-31", "2024-02-15"),
                    ("Baubeginn Anschlussstelle", "2027-04-30", None)],
        tags=["Verkehr"], costs="11000000", program="Gemeindeverkehrsfinanzierung NRW",
        priority="hoch",
        updates=[("2026-09-22", "green", 35, "Planfeststellungsbeschluss liegt vor.",
                  "Ausschreibung der Bauleistungen.", "")],
    ),
    measure(
        number=8, body=MH_INFRA, topic="Flächen und Infrastruktur",
        title="Baustellenkoordination mit den Unternehmen",
        owner="stadt-mh#2", partners=[("mendener", PARTNER)],
        status="done", starts="2017-04-01", due="2018-06-30",
        milestones=[("Quartalsrunde Baustellen eingeführt", "2017-09-30", "2017-09-19")],
        tags=["Verkehr"], priority="mittel",
    ),
    measure(
        number=9, body=MH_INFRA, topic="Flächen und Infrastruktur",
        title="ÖPNV-Anbindung der Industriegebiete im Schichtbetrieb",
        owner="stadt-mh#2", partners=[("igm-meo", PARTNER), ("styrumer", PARTNER)],
        status="on_hold",
        reason="Wartet auf den neuen Nahverkehrsplan; Wiederaufnahme nach dem Ratsbeschluss.",
        starts="2018-01-01", due="2027-12-31",
        milestones=[("Befragung der Beschäftigten", "2018-09-30", "2018-10-12")],
        tags=["Verkehr", "Fachkräfte"], priority="mittel",
    ),
    measure(
        number=10, body=MH_INFRA, topic="Flächen und Infrastruktur",
        title="Energieeffizienz-Netzwerk der Mülheimer Industrie",
        owner="saarner", partners=[("selbecker", PARTNER), ("hrw", EXPERT)],
        status="done", starts="2017-06-01", due="2020-06-30",
        milestones=[("Netzwerk mit zwölf Betrieben gegründet", "2017-12-31", "2017-11-29"),
                    ("Abschlussbericht", "2020-06-30", "2020-06-25")],
        tags=["Energie"], costs="110000", program="Initiative Energieeffizienz-Netzwerke",
        priority="mittel",
    ),
    measure(
        number=11, body=MH_INFRA, topic="Akzeptanz der Industrie",
        title="Gemengelagen sichern: Industrie und Wohnen nebeneinander",
        owner="stadt-mh", partners=[("eppinghofer", PARTNER), ("rat-mh", PARTNER)],
        status="done", starts="2017-06-01", due="2019-12-31",
        milestones=[("Konfliktkarte", "2018-06-30", "2018-06-20"),
                    ("Leitlinien im Rat beschlossen", "2019-12-31", "2019-11-28")],
        tags=["Flächen"], priority="mittel",
    ),
    measure(
        number=12, body=MH_INFRA, topic="Verwaltung und Service",
        title="Beschleunigte Genehmigungsverfahren für Industrieanlagen",
        owner="stadt-mh#2", partners=[("ihk-e", PARTNER), ("heissener", PARTNER)],
        status="done", starts="2017-06-01", due="2019-06-30",
        milestones=[("Antragskonferenzen eingeführt", "2018-03-31", "2018-03-01"),
                    ("Verfahrensdauer halbiert", "2019-06-30", "2019-09-30")],
        tags=["Genehmigungen"], priority="hoch",
    ),
    # Vernetzung Wirtschaft / Wissenschaft, Bildung, Gründung -------------------------
    measure(
        number=13, body=MH_TRANSFER, topic="Innovation und Transfer",
        title="Transferstellen stärken und Abgleich-Gespräche ausbauen",
        description="Mehr „Abgleich-Gespräche“ zwischen Industrie und Wissenschaft: die "
        "Transferstellen von HRW, Max-Planck-Instituten und Fraunhofer besuchen die Betriebe.",
        goal="40 Abgleich-Gespräche im Jahr; 6 von 10 Betrieben kooperieren mit der "
        "Wissenschaft.",
        owner="lena.marx@example.org",
        partners=[("bettina.adam@example.org", PARTNER), ("mub", PARTNER),
                  ("duemptener", PARTNER)],
        status="in_progress", starts="2017-04-01", due="2027-12-31",
        milestones=[("Gesprächsleitfaden", "2017-06-30", "2017-06-12"),
                    ("40 Gespräche im Jahr erreicht", "2019-12-31", "2019-12-18"),
                    ("Zweite Industrieumfrage", "2026-06-30", None)],
        tags=["Transfer", "Innovation"], costs="160000", priority="hoch",
        updates=[("2026-09-30", "amber", 70, "43 Abgleich-Gespräche bis September.",
                  "Zweite Industrieumfrage vorbereiten.",
                  "Mittel für die Umfrage sind nicht im Haushalt 2026.")],
    ),
    measure(
        number=14, body=MH_VERNETZUNG, topic="Innovation und Transfer",
        title="Plattform Kooperation Wirtschaft–Wissenschaft",
        description="Eine Plattform, die der Mülheimer Industrie transparent zeigt, welche "
        "Möglichkeiten der Zusammenarbeit es mit der Wissenschaft gibt.",
        owner="melanie.hartwig@example.org",
        partners=[("lena.marx@example.org", PARTNER), ("ruhrbania", PARTNER)],
        status="done", starts="2017-04-01", due="2019-06-30",
        milestones=[("Anforderungen mit den Betrieben", "2017-10-31", "2017-10-05"),
                    ("Plattform online", "2018-09-30", "2018-11-20"),
                    ("100 Angebote eingestellt", "2019-06-30", "2019-05-08")],
        tags=["Transfer", "Digitalisierung"], costs="85000", priority="hoch",
    ),
    measure(
        number=15, body=MH_VERNETZUNG, topic="Innovation und Transfer",
        title="Innovationszentrum an der HRW",
        description="Ein Innovationszentrum für Gründer und Industrieunternehmen an der "
        "Hochschule Ruhr West.",
        owner="klaus.wendland@example.org",
        partners=[("mub", PARTNER), ("stadt-mh", SPONSOR), ("susanne.ebert@example.org",
                                                              PARTNER)],
        status="in_progress", starts="2017-06-01", due="2027-06-30",
        milestones=[("Konzept und Standort", "2018-06-30", "2018-06-15"),
                    ("Förderbescheid", "2020-12-31", "2021-03-10"),
                    ("Eröffnung", "2026-10-31", None)],
        tags=["Innovation", "Gründung"], costs="9800000", program="EFRE/JTF-Programm NRW",
        priority="hoch",
        updates=[("2026-11-03", "amber", 80, "Innenausbau fast abgeschlossen.",
                  "Eröffnung im Februar 2027.", "Ankermieter aus der Industrie gesucht.")],
    ),
    measure(
        number=16, body=MH_VERNETZUNG, topic="Fachkräfte und Ausbildung",
        title="Lotse in Ausbildung an der HRW",
        description="Ein „Lotse in Ausbildung“ berät Studienabbrecherinnen und "
        "Studienabbrecher an der Hochschule Ruhr West über eine duale Ausbildung.",
        owner="hrw#2", partners=[("ihk-e", PARTNER), ("ausbildungsverbund-mh", PARTNER)],
        status="done", starts="2017-06-01", due="2018-12-31",
        milestones=[("Lotse eingestellt", "2017-10-01", "2017-10-01"),
                    ("50 Beratungen", "2018-12-31", "2018-11-30")],
        tags=["Ausbildung", "Fachkräfte"], costs="65000", program="JOBSTARTER plus",
        priority="hoch",
    ),
    measure(
        number=17, body=MH_VERNETZUNG, topic="Fachkräfte und Ausbildung",
        title="TaskForce Vallourec-Ausbildungszentrum",
        description="Die IHK richtet eine TaskForce ein, um den Verlust des "
        "Vallourec-Ausbildungszentrums abzufedern.",
        owner="ihk-e", partners=[("igm-meo", PARTNER), ("ausbildungsverbund-mh", PARTNER),
                                  ("ruhrtal", PARTNER)],
        status="done", starts="2017-03-20", due="2018-08-31",
        milestones=[("TaskForce eingesetzt", "2017-04-30", "2017-04-03"),
                    ("Ausbildungsplätze im Verbund gesichert", "2018-08-31", "2018-08-01")],
        tags=["Ausbildung"], priority="hoch",
    ),
    measure(
        number=18, body=MH_VERNETZUNG, topic="Innovation und Transfer",
        title="Gründungsberatung Industrie 4.0",
        owner="mub", partners=[("hrw", PARTNER), ("ruhrbania", EXPERT)],
        status="in_progress", starts="2018-01-01", due="2026-12-31",
        milestones=[("Sprechstunde im Gründerzentrum", "2018-06-30", "2018-05-15"),
                    ("Zehn Gründungen begleitet", "2026-12-31", None)],
        tags=["Gründung", "Digitalisierung"], costs="140000", priority="mittel",
    ),
    measure(
        number=19, body=MH_VERNETZUNG, topic="Fachkräfte und Ausbildung",
        title="Praktikumsbörse Industrie für Studierende",
        owner="hrw", partners=[("duemptener", PARTNER), ("saarner", PARTNER)],
        status="done", starts="2017-06-01", due="2018-10-31",
        milestones=[("Börse online", "2018-03-31", "2018-03-12")],
        tags=["Fachkräfte"], costs="10000", priority="niedrig",
    ),
    measure(
        number=20, body=MH_VERNETZUNG, topic="Fachkräfte und Ausbildung",
        title="MINT-Förderung an Mülheimer Schulen",
        owner="ausbildungsverbund-mh", partners=[("hrw", PARTNER), ("ruhrtal", SPONSOR)],
        status="done", starts="2017-08-01", due="2020-07-31",
        milestones=[("zdi-Schülerlabor eröffnet", "2018-09-30", "2018-09-21"),
                    ("Zwölf Schulen beteiligt", "2020-07-31", "2020-06-30")],
        tags=["Ausbildung"], costs="200000", program="zdi-Netzwerk NRW", priority="mittel",
    ),
    measure(
        number=21, body=MH_VERNETZUNG, topic="Fachkräfte und Ausbildung",
        title="Weiterbildungsverbund Digitalisierung für Beschäftigte",
        owner="igm-meo", partners=[("heissener", PARTNER), ("ihk-e", PARTNER),
                                    ("hrw", EXPERT)],
        status="in_progress", starts="2019-01-01", due="2027-12-31",
        milestones=[("Verbund gegründet", "2019-06-30", "2019-06-27"),
                    ("1.000 Teilnehmende", "2026-12-31", None)],
        tags=["Digitalisierung", "Fachkräfte"], costs="750000",
        program="Bundesprogramm Weiterbildungsverbünde", priority="hoch",
        updates=[("2026-10-08", "green", 75, "860 Beschäftigte aus 21 Betrieben geschult.",
                  "Module zu künstlicher Intelligenz.", "")],
    ),
    measure(
        number=22, body=MH_VERNETZUNG, topic="Innovation und Transfer",
        title="Innovationsgutscheine für kleine Industriebetriebe",
        owner="mub", partners=[("broicher", PARTNER)],
        status="on_hold",
        reason="Das Landesprogramm wurde 2024 eingestellt; neue Finanzierung wird gesucht.",
        starts="2018-01-01", due="2027-12-31",
        milestones=[("Erste Runde mit 15 Gutscheinen", "2019-12-31", "2019-12-20")],
        tags=["Innovation"], costs="150000", program="Innovationsgutschein NRW",
        priority="niedrig",
    ),
    measure(
        number=23, body=MH_TRANSFER, topic="Innovation und Transfer",
        title="Forschungskooperation Wasserstoff mit den Instituten",
        owner="bettina.adam@example.org",
        partners=[("selbecker", PARTNER), ("fhg-umsicht", EXPERT), ("hrw", PARTNER)],
        status="in_progress", starts="2020-01-01", due="2028-12-31",
        milestones=[("Konsortium gebildet", "2021-06-30", "2021-05-20"),
                    ("Pilotanlage in Betrieb", "2027-06-30", None)],
        tags=["Innovation", "Energie"], costs="4200000", program="Reallabore der Energiewende",
        priority="hoch",
        updates=[("2026-10-28", "green", 45, "Elektrolyseur geliefert.",
                  "Inbetriebnahme der Pilotanlage.", "")],
    ),
    # Standortprofil und Akzeptanz der Industrie --------------------------------------
    measure(
        number=24, body=MH_PROFIL, topic="Verwaltung und Service",
        title="Digitalisierung der Verwaltung und Serviceversprechen",
        description="Selbstverpflichtung der Verwaltung: Sie will bei der Digitalisierung "
        "Vorreiter werden und ein Serviceversprechen für mehr Mittelstandsfreundlichkeit "
        "erarbeiten.",
        owner="oliver.hesse@example.org",
        partners=[("stefan.nowak@example.org", PARTNER), ("mub", PARTNER),
                  ("mitglied@example.org", PARTNER)],
        status="in_progress", starts="2017-04-01", due="2027-12-31",
        milestones=[("Serviceversprechen veröffentlicht", "2018-05-31", "2018-05-24"),
                    ("Gewerbeanmeldung online", "2020-06-30", "2020-09-01"),
                    ("Digitale Bauakte", "2026-06-30", None),
                    ("E-Akte in allen Ämtern", "2027-12-31", None)],
        tags=["Digitalisierung", "Verwaltung"], costs="1200000",
        program="Digitalprogramm des Landes NRW", priority="hoch",
        updates=[("2026-10-21", "amber", 60, "E-Akte in acht von zwölf Ämtern.",
                  "Digitale Bauakte in Betrieb nehmen.",
                  "Schnittstelle zum Fachverfahren fehlt.")],
    ),
    measure(
        number=25, body=MH_PROFIL, topic="Fachkräfte und Ausbildung",
        title="Neue Formate, um Jugendliche für die duale Ausbildung zu begeistern",
        description="Ausbildungsbotschafter in den Schulen, eine „Nacht der Ausbildung“ und "
        "Speed-Datings zwischen Betrieben und Jugendlichen.",
        owner="mitglied@example.org",
        partners=[("ihk-e", PARTNER), ("ausbildungsverbund-mh", PARTNER),
                  ("igm-meo", PARTNER)],
        status="in_progress", starts="2017-06-01", due="2026-12-31",
        milestones=[("Erste Nacht der Ausbildung", "2017-11-30", "2017-11-17"),
                    ("Ausbildungsbotschafter an allen weiterführenden Schulen",
                     "2020-07-31", "2021-03-01"),
                    ("Speed-Dating 2026", "2026-05-31", "2026-05-20"),
                    ("Bilanz und Fortsetzung", "2026-12-31", None)],
        tags=["Ausbildung", "Fachkräfte"], costs="45000", priority="hoch",
        updates=[("2026-06-02", "green", 90, "Speed-Dating mit 240 Jugendlichen und 35 "
                  "Betrieben.", "Bilanz für die Industriekonferenz.", "")],
    ),
    measure(
        number=26, body=MH_PROFIL, topic="Akzeptanz der Industrie",
        title="Lange Nacht der Industrie",
        owner="uv-mh", partners=[("ruhrtal", PARTNER), ("speldorfer", PARTNER),
                                  ("igm-meo", PARTNER)],
        status="done", starts="2017-06-01", due="2018-10-31",
        milestones=[("Erste Lange Nacht mit zwölf Betrieben", "2017-10-31", "2017-10-19"),
                    ("Zweite Lange Nacht", "2018-10-31", "2018-10-18")],
        tags=["Akzeptanz"], costs="35000", priority="mittel",
    ),
    measure(
        number=27, body=MH_PROFIL, topic="Akzeptanz der Industrie",
        title="Imagekampagne „Industrie in Mülheim“",
        owner="mub", partners=[("uv-mh", PARTNER), ("broicher", PARTNER)],
        status="done", starts="2017-06-01", due="2019-06-30",
        milestones=[("Motive mit Beschäftigten", "2018-03-31", "2018-03-28"),
                    ("Kampagnenstart", "2018-05-31", "2018-05-07")],
        tags=["Akzeptanz", "Image"], costs="95000", priority="mittel",
    ),
    measure(
        number=28, body=MH_PROFIL, topic="Akzeptanz der Industrie",
        title="Nachbarschaftsdialog Industrie in Styrum",
        owner="buergerverein-styrum", partners=[("speldorfer", PARTNER), ("stadt-mh", PARTNER)],
        status="done", starts="2017-09-01", due="2019-12-31",
        milestones=[("Erstes Dialogforum", "2018-02-28", "2018-02-22")],
        tags=["Akzeptanz"], costs="8000", priority="niedrig",
    ),
    measure(
        number=29, body=MH_PROFIL, topic="Verwaltung und Service",
        title="Industrielotse in der Verwaltung",
        owner="stadt-mh", partners=[("mub", PARTNER)],
        status="done", starts="2017-06-01", due="2018-06-30",
        milestones=[("Industrielotse benannt", "2017-09-30", "2017-09-01")],
        tags=["Verwaltung"], priority="hoch",
    ),
    measure(
        number=30, body=MH_PROFIL, topic="Fachkräfte und Ausbildung",
        title="Industrie macht Schule: Partnerschaften von Betrieben und Schulen",
        owner="ihk-e", partners=[("mitglied@example.org", PARTNER), ("winkhauser", PARTNER)],
        status="in_progress", starts="2018-01-01", due="2027-07-31",
        milestones=[("15 Partnerschaften", "2019-12-31", "2019-12-05"),
                    ("Jede weiterführende Schule mit einem Partnerbetrieb", "2027-07-31", None)],
        tags=["Ausbildung"], costs="25000", priority="mittel",
    ),
    measure(
        number=31, body=MH_PROFIL, topic="Akzeptanz der Industrie",
        title="Mülheimer Industriebericht",
        owner="mub", partners=[("uv-mh", PARTNER), ("igm-meo", PARTNER)],
        status="in_progress", starts="2018-01-01", due="2027-03-31",
        milestones=[("Erster Industriebericht", "2018-11-30", "2018-11-15"),
                    ("Industriebericht 2026", "2027-03-31", None)],
        tags=["Akzeptanz"], costs="20000", priority="niedrig",
    ),
    measure(
        number=32, body=MH_PROFIL, topic="Fachkräfte und Ausbildung",
        title="Willkommensservice für Fachkräfte",
        owner="mub", partners=[("duemptener", PARTNER)],
        status="on_hold",
        reason="Geht im regionalen Welcome Center der Metropole Ruhr auf; Entscheidung über "
        "eine eigene Anlaufstelle steht aus.",
        starts="2019-01-01", due="2027-12-31",
        tags=["Fachkräfte"], priority="niedrig",
    ),
    measure(
        number=33, body=MH_PROFIL, topic="Akzeptanz der Industrie",
        title="Industrie-Stammtisch der Geschäftsführungen",
        owner="michael.terhoeven@example.org", partners=[("uv-mh", PARTNER)],
        status="done", starts="2017-04-01", due="2017-12-31",
        milestones=[("Erster Stammtisch", "2017-06-30", "2017-06-14")],
        tags=["Akzeptanz"], priority="niedrig",
    ),
]
# fmt: on

MEASURES = {"duisburg": DUISBURG, "muelheim": MUELHEIM}
# Mülheim's 33 are projects adopted at the conference; Duisburg names its kinds.
DEFAULT_KIND = {"duisburg": "measure", "muelheim": "project"}
