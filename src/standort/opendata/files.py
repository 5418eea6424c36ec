"""The files of an initiative's open data, written from the data sets' declarations
(datasets.py): each data set as CSV and JSON, the field description as a Frictionless
Data Package (`datapackage.json`) and the catalogue entry in DCAT-AP.de (RDF/XML).

All files of one edition (queries.Edition) give the same moment as the one their
figures are from. They are written in the content language (German), whoever asks."""

import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import cached_property

from defusedcsv import csv as defused_csv
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from standort.initiatives.models import DataLicence
from standort.initiatives.queries import leading_organizations
from standort.measures.exchange.columns import to_csv

from .columns import plain
from .datasets import DATASETS

# format -> (media type, the EU's file type, IANA's media type)
FORMATS = {
    "csv": (
        "text/csv",
        "http://publications.europa.eu/resource/authority/file-type/CSV",
        "https://www.iana.org/assignments/media-types/text/csv",
    ),
    "json": (
        "application/json",
        "http://publications.europa.eu/resource/authority/file-type/JSON",
        "https://www.iana.org/assignments/media-types/application/json",
    ),
}
# What a file of each format says it is: a CSV file with its header row (RFC 4180);
# JSON is UTF-8 by definition.
CONTENT_TYPES = {"csv": "text/csv; charset=utf-8; header=present", "json": "application/json"}
# Licences that ask to name the source (the zero licences do not).
ATTRIBUTION_REQUIRED = {DataLicence.DL_BY, DataLicence.CC_BY}
# The EU's data theme of what an initiative for a city's economy publishes.
THEME = "http://publications.europa.eu/resource/authority/data-theme/ECON"
LANGUAGE = "http://publications.europa.eu/resource/authority/language/DEU"
# The JSON files hold the rows under "data", beside their metadata: Table Dialect's
# `property` (Data Package v2) says so to a reader of the data package.
JSON_DIALECT = {"property": "data", "itemType": "object"}


@dataclass(frozen=True)
class Publication:
    """An initiative's open data in one edition: the addresses, licence and attribution
    every file names."""

    initiative: object
    edition: object

    @property
    def as_of(self):
        return plain(self.edition.as_of)

    def url(self, name, *args):
        return settings.SITE_URL + reverse(name, args=[self.initiative.slug, *args])

    @cached_property
    def index_url(self):
        return self.url("opendata_index")

    @cached_property
    def public_url(self):
        return settings.SITE_URL + self.initiative.get_absolute_url()

    def file_url(self, dataset, extension):
        return self.url("opendata_file", dataset, extension)

    @cached_property
    def package_url(self):
        return self.url("opendata_package")

    @cached_property
    def dcat_url(self):
        return self.url("opendata_dcat")

    @cached_property
    def licence(self):
        return DataLicence(self.initiative.data_licence)

    @property
    def attribution_required(self):
        return self.licence in ATTRIBUTION_REQUIRED

    @property
    def attribution(self):
        """The source as those who use the data name it."""
        return _("Source: %(name)s, %(url)s") % {
            "name": self.initiative.name,
            "url": self.index_url,
        }

    @cached_property
    def publisher(self):
        """The initiative's leading organisation (the first by name), else the
        initiative itself: one query."""
        leading = leading_organizations(self.initiative).values_list("name", flat=True).first()
        return leading or self.initiative.name

    def title(self):
        return _("Open data: %(name)s") % {"name": self.initiative.name}

    def description(self):
        return _(
            "The published measures of %(name)s with their status, progress, milestones "
            "and status history, and the measures serving each goal."
        ) % {"name": self.initiative.name}

    def licence_metadata(self):
        return {
            "name": self.licence.value,
            "title": str(self.licence.label),
            "url": self.licence.url,
        }


# CSV and JSON ----------------------------------------------------------------------


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    # defusedcsv puts an apostrophe before a text that a spreadsheet would take for a
    # formula; to_csv before those it misses (a tab or a line break first).
    return to_csv(value) if isinstance(value, str) else value


def csv_file(publication, dataset):
    """The data set as CSV: UTF-8 without a byte order mark, commas, a header row, line
    ends CRLF (RFC 4180), dates and times in ISO 8601. Without a BOM: the open data
    portals, Frictionless and most programs read a first header with one as
    "\\ufeffnumber"; Excel opens the file through "Daten › Aus Text/CSV" (the page says
    so)."""
    out = io.StringIO()
    writer = defused_csv.writer(out, lineterminator="\r\n")
    writer.writerow(dataset.header)
    for record in dataset.records(dataset.rows(publication.initiative)):
        writer.writerow([_csv_cell(value) for value in record])
    return out.getvalue().encode()


def json_file(publication, dataset):
    """The data set as JSON: an object with what the data are (initiative, licence, the
    moment they are from, the file's own address and the field description's) and the
    rows under "data", each an object of the columns' names."""
    header = dataset.header
    content = {
        "initiative": {"name": publication.initiative.name, "url": publication.public_url},
        "dataset": {"name": dataset.name, "title": str(dataset.title)},
        "licence": {**publication.licence_metadata(), "attribution": publication.attribution},
        "as_of": publication.as_of,
        "source": publication.file_url(dataset.name, "json"),
        "schema": publication.package_url,
        "data": [
            dict(zip(header, record, strict=True))
            for record in dataset.records(dataset.rows(publication.initiative))
        ],
    }
    return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()


WRITERS = {"csv": csv_file, "json": json_file}


# Data package ----------------------------------------------------------------------


def data_package(publication):
    """The Frictionless Data Package: what the files are, their licence and, for each
    data set and format, a resource with its address and field schema."""
    resources = []
    for dataset in DATASETS.values():
        for extension, (media_type, *_rest) in FORMATS.items():
            resource = {
                "name": f"{dataset.name}-{extension}",
                "path": publication.file_url(dataset.name, extension),
                "profile": "tabular-data-resource",
                "title": f"{dataset.title} ({extension.upper()})",
                "description": str(dataset.description),
                "format": extension,
                "mediatype": media_type,
                "encoding": "utf-8",
                "schema": dataset.schema(extension),
            }
            if extension == "json":
                resource["dialect"] = JSON_DIALECT
            else:
                resource["dialect"] = {"delimiter": ",", "header": True}
            resources.append(resource)
    package = {
        "profile": "tabular-data-package",
        "name": f"standort-{publication.initiative.slug}",
        "title": publication.title(),
        "description": publication.description(),
        "homepage": publication.index_url,
        "created": publication.as_of,
        "licenses": [
            {
                "name": publication.licence.value,
                "path": publication.licence.url,
                "title": str(publication.licence.label),
            }
        ],
        "sources": [{"title": publication.initiative.name, "path": publication.public_url}],
        "resources": resources,
    }
    return json.dumps(package, ensure_ascii=False, indent=2).encode()


# DCAT-AP.de ------------------------------------------------------------------------

NAMESPACES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DATE_TIME = "http://www.w3.org/2001/XMLSchema#dateTime"


def _name(qualified):
    prefix, local = qualified.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def _add(parent, qualified, text=None, *, resource=None, about=None, lang=False, typed=None):
    element = ET.SubElement(parent, _name(qualified))
    if resource is not None:
        element.set(_name("rdf:resource"), resource)
    if about is not None:
        element.set(_name("rdf:about"), about)
    if typed is not None:
        element.set(_name("rdf:datatype"), typed)
    if lang:
        element.set(XML_LANG, settings.CONTENT_LANGUAGE)
    if text is not None:
        element.text = str(text)
    return element


def _agent(parent, qualified, name):
    _add(_add(parent, qualified), "foaf:Agent").append(_literal("foaf:name", name))


def _literal(qualified, text):
    element = ET.Element(_name(qualified))
    element.text = str(text)
    return element


def dcat_catalogue(publication):
    """The catalogue entry in DCAT-AP.de: a dcat:Catalog of one dcat:Dataset per data
    set, each with a dcat:Distribution per format.

    Left out: dcatde:contributorID (GovData gives a publisher its ID; the initiative
    has none recorded) and dcatde:politicalGeocodingURI (it needs the city's official
    municipality key, which the initiative does not record either)."""
    initiative = publication.initiative
    as_of = publication.as_of
    root = ET.Element(_name("rdf:RDF"))
    catalogue = _add(root, "dcat:Catalog", about=publication.dcat_url)
    _add(catalogue, "dct:title", publication.title(), lang=True)
    _add(catalogue, "dct:description", publication.description(), lang=True)
    _agent(catalogue, "dct:publisher", publication.publisher)
    _add(catalogue, "foaf:homepage", resource=publication.index_url)
    _add(catalogue, "dct:language", resource=LANGUAGE)
    _add(catalogue, "dct:license", resource=publication.licence.uri)
    _add(catalogue, "dct:modified", as_of, typed=DATE_TIME)
    for dataset in DATASETS.values():
        entry = _add(
            _add(catalogue, "dcat:dataset"),
            "dcat:Dataset",
            about=f"{publication.index_url}#{dataset.name}",
        )
        _add(entry, "dct:identifier", f"{publication.index_url}#{dataset.name}")
        _add(entry, "dct:title", f"{dataset.title}: {initiative.name}", lang=True)
        _add(entry, "dct:description", dataset.description, lang=True)
        _agent(entry, "dct:publisher", publication.publisher)
        contact = _add(_add(entry, "dcat:contactPoint"), "vcard:Organization")
        _add(contact, "vcard:fn", initiative.name)
        _add(contact, "vcard:hasURL", resource=publication.public_url)
        _add(entry, "dcat:theme", resource=THEME)
        for keyword in (_("location initiative"), _("economic development"), initiative.city):
            _add(entry, "dcat:keyword", keyword, lang=True)
        _add(entry, "dcat:landingPage", resource=f"{publication.index_url}#{dataset.name}")
        _add(entry, "dct:language", resource=LANGUAGE)
        _add(entry, "dct:modified", as_of, typed=DATE_TIME)
        for extension, (_media_type, file_type, iana) in FORMATS.items():
            address = publication.file_url(dataset.name, extension)
            distribution = _add(
                _add(entry, "dcat:distribution"), "dcat:Distribution", about=address
            )
            _add(distribution, "dct:title", f"{dataset.title} ({extension.upper()})", lang=True)
            _add(distribution, "dcat:accessURL", resource=address)
            _add(distribution, "dcat:downloadURL", resource=address)
            _add(distribution, "dct:format", resource=file_type)
            _add(distribution, "dcat:mediaType", resource=iana)
            _add(distribution, "dct:license", resource=publication.licence.uri)
            if publication.attribution_required:
                _add(
                    distribution,
                    "dcatde:licenseAttributionByText",
                    publication.attribution,
                    lang=True,
                )
            _add(distribution, "dct:conformsTo", resource=publication.package_url)
            _add(distribution, "dct:modified", as_of, typed=DATE_TIME)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
