"""The one error tree of Amity. Every error a user can cause is an :class:`AmityError`::

    AmityError                 400  (base; ``code`` names the kind, ``details`` says more)
    ├── InvalidInput           422  a value is malformed or impossible (names the field)
    │   └── ImportRejected     422  a file failed validation (lists every problem)
    ├── NotFound               404  no such place, partnership, bloc ...
    ├── Ambiguous              409  a name fits several places (lists the candidates)
    ├── Conflict               409  the change clashes with the registry's state
    │   └── StaleVersion       412  the record changed since it was read (If-Match)
    └── NotReady               503  the database is missing or not migrated

The CLI prints them without a traceback; the API turns them into one JSON shape,
``{"status", "code", "message", "details"}`` (see :meth:`AmityError.to_dict`).
"""

from __future__ import annotations

from typing import Any


class AmityError(Exception):
    """Base of every error a user can cause. Carries an HTTP status and a stable code."""

    status = 400
    code = "error"

    def __init__(self, message: str, *, field: str | None = None, details: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details

    def to_dict(self) -> dict[str, Any]:
        """The JSON error shape shared by the API and ``--json`` output."""
        details = self.details
        if self.field is not None:
            details = {"field": self.field, **(details or {})} if isinstance(details, (dict, type(None))) else details
        return {"status": self.status, "code": self.code, "message": self.message, "details": details}


class InvalidInput(AmityError):
    status = 422
    code = "invalid_input"


class ImportRejected(InvalidInput):
    code = "import_rejected"

    def __init__(self, message: str, problems: list[dict[str, Any]]) -> None:
        super().__init__(message, details={"problems": problems})
        self.problems = problems


class NotFound(AmityError):
    status = 404
    code = "not_found"


class Ambiguous(AmityError):
    status = 409
    code = "ambiguous"


class Conflict(AmityError):
    status = 409
    code = "conflict"


class StaleVersion(Conflict):
    status = 412
    code = "stale_version"


class NotReady(AmityError):
    status = 503
    code = "not_ready"
