"""A data set's columns, declared once: each column's name, German title, description,
type and how its value is read from a row. The CSV header, the JSON keys and the
field schema of the data package (Frictionless Table Schema) all come from this one
declaration, so the three cannot disagree."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

# Table Schema types (https://specs.frictionlessdata.io/table-schema/#types) a column
# may have; a value of each is written as `plain` writes it.
TYPES = {"string", "integer", "number", "boolean", "date", "datetime"}


@dataclass(frozen=True)
class Column:
    name: str  # the CSV header and the JSON key: lower case, words joined by "_"
    title: str  # a lazy translation: German in the files
    description: str  # a lazy translation
    type: str  # one of TYPES
    value: Callable  # row -> the value (None: empty)
    # The values a code column may take (Table Schema's `enum` constraint).
    choices: tuple = ()
    required: bool = False

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"{self.name}: no Table Schema type {self.type!r}")

    def field(self):
        """The column as a Table Schema field."""
        described = {
            "name": self.name,
            "type": self.type,
            "title": str(self.title),
            "description": str(self.description),
        }
        if self.type == "datetime":
            # ISO 8601 with the offset from UTC, e.g. 2026-12-06T05:30:00+01:00.
            described["format"] = "%Y-%m-%dT%H:%M:%S%z"
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.choices:
            constraints["enum"] = list(self.choices)
        if constraints:
            described["constraints"] = constraints
        return described


@dataclass(frozen=True)
class ForeignKey:
    """Values of `fields` of this data set are values of `reference` of `dataset`."""

    fields: tuple
    dataset: str
    reference: tuple


@dataclass(frozen=True)
class Dataset:
    name: str  # in the addresses: <name>.csv, <name>.json
    title: str  # lazy translations
    description: str
    columns: tuple  # (Column, ...)
    rows: Callable  # initiative -> the rows, in their order, read in a fixed number of queries
    primary_key: tuple = ()
    foreign_keys: tuple = ()

    @property
    def header(self):
        return [column.name for column in self.columns]

    def records(self, rows):
        """Each row as a list of plain values (`plain`), in the columns' order."""
        getters = [column.value for column in self.columns]
        return [[plain(value(row)) for value in getters] for row in rows]

    def schema(self, resource_suffix):
        """The Table Schema of the data set; its foreign keys name the resources of the
        same format (`<dataset>-<resource_suffix>`)."""
        schema = {"fields": [column.field() for column in self.columns]}
        if self.primary_key:
            schema["primaryKey"] = list(self.primary_key)
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {
                    "fields": list(key.fields),
                    "reference": {
                        "resource": f"{key.dataset}-{resource_suffix}",
                        "fields": list(key.reference),
                    },
                }
                for key in self.foreign_keys
            ]
        return schema


def plain(value):
    """A value as both files write it: dates in ISO 8601, moments in the local time with
    their offset to the second, everything else as it is (None: empty)."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def item(name):
    """A column's value: the row's item `name` (rows are dicts)."""

    def value(row):
        return row[name]

    return value
