"""Registry-wide figures for the summary screen (analytics has the full breakdowns)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, select, union_all

from amity.storage.schema import partnerships, places


def summary(conn: Connection) -> dict[str, Any]:
    """Counts of places and partnerships, by status and kind, and the busiest countries."""
    ends = union_all(
        select(places.c.country_code.label("country")).join(partnerships, partnerships.c.place_a_id == places.c.id),
        select(places.c.country_code.label("country")).join(partnerships, partnerships.c.place_b_id == places.c.id),
    ).subquery()
    by_country = conn.execute(
        select(ends.c.country, func.count()).where(ends.c.country.is_not(None))
        .group_by(ends.c.country).order_by(func.count().desc(), ends.c.country)
    ).all()
    return {
        "places": conn.execute(select(func.count()).select_from(places)).scalar_one(),
        "partnerships": conn.execute(select(func.count()).select_from(partnerships)).scalar_one(),
        "countries": len(by_country),
        "by_status": dict(conn.execute(select(partnerships.c.status, func.count()).group_by(partnerships.c.status)
                                       .order_by(partnerships.c.status)).all()),
        "by_kind": dict(conn.execute(select(partnerships.c.kind, func.count()).group_by(partnerships.c.kind)
                                     .order_by(partnerships.c.kind)).all()),
        "top_countries": [(c, n) for c, n in by_country[:10]],
    }
