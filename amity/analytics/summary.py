"""Summaries for any scope: the figures of ``amity stats`` (see the rules in the package doc)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from sqlalchemy import Connection

from amity.analytics.edges import IN_FORCE, Edge, continent_of, load_edges, statuses_on
from amity.analytics.scope import Scope
from amity.places import blocs

DEFAULT_ROLES = ("member",)


def _edges_for(conn: Connection, scope: Scope) -> list[Edge]:
    if scope.kind == "world":
        return load_edges(conn)
    if scope.place_ids is not None:
        return load_edges(conn, place_ids=scope.place_ids)
    return load_edges(conn, countries_=scope.countries or ())


def _decade(established: str | None) -> str:
    return f"{established[:3]}0s" if established else "unknown"


def _sorted(counter: Counter) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def summarize(conn: Connection, scope: Scope, *, as_of: dt.date | None = None,
              bloc_roles: tuple[str, ...] = DEFAULT_ROLES) -> dict[str, Any]:
    """Every figure for ``scope`` on ``as_of`` (today by default)."""
    day = as_of or dt.date.today()
    edges = _edges_for(conn, scope)
    status_then = statuses_on(conn, edges, as_of)
    existing = [e for e in edges if e.id in status_then]
    in_force = [e for e in existing if status_then[e.id] in IN_FORCE]
    continents = continent_of(conn)
    bloc_members = {b.code: blocs.countries_in(conn, b.code, as_of=day, roles=bloc_roles) for b in blocs.list_blocs(conn)}
    blocs_of: dict[str | None, list[str]] = {}
    for code, members in bloc_members.items():
        for country in members:
            blocs_of.setdefault(country, []).append(code)

    partner_countries: Counter = Counter()
    partner_places: set[int] = set()
    by_bloc: Counter = Counter({code: 0 for code in bloc_members})
    by_continent: Counter = Counter()
    internal = 0
    for edge in in_force:
        partners = _partners(scope, edge)
        if not partners:
            internal += 1
            if scope.kind == "world":
                touched = {edge.a_country, edge.b_country} - {None}
                partner_countries.update(touched)
                by_bloc.update({code for country in touched for code in blocs_of.get(country, ())})
            continue
        for place_id, country in partners:
            partner_places.add(place_id)
            if country is None:
                continue
            partner_countries[country] += 1
            by_continent[continents.get(country, "unknown")] += 1
            by_bloc.update(blocs_of.get(country, ()))
    return {
        "scope": scope.to_dict(),
        "as_of": day.isoformat(),
        "partnerships": len(in_force),
        "partner_countries": len(partner_countries),
        "partner_places": len(partner_places) if scope.kind != "world" else len({p for e in in_force for p in (e.a, e.b)}),
        "by_kind": _sorted(Counter(e.kind for e in in_force)),
        "by_status": _sorted(Counter(status_then[e.id] for e in existing)),
        "by_partner_country": _sorted(partner_countries),
        "by_partner_bloc": dict(sorted(by_bloc.items())),
        "bloc_roles": list(bloc_roles),
        "by_continent": _sorted(by_continent),
        "by_decade": dict(sorted(Counter(_decade(e.established) for e in in_force).items())),
        "domestic": sum(1 for e in in_force if e.domestic),
        "international": sum(1 for e in in_force if not e.domestic),
        "internal": internal,
    }


def _partners(scope: Scope, edge: Edge) -> list[tuple[int, str | None]]:
    """The sides of ``edge`` outside ``scope`` (none when both are inside)."""
    if scope.kind == "world":
        return []
    a_in = scope.contains(edge.a, edge.a_country)
    b_in = scope.contains(edge.b, edge.b_country)
    if a_in and b_in:
        return []
    if a_in:
        return [(edge.b, edge.b_country)]
    if b_in:
        return [(edge.a, edge.a_country)]
    return []
