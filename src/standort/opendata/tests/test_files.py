"""The open data of a public initiative (issue 18, point 3): each data set as CSV and
JSON with what the public pages show and nothing more, the field description as a
Frictionless Data Package that validates with the files' contents, the DCAT-AP.de
entry, one moment for all files of one state of the data, and answers of 304 to a
client that has the file already."""

import csv
import datetime
import io
import json
import re
import xml.etree.ElementTree as ET

import frictionless
import pytest
from django.urls import reverse
from django.utils import timezone

from standort.indicators.models import Goal
from standort.initiatives.models import DataLicence
from standort.measures.tests.factories import MeasureFactory, StatusUpdateFactory
from standort.measures.tests.test_public_measure import plan  # noqa: F401 - the fixture

from ..datasets import DATASETS

EMAIL = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.-]+")
FILES = [f"{name}.{extension}" for name in DATASETS for extension in ("csv", "json")]
ADDRESSES = ["", "datapackage.json", "dcat.rdf", *FILES]
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "dcatde": "http://dcat-ap.de/def/dcatde/",
    "foaf": "http://xmlns.com/foaf/0.1/",
}
RDF_RESOURCE = f"{{{NS['rdf']}}}resource"


def address(name="", slug="duisburg"):
    return f"{reverse('opendata_index', args=[slug])}{name}"


def rows_of(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


@pytest.fixture
def goals(plan):  # noqa: F811
    """Two goals: the first served by measure 4 (public) and 6 (internal), the second
    by none."""
    first = Goal.objects.create(initiative=plan[4].initiative, title="Mehr Gründungen", position=1)
    first.measures.add(plan[4], plan[6])
    Goal.objects.create(initiative=plan[4].initiative, title="Weniger Flächenverbrauch", position=2)
    return first


# Visibility ------------------------------------------------------------------------


def test_the_measures_are_those_the_public_page_shows(client, plan):  # noqa: F811
    rows = rows_of(client.get(address("measures.csv")))
    assert [row["number"] for row in rows] == ["4", "8", "9"]
    row = rows[0]
    assert row["title"] == "Gründerzentrum am Innenhafen"
    assert row["kind"] == "project" and row["kind_label"] == "Projekt"
    assert row["status"] == "in_progress" and row["status_label"] == "in Umsetzung"
    assert row["traffic_light"] == "amber" and row["traffic_light_label"] == "verzögert"
    assert row["progress"] == "45"
    assert row["working_group"] == "Unterarbeitskreis Gründung"
    assert row["parent_working_group"] == "Arbeitskreis Mittelstand"
    assert row["field_of_action"] == "Gründung"
    assert row["responsible_organisation"] == "Hafen Duisburg AG"
    # Partners by organisation only; one of none is not named.
    assert row["partners"] == "Sparkasse Duisburg"
    assert row["adopted_on"] == "2017-03-16" and row["adopted_by"] == "Lenkungskreis"
    assert row["url"] == "http://testserver/duisburg/measures/4/"
    # Only a dropped measure's reason is public.
    assert rows[1]["dropped_reason"] == "Der Hafen übernimmt die Aufgabe selbst."
    assert rows[2]["dropped_reason"] == ""


@pytest.mark.parametrize("name", FILES)
def test_no_file_tells_more_than_the_public_pages(client, plan, goals, name):  # noqa: F811
    content = client.get(address(name)).content
    for secret in [
        "Nur eine Idee",  # proposed, not adopted
        "Vertrauliche Verhandlung",  # internal
        "Archivierte Maßnahme",
        "Vertrauliche Haushaltsgründe",  # the reason of a measure on hold
        "Vertrauliche Kostenschätzung",  # a field of the office's own
        "Entwurf, nicht angenommen",  # a status update not accepted
        "Geld fehlt",  # support needed
        "Ausschreibung",  # next steps
        "Hannelore",  # the owner, who did not agree to be named
        "Hafenmeister",
        "Paula",  # a partner named as a person
        "Ohneorganisation",
        "0203 4711",
    ]:
        assert secret.encode() not in content, (name, secret)
    assert not EMAIL.search(content)


def test_an_owner_who_agreed_is_named(client, plan):  # noqa: F811
    owner = plan[4].owner
    owner.name_is_public = True
    owner.save()
    rows = rows_of(client.get(address("measures.csv")))
    assert rows[0]["owner"] == "Hannelore Hafenmeister"


def test_milestones_and_status_history(client, plan):  # noqa: F811
    milestones = rows_of(client.get(address("milestones.csv")))
    assert [(m["measure_number"], m["title"]) for m in milestones] == [
        ("4", "Mietvertrag"),
        ("4", "Umbau"),
        ("4", "Eröffnung"),
    ]
    assert milestones[0]["completed_on"] and not milestones[1]["completed_on"]
    updates = rows_of(client.get(address("status-history.csv")))
    assert [(u["traffic_light"], u["progress"], u["achieved"]) for u in updates] == [
        ("green", "20", "Mietvertrag unterschrieben."),
        ("amber", "45", "Umbau begonnen."),
    ]
    assert list(updates[0]) == [
        "measure_number",
        "reported_at",
        "traffic_light",
        "traffic_light_label",
        "progress",
        "achieved",
    ]
    reported = datetime.datetime.fromisoformat(updates[0]["reported_at"])
    assert reported.utcoffset() is not None


def test_goals_count_the_public_measures_serving_them(client, goals):
    rows = rows_of(client.get(address("goals.csv")))
    assert [(row["title"], row["measures"], row["measures_in_progress"]) for row in rows] == [
        ("Mehr Gründungen", "1", "1"),  # the internal measure not counted
        ("Weniger Flächenverbrauch", "0", "0"),
    ]


# Formats ---------------------------------------------------------------------------


def test_csv_is_utf8_with_a_header_and_no_formulas(client, duisburg):
    MeasureFactory(initiative=duisburg, number=1, title='=HYPERLINK("http://x")', is_internal=False)
    MeasureFactory(initiative=duisburg, number=2, title="Größere Flächen für Öl", is_internal=False)
    response = client.get(address("measures.csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8; header=present"
    content = response.content
    assert not content.startswith(b"\xef\xbb\xbf")  # no byte order mark
    text = content.decode("utf-8")
    assert text.splitlines()[0].startswith("number,title,kind,kind_label,")
    assert "Größere Flächen für Öl" in text
    titles = [row["title"] for row in rows_of(response)]
    assert titles == ['\'=HYPERLINK("http://x")', "Größere Flächen für Öl"]
    assert re.match(
        r'attachment; filename="duisburg-measures-\d{8}-\d{4}\.csv"',
        response["Content-Disposition"],
    )


def test_json_names_initiative_licence_moment_and_source(client, plan):  # noqa: F811
    response = client.get(address("measures.json"))
    assert response["Content-Type"] == "application/json"
    content = json.loads(response.content)
    assert list(content) == [
        "initiative",
        "dataset",
        "licence",
        "as_of",
        "source",
        "schema",
        "data",
    ]
    assert content["initiative"] == {
        "name": "Masterplan Wirtschaft Duisburg",
        "url": "http://testserver/duisburg/",
    }
    assert content["licence"] == {
        "name": "dl-by-de/2.0",
        "title": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
        "url": "https://www.govdata.de/dl-de/by-2-0",
        "attribution": "Quelle: Masterplan Wirtschaft Duisburg, http://testserver/duisburg/opendata/",
    }
    assert content["source"] == "http://testserver/duisburg/opendata/measures.json"
    assert content["schema"] == "http://testserver/duisburg/opendata/datapackage.json"
    first = content["data"][0]
    assert list(first) == DATASETS["measures"].header
    assert first["number"] == 4 and first["progress"] == 45 and first["starts_on"] is None


def test_the_files_are_german_whoever_asks(client, plan):  # noqa: F811
    content = json.loads(client.get(address("measures.json"), HTTP_ACCEPT_LANGUAGE="en").content)
    assert content["data"][0]["status_label"] == "in Umsetzung"


def test_the_office_picks_the_licence(client, plan, duisburg):  # noqa: F811
    duisburg.data_licence = DataLicence.CC_ZERO
    duisburg.save()
    content = json.loads(client.get(address("milestones.json")).content)
    assert content["licence"]["name"] == "cc-zero"
    package = json.loads(client.get(address("datapackage.json")).content)
    assert package["licenses"] == [
        {
            "name": "cc-zero",
            "path": "https://creativecommons.org/publicdomain/zero/1.0/",
            "title": "Creative Commons CC Zero",
        }
    ]
    catalogue = ET.fromstring(client.get(address("dcat.rdf")).content)
    licences = {e.get(RDF_RESOURCE) for e in catalogue.iterfind(".//dct:license", NS)}
    assert licences == {"http://dcat-ap.de/def/licenses/cc-zero"}
    # A zero licence asks for no attribution.
    assert catalogue.find(".//dcatde:licenseAttributionByText", NS) is None


# One moment for all files ----------------------------------------------------------


def test_all_files_of_one_state_give_the_same_moment(client, plan, goals):  # noqa: F811
    moments = {
        json.loads(client.get(address(f"{name}.json")).content)["as_of"] for name in DATASETS
    }
    package = json.loads(client.get(address("datapackage.json")).content)
    catalogue = ET.fromstring(client.get(address("dcat.rdf")).content)
    modified = {e.text for e in catalogue.iterfind(".//dct:modified", NS)}
    assert len(moments) == 1
    assert moments == {package["created"]} == modified
    headers = {client.get(address(name))["Last-Modified"] for name in FILES}
    assert len(headers) == 1
    # A change of the data makes a new moment for all of them (a minute later: the
    # moment is given to the second).
    update = StatusUpdateFactory.build(measure=plan[4], traffic_light="green", progress=60)
    update._history_date = timezone.now() + datetime.timedelta(minutes=1)
    update.save()
    again = {json.loads(client.get(address(f"{name}.json")).content)["as_of"] for name in DATASETS}
    assert len(again) == 1 and again != moments


def test_a_file_the_client_has_is_not_sent_again(client, plan):  # noqa: F811
    first = client.get(address("measures.csv"))
    assert first["ETag"] and first["Last-Modified"]
    assert first["Access-Control-Allow-Origin"] == "*"
    again = client.get(address("measures.csv"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    plan[4].title = "Gründerzentrum am Innenhafen, erweitert"
    plan[4].save()
    changed = client.get(address("measures.csv"), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert "erweitert" in changed.content.decode()


# Data package and DCAT-AP.de -------------------------------------------------------


def test_the_data_package_validates_with_the_files(client, plan, goals, tmp_path):  # noqa: F811
    """frictionless validates the descriptor, each CSV file against its schema (types,
    constraints, primary and foreign keys) and the JSON files' rows against theirs
    (read here: reading JSON files itself needs a package not installed)."""
    package = json.loads(client.get(address("datapackage.json")).content)
    assert not frictionless.Package.validate_descriptor(package).flatten(["type", "note"])
    assert package["name"] == "standort-duisburg"
    assert package["licenses"][0]["name"] == "dl-by-de/2.0"
    assert [r["name"] for r in package["resources"]] == [
        f"{name}-{extension}" for name in DATASETS for extension in ("csv", "json")
    ]
    local = dict(package, resources=[])
    inline = []
    for resource in package["resources"]:
        assert resource["path"].startswith("http://testserver/duisburg/opendata/")
        assert resource["encoding"] == "utf-8"
        response = client.get(resource["path"].removeprefix("http://testserver"))
        assert response.status_code == 200
        if resource["format"] == "csv":
            name = resource["path"].rsplit("/", 1)[1]
            (tmp_path / name).write_bytes(response.content)
            local["resources"].append(dict(resource, path=name))
        else:
            rows = json.loads(response.content)["data"]
            schema = frictionless.Schema.from_descriptor(resource["schema"])
            inline.append(frictionless.Resource(name=resource["name"], data=rows, schema=schema))
    (tmp_path / "datapackage.json").write_text(json.dumps(local))
    for report in [
        frictionless.validate(str(tmp_path / "datapackage.json")),
        frictionless.Package(resources=inline).validate(),
    ]:
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
        # measures, milestones, status updates, goals
        assert [task.stats["rows"] for task in report.tasks] == [3, 3, 2, 2]


def test_the_dcat_entry_names_each_data_set_and_file(client, plan):  # noqa: F811
    response = client.get(address("dcat.rdf"))
    assert response["Content-Type"] == "application/rdf+xml; charset=utf-8"
    root = ET.fromstring(response.content)
    catalogue = root.find("dcat:Catalog", NS)
    assert catalogue.find("dct:title", NS).text == "Offene Daten: Masterplan Wirtschaft Duisburg"
    assert catalogue.find("dct:publisher/foaf:Agent/foaf:name", NS).text
    entries = catalogue.findall("dcat:dataset/dcat:Dataset", NS)
    assert len(entries) == len(DATASETS)
    for entry in entries:
        for required in ["dct:title", "dct:description", "dct:publisher", "dct:modified"]:
            assert entry.find(required, NS) is not None, required
        assert entry.find("dct:title", NS).get("{http://www.w3.org/XML/1998/namespace}lang") == "de"
        distributions = entry.findall("dcat:distribution/dcat:Distribution", NS)
        assert len(distributions) == 2
        for distribution in distributions:
            url = distribution.find("dcat:accessURL", NS).get(RDF_RESOURCE)
            assert distribution.find("dcat:downloadURL", NS).get(RDF_RESOURCE) == url
            assert client.get(url.removeprefix("http://testserver")).status_code == 200
            assert (
                distribution.find("dct:format", NS)
                .get(RDF_RESOURCE)
                .startswith("http://publications.europa.eu/resource/authority/file-type/")
            )
            assert distribution.find("dcat:mediaType", NS).get(RDF_RESOURCE)
            assert (
                distribution.find("dct:license", NS).get(RDF_RESOURCE)
                == "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
            )
            assert distribution.find("dcatde:licenseAttributionByText", NS).text.startswith(
                "Quelle: Masterplan Wirtschaft Duisburg"
            )
