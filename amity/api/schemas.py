"""Request and response bodies of the API (pydantic models), named as the domain names them."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Kind = Literal["sister", "friendly_exchange"]
StatusName = Literal["proposed", "negotiating", "active", "dormant", "suspended", "ended"]
DateText = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD", examples=["2021-06-02"])


class SourceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    citation: str = Field(min_length=1, max_length=2000, description="A title, data set name or URL.")
    kind: Literal["dataset", "document", "url"] | None = None
    url: str | None = Field(default=None, max_length=2000)
    reference: str | None = Field(default=None, max_length=100)
    retrieved: str | None = DateText
    confidence: float | None = Field(default=None, ge=0, le=1)


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=300)
    date: str = Field(description="YYYY, YYYY-MM or YYYY-MM-DD")
    place: str | None = Field(default=None, description="Where it was held: id, geonames:ID or name.")
    mode: Literal["online", "offline", "hybrid"] = "offline"
    attendance: int | None = Field(default=None, ge=0)


class PartnershipCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    place_a: str = Field(min_length=1, description="Amity id, geonames:ID, wikidata:QID or a name.")
    place_b: str = Field(min_length=1, description="Amity id, geonames:ID, wikidata:QID or a name.")
    country_a: str | None = Field(default=None, min_length=2, max_length=2)
    country_b: str | None = Field(default=None, min_length=2, max_length=2)
    kind: Kind
    status: Literal["proposed", "negotiating", "active", "dormant", "suspended"] = "active"
    established: str | None = DateText
    established_basis: str | None = Field(default=None, max_length=5000)
    notes: str | None = Field(default=None, max_length=5000)
    sources: list[SourceIn] = Field(default_factory=list)
    event: EventIn | None = None


class StatusChangeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: StatusName
    date: str = Field(description="YYYY, YYYY-MM or YYYY-MM-DD", examples=["2024-05"])
    note: str | None = Field(default=None, max_length=5000)


class EndIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    date: str = Field(description="YYYY, YYYY-MM or YYYY-MM-DD")
    basis: str | None = Field(default=None, max_length=5000)
    note: str | None = Field(default=None, max_length=5000)


class NameIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    lang: str = Field(default="", max_length=8)


class Page(BaseModel):
    items: list[dict[str, Any]]
    total: int
    limit: int
    offset: int


class ErrorShape(BaseModel):
    status: int
    code: str
    message: str
    details: Any = None


class SeekIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    place: str = Field(min_length=1, description="Amity id, geonames:ID, wikidata:QID or a name.")
    areas: list[Literal["people", "economy", "culture", "governance"]] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list, description="ISO alpha-2 codes sought.")
    bloc: str | None = None
    min_population: int | None = Field(default=None, ge=0)
    max_population: int | None = Field(default=None, ge=0)
    text: str | None = Field(default=None, max_length=5000)
    expires: str | None = DateText
