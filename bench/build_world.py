"""How long building the full world database takes (target: under 60 s on 2 cores).

Prints the build time on SQLite (and on PostgreSQL when AMITY_BENCH_POSTGRES_URL is set),
next to a baseline measured in the same run: only reading and parsing the shipped files,
which every build must do. Usage: python bench/build_world.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from amity import world
from amity.places.names import name_key
from amity.storage import migrate, open_database


def baseline_seconds() -> float:
    started = time.perf_counter()
    for name in ("world/places.csv.gz", "world/partnerships.csv.gz", "world/countries.csv.gz"):
        for _ in world.read_rows(name):
            pass
    for row in world.read_rows("world/names.csv.gz"):
        name_key(row["name"])
    return time.perf_counter() - started


def build_seconds(url: str) -> tuple[float, float]:
    db = open_database(url)
    started = time.perf_counter()
    migrate.upgrade(db)
    world.load(db)
    built = time.perf_counter() - started
    started = time.perf_counter()
    report = world.load(db)  # a second run must find the data and do nothing
    again = time.perf_counter() - started
    assert not report.loaded
    db.dispose()
    return built, again


def fresh_pg(url: str) -> str:
    base = make_url(url)
    admin = create_engine(base.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text('DROP DATABASE IF EXISTS "amity_bench" WITH (FORCE)'))
        conn.execute(text('CREATE DATABASE "amity_bench"'))
    admin.dispose()
    return base.set(database="amity_bench").render_as_string(hide_password=False)


def main() -> None:
    base = baseline_seconds()
    print(f"baseline (read and parse the shipped files): {base:.1f} s")
    with tempfile.TemporaryDirectory() as folder:
        built, again = build_seconds(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")
    print(f"sqlite: build {built:.1f} s ({built / base:.1f}× baseline), second run {again * 1000:.0f} ms; "
          f"target < 60 s: {'met' if built < 60 else 'MISSED'}")
    pg = os.environ.get("AMITY_BENCH_POSTGRES_URL")
    if pg:
        built, again = build_seconds(fresh_pg(pg))
        print(f"postgresql: build {built:.1f} s ({built / base:.1f}× baseline), second run {again * 1000:.0f} ms; "
              f"target < 60 s: {'met' if built < 60 else 'MISSED'}")


if __name__ == "__main__":
    sys.exit(main())
