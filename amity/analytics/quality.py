"""The data quality report: what in the registry needs a person's look."""

from __future__ import annotations

import math
from collections import defaultdict
from typing import Any

from sqlalchemy import Connection, func, select

from amity.analytics.edges import load_edges
from amity.storage.schema import partnerships, place_names, places, sources

SAMPLE = 20
SHARED_COORDINATE_PLACES = 3  # so many distinct places on one point: a geocoder's fallback centroid
DUPLICATE_KM = 20


def _km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lng2 - lng1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _partnered_places(conn: Connection) -> list[Any]:
    ids = select(partnerships.c.place_a_id.label("id")).union(select(partnerships.c.place_b_id)).subquery()
    return conn.execute(select(places).join(ids, ids.c.id == places.c.id)).all()


def _brief(row: Any) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "country": row.country_code, "kind": row.kind,
            "lat": row.lat, "lng": row.lng}


def _issue(items: list[dict[str, Any]], why: str) -> dict[str, Any]:
    return {"count": len(items), "why": why, "sample": items[:SAMPLE]}


def report(conn: Connection) -> dict[str, Any]:
    """Counts and samples of each kind of problem, among places that take part in partnerships."""
    rows = _partnered_places(conn)
    return {
        "places_checked": len(rows),
        "places_without_country": _issue([_brief(r) for r in rows if not r.country_code and r.kind != "country"],
                                          "a partnered place with no country cannot be counted by country"),
        "places_without_coordinates": _issue([_brief(r) for r in rows if r.lat is None and r.kind != "country"],
                                             "not on any map; distances cannot be computed"),
        "suspicious_coordinates": _issue(_suspicious(conn, rows),
                                         "several places on one point (a geocoder's fallback), (0, 0), "
                                         "or far from the place it belongs to"),
        "single_source_partnerships": _single_source(conn),
        "domestic_partnerships": _issue(_domestic(conn), "both sides in one country: real for some countries "
                                        "(DE, JP, FR), a scraping error for others"),
        "probable_duplicate_places": _issue(_duplicates(conn, rows), f"same name, same country, within "
                                            f"{DUPLICATE_KM} km: probably one place recorded twice"),
    }


def _suspicious(conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    by_point: dict[tuple[float, float], list[Any]] = defaultdict(list)
    for r in rows:
        if r.lat is not None:
            by_point[(round(r.lat, 3), round(r.lng, 3))].append(r)
    found = []
    for point, group in sorted(by_point.items(), key=lambda kv: -len(kv[1])):
        if len(group) >= SHARED_COORDINATE_PLACES:
            found += [{**_brief(r), "problem": f"shares {point} with {len(group) - 1} other places"} for r in group]
        elif point == (0.0, 0.0):
            found += [{**_brief(r), "problem": "at (0, 0)"} for r in group]
    parents = {r.id: r for r in conn.execute(select(places).where(places.c.lat.is_not(None),
                                                                  places.c.kind.in_(["city", "district"])))}
    for r in rows:
        parent = parents.get(r.parent_id) if r.parent_id else None
        if parent is not None and r.lat is not None and _km(r.lat, r.lng, parent.lat, parent.lng) > 100:
            found.append({**_brief(r), "problem": f"{_km(r.lat, r.lng, parent.lat, parent.lng):.0f} km from "
                                                  f"{parent.name}, which it belongs to"})
    return found


def _single_source(conn: Connection) -> dict[str, Any]:
    counts = select(sources.c.partnership_id, func.count().label("n")).group_by(sources.c.partnership_id).subquery()
    single = conn.execute(select(func.count()).select_from(counts).where(counts.c.n == 1)).scalar_one()
    unsourced = conn.execute(select(func.count()).select_from(partnerships).outerjoin(
        counts, counts.c.partnership_id == partnerships.c.id).where(counts.c.n.is_(None))).scalar_one()
    return {"count": single, "without_source": unsourced,
            "why": "a pair stated by one source only is unconfirmed; a second source raises confidence"}


def _domestic(conn: Connection) -> list[dict[str, Any]]:
    names = dict(conn.execute(select(places.c.id, places.c.name)).all())
    return [{"partnership": e.id, "country": e.a_country, "places": [names[e.a], names[e.b]]}
            for e in load_edges(conn) if e.domestic]


def _duplicates(conn: Connection, rows: list[Any]) -> list[dict[str, Any]]:
    official = dict(conn.execute(select(place_names.c.place_id, place_names.c.key)
                                 .where(place_names.c.kind == "official")).all())
    groups: dict[tuple[str | None, str], list[Any]] = defaultdict(list)
    for r in rows:
        if r.lat is not None and r.id in official:
            groups[(r.country_code, official[r.id])].append(r)
    found = []
    for group in groups.values():
        for i, first in enumerate(group):
            for second in group[i + 1:]:
                distance = _km(first.lat, first.lng, second.lat, second.lng)
                if distance <= DUPLICATE_KM:
                    found.append({"places": [_brief(first), _brief(second)], "km": round(distance, 1)})
    return found
