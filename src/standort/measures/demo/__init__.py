"""Demo measures of the two seed initiatives: Duisburg's recommendations with the
projects that carry them out, and the 33 projects of the Mülheim industry conference.

data.py, data_duisburg.py and data_muelheim.py hold the tables, loader.py writes them
through the services; the initiatives' demo loader calls `load_measures` once the
bodies and people of an initiative exist."""

from .dating import date_the_past
from .loader import load_measures

__all__ = ["date_the_past", "load_measures"]
