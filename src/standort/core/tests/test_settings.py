"""The settings refuse at start-up what would otherwise go wrong quietly in production:
a server without SITE_URL mails links to the developer's loopback address, and a
misspelt yes-or-no value would read as "no"."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from standort.settings import env_bool

START = "import django; django.setup(); from django.conf import settings; print(settings.{})"
# Variables of the test run that would decide what the started process sees.
UNSET = ("DEBUG", "SITE_URL", "SECURE_COOKIES", "AXES_ENABLED", "DJANGO_SETTINGS_MODULE")


def start(setting, **environment):
    """Starts Django in a new process with the test run's environment, the variables in
    UNSET removed and `environment` added; returns the process with `setting` printed."""
    env = {name: value for name, value in os.environ.items() if name not in UNSET}
    env.update(
        DJANGO_SETTINGS_MODULE="standort.settings",
        PYTHONPATH=str(settings.BASE_DIR / "src"),
        SECRET_KEY="test-only-not-secret",
        **environment,
    )
    return subprocess.run(
        [sys.executable, "-c", START.format(setting)],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_server_without_debug_does_not_start_without_site_url():
    process = start("SITE_URL")

    assert process.returncode != 0
    assert "ImproperlyConfigured: Set SITE_URL" in process.stderr


def test_site_url_must_be_an_http_address():
    process = start("SITE_URL", SITE_URL="standort.example.org")

    assert process.returncode != 0
    assert "'standort.example.org' is not an http(s) address" in process.stderr


def test_site_url_is_read_without_its_trailing_slash():
    process = start("SITE_URL", SITE_URL="https://standort.example.org/")

    assert process.returncode == 0, process.stderr
    assert process.stdout.strip() == "https://standort.example.org"


def test_with_debug_the_site_url_defaults_to_the_development_server():
    process = start("SITE_URL", DEBUG="true")

    assert process.returncode == 0, process.stderr
    assert process.stdout.strip() == "http://127.0.0.1:8000"


def test_a_misspelt_yes_or_no_value_stops_the_start_up_naming_the_variable():
    process = start(
        "SESSION_COOKIE_SECURE", SITE_URL="https://x.example.org", SECURE_COOKIES="ture"
    )

    assert process.returncode != 0
    assert "SECURE_COOKIES='ture' is not a yes-or-no value" in process.stderr


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("true", True),
        ("TRUE", True),
        ("1", True),
        ("Yes", True),
        ("on", True),
        ("false", False),
        ("False", False),
        ("0", False),
        ("no", False),
        (" OFF ", False),
    ],
)
def test_yes_or_no_words_in_any_case(monkeypatch, word, expected):
    monkeypatch.setenv("STANDORT_TEST_FLAG", word)

    assert env_bool("STANDORT_TEST_FLAG", default=not expected) is expected


@pytest.mark.parametrize("word", ["ture", "ja", "", "2", "y"])
def test_other_words_are_refused(monkeypatch, word):
    monkeypatch.setenv("STANDORT_TEST_FLAG", word)

    with pytest.raises(ImproperlyConfigured, match="STANDORT_TEST_FLAG"):
        env_bool("STANDORT_TEST_FLAG", default=True)


def test_an_unset_variable_takes_the_default(monkeypatch):
    monkeypatch.delenv("STANDORT_TEST_FLAG", raising=False)

    assert env_bool("STANDORT_TEST_FLAG", default=True) is True
    assert env_bool("STANDORT_TEST_FLAG", default=False) is False
