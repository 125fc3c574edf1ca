"""Every error closeloop raises on purpose, in one tree.

    CloseloopError                 exit 1, HTTP 400
    ├── BadInput                   exit 2, HTTP 422  a value that can't be read (date, kind, file)
    ├── NotFound                   exit 3, HTTP 404  no such person, loop or file
    ├── Ambiguous                  exit 4, HTTP 409  a name that fits several people
    ├── InvalidStep                exit 5, HTTP 409  a loop step that makes no sense now
    ├── Conflict                   exit 6, HTTP 409  the database isn't in a state for this
    ├── ConfigError                exit 7, HTTP 500  a setting or the environment is wrong
    ├── ImportFailed               exit 8, HTTP 422  an import that could not run at all
    └── SourceError                exit 9, HTTP 502  a mail server or other source failed

Foreign errors are translated at the boundary (``raise X(...) from exc``). The
CLI prints ``error: <message>`` and exits with ``exit_code``; the web app
answers with ``http_status``. Exit code 10 means an import finished but
skipped some records (not an exception: the summary says which).
"""

from __future__ import annotations


class CloseloopError(Exception):
    exit_code = 1
    http_status = 400

    def __init__(self, message: str, *, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.candidates = candidates

    def __str__(self) -> str:
        return self.message


class BadInput(CloseloopError):
    exit_code = 2
    http_status = 422


class NotFound(CloseloopError):
    exit_code = 3
    http_status = 404


class Ambiguous(CloseloopError):
    exit_code = 4
    http_status = 409


class InvalidStep(CloseloopError):
    exit_code = 5
    http_status = 409


class Conflict(CloseloopError):
    exit_code = 6
    http_status = 409


class ConfigError(CloseloopError):
    exit_code = 7
    http_status = 500


class ImportFailed(CloseloopError):
    exit_code = 8
    http_status = 422


class SourceError(CloseloopError):
    exit_code = 9
    http_status = 502


EXIT_SKIPPED = 10

__all__ = [
    "CloseloopError", "BadInput", "NotFound", "Ambiguous", "InvalidStep", "Conflict",
    "ConfigError", "ImportFailed", "SourceError", "EXIT_SKIPPED",
]
