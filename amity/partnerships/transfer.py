"""Import and export of partnerships as CSV, JSON and GeoJSON.

An import checks every record before it writes anything: each problem is reported with
the file, the line (CSV) or record number (JSON), and the field. Nothing is written when a
record is rejected, unless ``skip_invalid`` is set, which writes the valid records only.
Export then import loses nothing (``tests/partnerships/test_transfer.py`` holds it to that).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from amity import dates
from amity.errors import AmityError, ImportRejected, InvalidInput
from amity.forums import service as forums
from amity.partnerships import service
from amity.partnerships.models import Partnership, Status, StatusChange
from amity.places import service as places_service
from amity.places.models import FIRST_USER_PLACE_ID, Place
from amity.resolve import find_place

FORMATS = ("csv", "json", "geojson")
FORMAT_NAME = "amity-partnerships"
CSV_COLUMNS = [
    "id", "place_a", "place_a_name", "country_a", "place_b", "place_b_name", "country_b", "kind", "status",
    "established", "established_basis", "ended", "ended_basis", "event", "event_date", "notes", "sources", "history",
]
Progress = Callable[[int, int], None]


# ---------------------------------------------------------------- export

def export(conn: Connection, fmt: str, filters: service.Filters = service.Filters()) -> str:
    """The selected partnerships as a CSV, JSON or GeoJSON document."""
    if fmt not in FORMATS:
        raise InvalidInput(f"unknown format {fmt!r} (use {', '.join(FORMATS)})", field="format")
    items = service.list_(conn, filters)
    if fmt == "csv":
        return _to_csv(items)
    if fmt == "json":
        return _to_json(conn, items)
    return _to_geojson(conn, items)


def _record(p: Partnership) -> dict[str, Any]:
    record = p.to_dict()
    record.pop("version")
    for change in record["history"]:
        change.pop("recorded_at")
    return record


def _to_csv(items: Sequence[Partnership]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for p in items:
        r = _record(p)
        a, b = p.places
        writer.writerow({
            "id": p.id, "place_a": a.id, "place_a_name": a.name, "country_a": a.country or "",
            "place_b": b.id, "place_b_name": b.name, "country_b": b.country or "", "kind": r["kind"],
            "status": r["status"], "established": r["established"] or "", "established_basis": r["established_basis"] or "",
            "ended": r["ended"] or "", "ended_basis": r["ended_basis"] or "",
            "event": p.event.name if p.event else "", "event_date": p.event.date if p.event else "",
            "notes": p.notes or "", "sources": json.dumps(r["sources"], ensure_ascii=False),
            "history": json.dumps(r["history"], ensure_ascii=False),
        })
    return out.getvalue()


def _user_places(conn: Connection, items: Sequence[Partnership]) -> list[dict[str, Any]]:
    """Places that users created, so that the file can be imported into another registry."""
    ids = {ref.id for p in items for ref in p.places if ref.id >= FIRST_USER_PLACE_ID}
    found = []
    for place_id in sorted(ids):
        place = places_service.get_or_raise(conn, place_id, with_names=True)
        found.append({
            "id": place.id, "kind": place.kind.value, "name": place.name, "country": place.country_code,
            "parent": place.parent_id, "lat": place.lat, "lng": place.lng, "population": place.population,
            "geonames": place.geonames_id, "wikidata": place.wikidata_id,
            "names": [{"name": n.name, "lang": n.lang} for n in place.names if n.name != place.name],
        })
    return found


def _events(conn: Connection, items: Sequence[Partnership]) -> dict[int, dict[str, Any]]:
    return {p.event.id: forums.get_or_raise(conn, p.event.id).to_dict() for p in items if p.event}


def _with_event(record: dict[str, Any], event_map: dict[int, dict[str, Any]]) -> dict[str, Any]:
    if record["event"]:
        event = dict(event_map[record["event"]["id"]])
        event.pop("id")
        record["event"] = event
    return record


def _to_json(conn: Connection, items: Sequence[Partnership]) -> str:
    event_map = _events(conn, items)
    document = {
        "format": FORMAT_NAME,
        "version": 1,
        "exported": dt.date.today().isoformat(),
        "places": _user_places(conn, items),
        "partnerships": [_with_event(_record(p), event_map) for p in items],
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def _to_geojson(conn: Connection, items: Sequence[Partnership]) -> str:
    place_map = places_service.get_many(conn, (ref.id for p in items for ref in p.places))
    event_map = _events(conn, items)
    features = []
    for p in items:
        a, b = (place_map[ref.id] for ref in p.places)
        geometry = None
        if a.lat is not None and b.lat is not None:
            geometry = {"type": "LineString", "coordinates": [[a.lng, a.lat], [b.lng, b.lat]]}
        features.append({"type": "Feature", "id": p.id, "geometry": geometry,
                         "properties": _with_event(_record(p), event_map)})
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)


# ---------------------------------------------------------------- import

@dataclass
class Problem:
    file: str
    line: int | None
    record: int | None
    field: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "record": self.record, "field": self.field,
                "message": self.message}

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line is not None else f"record {self.record}"
        return f"{self.file}, {where}, {self.field}: {self.message}"


@dataclass
class ImportReport:
    file: str
    imported: list[int] = field(default_factory=list)
    places_created: list[int] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "imported": len(self.imported), "partnership_ids": self.imported,
                "places_created": self.places_created, "skipped": [p.to_dict() for p in self.skipped]}


@dataclass
class _Record:
    line: int | None
    number: int
    data: dict[str, Any]


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in FORMATS:
        return suffix
    raise InvalidInput(f"{path.name}: cannot tell the format from the name; use .csv, .json or .geojson",
                       field="file")


def import_file(conn: Connection, path: Path, *, fmt: str | None = None, skip_invalid: bool = False,
                progress: Progress | None = None) -> ImportReport:
    """Check every record of ``path``, then register the valid ones in the caller's transaction."""
    fmt = fmt or detect_format(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file", field="file") from None
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})", field="file") from None
    return import_text(conn, text, name=path.name, fmt=fmt, skip_invalid=skip_invalid, progress=progress)


def import_text(conn: Connection, text: str, *, name: str, fmt: str, skip_invalid: bool = False,
                progress: Progress | None = None) -> ImportReport:
    places_section, records = _parse(text, name, fmt)
    report = ImportReport(name)
    problems: list[Problem] = []
    report.places_created = _import_places(conn, places_section, name, problems)
    drafts = _check_records(conn, records, name, problems)
    if problems and not skip_invalid:
        raise ImportRejected(f"{name}: {len(problems)} problem(s); nothing was imported", [p.to_dict() for p in problems])
    report.skipped = problems
    for done, draft in enumerate(drafts, start=1):
        report.imported.append(service.register(conn, draft).id)
        if progress:
            progress(done, len(drafts))
    return report


def _parse(text: str, name: str, fmt: str) -> tuple[list[dict[str, Any]], list[_Record]]:
    if fmt == "csv":
        return [], _parse_csv(text, name)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRejected(f"{name}: not valid JSON", [Problem(name, exc.lineno, None, "file", exc.msg).to_dict()]) from None
    if fmt == "geojson" or (isinstance(document, dict) and document.get("type") == "FeatureCollection"):
        features = document.get("features") if isinstance(document, dict) else None
        if not isinstance(features, list):
            raise ImportRejected(f"{name}: a GeoJSON FeatureCollection needs a 'features' list",
                                 [Problem(name, None, None, "features", "missing").to_dict()])
        return [], [_Record(None, n, (f or {}).get("properties") or {}) for n, f in enumerate(features, 1)]
    if isinstance(document, list):
        return [], [_Record(None, n, item) for n, item in enumerate(document, 1)]
    if not isinstance(document, dict) or not isinstance(document.get("partnerships"), list):
        raise ImportRejected(f"{name}: expected a list of partnerships or an object with 'partnerships'",
                             [Problem(name, None, None, "partnerships", "missing").to_dict()])
    return list(document.get("places") or []), [_Record(None, n, item) for n, item in enumerate(document["partnerships"], 1)]


def _parse_csv(text: str, name: str) -> list[_Record]:
    reader = csv.DictReader(io.StringIO(text))
    missing = {"place_a", "place_b", "kind"} - set(reader.fieldnames or ())
    if missing:
        raise ImportRejected(f"{name}: the header lacks {', '.join(sorted(missing))}",
                             [Problem(name, 1, None, col, "column missing from the header").to_dict()
                              for col in sorted(missing)])
    records = []
    for number, row in enumerate(reader, start=1):
        records.append(_Record(reader.line_num, number, _csv_record(row)))
    return records


def _csv_record(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row in the shape of a JSON record; JSON cells (sources, history) are parsed later."""
    record: dict[str, Any] = {key: (value or "").strip() for key, value in row.items() if key}
    record["places"] = [
        {"id": record.pop("place_a", ""), "country": record.pop("country_a", "")},
        {"id": record.pop("place_b", ""), "country": record.pop("country_b", "")},
    ]
    if record.get("event"):
        record["event"] = {"name": record["event"], "date": record.pop("event_date", "")}
    if record.get("source") and not record.get("sources"):
        record["sources"] = [{"citation": record.pop("source"), "url": record.pop("source_url", "") or None,
                              "kind": record.pop("source_kind", "") or None,
                              "retrieved": record.pop("retrieved", "") or None,
                              "confidence": record.pop("confidence", "") or None}]
    return record


def _import_places(conn: Connection, items: list[dict[str, Any]], name: str, problems: list[Problem]) -> list[int]:
    """Create the file's new places, or add names to ones the registry has (matched by id)."""
    created = []
    for number, item in enumerate(items, start=1):
        try:
            created.extend(_import_place(conn, item))
        except AmityError as exc:
            problems.append(Problem(name, None, number, f"places.{exc.field or 'place'}", exc.message))
    return created


def _import_place(conn: Connection, item: dict[str, Any]) -> list[int]:
    names = [(n["name"], n.get("lang") or "") for n in item.get("names") or []]
    if item.get("id") is not None and places_service.get(conn, int(item["id"])) is not None:
        for alt, lang in names:
            places_service.add_name(conn, int(item["id"]), alt, lang=lang)
        return []
    parent = item.get("parent")
    parent_id = places_service.find(conn, parent).id if parent not in (None, "") else None
    if item.get("id") is None:
        # Importing the same file twice must not create the place twice.
        existing = places_service.same_place(conn, name=item.get("name", ""), country_code=item.get("country"),
                                             parent_id=parent_id)
        if existing is not None:
            for alt, lang in names:
                places_service.add_name(conn, existing.id, alt, lang=lang)
            return []
    place = places_service.create(
        conn, kind=item.get("kind", ""), name=item.get("name", ""), country_code=item.get("country"),
        parent_id=parent_id, lat=_number(item.get("lat"), "lat"), lng=_number(item.get("lng"), "lng"),
        population=item.get("population"), names=names, geonames_id=item.get("geonames"),
        wikidata_id=item.get("wikidata"), place_id=int(item["id"]) if item.get("id") is not None else None,
    )
    return [place.id]


def _number(value: Any, field_name: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise InvalidInput(f"{value!r} is not a number", field=field_name) from None


def _check_records(conn: Connection, records: Iterable[_Record], name: str, problems: list[Problem]) -> list[service.Draft]:
    drafts: list[service.Draft] = []
    seen: dict[tuple[int, int], int] = {}
    for record in records:
        try:
            draft = _draft(conn, record.data)
            _check_unique(conn, draft, seen, record)
        except AmityError as exc:
            problems.append(Problem(name, record.line, record.number, exc.field or "record", exc.message))
            continue
        drafts.append(draft)
    return drafts


def _check_unique(conn: Connection, draft: service.Draft, seen: dict[tuple[int, int], int], record: _Record) -> None:
    if draft.status is Status.ENDED:
        return
    if draft.pair in seen:
        raise InvalidInput(f"duplicate: the same pair is in record {seen[draft.pair]} of this file", field="places")
    existing = service.current_between(conn, *draft.pair)
    if existing is not None:
        raise InvalidInput(f"duplicate: the registry already has this pair as partnership #{existing}", field="places")
    seen[draft.pair] = record.number


def _draft(conn: Connection, data: Any) -> service.Draft:
    if not isinstance(data, dict):
        raise InvalidInput("a record must be an object", field="record")
    refs = data.get("places")
    if not isinstance(refs, list) or len(refs) != 2:
        raise InvalidInput("a partnership needs exactly two places", field="places")
    place_a, place_b = (_place_of(conn, ref, label) for ref, label in zip(refs, ("place_a", "place_b")))
    if place_a.id == place_b.id:
        raise InvalidInput(f"self-pair: both sides are {place_a.name} ({place_a.id})", field="place_b")
    if not data.get("kind"):
        raise InvalidInput("missing (sister or friendly_exchange)", field="kind")
    history = _history(data.get("history"))
    status = service.parse_status(data.get("status") or (history[-1].status if history else "active"))
    if history and history[-1].status is not status:
        raise InvalidInput(f"status {status.value} differs from the last status in history", field="status")
    draft = service.Draft(
        place_a=place_a.id, place_b=place_b.id, kind=service.parse_kind(data["kind"]), status=status,
        established=dates.parse_optional(data.get("established"), field="established"),
        established_basis=data.get("established_basis") or None,
        ended=dates.parse_optional(data.get("ended"), field="ended"), ended_basis=data.get("ended_basis") or None,
        event_id=_event_id(conn, data.get("event")), notes=data.get("notes") or None,
        sources=tuple(_sources(data.get("sources"))), history=tuple(history),
    )
    service.check_draft(draft)
    return draft


def _place_of(conn: Connection, ref: Any, label: str) -> Place:
    if isinstance(ref, dict):
        key, country = ref.get("id"), ref.get("country") or None
        if key in (None, ""):
            key = ref.get("name")
    else:
        key, country = ref, None
    if key in (None, ""):
        raise InvalidInput("missing place", field=label)
    try:
        return find_place(conn, key, country=country)
    except AmityError as exc:
        prefix = "unknown place" if exc.code == "not_found" else "ambiguous place"
        candidates = ""
        if exc.details and exc.details.get("candidates"):
            candidates = "; candidates: " + ", ".join(
                f"{c['name']} ({c['country']}, id {c['id']})" for c in exc.details["candidates"][:5])
        raise InvalidInput(f"{prefix}: {exc.message}{candidates}", field=label) from None


def _json_cell(value: Any, field_name: str) -> Any:
    if isinstance(value, str):
        if not value.strip():
            return []
        try:
            return json.loads(value)
        except json.JSONDecodeError as exc:
            raise InvalidInput(f"not valid JSON ({exc.msg})", field=field_name) from None
    return value or []


def _sources(value: Any) -> list:
    items = _json_cell(value, "sources")
    if not isinstance(items, list):
        raise InvalidInput("sources must be a list", field="sources")
    return [service.make_source(s.get("citation", ""), kind=s.get("kind"), url=s.get("url"),
                                reference=s.get("reference"), retrieved=s.get("retrieved"),
                                confidence=s.get("confidence"), field=f"sources[{n}]")
            for n, s in enumerate(items)]


def _history(value: Any) -> list[StatusChange]:
    items = _json_cell(value, "history")
    if not isinstance(items, list):
        raise InvalidInput("history must be a list", field="history")
    return [StatusChange(service.parse_status(h.get("status"), field=f"history[{n}].status"),
                         dates.parse_optional(h.get("date"), field=f"history[{n}].date"), h.get("note"))
            for n, h in enumerate(items)]


def _event_id(conn: Connection, value: Any) -> int | None:
    if not value:
        return None
    if not isinstance(value, dict):
        raise InvalidInput("event must be an object with name and date", field="event")
    event = forums.ensure(conn, name=value.get("name", ""), date=value.get("date") or "",
                          place=value.get("place"), mode=value.get("mode") or "offline",
                          attendance=value.get("attendance"), organiser=value.get("organiser"), url=value.get("url"))
    return event.id
