"""A harvester for the tests: starts at the system object and follows every URL it is
given (every list, every page, every object by its own URL), checking each answer
against the specification: JSON with `Access-Control-Allow-Origin: *`, status 200,
every object valid under the OParl 1.1 JSON schemas in schema/ (copied from the
specification) and under the rules the schemas do not check (created and modified everywhere, the
date formats, lists with data, pagination and links, an object's id answering with
that object)."""

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from jsonschema import Draft7Validator
from referencing import Registry, Resource

SCHEMAS = Path(__file__).parent / "schema"
TYPE_PREFIX = "https://schema.oparl.org/1.1/"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")
DATE_FIELDS = {"startDate", "endDate", "date"}
MOMENT_FIELDS = {"created", "modified", "start", "end", "licenseValidSince", "oparlSince"}


def _registry():
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resource = Resource.from_contents(schema)
        # The schemas name each other as "File.json" (relative to their $id) and once
        # as "Organization".
        resources.append((schema["$id"], resource))
        resources.append((schema["$id"] + ".json", resource))
    return Registry().with_resources(resources)


REGISTRY = _registry()
VALIDATORS = {
    uri.removeprefix(TYPE_PREFIX): Draft7Validator(REGISTRY[uri].contents, registry=REGISTRY)
    for uri in REGISTRY
    if not uri.endswith(".json")
}


def check_object(obj):
    """Raises AssertionError unless `obj` is a valid OParl object (a tombstone keeps
    only id, type, created, modified and deleted)."""
    kind = obj["type"].removeprefix(TYPE_PREFIX)
    assert kind in VALIDATORS, obj["type"]
    assert "created" in obj and "modified" in obj, obj
    assert datetime.fromisoformat(obj["created"]) <= datetime.fromisoformat(obj["modified"]), obj
    if obj.get("deleted"):
        assert set(obj) == {"id", "type", "created", "modified", "deleted"}, obj
    else:
        errors = sorted(VALIDATORS[kind].iter_errors(obj), key=str)
        assert not errors, f"{obj['id']}: {errors[0]}"
    _check_values(obj)


def _check_values(values):
    for key, value in values.items():
        assert value is not None and value != "" and value != [] or key == "legislativeTerm", (
            key,
            values.get("id"),
        )
        if key in DATE_FIELDS and isinstance(value, str):
            assert DATE.match(value), (key, value)
        if key in MOMENT_FIELDS:
            assert MOMENT.match(value), (key, value)
        if isinstance(value, dict) and "type" in value:
            check_object(value)
        if isinstance(value, list):
            for each in value:
                if isinstance(each, dict):
                    check_object(each)


@dataclass
class Crawl:
    """What a crawl found: `objects` {id: object as its own URL answered}, `lists`
    {first page URL: [ids in the order listed]}, `listed` {id: object as a list gave
    it}, `answers` {URL: status}."""

    objects: dict = field(default_factory=dict)
    lists: dict = field(default_factory=dict)
    answers: dict = field(default_factory=dict)
    listed: dict = field(default_factory=dict)
    # Every answer's bytes, to search for what must never be in them.
    contents: list = field(default_factory=list)

    def of_type(self, kind):
        return {
            url: obj
            for url, obj in self.objects.items()
            if obj["type"] == TYPE_PREFIX + kind and not obj.get("deleted")
        }

    def deleted(self):
        return {url for url, obj in self.objects.items() if obj.get("deleted")}


def get(client, url):
    """The answer to `url`, checked for what every answer needs."""
    parts = urlsplit(url)
    response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
    assert response["Access-Control-Allow-Origin"] == "*", url
    assert response["Content-Type"].startswith("application/json"), url
    assert not response.cookies, url
    return response


LIST_KEYS = {"data", "pagination", "links"}


def crawl(client, start, *, params=""):
    """Follows everything from `start` (the system's URL); `params` (a query string)
    is added to the first page of every list."""
    found = Crawl()
    queue = [start]
    seen = set()
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = get(client, url)
        found.answers[url] = response.status_code
        found.contents.append(response.content)
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        answer = response.json()
        if set(answer) >= LIST_KEYS:
            _follow_list(found, url, answer, queue)
            continue
        check_object(answer)
        assert answer["id"] == url.split("?")[0], (answer["id"], url)
        found.objects[url] = answer
        for reference in _references(answer):
            target = reference + (f"?{params}" if params and _is_list(reference) else "")
            queue.append(target)
    return found


def _is_list(url):
    path = urlsplit(url).path.rstrip("/")
    tail = path.rsplit("/", 2)
    return path.endswith("/body") or (len(tail) == 3 and tail[1].isdigit())


def _follow_list(found, url, answer, queue):
    links, pagination = answer["links"], answer["pagination"]
    entries = found.lists.setdefault(links["first"], [])
    for obj in answer["data"]:
        check_object(obj)
        entries.append(obj["id"])
        found.listed[obj["id"]] = obj
        queue.append(obj["id"])
    if "next" in links:
        queue.append(links["next"])
    else:
        assert pagination["currentPage"] == pagination["totalPages"], url
        assert len(entries) == pagination["totalElements"], url


def _references(obj):
    """The URLs an object names, its embedded objects' too (their own URLs as well)."""
    for key, value in obj.items():
        if key in ("id", "type", "web", "website", "license", "fileLicense", "oparlVersion"):
            continue
        if key in ("accessUrl", "downloadUrl"):
            continue
        if isinstance(value, str) and value.startswith(settings.SITE_URL + "/oparl/"):
            yield value
        elif isinstance(value, dict) and "id" in value:
            yield value["id"]
            yield from _references(value)
        elif isinstance(value, list):
            for each in value:
                if isinstance(each, str) and each.startswith(settings.SITE_URL + "/oparl/"):
                    yield each
                elif isinstance(each, dict):
                    yield each["id"]
                    yield from _references(each)
