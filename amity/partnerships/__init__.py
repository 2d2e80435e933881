"""Partnerships between places: kinds, lifecycle status with history, dates and sources."""

from amity.partnerships.models import (
    Partnership,
    PartnershipKind,
    PlaceRef,
    Source,
    SourceKind,
    Status,
    StatusChange,
)

__all__ = ["Partnership", "PartnershipKind", "PlaceRef", "Source", "SourceKind", "Status", "StatusChange"]
