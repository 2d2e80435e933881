"""Partial dates: a year, a month or a day, as sister-city records state them.

Agreements are often known only to the year ("twinned since 1985"), so a date is kept
as ISO text of 4, 7 or 10 characters and its precision is read off its length.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from amity.errors import InvalidInput

Precision = Literal["year", "month", "day"]
_FORMS = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, month or day. Sorts by its text, which is ISO."""

    text: str

    @classmethod
    def parse(cls, value: str | dt.date | "PartialDate", *, field: str = "date") -> "PartialDate":
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise :class:`InvalidInput` if impossible."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, dt.date):
            return cls(value.isoformat())
        text = str(value).strip()
        match = _FORMS.match(text)
        if not match:
            raise InvalidInput(f"{field}: {text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)", field=field)
        year, month, day = (int(part) if part else None for part in match.groups())
        if year < 1000:
            raise InvalidInput(f"{field}: year {year} is impossible", field=field)
        try:
            dt.date(year, month or 1, day or 1)
        except ValueError as exc:
            raise InvalidInput(f"{field}: {text!r} is impossible ({exc})", field=field) from None
        return cls(text)

    @property
    def precision(self) -> Precision:
        return {4: "year", 7: "month", 10: "day"}[len(self.text)]  # type: ignore[return-value]

    @property
    def earliest(self) -> dt.date:
        """The first day the date can mean."""
        parts = [int(p) for p in self.text.split("-")]
        return dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)

    def is_after(self, day: dt.date) -> bool:
        """True when every day the date can mean is after ``day``."""
        return self.earliest > day

    def __str__(self) -> str:
        return self.text


def parse_optional(value: object, *, field: str) -> PartialDate | None:
    """Parse a date that may be missing (``None`` or empty text)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return PartialDate.parse(value, field=field)  # type: ignore[arg-type]


def today() -> dt.date:
    return dt.date.today()
