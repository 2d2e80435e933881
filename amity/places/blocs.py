"""Country groupings (SCO, EU, ASEAN, BRICS ...) with dated membership roles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, and_, or_, select

from amity.dates import PartialDate
from amity.errors import InvalidInput, NotFound
from amity.storage.schema import bloc_memberships, blocs

ROLES = ("member", "observer", "dialogue_partner", "partner")


@dataclass(frozen=True)
class Bloc:
    code: str
    name_en: str
    name_zh: str | None
    name_ru: str | None
    founded: str | None
    source: str | None

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "names": {"en": self.name_en, "zh": self.name_zh, "ru": self.name_ru},
                "founded": self.founded, "source": self.source}


@dataclass(frozen=True)
class Membership:
    bloc: str
    country: str
    role: str
    start: str
    end: str | None

    def holds_on(self, day: dt.date) -> bool:
        """True when the role held on ``day``: from its start (inclusive) to its end (exclusive)."""
        if PartialDate(self.start).earliest > day:
            return False
        return self.end is None or PartialDate(self.end).earliest > day


def list_blocs(conn: Connection) -> list[Bloc]:
    return [Bloc(**row._mapping) for row in conn.execute(select(blocs).order_by(blocs.c.code))]


def get_or_raise(conn: Connection, code: str) -> Bloc:
    row = conn.execute(select(blocs).where(blocs.c.code == code.upper())).first()
    if row is None:
        known = ", ".join(b.code for b in list_blocs(conn))
        raise NotFound(f"no bloc {code!r} (known: {known})", field="bloc")
    return Bloc(**row._mapping)


def memberships(conn: Connection, code: str | None = None) -> list[Membership]:
    query = select(bloc_memberships).order_by(bloc_memberships.c.bloc_code, bloc_memberships.c.start)
    if code:
        query = query.where(bloc_memberships.c.bloc_code == code.upper())
    return [Membership(r.bloc_code, r.country_code, r.role, r.start, r.end) for r in conn.execute(query)]


def countries_in(conn: Connection, code: str, *, as_of: dt.date | None = None,
                 roles: Iterable[str] = ("member",)) -> set[str]:
    """Country codes that held one of ``roles`` in the bloc on ``as_of`` (today by default)."""
    get_or_raise(conn, code)
    roles = tuple(roles)
    for role in roles:
        if role not in ROLES:
            raise InvalidInput(f"unknown bloc role {role!r} (use {', '.join(ROLES)})", field="roles")
    day = as_of or dt.date.today()
    return {m.country for m in memberships(conn, code) if m.role in roles and m.holds_on(day)}
