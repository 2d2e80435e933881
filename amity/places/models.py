"""Places: countries, provinces and states, cities, districts and counties."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class PlaceKind(StrEnum):
    COUNTRY = "country"
    PROVINCE = "province"
    CITY = "city"
    DISTRICT = "district"
    OTHER = "other"


# Ids from this value up are given to places that users create; lower ids are GeoNames ids
# (stable across GeoNames releases) or 1_000_000_000 + a registry data set's place id.
FIRST_USER_PLACE_ID = 2_000_000_000
LANGUAGES = ("en", "zh", "ru")


@dataclass(frozen=True)
class PlaceName:
    name: str
    lang: str
    script: str
    kind: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "lang": self.lang, "script": self.script, "kind": self.kind}


@dataclass(frozen=True)
class Place:
    """A place of the registry. ``parent_id`` follows the administrative hierarchy."""

    id: int
    kind: PlaceKind
    name: str
    country_code: str | None = None
    parent_id: int | None = None
    name_en: str | None = None
    name_zh: str | None = None
    name_ru: str | None = None
    lat: float | None = None
    lng: float | None = None
    population: int | None = None
    geonames_id: int | None = None
    wikidata_id: str | None = None
    admin1_code: str | None = None
    timezone: str | None = None
    origin: str = "user"
    names: tuple[PlaceName, ...] = field(default=(), compare=False)

    def display_name(self, lang: str = "en") -> str:
        """The name to show in ``lang`` (en, zh, ru), falling back to the main name."""
        return {"en": self.name_en, "zh": self.name_zh, "ru": self.name_ru}.get(lang) or self.name

    def summary(self) -> dict[str, Any]:
        """The short form used inside other objects: id, name and country."""
        return {"id": self.id, "name": self.name, "country": self.country_code}

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind.value,
            "name": self.name,
            "names": {"en": self.name_en, "zh": self.name_zh, "ru": self.name_ru},
            "country": self.country_code,
            "parent_id": self.parent_id,
            "lat": self.lat,
            "lng": self.lng,
            "population": self.population,
            "geonames": self.geonames_id,
            "wikidata": self.wikidata_id,
            "timezone": self.timezone,
            "origin": self.origin,
            "alternate_names": [n.to_dict() for n in self.names],
        }
