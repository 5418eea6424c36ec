"""The demo's transfer platform of Mülheim an der Ruhr (DESIGN.md, "Demo data"; the seed:
only 4 of 10 firms cooperate with science, so the initiative builds "a platform that
shows Mülheim's industry transparently which ways of working with science there are"
and wants "more matching talks between industry and science").

* The shared vocabulary of a dozen topics.
* About forty offers of the Hochschule Ruhr West, both Max Planck institutes in
  Mülheim, Fraunhofer UMSICHT and the Universität Duisburg-Essen, of every kind, among
  them the Innovationszentrum an der HRW (measure 15); the contact is the institution's
  transfer office. Most are published; two of the HRW's wait for the office's approval
  (submitted by the demo's transfer officer, transfer@example.org), one is withdrawn,
  one ran out.
* Twenty-five needs of the demo's Mülheim firms over the last eighteen months, public
  or for the transfer officers only; those that led to a cooperation are closed.
* Twenty matching talks over the last six quarters with their outcomes, and three in
  the coming weeks (their invitations sit in the outbox, as any other).
* The share of the firms with an agreed cooperation, published as an indicator value
  next to the survey's "4 von 10" in the goal "wissensbasierter Industriestandort".

The institutions are real, their offers and the firms are invented. Everything goes
through this app's services; the dates of needs and talks are then moved into the
past, relative to the day of the first run. Loading again changes nothing: topics,
offers and needs are looked up by name or title (and repaired where they differ), a
talk by its firm, institution, need and offer (and then left alone, with its date);
the share is published again only when it differs from the indicator's last value."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from standort.core.demo import differs
from standort.indicators import services as indicator_services
from standort.indicators.models import Goal, Indicator, Observation
from standort.initiatives.demo.data import ORGANIZATIONS
from standort.initiatives.models import Organization, Person

from . import queries, services
from .models import Need, Offer, Talk, Topic

BERLIN = ZoneInfo("Europe/Berlin")
OFFICER = "transfer@example.org"

TOPICS = [
    "Digitalisierung",
    "Automatisierung",
    "Produktion",
    "Werkstoffe",
    "Chemie",
    "Energie",
    "Wasserstoff",
    "Nachhaltigkeit",
    "Logistik",
    "Fachkräfte",
    "Gründung",
]

INNOVATION_CENTRE = "Innovationszentrum für Gründer und Industrieunternehmen an der HRW"

K = Offer.Kind
# How an offer ends up: published by the office (the default), submitted by the HRW's
# transfer officer and awaiting approval, withdrawn, or published and run out.
SUBMITTED, WITHDRAWN, EXPIRED = "submitted", "withdrawn", "expired"
# valid_until: the end of next year (an offer of a programme with a term).
NEXT_YEAR = "next_year"

# institution key: [(title, kind, topics, description, conditions, contact, valid until,
#                    fate)]; the contact by e-mail (initiatives.demo.data.KEY_PEOPLE).
OFFERS = {
    "hrw": [
        (
            INNOVATION_CENTRE,
            K.EQUIPMENT,
            ["Gründung", "Digitalisierung", "Produktion"],
            "Büros, Werkstatt und Labore unter einem Dach: Im Innovationszentrum an der "
            "Hochschule Ruhr West arbeiten Gründerinnen und Gründer neben Teams aus "
            "Mülheimer Industriebetrieben an neuen Produkten. Dazu gehören ein Makerspace "
            "mit 3D-Druck und Laserschneider, ein Demonstrator für vernetzte Produktion und "
            "die Beratung durch die Transferstelle. Betriebe können Flächen für "
            "Innovationsteams auf Zeit mieten.",
            "Flächen ab 20 m² für sechs bis 24 Monate; für Gründungen aus der Hochschule "
            "im ersten Jahr mietfrei. Interessenten melden sich schon vor der Eröffnung "
            "bei der Transferstelle.",
            "hannah.rosendahl@example.org",
            None,
            None,
        ),
        (
            "Studentische Projektgruppen: Digitalisierung in der Produktion",
            K.STUDENT_PROJECT,
            ["Digitalisierung", "Produktion", "Automatisierung"],
            "Fünf bis acht Studierende der Wirtschaftsinformatik und des Maschinenbaus "
            "bearbeiten ein Semester lang eine Aufgabe aus Ihrem Betrieb: Daten aus "
            "Maschinen erfassen, eine Kamera-Prüfstation bauen, ein Kennzahlen-Dashboard "
            "entwickeln. Eine Professorin oder ein Professor betreut das Projekt.",
            "Ein Ansprechpartner im Betrieb, Zugang zu Daten und Anlagen; keine Kosten "
            "außer Material.",
            OFFICER,
            None,
            None,
        ),
        (
            "Abschlussarbeiten im Maschinenbau in Ihrem Betrieb",
            K.THESIS,
            ["Produktion", "Werkstoffe"],
            "Bachelor- und Masterarbeiten zu Konstruktion, Fertigungstechnik und "
            "Werkstoffauswahl, geschrieben in Ihrem Betrieb und betreut von der "
            "Hochschule. Die Transferstelle hilft, das Thema zuzuschneiden.",
            "Bachelorarbeit drei Monate, Masterarbeit sechs Monate; eine Vergütung der "
            "Studierenden ist üblich.",
            OFFICER,
            None,
            None,
        ),
        (
            "Praxissemester: Studierende der Ingenieurwissenschaften",
            K.INTERNSHIP,
            ["Fachkräfte"],
            "Studierende der Mechatronik, des Maschinenbaus und der Elektrotechnik "
            "verbringen ihr Praxissemester in einem Mülheimer Betrieb – der beste Weg, "
            "künftige Fachkräfte früh kennenzulernen.",
            "20 Wochen ab März oder September; Vergütung nach Absprache.",
            OFFICER,
            NEXT_YEAR,
            None,
        ),
        (
            "Labor für Mess- und Sensortechnik: Messungen im Auftrag",
            K.EQUIPMENT,
            ["Automatisierung", "Digitalisierung"],
            "Schwingungs-, Temperatur- und Druckmessungen an Bauteilen und Anlagen, "
            "Kalibrierung von Sensoren und der Aufbau von Messketten für die Serie – im "
            "Labor der Hochschule oder bei Ihnen vor Ort.",
            "Abrechnung nach Aufwand; ein erstes Gespräch ist kostenlos.",
            "lena.marx@example.org",
            None,
            None,
        ),
        (
            "Zustandsüberwachung von Maschinen mit Sensorik und maschinellem Lernen",
            K.RESEARCH_PROJECT,
            ["Digitalisierung", "Automatisierung", "Produktion"],
            "Gemeinsame Forschungsprojekte zur vorausschauenden Instandhaltung: Sensoren "
            "nachrüsten, Schwingungsdaten auswerten, Ausfälle von Lagern, Pumpen und "
            "Turbinen vorhersagen. Gefördert etwa im Zentralen Innovationsprogramm "
            "Mittelstand (ZIM).",
            "Laufzeit in der Regel zwei Jahre; der Betrieb trägt seinen Eigenanteil.",
            "lena.marx@example.org",
            None,
            None,
        ),
        (
            "Energieeffizienz-Check für Produktionsanlagen",
            K.CONTRACT_RESEARCH,
            ["Energie", "Nachhaltigkeit"],
            "Das Institut Energiesysteme misst den Verbrauch Ihrer Druckluft, Öfen und "
            "Antriebe, zeigt, wo Energie verloren geht, und rechnet vor, was sich lohnt.",
            "Pauschal für Betriebe bis 250 Beschäftigte; größere nach Angebot.",
            OFFICER,
            None,
            None,
        ),
        (
            "Zertifikatskurs Industrie 4.0 für Fach- und Führungskräfte",
            K.CONTINUING_EDUCATION,
            ["Digitalisierung", "Fachkräfte"],
            "Acht Abende und zwei Samstage: vernetzte Produktion, Daten in der "
            "Instandhaltung, IT-Sicherheit und die Einführung im eigenen Betrieb. Mit "
            "Hochschulzertifikat.",
            "Kursgebühr pro Person; Bildungsscheck NRW möglich.",
            OFFICER,
            NEXT_YEAR,
            None,
        ),
        (
            "Fördermittelberatung für gemeinsame Forschungsprojekte",
            K.FUNDING_ADVICE,
            ["Digitalisierung", "Energie"],
            "Welches Programm passt – ZIM, KMU-innovativ, die Förderung des Landes? Die "
            "Transferstelle prüft die Idee, findet das Programm und schreibt den Antrag "
            "mit Ihnen.",
            "Kostenlos für Betriebe, die mit der Hochschule kooperieren.",
            "lena.marx@example.org",
            None,
            None,
        ),
        (
            "Werkstoffprüfung und Schadensanalyse im Werkstofflabor",
            K.CONTRACT_RESEARCH,
            ["Werkstoffe", "Produktion"],
            "Zug-, Härte- und Kerbschlagprüfungen, Metallografie und Rasterelektronen"
            "mikroskopie: Das Werkstofflabor klärt, warum ein Bauteil versagt hat, und "
            "prüft neue Werkstoffe und Beschichtungen, auch unter Wasserstoff.",
            "Abrechnung nach Aufwand; Eilprüfungen nach Absprache.",
            "lena.marx@example.org",
            None,
            None,
        ),
        (
            "Robotik-Labor: Machbarkeitsstudien zur Automatisierung",
            K.EQUIPMENT,
            ["Automatisierung", "Produktion"],
            "Lohnt sich ein Roboter für Ihr Handling, Ihre Montage, Ihre Prüfung? Im "
            "Robotik-Labor bauen wir den Arbeitsschritt mit kollaborierenden Robotern nach "
            "und messen Taktzeit und Qualität.",
            "Machbarkeitsstudie in vier bis acht Wochen, nach Angebot.",
            OFFICER,
            None,
            None,
        ),
        (
            "Logistikprozesse analysieren und optimieren",
            K.STUDENT_PROJECT,
            ["Logistik", "Digitalisierung"],
            "Studierende des Wirtschaftsingenieurwesens nehmen Ihren Materialfluss auf, "
            "simulieren Alternativen und schlagen Layout, Lagerstrategie oder Routen vor.",
            "Ein Semester; keine Kosten.",
            OFFICER,
            None,
            None,
        ),
        (
            "IT-Sicherheit in der Produktion: Schwachstellenanalyse",
            K.CONTRACT_RESEARCH,
            ["Digitalisierung", "Automatisierung"],
            "Das Institut Informatik prüft Steuerungen, Fernwartungszugänge und das Netz "
            "Ihrer Fertigung auf Schwachstellen und hilft, sie zu schließen – bevor es "
            "ein Angreifer tut.",
            "Vertraulichkeitsvereinbarung vorab; Abrechnung nach Angebot.",
            OFFICER,
            None,
            None,
        ),
        (
            "Werkstudierende für Datenanalyse und Softwareentwicklung",
            K.INTERNSHIP,
            ["Digitalisierung", "Fachkräfte"],
            "Studierende der Informatik arbeiten zehn bis zwanzig Stunden in der Woche in "
            "Ihrem Betrieb mit: Auswertungen, kleine Anwendungen, Schnittstellen.",
            "Vergütung nach Absprache; Vermittlung über die Transferstelle.",
            OFFICER,
            None,
            SUBMITTED,
        ),
        (
            "Additive Fertigung: Prototypen aus dem 3D-Drucker",
            K.EQUIPMENT,
            ["Produktion", "Werkstoffe"],
            "Prototypen und Vorrichtungen aus Kunststoff in wenigen Tagen; Beratung, "
            "welche Teile sich für den 3D-Druck eignen. Ein Drucker für Metall ist "
            "beantragt.",
            "Materialkosten und Maschinenstunden nach Preisliste.",
            OFFICER,
            None,
            SUBMITTED,
        ),
        (
            "Sommerschule Programmieren für Auszubildende",
            K.CONTINUING_EDUCATION,
            ["Fachkräfte", "Digitalisierung"],
            "Eine Woche in den Sommerferien: Auszubildende der Metall- und Elektroberufe "
            "programmieren Steuerungen und kleine Roboter.",
            "Kostenlos; höchstens 20 Plätze.",
            OFFICER,
            None,
            WITHDRAWN,
        ),
    ],
    "mpi-kofo": [
        (
            "Katalysatorentwicklung für industrielle Prozesse",
            K.RESEARCH_PROJECT,
            ["Chemie", "Nachhaltigkeit"],
            "Selektivere Katalysatoren sparen Rohstoffe, Energie und Lösemittel. Die "
            "Arbeitsgruppen des Instituts entwickeln mit Unternehmen Katalysatoren für "
            "deren Verfahren, vom Labor bis zum Technikumsversuch.",
            "Kooperationsvertrag mit Regelung der Schutzrechte; öffentliche Förderung möglich.",
            "bettina.adam@example.org",
            None,
            None,
        ),
        (
            "Analytik im Auftrag: NMR, Massenspektrometrie, Elektronenmikroskopie",
            K.CONTRACT_RESEARCH,
            ["Chemie", "Werkstoffe"],
            "Die Serviceabteilungen des Instituts messen für Unternehmen, was Routine"
            "labore nicht können: Strukturaufklärung, Spurenanalytik, Oberflächen im "
            "Elektronenmikroskop.",
            "Nach Kapazität der Geräte; Abrechnung nach Messzeit.",
            "bettina.adam@example.org",
            None,
            None,
        ),
        (
            "Chemisches Recycling gemischter Kunststoffabfälle",
            K.RESEARCH_PROJECT,
            ["Chemie", "Nachhaltigkeit", "Werkstoffe"],
            "Was sich nicht sortieren lässt, lässt sich vielleicht spalten: Verfahren, "
            "die gemischte Kunststoffabfälle katalytisch in Grundstoffe zurückführen. "
            "Gesucht sind Betriebe mit geeigneten Abfallströmen.",
            "",
            "bettina.adam@example.org",
            None,
            None,
        ),
        (
            "Masterarbeiten in der technischen Chemie",
            K.THESIS,
            ["Chemie", "Fachkräfte"],
            "Masterarbeiten an der Schnittstelle von Forschung und Anwendung, gemeinsam "
            "betreut von einer Arbeitsgruppe des Instituts und Ihrem Betrieb.",
            "Sechs Monate; Thema und Veröffentlichung werden vorab abgestimmt.",
            "bettina.adam@example.org",
            None,
            None,
        ),
        (
            "Wasserstoff speichern in flüssigen organischen Trägern",
            K.RESEARCH_PROJECT,
            ["Wasserstoff", "Chemie", "Energie"],
            "Wasserstoff, gebunden an ein flüssiges Trägeröl, lässt sich in vorhandenen "
            "Tanks lagern und mit dem Lkw fahren. Das Institut sucht Partner für "
            "Katalysatoren und Anlagen zum Be- und Entladen.",
            "",
            "bettina.adam@example.org",
            None,
            None,
        ),
        (
            "Besichtigung der Technika für Betriebe",
            K.CONTINUING_EDUCATION,
            ["Chemie"],
            "Zweimal im Jahr öffnet das Institut seine Technika für Fach- und "
            "Führungskräfte aus der Region: Vorträge, Rundgang, Gespräche mit den "
            "Arbeitsgruppen.",
            "Kostenlos; Anmeldung bei der Transferstelle.",
            "bettina.adam@example.org",
            None,
            None,
        ),
        (
            "Kolloquium „Katalyse für die Praxis“",
            K.CONTINUING_EDUCATION,
            ["Chemie", "Nachhaltigkeit"],
            "Eine Vortragsreihe für Chemikerinnen und Chemiker aus der Industrie: neue "
            "Katalysatoren und was sie im Betrieb ändern.",
            "Kostenlos; Anmeldung erforderlich.",
            "bettina.adam@example.org",
            None,
            EXPIRED,
        ),
    ],
    "mpi-cec": [
        (
            "Elektrolyse und Wasserstofferzeugung: gemeinsame Forschungsprojekte",
            K.RESEARCH_PROJECT,
            ["Wasserstoff", "Energie"],
            "Das Institut erforscht Katalysatoren für die Wasserelektrolyse und die "
            "Umwandlung von Strom in chemische Energieträger. Es sucht Betriebe, die "
            "Elektrolyseure bauen, betreiben oder ihre Bauteile liefern.",
            "Kooperationsvertrag; gemeinsame Anträge in Bundes- und EU-Programmen.",
            "friederike.hollmann@example.org",
            None,
            None,
        ),
        (
            "Spektroskopie-Labor: Materialcharakterisierung",
            K.EQUIPMENT,
            ["Werkstoffe", "Chemie"],
            "Röntgen-, EPR- und Mößbauer-Spektroskopie für Proben aus der Industrie: "
            "Oberflächen, Korrosionsschichten, Katalysatoren.",
            "Nach Kapazität der Geräte; Messungen mit einer Mitarbeiterin des Instituts.",
            "friederike.hollmann@example.org",
            None,
            None,
        ),
        (
            "Power-to-X: Machbarkeitsstudie für Ihren Standort",
            K.CONTRACT_RESEARCH,
            ["Wasserstoff", "Energie", "Nachhaltigkeit"],
            "Lohnt sich eigener grüner Wasserstoff, Methanol oder Ammoniak? Die Studie "
            "rechnet mit Ihrem Strom- und Wärmebedarf und zeigt Technik, Kosten und "
            "Förderung.",
            "Drei Monate, nach Angebot.",
            "friederike.hollmann@example.org",
            None,
            None,
        ),
        (
            "Praktika für Chemielaborantinnen und Chemielaboranten",
            K.INTERNSHIP,
            ["Fachkräfte", "Chemie"],
            "Auszubildende aus Mülheimer Betrieben lernen vier Wochen in einer "
            "Forschungsgruppe mit: Synthese, Analytik, Arbeiten unter Schutzgas.",
            "Im zweiten oder dritten Ausbildungsjahr; kostenlos.",
            "friederike.hollmann@example.org",
            NEXT_YEAR,
            None,
        ),
        (
            "Workshop „Wasserstoff im Mittelstand“",
            K.CONTINUING_EDUCATION,
            ["Wasserstoff", "Fachkräfte"],
            "Ein Tag für Technikverantwortliche: Erzeugung, Speicherung und Nutzung von "
            "Wasserstoff, Sicherheit, Normen und die ersten Schritte im Betrieb.",
            "Kostenbeitrag für Verpflegung.",
            "friederike.hollmann@example.org",
            None,
            None,
        ),
    ],
    "fhg-umsicht": [
        (
            "Rezyklate für Kunststoffbauteile",
            K.CONTRACT_RESEARCH,
            ["Werkstoffe", "Nachhaltigkeit", "Chemie"],
            "Wie viel Rezyklat verträgt Ihr Spritzgussteil? Fraunhofer UMSICHT prüft "
            "Rezyklat-Qualitäten, entwickelt Compounds und begleitet die Versuche an "
            "Ihrer Maschine.",
            "Auftragsforschung nach Angebot; Vorgespräch kostenlos.",
            "hendrik.wiethoff@example.org",
            None,
            None,
        ),
        (
            "Energiesystemanalyse für Industriestandorte",
            K.CONTRACT_RESEARCH,
            ["Energie", "Nachhaltigkeit", "Logistik"],
            "Strom, Wärme, Kälte und Mobilität eines Standorts in einem Modell: welche "
            "Erzeugung, welche Speicher, welche Ladeinfrastruktur für die Flotte – und in "
            "welcher Reihenfolge.",
            "Nach Angebot; Förderung über Landesprogramme möglich.",
            "hendrik.wiethoff@example.org",
            None,
            None,
        ),
        (
            "Technikum: Versuche im Pilotmaßstab",
            K.EQUIPMENT,
            ["Chemie", "Produktion", "Werkstoffe"],
            "Vom Labor in den Maßstab von Kilogramm und Tonnen: Extruder, Reaktoren, "
            "Trocknung und Aufbereitung im Technikum in Oberhausen, mit dem Personal des "
            "Instituts.",
            "Nach Angebot; Versuchstage nach Belegung.",
            "hendrik.wiethoff@example.org",
            None,
            None,
        ),
        (
            "Wasserstoff-Readiness-Check für Betriebe",
            K.CONTRACT_RESEARCH,
            ["Wasserstoff", "Energie"],
            "Welche Anlagen und Komponenten vertragen Wasserstoff, welche Normen gelten, "
            "welche Märkte entstehen? Der Check bewertet Ihr Produktprogramm und Ihren "
            "Standort.",
            "Pauschalpreis für kleine und mittlere Betriebe.",
            "hendrik.wiethoff@example.org",
            None,
            None,
        ),
        (
            "Verbundprojekte mit dem Mittelstand: Förderung und Antrag",
            K.FUNDING_ADVICE,
            ["Nachhaltigkeit", "Energie"],
            "Das Institut bringt Betriebe, Hochschulen und Anwender zu Verbünden "
            "zusammen und koordiniert Anträge, etwa in der Förderung der "
            "Kreislaufwirtschaft.",
            "Kostenlos bis zum Antrag.",
            "hendrik.wiethoff@example.org",
            None,
            None,
        ),
        (
            "Energiemanagement nach ISO 50001 in der Praxis",
            K.CONTINUING_EDUCATION,
            ["Energie", "Fachkräfte"],
            "Zweitägiges Seminar für Energiebeauftragte: Messkonzept, Kennzahlen, "
            "Maßnahmenplan und Audit.",
            "Seminargebühr pro Person.",
            "hendrik.wiethoff@example.org",
            NEXT_YEAR,
            None,
        ),
        (
            "Abwärme nutzen und Wärme speichern",
            K.RESEARCH_PROJECT,
            ["Energie", "Nachhaltigkeit"],
            "Abwärme aus Öfen, Kompressoren und Prozessen zurückgewinnen, speichern und "
            "wieder einsetzen; das Institut entwickelt Latentwärmespeicher und erprobt sie "
            "bei Partnern.",
            "",
            "hendrik.wiethoff@example.org",
            None,
            None,
        ),
    ],
    "ude": [
        (
            "Logistik und Supply Chain: gemeinsame Forschungsprojekte",
            K.RESEARCH_PROJECT,
            ["Logistik", "Digitalisierung"],
            "Echtzeitdaten für Lager und Transport, Routenplanung, Resilienz von "
            "Lieferketten: Forschungsprojekte mit Logistikern und Verladern der Region.",
            "Gefördert oder als Auftrag; Laufzeit nach Projekt.",
            "miriam.kortenbach@example.org",
            None,
            None,
        ),
        (
            "Abschlussarbeiten Maschinenbau und Werkstofftechnik",
            K.THESIS,
            ["Werkstoffe", "Produktion"],
            "Bachelor- und Masterarbeiten der Ingenieurwissenschaften in Duisburg, "
            "geschrieben in Ihrem Betrieb.",
            "Betreuung durch einen Lehrstuhl; Vergütung der Studierenden üblich.",
            "miriam.kortenbach@example.org",
            None,
            None,
        ),
        (
            "Prüfstände für Brennstoffzellen und Elektrolyseure",
            K.EQUIPMENT,
            ["Wasserstoff", "Energie"],
            "Zellen, Stacks und Systemkomponenten auf dem Prüfstand: Lebensdauer, "
            "Wirkungsgrad, Verhalten unter Last.",
            "Prüfstandszeit nach Belegung und Angebot.",
            "miriam.kortenbach@example.org",
            None,
            None,
        ),
        (
            "Studentische Beratungsprojekte in Betriebswirtschaft",
            K.STUDENT_PROJECT,
            ["Logistik", "Produktion"],
            "Masterstudierende der Betriebswirtschaft untersuchen eine Frage Ihres "
            "Betriebs: Kalkulation, Einkauf, Markteintritt.",
            "Ein Semester; keine Kosten.",
            "miriam.kortenbach@example.org",
            None,
            None,
        ),
        (
            "Künstliche Intelligenz in der Qualitätsprüfung",
            K.RESEARCH_PROJECT,
            ["Digitalisierung", "Automatisierung", "Produktion"],
            "Bildverarbeitung und maschinelles Lernen erkennen Fehler auf Oberflächen, "
            "an Schweißnähten und Gussteilen. Der Lehrstuhl sucht Betriebe mit Bildern "
            "und Prüfaufgaben.",
            "",
            "miriam.kortenbach@example.org",
            None,
            None,
        ),
        (
            "Forschungsförderung: Beratung zu EU- und Bundesprogrammen",
            K.FUNDING_ADVICE,
            ["Digitalisierung", "Nachhaltigkeit"],
            "Das Science Support Centre berät Betriebe, die mit der Universität einen "
            "Antrag stellen wollen: Programme, Fristen, Budget, Konsortium.",
            "Kostenlos.",
            "miriam.kortenbach@example.org",
            None,
            None,
        ),
        (
            "Lean Management und Prozessoptimierung",
            K.CONTINUING_EDUCATION,
            ["Produktion", "Fachkräfte"],
            "Berufsbegleitendes Zertifikatsprogramm für Meister, Ingenieurinnen und "
            "Schichtleitungen: Wertstrom, Rüstzeiten, Kennzahlen.",
            "Gebühr pro Modul.",
            "miriam.kortenbach@example.org",
            None,
            None,
        ),
    ],
}

T = Need.Timeframe
PUBLIC, OFFICERS = Need.Visibility.PUBLIC, Need.Visibility.OFFICERS

# (firm key, title, topics, problem, timeframe, visibility, contact e-mail or None for
#  the firm's first person, days ago it was posted, closed)
NEEDS = [
    (
        "ruhrtal",
        "Verschleißfeste Beschichtung für Dichtflächen",
        ["Werkstoffe", "Produktion"],
        "Die Dichtflächen unserer Absperrarmaturen verschleißen in Anlagen mit "
        "feststoffhaltigen Medien zu schnell. Wir suchen eine Beschichtung oder einen "
        "Werkstoff, der doppelt so lange hält, und Prüfungen, die das belegen.",
        T.HALF_YEAR,
        PUBLIC,
        "michael.terhoeven@example.org",
        200,
        False,
    ),
    (
        "ruhrtal",
        "Digitaler Zwilling für die Armaturenprüfung",
        ["Digitalisierung", "Produktion"],
        "Jede Armatur wird vor der Auslieferung geprüft; die Daten landen heute in "
        "Papierprotokollen. Wir möchten sie erfassen und mit Konstruktion und Service "
        "verbinden.",
        T.YEAR,
        OFFICERS,
        "michael.terhoeven@example.org",
        480,
        False,
    ),
    (
        "speldorfer",
        "Wasserstofftauglichkeit unserer Stahlrohre nachweisen",
        ["Wasserstoff", "Werkstoffe"],
        "Kunden fragen, ob unsere Präzisionsstahlrohre für Wasserstoff geeignet sind. "
        "Wir brauchen Prüfungen zur Wasserstoffversprödung für zwei Rohrgüten und eine "
        "belastbare Aussage für die Kunden.",
        T.NOW,
        OFFICERS,
        "rainer.dahlmann@example.org",
        345,
        True,
    ),
    (
        "speldorfer",
        "Schweißnahtprüfung automatisieren",
        ["Automatisierung", "Produktion"],
        "Die Längsnähte werden heute von Hand mit Ultraschall geprüft. Wir suchen ein "
        "automatisches Verfahren, das die Prüfung dokumentiert und den Takt hält.",
        T.YEAR,
        PUBLIC,
        "rainer.dahlmann@example.org",
        365,
        False,
    ),
    (
        "speldorfer",
        "Abwärme der Glühöfen nutzen",
        ["Energie", "Nachhaltigkeit"],
        "Unsere Glühöfen geben viel Wärme an die Halle ab. Lässt sie sich für Heizung, "
        "Trocknung oder ein Nachbarunternehmen nutzen?",
        T.YEAR,
        PUBLIC,
        "rainer.dahlmann@example.org",
        230,
        False,
    ),
    (
        "duemptener",
        "Optische Qualitätsprüfung von Drehteilen",
        ["Digitalisierung", "Automatisierung"],
        "Kleine Drehteile werden stichprobenweise unter der Lupe geprüft. Eine Kamera "
        "mit Bildauswertung soll jedes Teil prüfen, ohne den Ablauf zu bremsen.",
        T.HALF_YEAR,
        PUBLIC,
        None,
        400,
        True,
    ),
    (
        "duemptener",
        "Praktikanten und Abschlussarbeiten in der Fertigungstechnik",
        ["Fachkräfte", "Produktion"],
        "Wir möchten Studierende früh kennenlernen: Praxissemester und Abschlussarbeiten "
        "zu Spanntechnik, Rüstzeiten und Messtechnik.",
        T.LATER,
        PUBLIC,
        None,
        180,
        False,
    ),
    (
        "saarner",
        "Prototypen aus Metall im 3D-Druck",
        ["Produktion", "Werkstoffe"],
        "Für Musterteile warten wir heute Wochen auf Frästeile. Wir suchen einen "
        "Partner, der Prototypen aus Edelstahl und Aluminium druckt und mit uns prüft, "
        "welche Teile sich dafür eignen.",
        T.HALF_YEAR,
        PUBLIC,
        None,
        130,
        False,
    ),
    (
        "saarner",
        "Weiterbildung CNC-Programmierung",
        ["Fachkräfte", "Digitalisierung"],
        "Acht Fachkräfte sollen fünfachsiges Fräsen und die Programmierung am CAM-System lernen.",
        T.NOW,
        PUBLIC,
        None,
        540,
        True,
    ),
    (
        "broicher",
        "Rezyklat-Anteil in Spritzgussteilen erhöhen",
        ["Werkstoffe", "Nachhaltigkeit", "Chemie"],
        "Unsere Kunden aus der Automobil- und Hausgeräteindustrie verlangen 30 % "
        "Rezyklat in Gehäuseteilen. Wir brauchen Versuche, welche Rezyklate die "
        "mechanischen Anforderungen erfüllen.",
        T.NOW,
        PUBLIC,
        "susanne.ebert@example.org",
        520,
        True,
    ),
    (
        "broicher",
        "Energieverbrauch der Spritzgießmaschinen senken",
        ["Energie", "Produktion"],
        "Zwei Drittel unseres Stroms brauchen die Spritzgießmaschinen und die "
        "Temperiergeräte. Wo lohnt sich der Austausch, wo die Regelung?",
        T.YEAR,
        OFFICERS,
        "susanne.ebert@example.org",
        110,
        False,
    ),
    (
        "heissener",
        "Werkstudierende für die Konstruktion",
        ["Fachkräfte"],
        "Unsere Konstruktion sucht zwei Werkstudierende des Maschinenbaus für CAD-"
        "Arbeiten im Anlagenbau, gern mit anschließender Abschlussarbeit.",
        T.NOW,
        PUBLIC,
        "mitglied@example.org",
        60,
        False,
    ),
    (
        "heissener",
        "Anlagenkomponenten für Wasserstoff: Markt und Normen",
        ["Wasserstoff", "Energie"],
        "Wir bauen Rohrleitungen und Behälter für die Chemie. Welche unserer Produkte "
        "lassen sich für Wasserstoff anpassen, und welche Normen gelten dann?",
        T.HALF_YEAR,
        PUBLIC,
        None,
        160,
        True,
    ),
    (
        "styrumer",
        "Zustandsüberwachung von Industrieturbinen",
        ["Digitalisierung", "Automatisierung", "Energie"],
        "Wir warten Dampf- und Gasturbinen bei Kunden. Schwingungsdaten sollen uns "
        "sagen, wann ein Lager ausfallen wird, bevor es ausfällt.",
        T.HALF_YEAR,
        OFFICERS,
        None,
        300,
        False,
    ),
    (
        "styrumer",
        "Turbinenschaufeln durch Auftragschweißen reparieren",
        ["Werkstoffe", "Produktion"],
        "Verschlissene Schaufeln ersetzen wir heute neu. Wir suchen ein "
        "Reparaturverfahren und die Prüfungen, die der Kunde dafür verlangt.",
        T.YEAR,
        PUBLIC,
        None,
        14,
        False,
    ),
    (
        "winkhauser",
        "IT-Sicherheit unserer Steuerungen",
        ["Digitalisierung", "Automatisierung"],
        "Unsere Schaltschränke werden per Fernwartung betreut. Wir möchten wissen, wie "
        "sicher das ist, und die Lücken schließen, bevor Kunden danach fragen.",
        T.NOW,
        OFFICERS,
        None,
        250,
        False,
    ),
    (
        "winkhauser",
        "Prüfstand für Leistungselektronik",
        ["Energie", "Automatisierung"],
        "Für Wechselrichter unserer Ladesäulen brauchen wir Dauerlaufprüfungen unter "
        "Last, die wir im eigenen Haus nicht fahren können.",
        T.HALF_YEAR,
        OFFICERS,
        None,
        8,
        False,
    ),
    (
        "mendener",
        "Routenplanung und Lagersteuerung mit Echtzeitdaten",
        ["Logistik", "Digitalisierung"],
        "Unsere Touren zu den Industriekunden planen wir am Vortag. Staus und "
        "Eilaufträge sollen künftig in Echtzeit einfließen, auch in die Lagersteuerung.",
        T.YEAR,
        OFFICERS,
        None,
        380,
        False,
    ),
    (
        "mendener",
        "Ladeinfrastruktur für eine elektrische Lkw-Flotte",
        ["Logistik", "Energie", "Nachhaltigkeit"],
        "Bis 2030 sollen zwölf unserer Lkw elektrisch fahren. Wie viel Ladeleistung "
        "brauchen wir am Hof, und wie passt das zum Netzanschluss?",
        T.YEAR,
        PUBLIC,
        None,
        100,
        False,
    ),
    (
        "ruhrbania",
        "Partner für ein Forschungsprojekt zu KI in der Instandhaltung",
        ["Digitalisierung"],
        "Wir entwickeln Software für die Instandhaltung und suchen eine Hochschule für "
        "ein gefördertes Projekt zur Vorhersage von Ausfällen aus Maschinendaten.",
        T.HALF_YEAR,
        PUBLIC,
        None,
        50,
        False,
    ),
    (
        "selbecker",
        "Katalysator für ein lösemittelfreies Verfahren",
        ["Chemie", "Nachhaltigkeit"],
        "Eine unserer Synthesen braucht große Mengen Lösemittel. Wir suchen einen "
        "Katalysator, mit dem sie ohne auskommt, und einen Partner für die Entwicklung.",
        T.YEAR,
        OFFICERS,
        None,
        470,
        True,
    ),
    (
        "selbecker",
        "Grüner Wasserstoff für die Hydrierung",
        ["Wasserstoff", "Chemie", "Energie"],
        "Für unsere Hydrierungen kaufen wir Wasserstoff in Flaschenbündeln. Lohnt sich "
        "ein eigener Elektrolyseur am Standort?",
        T.YEAR,
        OFFICERS,
        None,
        75,
        False,
    ),
    (
        "eppinghofer",
        "Gießereisand wiederverwenden",
        ["Nachhaltigkeit", "Werkstoffe"],
        "Jedes Jahr entsorgen wir mehrere tausend Tonnen Altsand. Wir suchen ein "
        "Verfahren, ihn aufzubereiten und wieder einzusetzen.",
        T.HALF_YEAR,
        PUBLIC,
        None,
        430,
        False,
    ),
    (
        "eppinghofer",
        "Energiekosten im Schmelzbetrieb senken",
        ["Energie", "Nachhaltigkeit"],
        "Die Induktionsöfen sind unser größter Kostenblock. Wir möchten Lastspitzen "
        "vermeiden und die Abwärme der Öfen nutzen.",
        T.NOW,
        OFFICERS,
        None,
        35,
        False,
    ),
    (
        "mintarder",
        "Auszubildende und duale Studierende in der Netzwerktechnik",
        ["Fachkräfte", "Digitalisierung"],
        "Der Glasfaserausbau braucht Leute. Wir suchen Studierende für ein Praxissemester "
        "und für ein duales Studium der Elektrotechnik.",
        T.NOW,
        PUBLIC,
        "jan.overhoff@example.org",
        28,
        False,
    ),
]

OUT = Talk.Outcome
# (firm key, institution key, need title or None, offer title or None, days from today
#  (negative: held), hour, outcome, note, next step in days after the talk or None).
# Held talks lie 20 to 450 days back, never more than a month apart: every quarter since
# the first has talks, five or six quarters whatever the day of the run.
TALKS = [
    (
        "broicher", "fhg-umsicht", "Rezyklat-Anteil in Spritzgussteilen erhöhen", None,
        -450, 10, OUT.FOLLOW_UP,
        "Erstgespräch in Oberhausen. UMSICHT schlägt eine Versuchsreihe mit drei "
        "Rezyklat-Qualitäten vor und schickt ein Angebot.",
        35,
    ),
    (
        "broicher", "fhg-umsicht", "Rezyklat-Anteil in Spritzgussteilen erhöhen",
        "Rezyklate für Kunststoffbauteile",
        -415, 14, OUT.COOPERATION,
        "Auftragsforschung vereinbart: Versuchsreihe mit 30 % Rezyklat im Gehäuseteil, "
        "sechs Monate.",
        None,
    ),
    (
        "selbecker", "mpi-kofo", "Katalysator für ein lösemittelfreies Verfahren",
        "Katalysatorentwicklung für industrielle Prozesse",
        -430, 10, OUT.COOPERATION,
        "Kooperationsvertrag über ein zweijähriges Projekt; der Förderantrag wird "
        "gemeinsam gestellt. Schutzrechte nach Mustervertrag der Max-Planck-Gesellschaft.",
        None,
    ),
    (
        "eppinghofer", "hrw", "Gießereisand wiederverwenden", None,
        -400, 14, OUT.NO_FIT,
        "Die HRW forscht nicht zu Formstoffen. Die Transferstelle vermittelt an "
        "Fraunhofer UMSICHT.",
        None,
    ),
    (
        "eppinghofer", "fhg-umsicht", "Gießereisand wiederverwenden",
        "Technikum: Versuche im Pilotmaßstab",
        -380, 10, OUT.FOLLOW_UP,
        "Probenahme im Betrieb vereinbart; danach ein zweites Gespräch über Versuche im "
        "Technikum.",
        42,
    ),
    (
        "duemptener", "hrw", "Optische Qualitätsprüfung von Drehteilen",
        "Studentische Projektgruppen: Digitalisierung in der Produktion",
        -360, 14, OUT.COOPERATION,
        "Studentisches Projekt im Semester: Prototyp einer Kamera-Prüfstation an der "
        "Linie 2.",
        None,
    ),
    (
        "mendener", "ude", "Routenplanung und Lagersteuerung mit Echtzeitdaten",
        "Logistik und Supply Chain: gemeinsame Forschungsprojekte",
        -330, 10, OUT.FOLLOW_UP,
        "Der Lehrstuhl prüft, ob die Tourdaten für ein gefördertes Projekt reichen; "
        "Mendener stellt anonymisierte Daten eines Monats bereit.",
        30,
    ),
    (
        "speldorfer", "mpi-cec", "Wasserstofftauglichkeit unserer Stahlrohre nachweisen",
        None,
        -310, 10, OUT.NO_FIT,
        "Das Institut prüft keine Werkstoffe unter Wasserstoff. Kontakt zum "
        "Werkstofflabor der HRW vermittelt.",
        None,
    ),
    (
        "speldorfer", "hrw", "Wasserstofftauglichkeit unserer Stahlrohre nachweisen",
        "Werkstoffprüfung und Schadensanalyse im Werkstofflabor",
        -290, 14, OUT.COOPERATION,
        "Prüfprogramm für zwei Rohrgüten beauftragt; die Ergebnisse gehen in die "
        "Kundengespräche.",
        None,
    ),
    (
        "styrumer", "hrw", "Zustandsüberwachung von Industrieturbinen", None,
        -270, 10, OUT.FOLLOW_UP,
        "Die Messdaten aus zwei Kundenanlagen sollen zeigen, ob ein Projekt lohnt. "
        "Zweites Gespräch mit dem Institut Mess- und Sensortechnik.",
        28,
    ),
    (
        "styrumer", "hrw", "Zustandsüberwachung von Industrieturbinen",
        "Zustandsüberwachung von Maschinen mit Sensorik und maschinellem Lernen",
        -240, 14, OUT.COOPERATION,
        "Gemeinsamer ZIM-Antrag eingereicht; Messkampagne an zwei Turbinen ab dem "
        "nächsten Quartal.",
        None,
    ),
    (
        "winkhauser", "ude", "IT-Sicherheit unserer Steuerungen", None,
        -220, 10, OUT.NO_FIT,
        "Kein Lehrstuhl mit freier Kapazität; Hinweis auf das Angebot der HRW.",
        None,
    ),
    (
        "winkhauser", "hrw", "IT-Sicherheit unserer Steuerungen",
        "IT-Sicherheit in der Produktion: Schwachstellenanalyse",
        -200, 14, OUT.FOLLOW_UP,
        "Vertraulichkeitsvereinbarung unterschrieben; die HRW schickt ein Angebot für "
        "die Analyse zweier Anlagen.",
        40,
    ),
    (
        "ruhrtal", "mpi-kofo", "Verschleißfeste Beschichtung für Dichtflächen",
        "Analytik im Auftrag: NMR, Massenspektrometrie, Elektronenmikroskopie",
        -170, 10, OUT.NO_FIT,
        "Die Analytik kann Schäden zeigen, aber keine Beschichtung entwickeln; Ruhrtal "
        "braucht eine Werkstoffprüfung.",
        None,
    ),
    (
        "ruhrtal", "hrw", "Verschleißfeste Beschichtung für Dichtflächen",
        "Werkstoffprüfung und Schadensanalyse im Werkstofflabor",
        -150, 14, OUT.FOLLOW_UP,
        "Schadensanalyse an drei ausgebauten Armaturen vereinbart; danach Auswahl "
        "der Beschichtungen für den Versuch.",
        45,
    ),
    (
        "heissener", "fhg-umsicht", "Anlagenkomponenten für Wasserstoff: Markt und Normen",
        "Wasserstoff-Readiness-Check für Betriebe",
        -120, 10, OUT.COOPERATION,
        "Readiness-Check beauftragt: Bewertung von Produktprogramm und Normen, Ergebnis in "
        "drei Monaten.",
        None,
    ),
    (
        "saarner", "hrw", "Prototypen aus Metall im 3D-Druck", None,
        -95, 14, OUT.NO_FIT,
        "Die HRW druckt bisher nur Kunststoff; ein Angebot für Metall ist in "
        "Vorbereitung. Saarner meldet sich wieder, wenn es steht.",
        None,
    ),
    (
        "mendener", "fhg-umsicht", "Ladeinfrastruktur für eine elektrische Lkw-Flotte",
        "Energiesystemanalyse für Industriestandorte",
        -70, 10, OUT.FOLLOW_UP,
        "UMSICHT braucht die Lastgänge und den Tourenplan; dann ein zweites Gespräch mit "
        "einer ersten Abschätzung.",
        35,
    ),
    (
        "selbecker", "mpi-cec", "Grüner Wasserstoff für die Hydrierung",
        "Power-to-X: Machbarkeitsstudie für Ihren Standort",
        -45, 14, OUT.FOLLOW_UP,
        "Selbecker prüft intern das Budget für die Machbarkeitsstudie; Entscheidung bis "
        "zum nächsten Gespräch.",
        42,
    ),
    (
        "ruhrbania", "ude", "Partner für ein Forschungsprojekt zu KI in der Instandhaltung",
        "Künstliche Intelligenz in der Qualitätsprüfung",
        -20, 10, OUT.NO_FIT,
        "Der Lehrstuhl arbeitet an Bildern, nicht an Maschinendaten. Die Transferstelle "
        "empfiehlt die Zustandsüberwachung der HRW.",
        None,
    ),
    # Coming.
    (
        "eppinghofer", "fhg-umsicht", "Energiekosten im Schmelzbetrieb senken",
        "Abwärme nutzen und Wärme speichern",
        8, 10, OUT.OPEN, "", None,
    ),
    (
        "ruhrbania", "hrw", "Partner für ein Forschungsprojekt zu KI in der Instandhaltung",
        "Zustandsüberwachung von Maschinen mit Sensorik und maschinellem Lernen",
        15, 14, OUT.OPEN, "", None,
    ),
    (
        "mintarder", "hrw", "Auszubildende und duale Studierende in der Netzwerktechnik",
        "Praxissemester: Studierende der Ingenieurwissenschaften",
        22, 10, OUT.OPEN, "", None,
    ),
]  # fmt: skip

# Who speaks for an institution in a talk about a need only (its transfer office).
OFFICES = {
    "hrw": "lena.marx@example.org",
    "mpi-kofo": "bettina.adam@example.org",
    "mpi-cec": "friederike.hollmann@example.org",
    "fhg-umsicht": "hendrik.wiethoff@example.org",
    "ude": "miriam.kortenbach@example.org",
}

PLACES = {
    "hrw": "Hochschule Ruhr West, Campus Mülheim, Duisburger Straße 100",
    "mpi-kofo": "Max-Planck-Institut für Kohlenforschung, Kaiser-Wilhelm-Platz 1",
    "mpi-cec": "Max-Planck-Institut für Chemische Energiekonversion, Stiftstraße 34–36",
    "fhg-umsicht": "Fraunhofer UMSICHT, Osterfelder Straße 3, Oberhausen",
    "ude": "Universität Duisburg-Essen, Campus Duisburg, Lotharstraße 1",
}

GOAL = "Mülheim als wissensbasierter Industriestandort"
SHARE = "Anteil der Betriebe mit vereinbarter Wissenschaftskooperation (Transferplattform)"
SHARE_FIELDS = {
    "unit": "%",
    "source": "Transferplattform der Stärkungsinitiative",
    "higher_is_better": True,
    "description": "Anteil der Industriebetriebe der Initiative, die in einem "
    "Abgleich-Gespräch der Transferplattform eine Kooperation mit einer Hochschule oder "
    "einem Forschungsinstitut vereinbart haben. Zum Vergleich: die Industriebefragung "
    "(Anteil der Betriebe mit Wissenschaftskooperation).",
    "target_value": Decimal("60"),
    "target_on": datetime.date(2027, 12, 31),
    "position": 20,
}


def load_transfer(*, result, actor, initiative):
    """Mülheim's transfer platform; the other initiatives have none in the demo."""
    if initiative.slug != "muelheim":
        return
    today = timezone.localdate()
    organizations = _organizations()
    topics = _topics(result, actor, initiative)
    offers = _offers(result, actor, initiative, organizations, topics, today)
    needs = _needs(result, actor, initiative, organizations, topics, today)
    _talks(result, actor, initiative, organizations, offers, needs, today)
    _publish_share(result, actor, initiative, today)


def _organizations():
    keys = {key for key, *_rest in NEEDS} | set(OFFERS)
    names = {ORGANIZATIONS[key][0]: key for key in keys}
    # The first of a name, as the initiatives' loader finds it.
    found = Organization.objects.filter(name__in=names).order_by("-pk")
    return {names[o.name]: o for o in found}


def _person(email):
    return Person.objects.filter(email__iexact=email).order_by("pk").first()


def _first_person(organization):
    return Person.objects.filter(organization=organization).order_by("pk").first()


def _topics(result, actor, initiative):
    topics = {}
    for position, name in enumerate(TOPICS, start=1):
        topic = Topic.objects.filter(initiative=initiative, name=name).first()
        created = topic is None
        if created:
            topic = Topic(initiative=initiative, name=name)
        if differs(topic, {"position": position * 10}) or created:
            services.topic_save(actor=actor, topic=topic)
            result.note(Topic, created=created)
        topics[name] = topic
    return topics


def _valid_until(value, today):
    if value == NEXT_YEAR:
        return datetime.date(today.year + 1, 12, 31)
    if value == EXPIRED:
        # The last day of the month before last: run out a while ago.
        end_of_last_month = today.replace(day=1) - datetime.timedelta(days=1)
        return end_of_last_month.replace(day=1) - datetime.timedelta(days=1)
    return value


def _offers(result, actor, initiative, organizations, topics, today):
    officer = get_user_model().objects.filter(email__iexact=OFFICER).first()
    offers = {}
    for key, rows in OFFERS.items():
        institution = organizations[key]
        for title, kind, names, description, conditions, contact, until, fate in rows:
            wanted = {
                "institution": institution,
                "kind": kind,
                "description": description,
                "conditions": conditions,
                "contact": _person(contact),
                "valid_until": _valid_until(EXPIRED if fate == EXPIRED else until, today),
            }
            wanted_topics = [topics[name] for name in names]
            offer = Offer.objects.filter(initiative=initiative, title=title).first()
            created = offer is None
            if created:
                offer = Offer(initiative=initiative, title=title)
            changed = differs(offer, wanted)
            if not created and not changed:
                changed = set(offer.topics.values_list("pk", flat=True)) != {
                    t.pk for t in wanted_topics
                }
            if created or changed:
                # The HRW's transfer officer submits; a change keeps the state.
                by_office = not (created and fate == SUBMITTED)
                services.offer_save(
                    actor=actor if by_office else (officer or actor),
                    offer=offer,
                    topics=wanted_topics,
                    by_office=by_office,
                )
                result.note(Offer, created=created)
            if created and fate == WITHDRAWN:
                services.offer_change_state(
                    actor=actor, offer=offer, action="withdraw", by_office=True
                )
            offers[title] = offer
    return offers


def _ago(today, days):
    return today - datetime.timedelta(days=days)


def _at(day, hour):
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=BERLIN)


def _backdate(instance, created_at):
    """Moves the creation into the past (after the services' last save: they write the
    whole row)."""
    type(instance).objects.filter(pk=instance.pk).update(created_at=created_at)
    instance.created_at = created_at


def _needs(result, actor, initiative, organizations, topics, today):
    member = get_user_model().objects.filter(email__iexact="mitglied@example.org").first()
    needs = {}
    for key, title, names, problem, timeframe, visibility, contact, days, closed in NEEDS:
        company = organizations[key]
        wanted = {
            "company": company,
            "problem": problem,
            "timeframe": timeframe,
            "visibility": visibility,
            "contact": _person(contact) if contact else _first_person(company),
        }
        wanted_topics = [topics[name] for name in names]
        need = Need.objects.filter(initiative=initiative, title=title).first()
        created = need is None
        if created:
            need = Need(initiative=initiative, title=title)
        changed = differs(need, wanted)
        if not created and not changed:
            changed = set(need.topics.values_list("pk", flat=True)) != {t.pk for t in wanted_topics}
        if created or changed:
            # The demo member's firm posts its own needs.
            author = member if created and contact == "mitglied@example.org" else actor
            services.need_save(actor=author or actor, need=need, topics=wanted_topics)
            result.note(Need, created=created)
        if created:
            if closed:
                services.need_set_state(actor=actor, need=need, state=Need.State.CLOSED)
            _backdate(need, _at(_ago(today, days), 9))
        needs[title] = need
    return needs


def _easter(year):
    """Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    w = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * w) // 451
    month, day = divmod(h + w - 7 * m + 114, 31)
    return datetime.date(year, month, day + 1)


def _workday(day):
    """`day`, or the next working day in North Rhine-Westphalia: nobody meets for a
    matching talk on a weekend, a public holiday or between Christmas and New Year."""
    while True:
        easter = _easter(day.year)
        movable = {easter + datetime.timedelta(days=n) for n in (-2, 1, 39, 50, 60)}
        fixed = {(1, 1), (5, 1), (10, 3), (11, 1)}
        between_the_years = day.month == 12 and day.day >= 24
        if (
            day.weekday() < 5
            and day not in movable
            and (day.month, day.day) not in fixed
            and not between_the_years
        ):
            return day
        day += datetime.timedelta(days=1)


def _talks(result, actor, initiative, organizations, offers, needs, today):
    officer = _person(OFFICER)
    for row in TALKS:
        firm, institution_key, need_title, offer_title, days, hour = row[:6]
        outcome, note, next_step = row[6:]
        company, institution = organizations[firm], organizations[institution_key]
        need = needs[need_title] if need_title else None
        offer = offers[offer_title] if offer_title else None
        if Talk.objects.filter(
            initiative=initiative, company=company, institution=institution, need=need, offer=offer
        ).exists():
            continue
        day = _workday(today + datetime.timedelta(days=days))
        talk = Talk(
            initiative=initiative,
            company=company,
            institution=institution,
            need=need,
            offer=offer,
            starts_at=_at(day, hour),
            # A first talk about a need only: the transfer office visits the firm.
            place=PLACES[institution_key] if offer else f"{company.name}, {company.city}",
        )
        participants = [
            need.contact if need else _first_person(company),
            offer.contact if offer else _person(OFFICES[institution_key]),
        ]
        if institution_key == "hrw":
            participants.append(officer)
        participants = list(dict.fromkeys(p for p in participants if p is not None))
        services.talk_save(actor=actor, talk=talk, participants=participants)
        result.note(Talk, created=True)
        if outcome:
            talk.outcome, talk.outcome_note = outcome, note
            talk.follow_up_on = day + datetime.timedelta(days=next_step) if next_step else None
            services.talk_record_outcome(actor=actor, talk=talk)
        # Arranged two weeks ahead.
        _backdate(talk, min(timezone.now(), talk.starts_at - datetime.timedelta(days=14)))


def _publish_share(result, actor, initiative, today):
    """The platform's share of cooperating firms as a value of today, in the goal where
    the survey's share stands; again only when the share has moved since."""
    indicator = Indicator.objects.filter(initiative=initiative, name=SHARE).first()
    created = indicator is None
    if created:
        indicator = Indicator(initiative=initiative, name=SHARE)
    wanted = dict(SHARE_FIELDS, goal=Goal.objects.filter(initiative=initiative, title=GOAL).first())
    if differs(indicator, wanted) or created:
        indicator_services.indicator_save(actor=actor, indicator=indicator)
        result.note(Indicator, created=created)
    share = queries.effect(initiative).share
    last = Observation.objects.filter(indicator=indicator).order_by("-observed_on").first()
    if share is None or (last is not None and last.value == Decimal(str(share))):
        return
    services.publish_share(actor=actor, initiative=initiative, indicator=indicator)
    result.note(Observation, created=True)
