"""Partner-seeking profiles: a place publishes what it seeks; matching applies it as filters,
and two profiles that fit each other are matched both ways."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from amity import dates
from amity.errors import AmityError, InvalidInput, NotFound
from amity.matching.service import AREAS, Match, Matcher
from amity.places import blocs
from amity.places import service as places
from amity.storage.schema import seek_profiles
from amity.validation import clean_text


@dataclass(frozen=True)
class Profile:
    id: int
    place_id: int
    place_name: str
    country: str | None
    areas: tuple[str, ...]
    countries: tuple[str, ...]
    bloc: str | None
    min_population: int | None
    max_population: int | None
    text: str | None
    expires: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "place": {"id": self.place_id, "name": self.place_name, "country": self.country},
                "areas": list(self.areas), "countries": list(self.countries), "bloc": self.bloc,
                "min_population": self.min_population, "max_population": self.max_population, "text": self.text,
                "expires": self.expires}

    def wanted_countries(self, conn: Connection) -> set[str]:
        wanted = set(self.countries)
        if self.bloc:
            wanted |= blocs.countries_in(conn, self.bloc)
        return wanted

    def accepts(self, conn: Connection, place: Any) -> bool:
        """True when ``place`` is the kind of partner this profile seeks."""
        wanted = self.wanted_countries(conn)
        if wanted and place.country_code not in wanted:
            return False
        population = place.population or 0
        if self.min_population is not None and population < self.min_population:
            return False
        return self.max_population is None or (place.population is not None and population <= self.max_population)


def _split(values: list[str] | str | None) -> list[str]:
    if isinstance(values, str):
        values = values.split(",")
    return [v.strip() for v in values or [] if v and v.strip()]


def add(conn: Connection, *, place: str | int, areas: list[str] | str | None = None,
        countries: list[str] | str | None = None, bloc: str | None = None, min_population: int | None = None,
        max_population: int | None = None, text: str | None = None, expires: str | None = None) -> Profile:
    """Publish what a place seeks. Every value is checked; the field is named when one is wrong."""
    from amity.resolve import find_place

    try:
        target = find_place(conn, place)
    except AmityError as exc:
        exc.field = exc.field or "place"   # unknown or ambiguous: the place is what to fix
        raise
    area_list = _split(areas)
    for area in area_list:
        if area not in AREAS:
            raise InvalidInput(f"unknown area {area!r} (use {', '.join(AREAS)})", field="areas")
    country_list = [c.upper() for c in _split(countries)]
    names = places.country_names(conn)
    for code in country_list:
        if code not in names:
            raise InvalidInput(f"unknown country code {code!r}", field="countries")
    if bloc:
        bloc = blocs.get_or_raise(conn, bloc).code
    if min_population is not None and max_population is not None and min_population > max_population:
        raise InvalidInput("the smallest size sought is larger than the largest", field="min_population")
    until = dates.parse_optional(expires, field="expires")
    if until is not None and until.earliest < dt.date.today():
        raise InvalidInput(f"expiry date {until} has passed", field="expires")
    new_id = conn.execute(seek_profiles.insert().values(
        place_id=target.id, areas=",".join(area_list), countries=",".join(country_list), bloc=bloc,
        min_population=min_population, max_population=max_population,
        text=clean_text(text, field="text", max_length=5000), expires=until.text if until else None,
    ).returning(seek_profiles.c.id)).scalar_one()
    return get_or_raise(conn, new_id)


def _profile(conn: Connection, row: Any) -> Profile:
    place = places.get_or_raise(conn, row.place_id)
    return Profile(row.id, row.place_id, place.name, place.country_code, tuple(_split(row.areas)),
                   tuple(_split(row.countries)), row.bloc, row.min_population, row.max_population, row.text,
                   row.expires)


def get_or_raise(conn: Connection, profile_id: int) -> Profile:
    row = conn.execute(select(seek_profiles).where(seek_profiles.c.id == profile_id)).first()
    if row is None:
        raise NotFound(f"no partner-seeking profile with id {profile_id}", field="profile")
    return _profile(conn, row)


def list_(conn: Connection, *, on: dt.date | None = None) -> list[Profile]:
    """Profiles that have not expired on ``on`` (today by default); an expiry known only to the
    month or year holds to its end."""
    day = (on or dt.date.today()).isoformat()
    rows = conn.execute(select(seek_profiles).order_by(seek_profiles.c.id)).all()
    return [_profile(conn, row) for row in rows if row.expires is None or row.expires >= day[: len(row.expires)]]


def match(conn: Connection, matcher: Matcher, profile_id: int, *, top: int = 10) -> dict[str, Any]:
    """Recommendations under the profile's wishes, and other profiles that fit it both ways."""
    profile = get_or_raise(conn, profile_id)
    place = places.get_or_raise(conn, profile.place_id)
    recommended = matcher.recommend(conn, place, countries=sorted(profile.wanted_countries(conn)) or None,
                                    areas=list(profile.areas), top=top, min_population=profile.min_population,
                                    max_population=profile.max_population)
    mutual = []
    for other in list_(conn):
        if other.id == profile.id or other.place_id == profile.place_id:
            continue
        other_place = places.get_or_raise(conn, other.place_id)
        shared = set(profile.areas) & set(other.areas) if profile.areas and other.areas else set()
        if profile.areas and other.areas and not shared:
            continue
        if profile.accepts(conn, other_place) and other.accepts(conn, place):
            mutual.append({"profile": other.to_dict(), "shared_areas": sorted(shared)})
    return {"profile": profile.to_dict(), "recommended": [m.to_dict() for m in recommended], "mutual": mutual}


__all__ = ["Profile", "add", "get_or_raise", "list_", "match", "Match"]
