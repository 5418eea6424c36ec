"""The demo measures as tables: fields of action, the initiatives' own fields and the
adoptions here; each initiative's measures with owners, partners, milestones and status
updates in `data_duisburg` and `data_muelheim`, which write their rows with `measure`.

People are named by reference, never by a generated name: an e-mail of a key person
(`data.KEY_PEOPLE` of the initiatives' demo) or an organisation key (`"stadt-du"`), which
means the first member of the measure's working group from that organisation, else the
first participant of the initiative from it; `"stadt-du#2"` takes the second. So the
tables stay right when the name generator hands out other names.

Dates are ISO strings. The story: the plans were adopted in 2017, most measures were
done by 2018–2022, a few long-running ones continue until 2027/2028 with open
milestones, and some of those are late."""

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

# Roles of partners.
PARTNER = "Projektpartner"
SPONSOR = "Förderer"
EXPERT = "fachliche Begleitung"


def measure(**spec):
    """One row of the tables: keyword arguments read better here than dict literals."""
    return spec


# Mülheim's 33 are projects adopted at the conference; Duisburg names its kinds.
DEFAULT_KIND = {"duisburg": "measure", "muelheim": "project"}
