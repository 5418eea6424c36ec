"""Duisburg's demo measures: the recommendations of the Masterplan Wirtschaft's five
working groups and the projects that carry them out (see `data` for how rows name
people and dates)."""

from .data import EXPERT, PARTNER, SPONSOR, measure

# The working groups by their body names in `initiatives.demo.data.BODIES`.
MITTELSTAND = "Mittelstand und Gründung"
INFRASTRUKTUR = "Infrastruktur, Umwelt und Energie"
IMAGE = "Image und internationales Profil"
FAMILIE = "Familienfreundlichkeit"
BILDUNG = "Bildung, Integration und Technologie"

LENKUNGSKREIS_2017_06 = (
    "Lenkungskreis",
    "2017-06-19",
    "Beschluss des Lenkungskreises vom 19.06.2017: Umsetzungsprojekte zum Masterplan",
)

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
# fmt: on
