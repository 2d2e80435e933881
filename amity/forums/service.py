"""Event services: find or record the forum a partnership was signed at."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from amity.dates import PartialDate
from amity.errors import InvalidInput, NotFound
from amity.places import service as places_service
from amity.storage.schema import events
from amity.validation import clean_text

MODES = ("online", "offline", "hybrid")


@dataclass(frozen=True)
class Event:
    id: int
    name: str
    date: str
    place_id: int | None
    mode: str
    attendance: int | None
    organiser: str | None
    url: str | None

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "name": self.name, "date": self.date, "place": self.place_id, "mode": self.mode,
                "attendance": self.attendance, "organiser": self.organiser, "url": self.url}


def get_or_raise(conn: Connection, event_id: int) -> Event:
    row = conn.execute(select(events).where(events.c.id == event_id)).first()
    if row is None:
        raise NotFound(f"no event with id {event_id}", field="event")
    return _event(row)


def _event(row) -> Event:
    return Event(row.id, row.name, row.date, row.place_id, row.mode, row.attendance, row.organiser, row.url)


def ensure(
    conn: Connection,
    *,
    name: str,
    date: str,
    place: str | int | None = None,
    mode: str = "offline",
    attendance: int | None = None,
    organiser: str | None = None,
    url: str | None = None,
    name_zh: str | None = None,
    name_ru: str | None = None,
) -> Event:
    """The event with this name and date, recorded now if it is new."""
    name = clean_text(name, field="event.name", required=True, max_length=300) or ""
    day = PartialDate.parse(date, field="event.date")
    row = conn.execute(select(events).where(events.c.name == name, events.c.date == day.text)).first()
    if row is not None:
        return _event(row)
    if mode not in MODES:
        raise InvalidInput(f"unknown event mode {mode!r} (use online, offline or hybrid)", field="event.mode")
    place_id = places_service.find(conn, place).id if place not in (None, "") else None
    new_id = conn.execute(events.insert().values(
        name=name, name_zh=name_zh, name_ru=name_ru, date=day.text, place_id=place_id, mode=mode,
        attendance=attendance, organiser=organiser, url=url).returning(events.c.id)).scalar_one()
    return get_or_raise(conn, new_id)
