"""The shipped world data: build the registry from ``amity/data`` into an empty database.

Sources and licences are in ``ATTRIBUTION.md`` and ``amity about``. The files are made
from the source data sets by ``scripts/build_world_data.py``.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources

from sqlalchemy import Connection, delete, select

from amity.places.names import name_key, script_of
from amity.storage.database import Database, bulk_insert, sync_id_sequences
from amity.storage.schema import (
    bloc_memberships,
    blocs,
    countries,
    meta,
    partnerships,
    place_names,
    places,
    sources,
    status_changes,
)

RELEASE = "world-2026.11"
Progress = Callable[[str, int, int], None]
_BATCH = 20_000

TWIN_CITIES_SOURCE = {
    "kind": "dataset",
    "citation": "Wikipedia contributors, 'List of twin towns and sister cities in …' (English Wikipedia, "
                "February 2026), as scraped and geocoded in the Twin Cities data set by Erik Hekman",
    "url": "https://github.com/Hekman/twincities",
    "retrieved": "2026-02-08",
    # A pair listed on Wikipedia is usually real; the lists carry no dates or documents.
    "confidence": 0.8,
}


def _data_file(name: str) -> io.TextIOBase:
    raw = resources.files("amity").joinpath("data", name).open("rb")
    if name.endswith(".gz"):
        return io.TextIOWrapper(gzip.GzipFile(fileobj=raw), encoding="utf-8", newline="")
    return io.TextIOWrapper(raw, encoding="utf-8", newline="")


def read_rows(name: str) -> Iterator[dict[str, str]]:
    with _data_file(name) as handle:
        yield from csv.DictReader(handle)


def loaded_release(conn: Connection) -> str | None:
    return conn.execute(select(meta.c.value).where(meta.c.key == "world_data")).scalar()


@dataclass(frozen=True)
class LoadReport:
    release: str
    loaded: bool
    places: int = 0
    names: int = 0
    partnerships: int = 0


def load(db: Database, *, progress: Progress | None = None) -> LoadReport:
    """Load the world data once, in one transaction. Loading again changes nothing."""
    report = progress or (lambda step, done, total: None)
    with db.begin() as conn:
        if loaded_release(conn) == RELEASE:
            return LoadReport(RELEASE, loaded=False)
        n_places = _load_places(conn, report)
        n_names = _load_names(conn, report)
        _load_countries(conn)
        load_blocs(conn)
        n_pairs = _load_partnerships(conn, report)
        sync_id_sequences(conn, [partnerships])
        conn.execute(meta.insert().values(key="world_data", value=RELEASE))
    return LoadReport(RELEASE, loaded=True, places=n_places, names=n_names, partnerships=n_pairs)


def _int(text: str) -> int | None:
    return int(text) if text else None


def _float(text: str) -> float | None:
    return float(text) if text else None


def _load_places(conn: Connection, report: Progress) -> int:
    rows = [
        {"id": int(r["id"]), "kind": r["kind"], "parent_id": _int(r["parent_id"]),
         "country_code": r["country_code"] or None, "name": r["name"], "name_en": r["name_en"] or None,
         "name_zh": r["name_zh"] or None, "name_ru": r["name_ru"] or None, "lat": _float(r["lat"]),
         "lng": _float(r["lng"]), "population": _int(r["population"]), "geonames_id": _int(r["geonames_id"]),
         "admin1_code": r["admin1_code"] or None, "timezone": r["timezone"] or None, "origin": r["origin"]}
        for r in read_rows("world/places.csv.gz")
    ]
    for start in range(0, len(rows), _BATCH):
        bulk_insert(conn, places, rows[start:start + _BATCH])
        report("places", min(start + _BATCH, len(rows)), len(rows))
    return len(rows)


def _load_names(conn: Connection, report: Progress) -> int:
    total = 0
    batch: list[dict[str, object]] = []
    for r in read_rows("world/names.csv.gz"):
        key = name_key(r["name"])
        if not key:
            continue
        batch.append({"place_id": int(r["place_id"]), "name": r["name"], "lang": r["lang"],
                      "script": script_of(r["name"]), "kind": r["kind"], "key": key})
        if len(batch) == _BATCH:
            bulk_insert(conn, place_names, batch)
            total += len(batch)
            batch = []
            report("names", total, 0)
    bulk_insert(conn, place_names, batch)
    total += len(batch)
    report("names", total, total)
    return total


def _load_countries(conn: Connection) -> None:
    rows = [
        {"code": r["code"], "iso3": r["iso3"], "isonumeric": _int(r["isonumeric"]), "place_id": int(r["place_id"]),
         "continent": r["continent"], "capital": r["capital"] or None, "population": _int(r["population"]),
         "area_km2": _float(r["area_km2"]), "languages": r["languages"] or None, "neighbours": r["neighbours"] or None}
        for r in read_rows("world/countries.csv.gz")
    ]
    bulk_insert(conn, countries, rows)


def load_blocs(conn: Connection) -> int:
    """(Re)load the shipped country groupings and their dated memberships."""
    with _data_file("blocs.json") as handle:
        data = json.load(handle)
    conn.execute(delete(bloc_memberships))
    conn.execute(delete(blocs))
    for bloc in data["blocs"]:
        conn.execute(blocs.insert().values(
            code=bloc["code"], name_en=bloc["name_en"], name_zh=bloc["name_zh"], name_ru=bloc["name_ru"],
            founded=bloc["founded"], source=bloc["source"]))
        bulk_insert(conn, bloc_memberships, [
            {"bloc_code": bloc["code"], "country_code": cc, "role": role, "start": start, "end": end,
             "source": bloc["source"]}
            for cc, role, start, end in bloc["memberships"]
        ])
    return len(data["blocs"])


def _load_partnerships(conn: Connection, report: Progress) -> int:
    pairs = list(read_rows("world/partnerships.csv.gz"))
    rows, source_rows, history_rows = [], [], []
    for number, r in enumerate(pairs, start=1):
        rows.append({"id": number, "place_a_id": int(r["place_a"]), "place_b_id": int(r["place_b"]),
                     "kind": "sister", "status": "active"})
        source_rows.append({"partnership_id": number, "reference": f"pair {r['source_pair_id']}", **TWIN_CITIES_SOURCE})
        history_rows.append({"partnership_id": number, "status": "active", "date": None,
                             "note": "listed as current on English Wikipedia (February 2026)"})
    for start in range(0, len(rows), _BATCH):
        bulk_insert(conn, partnerships, rows[start:start + _BATCH])
        bulk_insert(conn, sources, source_rows[start:start + _BATCH])
        bulk_insert(conn, status_changes, history_rows[start:start + _BATCH])
        report("partnerships", min(start + _BATCH, len(rows)), len(rows))
    return len(rows)
