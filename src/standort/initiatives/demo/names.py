"""Fictional people for the demo: name pools, functions by kind of organisation and a
deterministic generator (a seeded random.Random, so every run yields the same people)."""

import random

FEMALE = [
    "Andrea", "Anja", "Annette", "Barbara", "Birgit", "Carina", "Christina", "Daniela",
    "Elena", "Elif", "Eva", "Franziska", "Gabriele", "Heike", "Ines", "Jana", "Jessica",
    "Karin", "Kerstin", "Lea", "Marion", "Martina", "Melanie", "Monika", "Nadine", "Natalia",
    "Nicole", "Petra", "Ramona", "Sandra", "Silke", "Simone", "Sonja", "Stefanie", "Svenja",
    "Tanja", "Ulrike", "Ursula", "Vanessa", "Yasemin",
]  # fmt: skip

MALE = [
    "Alexander", "Andreas", "Bernd", "Björn", "Christian", "Dennis", "Dietmar", "Emre",
    "Florian", "Frank", "Georg", "Hans-Jürgen", "Holger", "Ingo", "Jens", "Joachim", "Jürgen",
    "Kai", "Karsten", "Klaus", "Lars", "Lukas", "Manfred", "Marco", "Matthias", "Mehmet",
    "Nils", "Norbert", "Patrick", "Ralf", "René", "Sebastian", "Sven", "Thorsten", "Timo",
    "Ulrich", "Uwe", "Volker", "Werner", "Wolfgang",
]  # fmt: skip

LAST = [
    "Arntz", "Bäumer", "Becker", "Bongartz", "Bruckmann", "Busch", "Dahmen", "Eickhoff",
    "Elsner", "Esser", "Fischer", "Frings", "Gerlach", "Görtz", "Hagedorn", "Hansen",
    "Heimann", "Hendricks", "Hoppe", "Huber", "Jansen", "Janßen", "Kaiser", "Kamps", "Kaya",
    "Keller", "Kleine", "Koch", "Kowalski", "Kuhlmann", "Küpper", "Lange", "Lorenz", "Ludwig",
    "Maas", "Mertens", "Meyer", "Möller", "Nowicki", "Oberdick", "Ostermann", "Pauls",
    "Pieper", "Pohlmann", "Reuter", "Rösner", "Sadowski", "Schäfers", "Scholz", "Schröder",
    "Schulz", "Schwarz", "Sommer", "Stein", "Strauch", "Terlinden", "Theißen", "Thiel",
    "Tillmann", "Verhoeven", "Vogt", "Wagner", "Weber", "Wegener", "Wessels", "Winter",
    "Wolters", "Wozniak", "Yildiz", "Zimmermann",
]  # fmt: skip

# kind of organisation -> (male, female) functions, used in turn within each organisation.
FUNCTIONS = {
    "company": [
        ("Geschäftsführer", "Geschäftsführerin"),
        ("Leiter Personal", "Leiterin Personal"),
        ("Prokurist", "Prokuristin"),
        ("Technischer Leiter", "Technische Leiterin"),
        ("Leiter Vertrieb", "Leiterin Vertrieb"),
        ("Leiter Ausbildung", "Leiterin Ausbildung"),
        ("Betriebsratsvorsitzender", "Betriebsratsvorsitzende"),
    ],
    "administration": [
        ("Amtsleiter", "Amtsleiterin"),
        ("Abteilungsleiter", "Abteilungsleiterin"),
        ("Referent", "Referentin"),
        ("Sachgebietsleiter", "Sachgebietsleiterin"),
    ],
    "politics": [
        ("Ratsmitglied", "Ratsmitglied"),
        ("Mitglied des Wirtschaftsausschusses", "Mitglied des Wirtschaftsausschusses"),
        ("Fraktionsvorsitzender", "Fraktionsvorsitzende"),
    ],
    "union": [
        ("Gewerkschaftssekretär", "Gewerkschaftssekretärin"),
        ("Politischer Sekretär", "Politische Sekretärin"),
    ],
    "chamber": [
        ("Referent", "Referentin"),
        ("Geschäftsbereichsleiter", "Geschäftsbereichsleiterin"),
    ],
    "association": [
        ("Referent", "Referentin"),
        ("Geschäftsführer", "Geschäftsführerin"),
    ],
    "science": [
        ("Professor", "Professorin"),
        ("Wissenschaftlicher Mitarbeiter", "Wissenschaftliche Mitarbeiterin"),
        ("Leiter Wissens- und Technologietransfer", "Leiterin Wissens- und Technologietransfer"),
    ],
    "civil_society": [
        ("Vorsitzender", "Vorsitzende"),
        ("Projektleiter", "Projektleiterin"),
    ],
}

UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", " ": "-"})


def email_for(first_name, last_name):
    local = f"{first_name}.{last_name}".lower().translate(UMLAUTS)
    return f"{local}@example.org"


class NameGenerator:
    """Hands out plausible, unique, fictional people; the same seed gives the same
    sequence of people."""

    def __init__(self, seed, taken=()):
        self.rng = random.Random(seed)
        self.taken = set(taken)
        self.turns = {}

    def person(self, kind, organization):
        while True:
            female = self.rng.random() < 0.45
            first = self.rng.choice(FEMALE if female else MALE)
            last = self.rng.choice(LAST)
            email = email_for(first, last)
            if email not in self.taken:
                self.taken.add(email)
                break
        turn = self.turns.get(organization, 0)
        self.turns[organization] = turn + 1
        options = FUNCTIONS[kind]
        function = options[turn % len(options)][1 if female else 0]
        if function.startswith("Professor"):
            title = "Prof. Dr."
        else:
            title = "Dr." if self.rng.random() < 0.1 else ""
        return {
            "email": email,
            "title": title,
            "first_name": first,
            "last_name": last,
            "function": function,
        }
