"""Partnerships: an agreement between two distinct places, with its lifecycle and sources."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from amity.dates import PartialDate


class PartnershipKind(StrEnum):
    SISTER = "sister"  # a formal sister-city / friendship-city agreement
    FRIENDLY_EXCHANGE = "friendly_exchange"  # a lighter friendship or cooperation agreement


class Status(StrEnum):
    PROPOSED = "proposed"
    NEGOTIATING = "negotiating"
    ACTIVE = "active"
    DORMANT = "dormant"
    SUSPENDED = "suspended"
    ENDED = "ended"


# Which status may follow which. Ended is final: a renewed agreement is a new partnership.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.PROPOSED: frozenset({Status.NEGOTIATING, Status.ACTIVE, Status.ENDED}),
    Status.NEGOTIATING: frozenset({Status.PROPOSED, Status.ACTIVE, Status.ENDED}),
    Status.ACTIVE: frozenset({Status.DORMANT, Status.SUSPENDED, Status.ENDED}),
    Status.DORMANT: frozenset({Status.ACTIVE, Status.SUSPENDED, Status.ENDED}),
    Status.SUSPENDED: frozenset({Status.ACTIVE, Status.DORMANT, Status.ENDED}),
    Status.ENDED: frozenset(),
}


class SourceKind(StrEnum):
    DATASET = "dataset"
    DOCUMENT = "document"
    URL = "url"


@dataclass(frozen=True)
class Source:
    """Where a partnership is stated: a data set, a document or a web page."""

    kind: SourceKind
    citation: str
    url: str | None = None
    reference: str | None = None
    retrieved: PartialDate | None = None
    confidence: float = 0.8

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "citation": self.citation,
            "url": self.url,
            "reference": self.reference,
            "retrieved": str(self.retrieved) if self.retrieved else None,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class StatusChange:
    status: Status
    date: PartialDate | None
    note: str | None = None
    recorded_at: dt.datetime | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status.value,
            "date": str(self.date) if self.date else None,
            "note": self.note,
            "recorded_at": self.recorded_at.isoformat() if self.recorded_at else None,
        }


@dataclass(frozen=True)
class PlaceRef:
    id: int
    name: str
    country: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "country": self.country}


@dataclass(frozen=True)
class EventRef:
    id: int
    name: str
    date: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "date": self.date}


@dataclass(frozen=True)
class Partnership:
    """One partnership. ``places`` is in canonical order (smaller id first): A–B is B–A."""

    id: int
    kind: PartnershipKind
    status: Status
    places: tuple[PlaceRef, PlaceRef]
    established: PartialDate | None = None
    established_basis: str | None = None
    ended: PartialDate | None = None
    ended_basis: str | None = None
    event: EventRef | None = None
    notes: str | None = None
    version: int = 1
    sources: tuple[Source, ...] = ()
    history: tuple[StatusChange, ...] = ()

    def partner_of(self, place_id: int) -> PlaceRef:
        a, b = self.places
        return b if a.id == place_id else a

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "status": self.status.value,
            "established": str(self.established) if self.established else None,
            "established_precision": self.established.precision if self.established else None,
            "established_basis": self.established_basis,
            "ended": str(self.ended) if self.ended else None,
            "ended_precision": self.ended.precision if self.ended else None,
            "ended_basis": self.ended_basis,
            "places": [p.to_dict() for p in self.places],
            "event": self.event.to_dict() if self.event else None,
            "notes": self.notes,
            "version": self.version,
            "sources": [s.to_dict() for s in self.sources],
            "history": [h.to_dict() for h in self.history],
        }
