"""Logs without personal links: a `/link/<token>/` address opens what its token stands
for without a sign-in, so whoever reads a log line or a Referer with it could use it.
The server's access log (gunicorn, `--logger-class`) and Django's own log records
(`LOGGING`, e.g. "Not Found: /link/…") show such a path with its token cut."""

import logging
import re

from gunicorn.glogging import Logger

# A token is a purpose letter and 40 hex digits (core.links); anything after /link/
# is cut, so that a mistyped or guessed token does not land in the log either.
_LINK = re.compile(r"/link/[^/\s?\"']*")
CUT = "/link/…"


def without_tokens(text):
    """`text` with the token of every personal link path cut."""
    return _LINK.sub(CUT, text) if "/link/" in text else text


def _cut(value):
    return without_tokens(value) if isinstance(value, str) else value


class CutLinkTokens(logging.Filter):
    """A logging filter that cuts link tokens from a record's message and arguments."""

    def filter(self, record):
        record.msg = _cut(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_cut(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: _cut(value) for key, value in record.args.items()}
        return True


class AccessLogger(Logger):
    """gunicorn's logger, with link tokens cut from the request line, the path and the
    Referer of each access log line."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f", "{referer}i"):
            if key in atoms:
                atoms[key] = _cut(atoms[key])
        return atoms
