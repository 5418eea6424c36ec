"""Demo data: the two initiatives of the seed document (Duisburg and Mülheim an der Ruhr)
and the demo accounts. The home app's `load_demo()` loads them with the other apps'
demo data; see `python manage.py load_demo`.

data.py holds the tables, names.py the fictional-name generator, plan.py turns both into
records and loader.py writes them."""

from .data import ACCOUNTS, DEMO_PASSWORD
from .loader import LoadedInitiative, load_accounts, load_initiative
from .plan import build_plan

__all__ = [
    "ACCOUNTS",
    "DEMO_PASSWORD",
    "LoadedInitiative",
    "build_plan",
    "load_accounts",
    "load_initiative",
]
