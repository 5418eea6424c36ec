"""Demo goals, indicators and industrial areas (DESIGN.md, "Demo data").

* Duisburg: goals drawn from its baseline (unemployment above 12 %, slow permits, the
  fibre target of 2020), the unemployment rate from its >12 % baseline, the length of
  permits, and a dozen industrial areas whose fibre and free land roll up into
  indicators. The areas' names follow Duisburg's districts; their shapes, sizes and
  figures are invented and say so.
* Mülheim: its two goals ("Rückenwind für die Industrie", "wissensbasierter
  Industriestandort") with the projects that serve them, ~18,000 manufacturing jobs
  and the survey's share of firms cooperating with science.

Values are example figures, marked as such in their source. Loading again changes
nothing: everything is looked up by name (and day) first."""

import datetime
import math
from decimal import Decimal

from standort.core.demo import differs
from standort.measures.models import Measure

from . import services
from .models import Goal, Indicator, Observation, Site

EXAMPLE = "Beispielwerte"
SITE_NOTE = "Beispieldaten: Lage, Größe und Werte erfunden"
FIBRE = Indicator.Computed.FIBRE_SHARE
FREE_LAND = Indicator.Computed.FREE_LAND


def _year_end(year):
    return datetime.date(year, 12, 31)


GOALS = {
    "duisburg": [
        (
            "Arbeitslosigkeit senken",
            "Die Arbeitslosenquote lag zu Beginn des Masterplans über 12 Prozent. Mehr "
            "Ausbildung, Vermittlung und Ansiedlungen sollen sie dauerhaft senken.",
            [13, 14, 15, 19],
        ),
        (
            "Schnellere Plan- und Genehmigungsverfahren",
            "Unternehmen warten zu lange auf Genehmigungen. Ein Lotse, der digitale "
            "Bauantrag und Antragskonferenzen sollen die Verfahren deutlich verkürzen.",
            [6, 22, 23],
        ),
        (
            "Glasfaser für alle Gewerbegebiete",
            "Bis 2020 sollen alle Gewerbegebiete an das Glasfasernetz angeschlossen sein.",
            [4, 20, 21],
        ),
        (
            "Verwaltung als Partner der Wirtschaft",
            "Eine mittelstandsorientierte, digitale Verwaltung mit Serviceversprechen.",
            [1, 2, 3, 16, 17, 18],
        ),
    ],
    "muelheim": [
        (
            "Rückenwind für die Industrie",
            "Die Industrie mit ihren rund 18.000 Arbeitsplätzen soll in Mülheim an der Ruhr "
            "Flächen, Infrastruktur, Fachkräfte und Akzeptanz finden.",
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 24, 26, 27, 28, 29, 31, 33],
        ),
        (
            "Mülheim als wissensbasierter Industriestandort",
            "Erst 4 von 10 Betrieben kooperieren mit der Wissenschaft. Transferstellen, "
            "eine Kooperationsplattform und das Innovationszentrum an der HRW sollen das "
            "ändern.",
            [13, 14, 15, 16, 18, 21, 22, 23],
        ),
    ],
}

# name: (unit, source, higher is better, goal, measure, key, target (value, day),
#        computed, description, values [(day, value)])
INDICATORS = {
    "duisburg": [
        (
            "Arbeitslosenquote",
            "%",
            f"Bundesagentur für Arbeit ({EXAMPLE})",
            False,
            "Arbeitslosigkeit senken",
            None,
            True,
            ("9", _year_end(2027)),
            "",
            "Anteil der Arbeitslosen an allen zivilen Erwerbspersonen, Jahresdurchschnitt.",
            [
                (_year_end(2014), "12.9"),
                (_year_end(2015), "13.0"),
                (_year_end(2016), "12.6"),
                (_year_end(2017), "11.9"),
                (_year_end(2018), "11.1"),
                (_year_end(2019), "10.6"),
                (_year_end(2020), "12.2"),
                (_year_end(2021), "11.8"),
                (_year_end(2022), "11.3"),
                (_year_end(2023), "11.6"),
                (_year_end(2024), "12.1"),
                (_year_end(2025), "11.7"),
            ],
        ),
        (
            "Dauer einer Baugenehmigung für Gewerbebauten",
            "Tage",
            f"Bauaufsicht der Stadt Duisburg ({EXAMPLE})",
            False,
            "Schnellere Plan- und Genehmigungsverfahren",
            22,
            True,
            ("60", _year_end(2026)),
            "",
            "Median vom vollständigen Antrag bis zur Genehmigung.",
            [
                (_year_end(2017), "142"),
                (_year_end(2019), "121"),
                (_year_end(2021), "104"),
                (_year_end(2023), "88"),
                (_year_end(2025), "74"),
            ],
        ),
        (
            "Anteil der Gewerbegebiete mit Glasfaser",
            "%",
            "Gewerbegebiete der Initiative",
            True,
            "Glasfaser für alle Gewerbegebiete",
            20,
            True,
            ("100", _year_end(2020)),
            FIBRE,
            f"Berechnet aus den Gewerbegebieten; frühere Jahre aus dem Breitbandatlas ({EXAMPLE}).",
            [
                (_year_end(2015), "8.3"),
                (_year_end(2017), "25"),
                (_year_end(2019), "50"),
                (_year_end(2021), "58.3"),
                (_year_end(2023), "66.7"),
            ],
        ),
        (
            "Freie Gewerbefläche",
            "ha",
            "Gewerbegebiete der Initiative",
            True,
            None,
            None,
            False,
            None,
            FREE_LAND,
            "Summe der sofort verfügbaren Flächen in den Gewerbegebieten.",
            [],
        ),
    ],
    "muelheim": [
        (
            "Beschäftigte im Verarbeitenden Gewerbe",
            "Beschäftigte",
            f"IT.NRW, sozialversicherungspflichtig Beschäftigte ({EXAMPLE})",
            True,
            "Rückenwind für die Industrie",
            None,
            True,
            None,
            "",
            "Sozialversicherungspflichtig Beschäftigte am Arbeitsort, Stichtag 30. Juni.",
            [
                (datetime.date(2015, 6, 30), "18240"),
                (datetime.date(2016, 6, 30), "18110"),
                (datetime.date(2017, 6, 30), "17980"),
                (datetime.date(2018, 6, 30), "18050"),
                (datetime.date(2019, 6, 30), "18120"),
                (datetime.date(2020, 6, 30), "17760"),
                (datetime.date(2021, 6, 30), "17590"),
                (datetime.date(2022, 6, 30), "17680"),
                (datetime.date(2023, 6, 30), "17820"),
                (datetime.date(2024, 6, 30), "17750"),
            ],
        ),
        (
            "Anteil der Betriebe mit Wissenschaftskooperation",
            "%",
            "Industriebefragung der Stärkungsinitiative",
            True,
            "Mülheim als wissensbasierter Industriestandort",
            14,
            True,
            ("60", _year_end(2027)),
            "",
            "Anteil der befragten Industriebetriebe, die mit einer Hochschule oder einem "
            "Forschungsinstitut zusammenarbeiten.",
            [(datetime.date(2016, 11, 30), "40")],
        ),
        (
            "Anteil der Gewerbegebiete mit Glasfaser",
            "%",
            f"Unterarbeitskreis Breitband/Glasfaser ({EXAMPLE})",
            True,
            "Rückenwind für die Industrie",
            4,
            False,
            ("100", _year_end(2020)),
            "",
            "",
            [
                (_year_end(2016), "20"),
                (_year_end(2018), "45"),
                (_year_end(2020), "80"),
                (_year_end(2022), "95"),
            ],
        ),
    ],
}

# Duisburg's areas: name, middle (longitude, latitude), size and free land in ha, fibre,
# fibre since/planned, shape ("rect", "l", "point"), turn in degrees.
SITES = [
    ("Logport I Rheinhausen", (6.7095, 51.3905), "265", "4.5", "available", 2016, "l", 8),
    ("Logport II Wanheim", (6.7535, 51.3745), "40", "0", "available", 2018, "rect", -12),
    ("Logport VI Walsum", (6.7240, 51.5215), "34", "21.5", "planned", 2027, "rect", 20),
    ("Hafen Ruhrort", (6.7355, 51.4545), "180", "6", "available", 2017, "l", -5),
    ("Businesspark Niederrhein", (6.7905, 51.4905), "70", "12", "available", 2019, "rect", 0),
    ("Gewerbegebiet Kaßlerfeld", (6.7525, 51.4430), "48", "3.2", "available", 2018, "rect", 30),
    ("Gewerbegebiet Am Alten Angerbach", (6.7520, 51.3560), "38", "7.8", "none", None, "rect", -25),
    ("Technologiequartier Wedau", (6.7880, 51.4030), "25", "9", "planned", 2027, "rect", 10),
    ("Gewerbegebiet Hochfeld", (6.7540, 51.4205), "31", "1.5", "available", 2020, "point", 0),
    ("Gewerbepark Meiderich-Süd", (6.7730, 51.4590), "22", "2.4", "available", 2021, "rect", -15),
    ("Gewerbegebiet Neudorf-Ost", (6.8020, 51.4290), "15", "0.8", "none", None, "point", 0),
    ("Gewerbegebiet Hamborn-Nord", (6.7710, 51.5030), "27", "5.5", "available", 2022, "l", 15),
]


def _shape(middle, hectares, kind, turn):
    lon, lat = middle
    if kind == "point":
        return {"type": "Point", "coordinates": [lon, lat]}
    side = math.sqrt(float(hectares) * 10_000)  # metres of a square of that size
    half_w, half_h = side * 0.65, side * 0.4
    if kind == "rect":
        corners = [(-half_w, -half_h), (half_w, -half_h), (half_w, half_h), (-half_w, half_h)]
    else:
        corners = [
            (-half_w, -half_h),
            (half_w, -half_h),
            (half_w, 0),
            (0, 0),
            (0, half_h * 1.6),
            (-half_w, half_h * 1.6),
        ]
    angle = math.radians(turn)
    ring = []
    for x, y in corners:
        x, y = x * math.cos(angle) - y * math.sin(angle), x * math.sin(angle) + y * math.cos(angle)
        ring.append(
            [
                round(lon + x / (111_320 * math.cos(math.radians(lat))), 6),
                round(lat + y / 110_540, 6),
            ]
        )
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def load_indicators(*, result, actor, initiative):
    goals = _load_goals(result, actor, initiative)
    if initiative.slug == "duisburg":
        _load_sites(result, actor, initiative)
    _load_indicators(result, actor, initiative, goals)


def _load_goals(result, actor, initiative):
    goals = {}
    numbers = {m.number: m for m in Measure.objects.filter(initiative=initiative)}
    for position, (title, description, measure_numbers) in enumerate(
        GOALS.get(initiative.slug, []), start=1
    ):
        goal = Goal.objects.filter(initiative=initiative, title=title).first()
        if goal is None:
            goal = Goal(initiative=initiative, title=title)
            created = True
        else:
            created = False
        if created or differs(goal, {"description": description, "position": position}):
            goal.description, goal.position = description, position
            services.goal_save(
                actor=actor,
                goal=goal,
                measures=[numbers[n] for n in measure_numbers if n in numbers],
            )
            result.note(Goal, created=created)
        goals[title] = goal
    return goals


def _load_indicators(result, actor, initiative, goals):
    measures = {m.number: m for m in Measure.objects.filter(initiative=initiative)}
    for position, row in enumerate(INDICATORS.get(initiative.slug, []), start=1):
        (name, unit, source, higher, goal, measure, key, target, computed, text, values) = row
        wanted = {
            "unit": unit,
            "source": source,
            "higher_is_better": higher,
            "goal": goals.get(goal),
            "measure": measures.get(measure),
            "is_key": key,
            "target_value": Decimal(target[0]) if target else None,
            "target_on": target[1] if target else None,
            "computed": computed,
            "description": text,
            "position": position,
        }
        indicator = Indicator.objects.filter(initiative=initiative, name=name).first()
        created = indicator is None
        if created:
            indicator = Indicator(initiative=initiative, name=name)
        if differs(indicator, wanted) or created:
            services.indicator_save(actor=actor, indicator=indicator)
            result.note(Indicator, created=created)
        known = set(
            Observation.objects.filter(indicator=indicator).values_list("observed_on", flat=True)
        )
        for day, value in values:
            if day in known:
                continue
            services.observation_save(
                actor=actor,
                observation=Observation(
                    indicator=indicator, observed_on=day, value=Decimal(value), note=source
                ),
            )
            result.note(Observation, created=True)


def _load_sites(result, actor, initiative):
    existing = {site.name for site in Site.objects.filter(initiative=initiative)}
    for name, middle, area, free, fibre, year, kind, turn in SITES:
        if name in existing:
            continue
        services.site_save(
            actor=actor,
            site=Site(
                initiative=initiative,
                name=name,
                area_ha=Decimal(area),
                free_ha=Decimal(free),
                fibre=fibre,
                fibre_on=datetime.date(year, 6, 30) if year else None,
                geometry=_shape(middle, area, kind, turn),
                note=SITE_NOTE,
            ),
        )
        result.note(Site, created=True)
