"""The scope of a figure: the world, a country, a province, a place or a bloc."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from amity.errors import InvalidInput
from amity.places import blocs
from amity.places import service as places_service
from amity.places.models import PlaceKind
from amity.storage.schema import places


@dataclass(frozen=True)
class Scope:
    """What a figure is about. ``place_ids`` or ``countries`` say which places are inside."""

    kind: str  # world, country, province, place, bloc
    code: str | None
    name: str
    place_ids: frozenset[int] | None = None
    countries: frozenset[str] | None = None
    id: int | None = None

    def contains(self, place_id: int, country: str | None) -> bool:
        if self.kind == "world":
            return True
        if self.place_ids is not None:
            return place_id in self.place_ids
        return country in (self.countries or ())

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "code": self.code, "id": self.id, "name": self.name}


def world() -> Scope:
    return Scope("world", None, "World")


def for_country(conn: Connection, code: str) -> Scope:
    place = places_service.country_place(conn, code)
    return Scope("country", code.upper(), place.name, countries=frozenset({code.upper()}), id=place.id)


def for_place(conn: Connection, ref: str | int, *, country: str | None = None) -> Scope:
    """A place; a province (or any place with places under it) takes in all that lies below it."""
    place = places_service.find(conn, ref, country=country)
    if place.kind is PlaceKind.COUNTRY:
        return for_country(conn, place.country_code or "")
    inside = descendants(conn, place.id)
    kind = "province" if place.kind is PlaceKind.PROVINCE else "place"
    return Scope(kind, place.country_code, place.name, place_ids=frozenset(inside), id=place.id)


def for_bloc(conn: Connection, code: str, as_of: dt.date | None, roles: tuple[str, ...] = ("member",)) -> Scope:
    bloc = blocs.get_or_raise(conn, code)
    members = blocs.countries_in(conn, code, as_of=as_of, roles=roles)
    return Scope("bloc", bloc.code, bloc.name_en, countries=frozenset(members))


def descendants(conn: Connection, place_id: int) -> set[int]:
    """The place and every place below it in the administrative hierarchy."""
    tree = select(places.c.id).where(places.c.id == place_id).cte("tree", recursive=True)
    tree = tree.union_all(select(places.c.id).join(tree, places.c.parent_id == tree.c.id))
    return {row[0] for row in conn.execute(select(tree.c.id))}


def choose(conn: Connection, *, country: str | None = None, place: str | None = None, bloc: str | None = None,
           as_of: dt.date | None = None) -> Scope:
    """The scope that the CLI or API options name (at most one of them)."""
    given = [name for name, value in (("country", country), ("place", place), ("bloc", bloc)) if value]
    if len(given) > 1:
        raise InvalidInput(f"choose one scope, not {' and '.join(given)}", field=given[1])
    if country:
        return for_country(conn, country)
    if place:
        return for_place(conn, place)
    if bloc:
        return for_bloc(conn, bloc, as_of)
    return world()
