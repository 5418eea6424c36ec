"""Exchange of the measure list with spreadsheets: export as CSV and XLSX, import from
either with a preview, all or nothing.

    write_csv(initiative, measures, contacts=True) -> bytes
    write_xlsx(initiative, measures, contacts=True) -> bytes
    read(initiative, file_name, content) -> ImportPlan   (writes nothing)
    apply(actor, initiative, plan)                        (services.measures_import)
"""

from standort.core.tables import Problem

from .columns import column_help, headers
from .export import write_csv, write_xlsx
from .importing import ImportPlan, ImportRefused, apply, read

__all__ = [
    "ImportPlan",
    "ImportRefused",
    "Problem",
    "apply",
    "column_help",
    "headers",
    "read",
    "write_csv",
    "write_xlsx",
]
