"""No personal link's token in a log line (issue 14, 6): Django's records and the
server's access log show `/link/…` instead."""

import datetime
import io
import logging
from types import SimpleNamespace

from django.conf import settings
from django.utils.module_loading import import_string
from gunicorn.config import Config

from standort.core.logs import AccessLogger, without_tokens

TOKEN = "r" + "0123456789abcdef" * 2 + "01234567"


def test_a_link_path_loses_its_token():
    assert without_tokens(f"Not Found: /link/{TOKEN}/") == "Not Found: /link/…/"
    assert without_tokens(f"/link/{TOKEN}/17/?x=1") == "/link/…/17/?x=1"
    assert without_tokens("/duisburg/measures/") == "/duisburg/measures/"


def test_djangos_not_found_warning_is_logged_without_the_token():
    """The console handler of LOGGING carries the filter; a handler configured alike
    writes Django's warning with the token cut."""
    console = settings.LOGGING["handlers"]["console"]
    assert console["filters"] == ["link_tokens"]
    cut = import_string(settings.LOGGING["filters"]["link_tokens"]["()"])()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(cut)
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        logger.warning("Not Found: %s", f"/link/{TOKEN}/")
    finally:
        logger.removeHandler(handler)
    assert stream.getvalue() == "Not Found: /link/…/\n"


def test_the_access_log_line_is_written_without_the_token():
    logger = AccessLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/link/{TOKEN}/",
        "PATH_INFO": f"/link/{TOKEN}/",
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://standort.example.org/link/{TOKEN}/5/",
        "REMOTE_ADDR": "127.0.0.1",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])
    atoms = logger.atoms(response, request, environ, datetime.timedelta(seconds=0))
    line = logger.cfg.access_log_format % atoms
    assert TOKEN not in line
    assert "GET /link/…/ HTTP/1.1" in line
