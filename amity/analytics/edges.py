"""Partnerships as light edges for counting: the two places, their countries, dates and status."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from sqlalchemy import Connection, or_, select

from amity.storage.schema import countries, partnerships, places, status_changes

IN_FORCE = frozenset({"active", "dormant", "suspended"})


class Edge(NamedTuple):
    """A partnership reduced to what counting needs (a tuple, because the world has 24,500 of them)."""

    id: int
    kind: str
    status: str
    a: int
    b: int
    a_country: str | None
    b_country: str | None
    established: str | None

    @property
    def domestic(self) -> bool:
        return self.a_country is not None and self.a_country == self.b_country


_A = places.alias("ea")
_B = places.alias("eb")


def load_edges(conn: Connection, *, place_ids: Iterable[int] | None = None,
               countries_: Iterable[str] | None = None) -> list[Edge]:
    """Every partnership touching the given places or countries (all of them when both are None)."""
    query = (
        select(partnerships.c.id, partnerships.c.kind, partnerships.c.status, partnerships.c.place_a_id,
               partnerships.c.place_b_id, _A.c.country_code, _B.c.country_code, partnerships.c.established)
        .join(_A, _A.c.id == partnerships.c.place_a_id)
        .join(_B, _B.c.id == partnerships.c.place_b_id)
    )
    conditions = []
    if place_ids is not None:
        ids = list(place_ids)
        conditions += [partnerships.c.place_a_id.in_(ids), partnerships.c.place_b_id.in_(ids)]
    if countries_ is not None:
        codes = list(countries_)
        conditions += [_A.c.country_code.in_(codes), _B.c.country_code.in_(codes)]
    if conditions:
        query = query.where(or_(*conditions))
    return list(map(Edge._make, conn.execute(query).all()))


def statuses_on(conn: Connection, edges: list[Edge], day: dt.date | None) -> dict[int, str]:
    """Each partnership's status on ``day`` (absent if it did not exist yet). None means today."""
    if day is None or day >= dt.date.today():
        return {e.id: e.status for e in edges}
    history: dict[int, list[tuple[str, str]]] = defaultdict(list)
    ids = [e.id for e in edges]
    for start in range(0, len(ids), 900):
        rows = conn.execute(select(status_changes.c.partnership_id, status_changes.c.status, status_changes.c.date)
                            .where(status_changes.c.partnership_id.in_(ids[start:start + 900]))
                            .order_by(status_changes.c.id))
        for pid, status, date in rows:
            history[pid].append((status, date or ""))
    cutoff = day.isoformat()
    found: dict[int, str] = {}
    for pid, changes in history.items():
        # A change known only to the year or month counts from the first day it can mean.
        held = [status for status, date in changes if date[:len(cutoff)] <= cutoff[:len(date)] or not date]
        if held:
            found[pid] = held[-1]
    return found


def continent_of(conn: Connection) -> dict[str, str]:
    return dict(conn.execute(select(countries.c.code, countries.c.continent)).all())
