"""Partnership services: register, get, list, change status, end, add sources.

Every function takes an open connection; the caller owns the transaction, so a
rejected change leaves the registry as it was. The CLI, the API and the importer all
call these same functions.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Row, and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from amity import dates
from amity.dates import PartialDate
from amity.errors import Conflict, InvalidInput, NotFound, StaleVersion
from amity.validation import clean_text
from amity.partnerships.models import (
    TRANSITIONS,
    EventRef,
    Partnership,
    PartnershipKind,
    PlaceRef,
    Source,
    SourceKind,
    Status,
    StatusChange,
)
from amity.places import service as places_service
from amity.storage.schema import events, partnerships, places, sources, status_changes

_A = places.alias("place_a")
_B = places.alias("place_b")


def parse_kind(value: str | PartnershipKind, *, field: str = "kind") -> PartnershipKind:
    try:
        return PartnershipKind(value)
    except ValueError:
        allowed = ", ".join(k.value for k in PartnershipKind)
        raise InvalidInput(f"unknown partnership kind {value!r} (use one of: {allowed})", field=field) from None


def parse_status(value: str | Status, *, field: str = "status") -> Status:
    try:
        return Status(value)
    except ValueError:
        allowed = ", ".join(s.value for s in Status)
        raise InvalidInput(f"unknown status {value!r} (use one of: {allowed})", field=field) from None


def make_source(
    citation: str,
    *,
    kind: str | SourceKind | None = None,
    url: str | None = None,
    reference: str | None = None,
    retrieved: str | None = None,
    confidence: float | str | None = None,
    field: str = "source",
) -> Source:
    """A validated source. A citation that is a URL makes a ``url`` source by default."""
    if not (citation or "").strip():
        raise InvalidInput("a source needs a citation (a title, a data set name or a URL)", field=field)
    citation = clean_text(citation, field=f"{field}.citation", required=True)
    url = clean_text(url, field=f"{field}.url")
    reference = clean_text(reference, field=f"{field}.reference", max_length=100)
    if kind is None or kind == "":
        kind = SourceKind.URL if citation.startswith(("http://", "https://")) else SourceKind.DOCUMENT
    try:
        kind = SourceKind(kind)
    except ValueError:
        raise InvalidInput(f"unknown source kind {kind!r} (use dataset, document or url)", field=f"{field}.kind") from None
    if kind is SourceKind.URL and url is None:
        url = citation
    try:
        value = 0.8 if confidence is None or confidence == "" else float(confidence)
    except ValueError:
        raise InvalidInput(f"confidence {confidence!r} is not a number", field=f"{field}.confidence") from None
    if not 0 <= value <= 1:
        raise InvalidInput(f"confidence {value} is outside 0..1", field=f"{field}.confidence")
    return Source(kind=kind, citation=citation, url=url or None, reference=reference or None,
                  retrieved=dates.parse_optional(retrieved, field=f"{field}.retrieved"), confidence=value)


@dataclass(frozen=True)
class Draft:
    """A partnership ready to register: both places known, every value checked."""

    place_a: int
    place_b: int
    kind: PartnershipKind
    status: Status = Status.ACTIVE
    established: PartialDate | None = None
    established_basis: str | None = None
    ended: PartialDate | None = None
    ended_basis: str | None = None
    event_id: int | None = None
    notes: str | None = None
    sources: tuple[Source, ...] = ()
    history: tuple[StatusChange, ...] = ()

    @property
    def pair(self) -> tuple[int, int]:
        return (min(self.place_a, self.place_b), max(self.place_a, self.place_b))


def check_draft(draft: Draft) -> None:
    """Raise :class:`InvalidInput` for a self-pair, dates that cannot be, or unusable text."""
    for name in ("established_basis", "ended_basis", "notes"):
        clean_text(getattr(draft, name), field=name, max_length=5000)
    for change in draft.history:
        clean_text(change.note, field="history.note", max_length=5000)
    if draft.place_a == draft.place_b:
        raise InvalidInput("a place cannot partner with itself", field="places")
    today = dates.today()
    if draft.established and draft.established.is_after(today):
        raise InvalidInput(f"established date {draft.established} is in the future", field="established")
    if draft.ended and draft.ended.is_after(today):
        raise InvalidInput(f"end date {draft.ended} is in the future", field="ended")
    if draft.ended and draft.established and _before(draft.ended, draft.established):
        raise InvalidInput(f"end date {draft.ended} is before the established date {draft.established}", field="ended")
    if draft.ended is not None and draft.status is not Status.ENDED:
        raise InvalidInput("only an ended partnership has an end date", field="ended")


def _before(later: PartialDate, earlier: PartialDate) -> bool:
    """True when ``later`` certainly falls before ``earlier`` (compared at their common precision)."""
    n = min(len(later.text), len(earlier.text))
    return later.text[:n] < earlier.text[:n]


def register(conn: Connection, draft: Draft) -> Partnership:
    """Record a new partnership. The pair is stored in canonical order, so A–B is B–A.

    Raises :class:`Conflict` when the two places already have a current partnership.
    """
    check_draft(draft)
    for place_id in draft.pair:
        places_service.get_or_raise(conn, place_id)
    existing = current_between(conn, *draft.pair)
    if existing is not None:
        raise Conflict(
            f"places {draft.pair[0]} and {draft.pair[1]} already have partnership #{existing}",
            details={"partnership": existing},
        )
    try:
        new_id = conn.execute(partnerships.insert().values(
            place_a_id=draft.pair[0], place_b_id=draft.pair[1], kind=draft.kind.value, status=draft.status.value,
            established=_text(draft.established), established_basis=draft.established_basis,
            ended=_text(draft.ended), ended_basis=draft.ended_basis, event_id=draft.event_id, notes=draft.notes,
        ).returning(partnerships.c.id)).scalar_one()
    except IntegrityError:
        # Another writer registered the same pair between our check and our insert.
        raise Conflict(f"places {draft.pair[0]} and {draft.pair[1]} already have a current partnership") from None
    history = draft.history or (StatusChange(draft.status, draft.ended or draft.established, "registered"),)
    _insert_history(conn, new_id, history)
    _insert_sources(conn, new_id, draft.sources)
    return get_or_raise(conn, new_id)


def current_between(conn: Connection, a: int, b: int) -> int | None:
    """The id of the current (not ended) partnership between two places, if any."""
    low, high = min(a, b), max(a, b)
    return conn.execute(select(partnerships.c.id).where(
        partnerships.c.place_a_id == low, partnerships.c.place_b_id == high, partnerships.c.status != "ended",
    )).scalar()


def _insert_history(conn: Connection, partnership_id: int, history: Iterable[StatusChange]) -> None:
    rows = [{"partnership_id": partnership_id, "status": h.status.value, "date": _text(h.date), "note": h.note}
            for h in history]
    if rows:
        conn.execute(status_changes.insert(), rows)


def _insert_sources(conn: Connection, partnership_id: int, items: Iterable[Source]) -> None:
    rows = [{"partnership_id": partnership_id, "kind": s.kind.value, "citation": s.citation, "url": s.url,
             "reference": s.reference, "retrieved": _text(s.retrieved), "confidence": s.confidence} for s in items]
    if rows:
        conn.execute(sources.insert(), rows)


def _text(value: PartialDate | None) -> str | None:
    return value.text if value else None


def _select():
    return (
        select(partnerships, _A.c.name.label("a_name"), _A.c.country_code.label("a_country"),
               _B.c.name.label("b_name"), _B.c.country_code.label("b_country"),
               events.c.name.label("event_name"), events.c.date.label("event_date"))
        .join(_A, _A.c.id == partnerships.c.place_a_id)
        .join(_B, _B.c.id == partnerships.c.place_b_id)
        .outerjoin(events, events.c.id == partnerships.c.event_id)
    )


def get(conn: Connection, partnership_id: int) -> Partnership | None:
    if not 0 < partnership_id <= places_service.MAX_ID:
        return None
    row = conn.execute(_select().where(partnerships.c.id == partnership_id)).first()
    return _hydrate(conn, [row])[0] if row else None


def get_or_raise(conn: Connection, partnership_id: int) -> Partnership:
    found = get(conn, partnership_id)
    if found is None:
        raise NotFound(f"no partnership with id {partnership_id}", details={"id": partnership_id})
    return found


@dataclass(frozen=True)
class Filters:
    """What ``list_`` and ``count`` select: all given conditions must hold."""

    place_id: int | None = None
    country: str | None = None
    kind: PartnershipKind | None = None
    status: Status | None = None


def _where(filters: Filters, *, joined: bool = True):
    """The SQL condition of ``filters``; ``joined`` when the query joins both places (as list_ does)."""
    conditions = []
    if filters.place_id is not None:
        conditions.append(or_(partnerships.c.place_a_id == filters.place_id,
                              partnerships.c.place_b_id == filters.place_id))
    if filters.country and joined:
        code = filters.country.upper()
        conditions.append(or_(_A.c.country_code == code, _B.c.country_code == code))
    elif filters.country:
        # A subquery on the indexed country column, so that counting needs no join.
        in_country = select(places.c.id).where(places.c.country_code == filters.country.upper())
        conditions.append(or_(partnerships.c.place_a_id.in_(in_country), partnerships.c.place_b_id.in_(in_country)))
    if filters.kind:
        conditions.append(partnerships.c.kind == filters.kind.value)
    if filters.status:
        conditions.append(partnerships.c.status == filters.status.value)
    return and_(True, *conditions)


def list_(conn: Connection, filters: Filters = Filters(), *, limit: int | None = None, offset: int = 0) -> list[Partnership]:
    """Partnerships that match ``filters``, oldest record first."""
    query = _select().where(_where(filters)).order_by(partnerships.c.id).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return _hydrate(conn, conn.execute(query).all())


def count(conn: Connection, filters: Filters = Filters()) -> int:
    query = select(func.count()).select_from(partnerships).where(_where(filters, joined=False))
    return conn.execute(query).scalar_one()


def _hydrate(conn: Connection, rows: Sequence[Row]) -> list[Partnership]:
    ids = [row.id for row in rows]
    source_map = _sources_for(conn, ids)
    history_map = _history_for(conn, ids)
    return [_partnership(row, source_map.get(row.id, ()), history_map.get(row.id, ())) for row in rows]


def _partnership(row: Row, found_sources: Sequence[Source], history: Sequence[StatusChange]) -> Partnership:
    event = EventRef(row.event_id, row.event_name, row.event_date) if row.event_id else None
    return Partnership(
        id=row.id, kind=PartnershipKind(row.kind), status=Status(row.status),
        places=(PlaceRef(row.place_a_id, row.a_name, row.a_country), PlaceRef(row.place_b_id, row.b_name, row.b_country)),
        established=PartialDate(row.established) if row.established else None,
        established_basis=row.established_basis,
        ended=PartialDate(row.ended) if row.ended else None, ended_basis=row.ended_basis,
        event=event, notes=row.notes, version=row.version,
        sources=tuple(found_sources), history=tuple(history),
    )


def _chunks(ids: Sequence[int], size: int = 900) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def _sources_for(conn: Connection, ids: Sequence[int]) -> dict[int, list[Source]]:
    found: dict[int, list[Source]] = defaultdict(list)
    for chunk in _chunks(ids):
        rows = conn.execute(select(sources).where(sources.c.partnership_id.in_(chunk)).order_by(sources.c.id))
        for r in rows:
            found[r.partnership_id].append(Source(
                kind=SourceKind(r.kind), citation=r.citation, url=r.url, reference=r.reference,
                retrieved=PartialDate(r.retrieved) if r.retrieved else None, confidence=r.confidence))
    return found


def _history_for(conn: Connection, ids: Sequence[int]) -> dict[int, list[StatusChange]]:
    found: dict[int, list[StatusChange]] = defaultdict(list)
    for chunk in _chunks(ids):
        rows = conn.execute(select(status_changes).where(status_changes.c.partnership_id.in_(chunk))
                            .order_by(status_changes.c.id))
        for r in rows:
            found[r.partnership_id].append(StatusChange(
                Status(r.status), PartialDate(r.date) if r.date else None, r.note, _aware(r.recorded_at)))
    return found


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes for CURRENT_TIMESTAMP, which is UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.timezone.utc)
    return value


def set_status(
    conn: Connection,
    partnership_id: int,
    status: Status | str,
    *,
    date: PartialDate | str,
    note: str | None = None,
    basis: str | None = None,
    expected_version: int | None = None,
) -> Partnership:
    """Move a partnership to ``status`` on ``date``, keeping the change in its history.

    Only the moves in :data:`TRANSITIONS` are allowed; the date may not be in the future
    nor before the previous change. ``expected_version`` guards against lost updates.
    """
    status = parse_status(status)
    date = PartialDate.parse(date, field="date")
    note = clean_text(note, field="note", max_length=5000)
    basis = clean_text(basis, field="basis", max_length=5000)
    current = get_or_raise(conn, partnership_id)
    _check_version(current, expected_version)
    if status not in TRANSITIONS[current.status]:
        raise Conflict(f"partnership #{partnership_id} is {current.status.value}; it cannot become {status.value}",
                       details={"from": current.status.value, "to": status.value})
    _check_change_date(current, date)
    values: dict[str, object] = {"status": status.value, "version": current.version + 1, "updated_at": func.now()}
    if status is Status.ENDED:
        values.update(ended=date.text, ended_basis=basis)
    result = conn.execute(update(partnerships).where(
        partnerships.c.id == partnership_id, partnerships.c.version == current.version).values(**values))
    if result.rowcount != 1:
        raise StaleVersion(f"partnership #{partnership_id} was changed meanwhile; read it again")
    _insert_history(conn, partnership_id, [StatusChange(status, date, note)])
    return get_or_raise(conn, partnership_id)


def end(conn: Connection, partnership_id: int, *, date: PartialDate | str, basis: str | None = None,
        note: str | None = None, expected_version: int | None = None) -> Partnership:
    """End a partnership on ``date``; it stays in the registry with its history."""
    return set_status(conn, partnership_id, Status.ENDED, date=date, note=note, basis=basis,
                      expected_version=expected_version)


def add_source(conn: Connection, partnership_id: int, source: Source, *, expected_version: int | None = None) -> Partnership:
    current = get_or_raise(conn, partnership_id)
    _check_version(current, expected_version)
    _insert_sources(conn, partnership_id, [source])
    conn.execute(update(partnerships).where(partnerships.c.id == partnership_id)
                 .values(version=current.version + 1, updated_at=func.now()))
    return get_or_raise(conn, partnership_id)


def _check_version(current: Partnership, expected: int | None) -> None:
    if expected is not None and expected != current.version:
        raise StaleVersion(
            f"partnership #{current.id} is at version {current.version}, not {expected}; read it again",
            details={"version": current.version})


def _check_change_date(current: Partnership, date: PartialDate) -> None:
    if date.is_after(dates.today()):
        raise InvalidInput(f"date {date} is in the future", field="date")
    dated = [h.date for h in current.history if h.date is not None]
    floor = max(dated, default=None) or current.established
    if floor is not None and _before(date, floor):
        raise InvalidInput(f"date {date} is before the last recorded date {floor}", field="date")


def register_by_reference(
    conn: Connection,
    *,
    place_a: str,
    place_b: str,
    kind: str,
    status: str = "active",
    established: str | None = None,
    established_basis: str | None = None,
    notes: str | None = None,
    country_a: str | None = None,
    country_b: str | None = None,
    sources: Iterable[dict] = (),
    event: dict | None = None,
) -> Partnership:
    """Register a partnership given as users give it: places by id or name, plain values.

    The one entry point behind ``amity partnerships add``, ``POST /api/partnerships`` and the
    web form. Raises :class:`InvalidInput` naming the field for any bad value.
    """
    from amity.forums import service as forums

    a = _find_place(conn, place_a, country_a, "place_a")
    b = _find_place(conn, place_b, country_b, "place_b")
    event_id = None
    if event:
        event_id = forums.ensure(conn, name=event.get("name", ""), date=event.get("date") or established or "",
                                 place=event.get("place"), mode=event.get("mode") or "offline",
                                 attendance=event.get("attendance")).id
    draft = Draft(
        place_a=a.id, place_b=b.id, kind=parse_kind(kind), status=parse_status(status),
        established=dates.parse_optional(established, field="established"),
        established_basis=clean_text(established_basis, field="established_basis", max_length=5000),
        notes=clean_text(notes, field="notes", max_length=5000), event_id=event_id,
        sources=tuple(make_source(s.get("citation", ""), kind=s.get("kind"), url=s.get("url"),
                                  reference=s.get("reference"), retrieved=s.get("retrieved"),
                                  confidence=s.get("confidence"), field=f"sources[{n}]")
                      for n, s in enumerate(sources)),
    )
    if draft.status is Status.ENDED:
        raise InvalidInput("register the partnership first, then end it", field="status")
    return register(conn, draft)


def _find_place(conn: Connection, ref: str, country: str | None, field: str):
    from amity.errors import AmityError
    from amity.resolve import find_place

    try:
        return find_place(conn, ref, country=country)
    except AmityError as exc:
        exc.field = field
        raise
