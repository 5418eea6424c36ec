"""The demo data: the two initiatives of the seed document with their organisations,
people, bodies and the demo accounts. Plain tables; `plan.py` turns them into records.

Real institutions are named; companies and all people are fictional."""

from datetime import date

DEMO_PASSWORD = "standort-demo"
DEMO_DOMAIN = "@example.org"

# key: (name, kind, city, website)
ORGANIZATIONS = {
    # Duisburg
    "stadt-du": ("Stadt Duisburg", "administration", "Duisburg", "https://www.duisburg.de"),
    "uv-du": (
        "Unternehmerverband Duisburg",
        "association",
        "Duisburg",
        "https://www.unternehmerverband.org",
    ),
    "ihk-nr": ("Niederrheinische IHK", "chamber", "Duisburg", ""),
    "gfw-du": ("GFW Duisburg – Gesellschaft für Wirtschaftsförderung", "administration",
               "Duisburg", ""),
    "afa-du": ("Agentur für Arbeit Duisburg", "administration", "Duisburg", ""),
    "jobcenter-du": ("Jobcenter Duisburg", "administration", "Duisburg", ""),
    "rat-du": ("Rat der Stadt Duisburg", "politics", "Duisburg", ""),
    "integrationsrat-du": ("Integrationsrat der Stadt Duisburg", "politics", "Duisburg", ""),
    "dgb-nr": ("DGB Region Niederrhein", "union", "Duisburg", ""),
    "igm-du": ("IG Metall Duisburg-Dinslaken", "union", "Duisburg", ""),
    "ude": ("Universität Duisburg-Essen", "science", "Duisburg", "https://www.uni-due.de"),
    "fhg-ims": ("Fraunhofer-Institut für Mikroelektronische Schaltungen und Systeme IMS",
                "science", "Duisburg", ""),
    "hwk-d": ("Handwerkskammer Düsseldorf", "chamber", "Düsseldorf", ""),
    "duisport": ("Duisburger Hafen AG (duisport)", "company", "Duisburg",
                 "https://www.duisport.de"),
    "buendnis-familie-du": ("Lokales Bündnis für Familie Duisburg", "civil_society",
                            "Duisburg", ""),
    "buergerstiftung-du": ("Bürgerstiftung Duisburg", "civil_society", "Duisburg", ""),
    "netzwerk-marxloh": ("Integrationsnetzwerk Marxloh e. V.", "civil_society", "Duisburg", ""),
    "rheinkai": ("Rheinkai Logistik GmbH", "company", "Duisburg", ""),
    "ruhrorter": ("Ruhrorter Schiffsausrüstung GmbH", "company", "Duisburg", ""),
    "meidericher": ("Meidericher Maschinenbau GmbH & Co. KG", "company", "Duisburg", ""),
    "huettenstahl": ("Hüttenstahl Service Beeck GmbH", "company", "Duisburg", ""),
    "homberger": ("Homberger Hafenspedition GmbH", "company", "Duisburg", ""),
    "walsumer": ("Walsumer Energiedienste GmbH", "company", "Duisburg", ""),
    "innenhafen": ("Innenhafen Digital GmbH", "company", "Duisburg", ""),
    "mercator-personal": ("Mercator Personalberatung GmbH", "company", "Duisburg", ""),
    "kaiserberg": ("Kaiserberg Bauunternehmung GmbH", "company", "Duisburg", ""),
    "baeckerei-wanheim": ("Bäckerei Wanheim GmbH", "company", "Duisburg", ""),
    "elektro-neumuehl": ("Elektro Neumühl GmbH & Co. KG", "company", "Duisburg", ""),
    "rheinhauser": ("Rheinhauser Chemiewerke GmbH", "company", "Duisburg", ""),
    # Mülheim an der Ruhr
    "stadt-mh": ("Stadt Mülheim an der Ruhr", "administration", "Mülheim an der Ruhr",
                 "https://www.muelheim-ruhr.de"),
    "uv-mh": ("Unternehmerverband Mülheimer Wirtschaft", "association", "Mülheim an der Ruhr",
              "https://www.unternehmerverband.org"),
    "igm-meo": ("IG Metall Mülheim-Essen-Oberhausen", "union", "Mülheim an der Ruhr", ""),
    "mub": ("Mülheim & Business GmbH Wirtschaftsförderung", "administration",
            "Mülheim an der Ruhr", ""),
    "ihk-e": ("IHK zu Essen", "chamber", "Essen", ""),
    "hrw": ("Hochschule Ruhr West", "science", "Mülheim an der Ruhr", ""),
    "mpi-kofo": ("Max-Planck-Institut für Kohlenforschung", "science", "Mülheim an der Ruhr",
                 ""),
    "fhg-umsicht": ("Fraunhofer UMSICHT", "science", "Oberhausen", ""),
    "rat-mh": ("Rat der Stadt Mülheim an der Ruhr", "politics", "Mülheim an der Ruhr", ""),
    "ausbildungsverbund-mh": ("Mülheimer Ausbildungsverbund e. V.", "civil_society",
                              "Mülheim an der Ruhr", ""),
    "buergerverein-styrum": ("Bürgerverein Styrum e. V.", "civil_society",
                             "Mülheim an der Ruhr", ""),
    "ruhrtal": ("Ruhrtal Armaturen GmbH", "company", "Mülheim an der Ruhr", ""),
    "speldorfer": ("Speldorfer Stahlrohr GmbH", "company", "Mülheim an der Ruhr", ""),
    "duemptener": ("Dümptener Präzisionstechnik GmbH", "company", "Mülheim an der Ruhr", ""),
    "saarner": ("Saarner Feinmechanik GmbH & Co. KG", "company", "Mülheim an der Ruhr", ""),
    "broicher": ("Broicher Kunststofftechnik GmbH", "company", "Mülheim an der Ruhr", ""),
    "heissener": ("Heißener Anlagenbau GmbH", "company", "Mülheim an der Ruhr", ""),
    "styrumer": ("Styrumer Turbinenservice GmbH", "company", "Mülheim an der Ruhr", ""),
    "winkhauser": ("Winkhauser Elektrotechnik GmbH", "company", "Mülheim an der Ruhr", ""),
    "mendener": ("Mendener Industrielogistik GmbH", "company", "Mülheim an der Ruhr", ""),
    "ruhrbania": ("Ruhrbania Software GmbH", "company", "Mülheim an der Ruhr", ""),
    "selbecker": ("Selbecker Spezialchemie GmbH", "company", "Mülheim an der Ruhr", ""),
    "eppinghofer": ("Eppinghofer Gießerei GmbH", "company", "Mülheim an der Ruhr", ""),
    "mintarder": ("Mintarder Glasfasernetz GmbH", "company", "Mülheim an der Ruhr", ""),
    "breitbandberatung": ("Rhein-Ruhr Breitbandberatung GmbH", "company", "Essen", ""),
    # Last, so that the phone numbers of the organisations above stay as they were.
    "mpi-cec": ("Max-Planck-Institut für Chemische Energiekonversion", "science",
                "Mülheim an der Ruhr", ""),
}  # fmt: skip

# Hand-picked people: e-mail: (title, first name, last name, function, organisation key).
# The first six hold demo accounts, and so does the transfer office's referent at the end.
KEY_PEOPLE = {
    "admin@example.org": ("", "Tobias", "Richter", "Plattform-Administration", None),
    "buero@example.org": ("", "Sabine", "Krüger", "Geschäftsstelle Standortinitiativen",
                          "uv-du"),
    "lenkung@example.org": ("Dr.", "Jörg", "Lehmann", "Stadtdirektor", "stadt-du"),
    "ak-vorsitz@example.org": ("", "Katrin", "Schäfer", "Geschäftsführerin", "ruhrorter"),
    "mitglied@example.org": ("", "Murat", "Demir", "Leiter Ausbildung", "heissener"),
    "beobachter@example.org": ("", "Julia", "Brandt", "Ratsmitglied", "rat-mh"),
    # Duisburg
    "thomas.berger@example.org": ("", "Thomas", "Berger", "Oberbürgermeister", "stadt-du"),
    "heinrich.vosskamp@example.org": ("", "Heinrich", "Vosskamp",
                                      "Sprecher der regionalen Wirtschaft", "uv-du"),
    "ulrich.brockmann@example.org": ("Dr.", "Ulrich", "Brockmann", "Präsident", "ihk-nr"),
    "frank.overbeck@example.org": ("", "Frank", "Overbeck", "Geschäftsführer", "rheinkai"),
    "claudia.wiesner@example.org": ("", "Claudia", "Wiesner", "Geschäftsführerin",
                                    "innenhafen"),
    "petra.huelsmann@example.org": ("", "Petra", "Hülsmann", "Personaldirektorin",
                                    "rheinhauser"),
    "martin.kessler@example.org": ("Prof. Dr.", "Martin", "Kessler", "Prorektor", "ude"),
    "nina.albrecht@example.org": ("", "Nina", "Albrecht",
                                  "Referentin Existenzgründung und Unternehmensförderung",
                                  "ihk-nr"),
    "markus.engel@example.org": ("", "Markus", "Engel", "Leiter Amt für Stadtentwicklung",
                                 "stadt-du"),
    "laura.peters@example.org": ("", "Laura", "Peters", "Referentin Standortmarketing",
                                 "gfw-du"),
    "anja.schulte@example.org": ("", "Anja", "Schulte", "Referentin Bildung und Familie",
                                 "uv-du"),
    "daniel.krause@example.org": ("", "Daniel", "Krause", "Referent Aus- und Weiterbildung",
                                  "ihk-nr"),
    # Mülheim an der Ruhr
    "andrea.lindemann@example.org": ("Dr.", "Andrea", "Lindemann", "Oberbürgermeisterin",
                                     "stadt-mh"),
    "hanns-peter.kortmann@example.org": ("", "Hanns-Peter", "Kortmann", "Vorsitzender",
                                         "uv-mh"),
    "dirk.schwertfeger@example.org": ("", "Dirk", "Schwertfeger", "Erster Bevollmächtigter",
                                      "igm-meo"),
    "stefan.nowak@example.org": ("", "Stefan", "Nowak", "Geschäftsführer", "uv-mh"),
    "melanie.hartwig@example.org": ("", "Melanie", "Hartwig",
                                    "Projektleiterin Industrie und Innovation", "mub"),
    "oliver.hesse@example.org": ("", "Oliver", "Hesse", "Leiter Referat Wirtschaft",
                                 "stadt-mh"),
    "rainer.dahlmann@example.org": ("", "Rainer", "Dahlmann", "Geschäftsführer", "speldorfer"),
    "susanne.ebert@example.org": ("Dr.", "Susanne", "Ebert", "Geschäftsführerin", "broicher"),
    "michael.terhoeven@example.org": ("", "Michael", "Terhoeven", "Geschäftsführer",
                                      "ruhrtal"),
    "klaus.wendland@example.org": ("Prof. Dr.", "Klaus", "Wendland", "Präsident", "hrw"),
    "gerald.pohl@example.org": ("Dr.", "Gerald", "Pohl", "Geschäftsführer Standortpolitik",
                                "ihk-e"),
    "bettina.adam@example.org": ("Dr.", "Bettina", "Adam", "Leiterin Technologietransfer",
                                 "mpi-kofo"),
    "jan.overhoff@example.org": ("", "Jan", "Overhoff", "Geschäftsführer", "mintarder"),
    "lena.marx@example.org": ("Dr.", "Lena", "Marx", "Leiterin Transferstelle", "hrw"),
    # The transfer offices of the science institutions (standort.transfer.demo), last,
    # so that the phone numbers of the people above stay as they were.
    "transfer@example.org": ("", "Jonas", "Brinkhoff", "Referent Transferstelle", "hrw"),
    "hannah.rosendahl@example.org": ("", "Hannah", "Rosendahl",
                                     "Referentin Gründung und Innovationszentrum", "hrw"),
    "friederike.hollmann@example.org": ("Dr.", "Friederike", "Hollmann",
                                        "Referentin Technologietransfer", "mpi-cec"),
    "hendrik.wiethoff@example.org": ("Dr.", "Hendrik", "Wiethoff",
                                     "Geschäftsfeldentwicklung Industrie", "fhg-umsicht"),
    "miriam.kortenbach@example.org": ("", "Miriam", "Kortenbach",
                                      "Referentin Wissens- und Technologietransfer", "ude"),
}  # fmt: skip

# e-mail: (platform admin?, {initiative slug: role})
ACCOUNTS = {
    "admin@example.org": (True, {}),
    "buero@example.org": (False, {"duisburg": "office", "muelheim": "office"}),
    "lenkung@example.org": (False, {"duisburg": "steering"}),
    "ak-vorsitz@example.org": (False, {"duisburg": "member"}),
    "mitglied@example.org": (False, {"muelheim": "member"}),
    "beobachter@example.org": (False, {"muelheim": "observer"}),
    # A transfer officer (standort.transfer.rules): a person of a science institution
    # who takes part in the initiative.
    "transfer@example.org": (False, {"muelheim": "member"}),
}

# Owners who agreed that the public pages name them with their measures (the others'
# measures show their organisation only).
NAMED_IN_PUBLIC = {
    "lenkung@example.org",
    "claudia.wiesner@example.org",
    "jan.overhoff@example.org",
    "melanie.hartwig@example.org",
}

DUISBURG_DESCRIPTION = """\
Ausgangslage: Die Arbeitslosigkeit in Duisburg liegt über 12 %, es herrscht eine große \
Investitionsschwäche. Hohe kommunale Steuern und Gebühren sowie schleppende \
Genehmigungsverfahren sind Standortnachteile; Vorteile wie die strategische Lage der Stadt \
werden davon überlagert. Dazu kommen massive Image-Probleme. Aber: Duisburg ist immer noch \
ein starker Industrie- und vor allem ein wachsender Logistikstandort.

Die Unternehmer sagen: Wir müssen etwas tun und brauchen den Dialog mit der Stadt. Deshalb \
schreiben Unternehmerverband und Niederrheinische IHK gemeinsam mit der Stadtspitze einen \
Masterplan zu Duisburgs wirtschaftlicher Zukunft. Der Masterplan soll vor allem eine \
Dialog-Plattform sein. Ziel ist ein professionelles Projektmanagement mit klaren \
Verantwortlichkeiten – dafür ist ein langer Atem erforderlich.

Ein Lenkungskreis unter Vorsitz des Oberbürgermeisters, des Unternehmerverbandes und der \
Niederrheinischen IHK steuert das Projekt. Unternehmen, Stadtverwaltung, Politik, \
Gewerkschaften und Zivilgesellschaft arbeiten in fünf Arbeitskreisen mit. \
Erarbeitungszeitraum: zwei Jahre."""

MUELHEIM_DESCRIPTION = """\
Ausgangslage: Die Mülheimer Industrie hat signifikant Arbeitsplätze abgebaut, aber noch \
immer arbeiten rund 18.000 Beschäftigte im produzierenden Gewerbe; tausende weitere \
Arbeitsplätze profitieren indirekt von der industriellen Wertschöpfung am Standort. Eine \
Umfrage in der Industrie zeigt ein Innovationsdefizit: Erst 4 von 10 Betrieben kooperieren \
mit der Wissenschaft. Zwar fühlen sich 90 % der Industriebetriebe „wohl“ am Standort, \
jedoch machen sich 2/3 der Unternehmen Sorgen über mangelnde Flächen und Defizite bei der \
Infrastruktur.

Die Stärkungsinitiative Industrie (zunächst ein Jahr) soll der Industrie Rückenwind und \
einen Impuls für mehr Innovation geben. Unternehmerverband Mülheimer Wirtschaft, Stadt \
Mülheim an der Ruhr und IG Metall führen das Projekt gemeinsam. Eine Industriekonferenz mit \
den wichtigsten Akteuren setzt drei Arbeitskreise unter Vorsitz von Unternehmern ein; die \
Geschäftsführung liegt bei Unternehmerverband, Wirtschaftsförderung und Stadt.

Am 16. März 2017 hat die Industriekonferenz 33 konkrete Projekte mit klar benannten \
Projektverantwortlichen und Projektpartnern beschlossen. Im Frühjahr 2018 berät sie über den \
Stand der Umsetzung. Großes Ziel: Mülheim an der Ruhr zum wissensbasierten \
Industriestandort weiterentwickeln."""

INITIATIVES = [
    {
        "slug": "duisburg",
        "name": "Masterplan Wirtschaft Duisburg",
        "city": "Duisburg",
        "summary": "Wirtschaft und Stadtspitze schreiben gemeinsam einen Masterplan für "
        "Duisburgs wirtschaftliche Zukunft – als Dialog-Plattform mit klaren "
        "Verantwortlichkeiten.",
        "description": DUISBURG_DESCRIPTION,
        "starts_on": date(2015, 3, 1),
        "ends_on": date(2017, 2, 28),
        "is_public": True,
        "leading": ["stadt-du", "uv-du", "ihk-nr"],
    },
    {
        "slug": "muelheim",
        "name": "Stärkungsinitiative Industrie Mülheim an der Ruhr",
        "city": "Mülheim an der Ruhr",
        "summary": "Rückenwind für die Industrie und ein Impuls für mehr Innovation: "
        "Unternehmerverband, Stadt und IG Metall auf dem Weg zum wissensbasierten "
        "Industriestandort.",
        "description": MUELHEIM_DESCRIPTION,
        "starts_on": date(2016, 4, 1),
        "ends_on": date(2017, 3, 31),
        "is_public": True,
        "leading": ["uv-mh", "stadt-mh", "igm-meo"],
    },
]

# Bodies per initiative, parents before their sub-groups. chairs/managers/members/experts
# name key people by e-mail; `generated` and `generated_experts` list one organisation key
# per fictional person to add; `from_parent` takes that many generated members of the parent.
BODIES = {
    "duisburg": [
        {
            "name": "Lenkungskreis",
            "kind": "steering_committee",
            "managed_by": "uv-du",
            "description": "Steuert den Masterplan-Prozess unter Vorsitz des "
            "Oberbürgermeisters, des Unternehmerverbandes und der Niederrheinischen IHK.",
            "chairs": ["thomas.berger@example.org", "heinrich.vosskamp@example.org",
                       "ulrich.brockmann@example.org"],
            "managers": ["buero@example.org"],
            "members": ["lenkung@example.org", "ak-vorsitz@example.org",
                        "frank.overbeck@example.org", "claudia.wiesner@example.org",
                        "petra.huelsmann@example.org", "martin.kessler@example.org"],
            "generated": ["dgb-nr", "duisport", "hwk-d", "rat-du"],
        },
        {
            "name": "Mittelstand und Gründung",
            "kind": "working_group",
            "managed_by": "ihk-nr",
            "description": "Handlungsempfehlungen (Beispiele): Wirtschaftsdezernent für die "
            "Verwaltung; Stadtverwaltung zertifizieren, Serviceversprechen erarbeiten, "
            "digitale Agenda entwickeln; Steuern und Gebühren gründerfreundlich gestalten.",
            "chairs": ["ak-vorsitz@example.org"],
            "managers": ["nina.albrecht@example.org"],
            "generated": ["baeckerei-wanheim", "elektro-neumuehl", "mercator-personal",
                          "kaiserberg", "hwk-d", "gfw-du", "stadt-du", "rat-du", "dgb-nr",
                          "afa-du"],
        },
        {
            "name": "Infrastruktur, Umwelt und Energie",
            "kind": "working_group",
            "managed_by": "stadt-du",
            "description": "Handlungsempfehlungen (Beispiele): Breitbandversorgung "
            "verbessern (Ziel: bis 2020 Glasfaser); regionales Baustellenmanagement "
            "verbessern; wirtschaftsfreundliche Plan- und Genehmigungsverfahren.",
            "chairs": ["frank.overbeck@example.org"],
            "managers": ["markus.engel@example.org"],
            "generated": ["duisport", "walsumer", "homberger", "huettenstahl", "stadt-du",
                          "stadt-du", "rat-du", "igm-du", "ude"],
        },
        {
            "name": "Image und internationales Profil",
            "kind": "working_group",
            "managed_by": "gfw-du",
            "description": "Handlungsempfehlungen (Beispiele): gemeinsame "
            "Kommunikationsstrategie entwickeln; Beirat Imageentwicklung einrichten; "
            "digitale Transformation als Zukunftschance wahrnehmen (Projekt Campus Duisburg).",
            "chairs": ["claudia.wiesner@example.org"],
            "managers": ["laura.peters@example.org"],
            "generated": ["duisport", "mercator-personal", "rheinkai", "stadt-du", "rat-du",
                          "ihk-nr", "ude", "buergerstiftung-du", "netzwerk-marxloh", "dgb-nr",
                          "integrationsrat-du"],
        },
        {
            "name": "Familienfreundlichkeit",
            "kind": "working_group",
            "managed_by": "uv-du",
            "description": "Handlungsempfehlungen (Beispiele): Spielplatzangebot durch "
            "Sponsoring verbessern; Unternehmensnetzwerk „Vereinbarkeit von Beruf und "
            "Familie“; Wettbewerb „Familienfreundliches Unternehmen“.",
            "chairs": ["petra.huelsmann@example.org"],
            "managers": ["anja.schulte@example.org"],
            "generated": ["buendnis-familie-du", "meidericher", "kaiserberg", "stadt-du",
                          "stadt-du", "rat-du", "dgb-nr", "afa-du"],
        },
        {
            "name": "Bildung, Integration und Technologie",
            "kind": "working_group",
            "managed_by": "ihk-nr",
            "description": "Handlungsempfehlungen (Beispiele): von erfolgreichen Initiativen "
            "zur Vermittlung von Langzeitarbeitslosen lernen; gemeinsame Kampagne für die "
            "duale Ausbildung; Programm zur Förderung des Führungsnachwuchses in Duisburg "
            "entwickeln.",
            "chairs": ["martin.kessler@example.org"],
            "managers": ["daniel.krause@example.org"],
            "generated": ["ude", "fhg-ims", "hwk-d", "jobcenter-du", "afa-du",
                          "integrationsrat-du", "netzwerk-marxloh", "igm-du", "meidericher",
                          "innenhafen", "stadt-du", "rheinhauser"],
        },
    ],
    "muelheim": [
        {
            "name": "Industriekonferenz",
            "kind": "conference",
            "managed_by": "uv-mh",
            "description": "Die wichtigsten Akteure des Industriestandorts. Hat am 16. März "
            "2017 33 konkrete Projekte beschlossen und berät im Frühjahr 2018 über den Stand "
            "der Umsetzung.",
            "chairs": ["andrea.lindemann@example.org", "hanns-peter.kortmann@example.org",
                       "dirk.schwertfeger@example.org"],
            "managers": ["stefan.nowak@example.org"],
            "members": ["buero@example.org", "rainer.dahlmann@example.org",
                        "susanne.ebert@example.org", "michael.terhoeven@example.org",
                        "melanie.hartwig@example.org", "oliver.hesse@example.org",
                        "klaus.wendland@example.org", "gerald.pohl@example.org",
                        "bettina.adam@example.org"],
            "generated": ["rat-mh", "rat-mh", "selbecker", "eppinghofer", "styrumer"],
        },
        {
            "name": "Infrastruktur und lokale Standortbedingungen",
            "kind": "working_group",
            "managed_by": "uv-mh",
            "description": "Ergebnisse (Beispiele): mehr Industrieflächen mit klarem "
            "Fahrplan; Ausbau des Breitbandnetzes – Anschluss aller Gewerbegebiete mit "
            "Glasfaserleitungen bis 2020.",
            "chairs": ["rainer.dahlmann@example.org"],
            "managers": ["stefan.nowak@example.org"],
            "members": ["jan.overhoff@example.org"],
            "generated": ["mendener", "eppinghofer", "styrumer", "winkhauser", "selbecker",
                          "saarner", "stadt-mh", "stadt-mh", "mub", "ihk-e", "igm-meo",
                          "rat-mh", "hrw"],
            "generated_experts": ["breitbandberatung", "ude"],
        },
        {
            "name": "Vernetzung Wirtschaft / Wissenschaft, Bildung, Gründung",
            "kind": "working_group",
            "managed_by": "mub",
            "description": "Ergebnisse (Beispiele): Transferstellen stärken (mehr "
            "„Abgleich-Gespräche“ zwischen Industrie und Wissenschaft); Plattform für "
            "Kooperationsmöglichkeiten mit der Wissenschaft; Innovationszentrum für Gründer "
            "und Industrieunternehmen an der Hochschule Ruhr West; „Lotse in Ausbildung“ für "
            "Studienabbrecher.",
            "chairs": ["susanne.ebert@example.org"],
            "managers": ["melanie.hartwig@example.org"],
            "members": ["klaus.wendland@example.org", "lena.marx@example.org",
                        "bettina.adam@example.org"],
            "generated": ["duemptener", "ruhrbania", "heissener", "saarner", "ruhrtal", "hrw",
                          "ihk-e", "igm-meo", "stadt-mh", "ausbildungsverbund-mh"],
            "generated_experts": ["fhg-umsicht", "ude"],
        },
        {
            "name": "Standortprofil und Akzeptanz der Industrie",
            "kind": "working_group",
            "managed_by": "stadt-mh",
            "description": "Ergebnisse (Beispiele): Selbstverpflichtung der Verwaltung, bei "
            "der Digitalisierung Vorreiter zu werden und ein Serviceversprechen für mehr "
            "Mittelstandsfreundlichkeit zu erarbeiten; neue Formate, um Jugendliche für die "
            "duale Ausbildung zu begeistern.",
            "chairs": ["michael.terhoeven@example.org"],
            "managers": ["oliver.hesse@example.org"],
            "members": ["mitglied@example.org"],
            "generated": ["speldorfer", "broicher", "mendener", "winkhauser", "duemptener",
                          "rat-mh", "igm-meo", "ihk-e", "mub", "hrw", "buergerverein-styrum",
                          "stadt-mh"],
            "generated_experts": ["ude"],
        },
        {
            "name": "Unterarbeitskreis Breitband/Glasfaser",
            "kind": "sub_group",
            "parent": "Infrastruktur und lokale Standortbedingungen",
            "description": "Fahrplan für den Glasfaseranschluss aller Gewerbegebiete bis 2020.",
            "chairs": ["jan.overhoff@example.org"],
            "from_parent": 4,
            "generated_experts": ["breitbandberatung"],
        },
        {
            "name": "Unterarbeitskreis Transferstellen",
            "kind": "sub_group",
            "parent": "Vernetzung Wirtschaft / Wissenschaft, Bildung, Gründung",
            "description": "Mehr Abgleich-Gespräche zwischen Industrie und Wissenschaft.",
            "chairs": ["lena.marx@example.org"],
            "members": ["klaus.wendland@example.org", "transfer@example.org",
                        "hannah.rosendahl@example.org", "friederike.hollmann@example.org",
                        "hendrik.wiethoff@example.org", "miriam.kortenbach@example.org"],
            "from_parent": 4,
            "generated_experts": ["mpi-kofo"],
        },
    ],
}  # fmt: skip
