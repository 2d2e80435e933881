"""The openness index of places and provinces: how many partners, how diverse, how far-reaching.

For a place (or a province with everything below it), over its partnerships in force today:

* ``active``: partnerships whose status is active (dormant and suspended ones do not count);
  scored as log(1 + active) / log(1 + the largest such number in the registry);
* ``diversity``: Shannon entropy, in bits, of the partners' countries, divided by the largest
  entropy in the registry — many partners in one country score lower than as many spread out;
* ``reach``: the number of continents partners are on, divided by 6;
* ``recent``: the share of partnerships established or changed in the last 5 years, among those
  with dates (0 when none is dated; the shipped Wikipedia lists carry no dates).

index = 100 × (0.45·active + 0.30·diversity + 0.15·reach + 0.10·recent), in 0..100.
Ranks are within the place's country and within the world, among places of the same level.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from amity.analytics.edges import continent_of, load_edges
from amity.storage.schema import places, status_changes

WEIGHTS = {"active": 0.45, "diversity": 0.30, "reach": 0.15, "recent": 0.10}
RECENT_YEARS = 5
CONTINENTS = 6  # AF, AS, EU, NA, OC, SA


@dataclass(frozen=True)
class Openness:
    place_id: int
    name: str
    country: str | None
    partnerships: int
    active: int
    partner_countries: int
    continents: int
    entropy_bits: float
    recent_share: float
    components: dict[str, float]
    index: float
    rank_world: int = 0
    rank_country: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.place_id, "name": self.name, "country": self.country, "index": round(self.index, 1),
                "rank_world": self.rank_world, "rank_country": self.rank_country,
                "partnerships": self.partnerships, "active": self.active,
                "partner_countries": self.partner_countries, "continents": self.continents,
                "entropy_bits": round(self.entropy_bits, 3), "recent_share": round(self.recent_share, 3),
                "components": {k: round(v, 3) for k, v in self.components.items()}}


def entropy_bits(counts: Counter) -> float:
    total = sum(counts.values())
    return -sum((n / total) * math.log2(n / total) for n in counts.values() if n) if total else 0.0


def _recent_partnerships(conn: Connection, today: dt.date) -> set[int]:
    since = (today - dt.timedelta(days=365 * RECENT_YEARS)).isoformat()
    rows = conn.execute(select(status_changes.c.partnership_id).where(status_changes.c.date >= since[:4]))
    return {row[0] for row in rows}


def _owners(conn: Connection, level: str) -> tuple[dict[int, int], dict[int, tuple[str, str | None]]]:
    """Which unit each place counts for (itself, or its province) and the units' names."""
    rows = conn.execute(select(places.c.id, places.c.kind, places.c.parent_id, places.c.name, places.c.country_code)).all()
    info = {r.id: r for r in rows}
    names = {r.id: (r.name, r.country_code) for r in rows}
    if level == "place":
        return {r.id: r.id for r in rows if r.kind != "country"}, names
    owner: dict[int, int] = {}
    for r in rows:
        node, hops = r, 0
        while node is not None and node.kind not in ("province", "country") and hops < 6:
            node, hops = info.get(node.parent_id), hops + 1
        if node is not None and node.kind == "province":
            owner[r.id] = node.id
    return owner, names


def compute(conn: Connection, *, level: str = "place", today: dt.date | None = None) -> list[Openness]:
    """The openness of every place (``level="place"``) or province (``"province"``), best first."""
    today = today or dt.date.today()
    owner, names = _owners(conn, level)
    continents = continent_of(conn)
    recent = _recent_partnerships(conn, today)
    partners: dict[int, list[tuple[str | None, str, int]]] = defaultdict(list)
    for e in load_edges(conn):
        if e.status not in ("active", "dormant", "suspended"):
            continue
        unit_a, unit_b = owner.get(e.a), owner.get(e.b)
        if unit_a is not None and unit_a != unit_b:
            partners[unit_a].append((e.b_country, e.status, e.id))
        if unit_b is not None and unit_a != unit_b:
            partners[unit_b].append((e.a_country, e.status, e.id))
    raw = {unit: _raw(items, continents, recent) for unit, items in partners.items()}
    max_active = max((r["active"] for r in raw.values()), default=0)
    max_entropy = max((r["entropy"] for r in raw.values()), default=0.0)
    scored = [_score(unit, r, names[unit], max_active, max_entropy) for unit, r in raw.items()]
    return _ranked(scored)


def _raw(items, continents, recent) -> dict[str, Any]:
    countries = Counter(country for country, _, _ in items if country)
    return {
        "partnerships": len(items),
        "active": sum(1 for _, status, _ in items if status == "active"),
        "countries": countries,
        "entropy": entropy_bits(countries),
        "continents": len({continents.get(c) for c in countries} - {None, "AN"}),
        "recent": sum(1 for _, _, pid in items if pid in recent) / len(items),
    }


def _score(unit: int, r: dict[str, Any], name: tuple[str, str | None], max_active: int, max_entropy: float) -> Openness:
    components = {
        "active": math.log1p(r["active"]) / math.log1p(max_active) if max_active else 0.0,
        "diversity": r["entropy"] / max_entropy if max_entropy else 0.0,
        "reach": r["continents"] / CONTINENTS,
        "recent": r["recent"],
    }
    index = 100 * sum(WEIGHTS[k] * v for k, v in components.items())
    return Openness(unit, name[0], name[1], r["partnerships"], r["active"], len(r["countries"]), r["continents"],
                    r["entropy"], r["recent"], components, index)


def _ranked(scored: list[Openness]) -> list[Openness]:
    scored.sort(key=lambda o: (-o.index, -o.partnerships, o.place_id))
    per_country: Counter = Counter()
    ranked = []
    for position, item in enumerate(scored, start=1):
        per_country[item.country] += 1
        ranked.append(Openness(**{**item.__dict__, "rank_world": position, "rank_country": per_country[item.country]}))
    return ranked
