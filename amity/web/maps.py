"""Map data for the pages: projected country shapes, arcs and markers, drawn by static/map.js."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Connection, select

from amity.analytics.edges import IN_FORCE, Edge, load_edges
from amity.report import svg
from amity.storage.schema import places

WIDTH = 1000


def project(lat: float, lng: float) -> tuple[float, float]:
    x, y = svg.to_px(lng, lat, WIDTH)
    return round(x, 1), round(y, 1)


def base_map(values: dict[str, int], names: dict[str, str], highlight: list[str] = ()) -> dict[str, Any]:
    """Country shapes coloured by ``values``, ready for the template."""
    top = max(values.values(), default=0)
    shapes = [{"code": code, "d": path, "name": names.get(code, code), "value": values.get(code, 0),
               "fill": svg.SCOPE_COLOUR if code in highlight else svg.colour_for(values.get(code, 0), top)}
              for code, path in svg.country_paths(WIDTH).items()]
    height = svg.map_height(WIDTH)
    return {"width": WIDTH, "height": height, "shapes": shapes, "sphere": svg.sphere_outline(WIDTH)}


def _coordinates(conn: Connection, ids: set[int]) -> dict[int, tuple[float, float, str, str | None]]:
    found = {}
    ordered = list(ids)
    for start in range(0, len(ordered), 900):
        rows = conn.execute(select(places.c.id, places.c.lat, places.c.lng, places.c.name, places.c.country_code)
                            .where(places.c.id.in_(ordered[start:start + 900]), places.c.lat.is_not(None)))
        found.update({r.id: (r.lat, r.lng, r.name, r.country_code) for r in rows})
    return found


def world_layers(conn: Connection) -> dict[str, Any]:
    """Markers for every partnered place (clustered in the browser) and arcs between countries."""
    edges = [e for e in load_edges(conn) if e.status in IN_FORCE]
    degree: Counter = Counter()
    for e in edges:
        degree[e.a] += 1
        degree[e.b] += 1
    coords = _coordinates(conn, set(degree))
    markers = [[*project(lat, lng), pid, name, degree[pid]] for pid, (lat, lng, name, _) in coords.items()]
    centroids = country_centroids(conn)
    pairs: Counter = Counter(tuple(sorted((e.a_country, e.b_country))) for e in edges
                             if e.a_country and e.b_country and not e.domestic)
    arcs = [[*centroids[a], *centroids[b], n, f"{a}–{b}"] for (a, b), n in pairs.most_common(300)
            if a in centroids and b in centroids]
    return {"markers": markers, "arcs": arcs}


def place_layers(conn: Connection, place_id: int, edges: list[Edge]) -> dict[str, Any]:
    """The place, its partners as markers, and an arc to each."""
    others = {e.b if e.a == place_id else e.a for e in edges}
    coords = _coordinates(conn, others | {place_id})
    if place_id not in coords:
        return {"markers": [], "arcs": []}
    lat, lng, name, _ = coords[place_id]
    home = project(lat, lng)
    markers = [[*home, place_id, name, 0]]
    arcs = []
    for other in others:
        if other in coords:
            olat, olng, oname, _ = coords[other]
            point = project(olat, olng)
            markers.append([*point, other, oname, 1])
            arcs.append([*home, *point, 1, oname])
    return {"markers": markers, "arcs": arcs}


def country_centroids(conn: Connection) -> dict[str, tuple[float, float]]:
    """A point per country: its largest place's position (a capital or big city, always on land)."""
    best: dict[str, tuple[int, float, float]] = {}
    rows = conn.execute(select(places.c.country_code, places.c.population, places.c.lat, places.c.lng)
                        .where(places.c.kind == "city", places.c.lat.is_not(None)))
    for code, population, lat, lng in rows:
        if code and (code not in best or (population or 0) > best[code][0]):
            best[code] = (population or 0, lat, lng)
    return {code: project(lat, lng) for code, (_, lat, lng) in best.items()}
