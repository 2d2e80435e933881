"""Speed of the analytics on the full registry (targets: each stats call < 300 ms, full network < 30 s).

Builds the world database in a temporary folder (or uses AMITY_DATABASE_URL when set), then
prints the median of several runs of each figure, next to a baseline measured in the same run:
reading every partnership row with its two countries, which every figure needs.
Usage: python bench/analytics.py
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from amity import world
from amity.analytics import network, openness
from amity.analytics import scope as scopes
from amity.analytics.edges import load_edges
from amity.analytics.summary import summarize
from amity.storage import migrate, open_database


def median_ms(work: Callable[[], object], runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run(url: str) -> None:
    db = open_database(url)
    migrate.upgrade(db)
    world.load(db)
    with db.read() as conn:
        base = median_ms(lambda: load_edges(conn))
        print(f"baseline (read all {len(load_edges(conn)):,} partnerships): {base:.0f} ms")
        cases = {
            "stats world": lambda: summarize(conn, scopes.world()),
            "stats --country CN": lambda: summarize(conn, scopes.for_country(conn, "CN")),
            "stats --country CN --as-of 2021-06-02": lambda: summarize(
                conn, scopes.for_country(conn, "CN"), as_of=__import__("datetime").date(2021, 6, 2)),
            "stats --bloc SCO": lambda: summarize(conn, scopes.for_bloc(conn, "SCO", None)),
            "stats --place Heilongjiang": lambda: summarize(conn, scopes.for_place(conn, "geonames:2036965")),
            "stats --place Wuhan": lambda: summarize(conn, scopes.for_place(conn, "Wuhan")),
        }
        for name, work in cases.items():
            ms = median_ms(work)
            print(f"{name}: {ms:.0f} ms median ({ms / base:.1f}× baseline); target < 300 ms: "
                  f"{'met' if ms < 300 else 'MISSED'}")
        ms = median_ms(lambda: openness.compute(conn), runs=3)
        print(f"openness of every place: {ms:.0f} ms median ({ms / base:.1f}× baseline)")
        started = time.perf_counter()
        network.overview(conn)
        seconds = time.perf_counter() - started
        print(f"full network metrics: {seconds:.1f} s ({seconds * 1000 / base:.0f}× baseline); target < 30 s: "
              f"{'met' if seconds < 30 else 'MISSED'}")


def main() -> None:
    url = os.environ.get("AMITY_DATABASE_URL")
    if url:
        run(url)
        return
    with tempfile.TemporaryDirectory() as folder:
        run(f"sqlite:///{Path(folder) / 'bench.sqlite3'}")


if __name__ == "__main__":
    main()
