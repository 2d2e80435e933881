"""Evaluate the resolver on labelled queries built from the registry, against baselines.

Places are split by id into a tuning part (id % 10 < 3: used only to fit the score's
weights, with --fit) and a test part (everything reported here), so the test places are
never seen in tuning. Query sets, each from test places:

* cross-script — a place asked for by one of its Han or Cyrillic names;
* romanisation — Chinese names in spaced or hyphenated pinyin, Cyrillic names in GOST or BGN;
* messy English — designators, "X of <province>", "<province> X", "X, <province>";
* typos — one edit (swap, drop, double or change a letter) in a name of 7 letters or more;
* former names — a curated list (Peking, Alma-Ata, Leningrad, Bombay …);
* nil — made-up names that should find nothing.

Reports Acc@1, MRR, Recall@20 and precision at 90% coverage per set, for Amity and for three
baselines run in the same process: exact normalised lookup, rapidfuzz WRatio within the
right country, and unidecode + rapidfuzz. Usage: python bench/resolve_eval.py [--per-set 300] [--fit]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz, process
from sqlalchemy import select
from unidecode import unidecode

from amity import world
from amity.places.names import script_of
from amity.resolve import Resolver
from amity.resolve.keys import skeleton
from amity.resolve.resolver import THRESHOLD, WEIGHTS
from amity.storage import migrate, open_database
from amity.storage.schema import place_names, places

FORMER = [("Peking", "CN", "Beijing"), ("Tientsin", "CN", "Tianjin"), ("Canton", "CN", "Guangzhou"),
          ("Alma-Ata", "KZ", "Almaty"), ("Leningrad", "RU", "Saint Petersburg"), ("Stalingrad", "RU", "Volgograd"),
          ("Sverdlovsk", "RU", "Yekaterinburg"), ("Kuybyshev", "RU", "Samara"), ("Frunze", "KG", "Bishkek"),
          ("Bombay", "IN", "Mumbai"), ("Madras", "IN", "Chennai"), ("Calcutta", "IN", "Kolkata"),
          ("Saigon", "VN", "Ho Chi Minh City"), ("Tiflis", "GE", "Tbilisi"), ("Königsberg", "RU", "Kaliningrad"),
          ("Danzig", "PL", "Gdańsk"), ("Breslau", "PL", "Wrocław"), ("Constantinople", "TR", "Istanbul"),
          ("Mukden", "CN", "Shenyang"), ("Amoy", "CN", "Xiamen"), ("Tsingtao", "CN", "Qingdao"),
          ("Nanking", "CN", "Nanjing"), ("Chungking", "CN", "Chongqing"), ("Gorky", "RU", "Nizhniy Novgorod")]
SYLLABLES = ["zor", "blax", "ton", "quen", "throp", "vel", "mar", "dusk", "ilv", "pren", "oth", "yar", "gleb", "wix"]
GOST = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                ["a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "j", "k", "l", "m", "n", "o", "p", "r", "s", "t",
                 "u", "f", "x", "cz", "ch", "sh", "shh", "", "y", "", "e", "yu", "ya"]))


def gost(text: str) -> str:
    return "".join(GOST.get(ch, GOST.get(ch.lower(), ch).capitalize() if ch.isupper() else ch) for ch in text)


def typo(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(name) - 1)
    kind = rng.choice(["swap", "drop", "double", "change"])
    if kind == "swap":
        return name[:i] + name[i + 1] + name[i] + name[i + 2:]
    if kind == "drop":
        return name[:i] + name[i + 1:]
    if kind == "double":
        return name[:i] + name[i] + name[i:]
    return name[:i] + rng.choice("aeiounrst") + name[i + 1:]


def build_sets(conn, per_set: int, part: str, rng: random.Random) -> dict[str, list[tuple[str, int | None, str | None]]]:
    rows = conn.execute(select(places.c.id, places.c.name, places.c.kind, places.c.country_code, places.c.parent_id,
                               places.c.population).where(places.c.kind.in_(["city", "district"]),
                                                          places.c.population >= 50_000)).all()
    parent_name = dict(conn.execute(select(places.c.id, places.c.name).where(places.c.kind == "province")).all())
    keep = [r for r in rows if (r.id % 10 < 3) == (part == "tune")]
    rng.shuffle(keep)
    names = defaultdict(list)
    ids = [r.id for r in keep[:4000]]
    for start in range(0, len(ids), 900):
        for pid, name in conn.execute(select(place_names.c.place_id, place_names.c.name)
                                      .where(place_names.c.place_id.in_(ids[start:start + 900]))):
            names[pid].append(name)
    sets: dict[str, list] = defaultdict(list)
    for r in keep[:4000]:
        han = [n for n in names[r.id] if script_of(n) == "Hani"]
        cyr = [n for n in names[r.id] if script_of(n) == "Cyrl"]
        province = parent_name.get(r.parent_id)
        if han:
            sets["cross-script"].append((rng.choice(han), r.id, None))
        if cyr:
            sets["cross-script"].append((rng.choice(cyr), r.id, None))
        if r.country_code in ("RU", "BY", "UA", "KZ") and cyr:
            sets["romanisation"].append((gost(rng.choice(cyr)), r.id, None))
        if r.country_code == "CN" and len(r.name) > 4:
            cut = rng.randrange(2, len(r.name) - 2)
            sets["romanisation"].append((r.name[:cut] + rng.choice([" ", "-"]) + r.name[cut:].lower(), r.id, None))
        if province:
            form = rng.choice(["{n} City", "{n} District of {p}", "{p} {n}", "{n}, {p}", "{n} City of {p} Province"])
            sets["messy-english"].append((form.format(n=r.name, p=province), r.id, None))
        if len(r.name) >= 7 and r.name.isascii():
            sets["typos"].append((typo(r.name, rng), r.id, None))
    for name in sets:
        rng.shuffle(sets[name])
        sets[name] = sets[name][:per_set]
    by_name = {(r.name, r.country_code): r.id for r in rows}
    sets["former-names"] = [(old, by_name.get((new, cc)), None) for old, cc, new in FORMER if (new, cc) in by_name]
    sets["nil"] = [("".join(rng.choice(SYLLABLES) for _ in range(rng.randrange(2, 4))).capitalize(), None, None)
                   for _ in range(min(per_set, 200))]
    return sets


def metrics(results: list[tuple[list[tuple[int, float]], int | None]]) -> dict[str, float]:
    """results: (ranked [(id, score)], expected id or None for nil)."""
    hits1, rr, r20 = [], [], []
    confident = []
    for ranked, expected in results:
        top = [pid for pid, score in ranked if score >= THRESHOLD] if expected is None else [pid for pid, _ in ranked]
        if expected is None:
            hits1.append(not top)
            rr.append(1.0 if not top else 0.0)
            r20.append(not top)
        else:
            rank = top.index(expected) + 1 if expected in top else None
            hits1.append(rank == 1)
            rr.append(1 / rank if rank else 0.0)
            r20.append(bool(rank and rank <= 20))
        confident.append((ranked[0][1] if ranked else 0.0, hits1[-1]))
    confident.sort(key=lambda item: -item[0])
    covered = confident[: max(1, math.ceil(len(confident) * 0.9))]
    n = len(results) or 1
    return {"acc1": sum(hits1) / n, "mrr": sum(rr) / n, "recall20": sum(r20) / n,
            "p_at_90": sum(ok for _, ok in covered) / len(covered)}


class Baselines:
    def __init__(self, conn, index):
        self.index = index
        self.by_country: dict[str | None, tuple[list[str], list[int]]] = defaultdict(lambda: ([], []))
        rows = conn.execute(select(place_names.c.name, place_names.c.place_id, places.c.country_code)
                            .join(places, places.c.id == place_names.c.place_id)
                            .where(places.c.kind.in_(["city", "district", "province"])))
        for name, pid, cc in rows:
            if script_of(name) == "Latn":
                names, ids = self.by_country[cc]
                names.append(name)
                ids.append(pid)

    def exact(self, query: str, country: str | None) -> list[tuple[int, float]]:
        return [(pid, 1.0) for pid in sorted(self.index.exact.get(skeleton(query), ()))]

    def wratio(self, query: str, country: str | None, transliterate: bool = False) -> list[tuple[int, float]]:
        text = unidecode(query) if transliterate else query
        names, ids = self.by_country[country]
        found: dict[int, float] = {}
        for _, score, pos in process.extract(text, names, scorer=fuzz.WRatio, limit=20):
            found[ids[pos]] = max(found.get(ids[pos], 0.0), score / 100)
        return sorted(found.items(), key=lambda kv: -kv[1])


def fit(resolver: Resolver, sets) -> None:
    """Fit the score's weights by logistic regression on the tuning queries (Newton steps)."""
    import numpy as np

    names = [k for k in WEIGHTS if k != "bias"]
    xs, ys = [], []
    for queries in sets.values():
        for query, expected, _ in queries:
            for c in resolver.rank(query)[:20]:
                xs.append([1.0] + [c.features[k] for k in names])
                ys.append(1.0 if c.id == expected else 0.0)
    x, y = np.array(xs), np.array(ys)
    w = np.zeros(x.shape[1])
    for _ in range(30):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (y - p) - 0.01 * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + 0.01 * np.eye(len(w))
        w += np.linalg.solve(hessian, gradient)
    print("fitted weights:", {"bias": round(float(w[0]), 2), **{k: round(float(v), 2) for k, v in zip(names, w[1:])}})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-set", type=int, default=300)
    parser.add_argument("--fit", action="store_true", help="fit the score's weights on the tuning places")
    args = parser.parse_args()
    url = os.environ.get("AMITY_DATABASE_URL")
    folder = tempfile.mkdtemp()
    db = open_database(url or f"sqlite:///{Path(folder) / 'eval.sqlite3'}")
    migrate.upgrade(db)
    world.load(db)
    resolver = Resolver()
    with db.read() as conn:
        started = time.perf_counter()
        resolver.refresh(conn)
        print(f"index built in {time.perf_counter() - started:.1f} s")
        rng = random.Random(2021)
        if args.fit:
            fit(resolver, build_sets(conn, args.per_set, "tune", rng))
            return
        sets = build_sets(conn, args.per_set, "test", rng)
        baselines = Baselines(conn, resolver.index)
    country_of = {pid: e.country for pid, e in resolver.index.entries.items()}
    systems = {
        "amity": lambda q, cc: [(c.id, c.score) for c in resolver.rank(q)],
        "exact lookup": baselines.exact,
        "WRatio in country": baselines.wratio,
        "unidecode+WRatio": lambda q, cc: baselines.wratio(q, cc, transliterate=True),
    }
    timings = []
    print(f"{'set':<14} {'n':>4}  " + "  ".join(f"{name:>34}" for name in systems))
    print(f"{'':<14} {'':>4}  " + "  ".join(f"{'Acc@1   MRR  R@20  P@90%':>34}" for _ in systems))
    for name, queries in sets.items():
        row = []
        for system, run in systems.items():
            results = []
            for query, expected, _ in queries:
                started = time.perf_counter()
                # The baselines get the right country (from the answer) to search in; Amity gets none.
                ranked = run(query, country_of.get(expected) if expected else None)
                if system == "amity":
                    timings.append(time.perf_counter() - started)
                results.append((ranked, expected))
            m = metrics(results)
            row.append(f"{m['acc1']:.3f} {m['mrr']:.3f} {m['recall20']:.3f} {m['p_at_90']:.3f}".rjust(34))
        print(f"{name:<14} {len(queries):>4}  " + "  ".join(row))
    timings.sort()
    print(f"amity: one query {statistics.median(timings) * 1000:.1f} ms median, "
          f"p95 {timings[int(len(timings) * 0.95)] * 1000:.1f} ms (target < 20 ms median)")
    names = [q for queries in sets.values() for q, _, _ in queries]
    batch = (names * (10_000 // max(1, len(names)) + 1))[:10_000]
    started = time.perf_counter()
    for q in batch:
        resolver.rank(q)
    print(f"amity: 10,000 names in {time.perf_counter() - started:.1f} s (target < 60 s)")


if __name__ == "__main__":
    main()
