"""Demo data: the two initiatives of the seed document (Duisburg and Mülheim an der Ruhr)
and the demo accounts. `load_demo()` creates or updates everything; see
`python manage.py load_demo`.

data.py holds the tables, names.py the fictional-name generator, plan.py turns both into
records and loader.py writes them."""

from .data import ACCOUNTS, DEMO_PASSWORD
from .loader import Result, load_demo

__all__ = ["ACCOUNTS", "DEMO_PASSWORD", "Result", "load_demo"]
