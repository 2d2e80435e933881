"""Evaluate partner recommendations on held-out partnerships (see docs/matching.md).

For each of 5 seeds: hold out 10% of partnerships at random; recompute every graph feature
and retrain the model without them; for held-out pairs (a sample of --queries per seed) rank
every candidate of the query place's level (filtered: the place and its remaining partners
removed, no sampled negatives) and record the held-out partner's rank. Reports MRR, Hits@10
and Hits@50 with bootstrap 95% intervals, by the query's degree, for the learned ranker and
the baselines: popularity, preferential attachment, country-pair prior × degree, Adamic-Adar.
Usage: python bench/match_eval.py [--queries 500]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from amity import world
from amity.matching import graph
from amity.matching.features import graph_stats, pair_features
from amity.matching.model import fit
from amity.storage import migrate, open_database

SEEDS = (1, 2, 3, 4, 5)


def rank_of(scores: np.ndarray, target: int, allowed: np.ndarray, rng: np.random.Generator) -> int:
    """1-based rank of ``target`` among allowed candidates; ties broken at random."""
    mine = scores[target]
    better = np.count_nonzero(allowed & (scores > mine))
    ties = np.count_nonzero(allowed & (scores == mine)) - 1
    return better + 1 + (int(rng.integers(0, ties + 1)) if ties > 0 else 0)


def bootstrap(values: np.ndarray, rng: np.random.Generator, rounds: int = 1000) -> tuple[float, float, float]:
    means = [values[rng.integers(0, len(values), len(values))].mean() for _ in range(rounds)]
    return float(values.mean()), float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def speed(db, snapshot: graph.Snapshot) -> None:
    """Training on the full registry, and one recommendation over all candidates."""
    from amity.matching.service import Matcher
    from amity.places import service as places

    matcher = Matcher()
    with db.read() as conn:
        matcher.ready(conn)
        print(f"training on the full registry (snapshot, graph, model): {matcher.trained_seconds:.1f} s "
              f"(target < 300 s)")
        rng = np.random.default_rng(7)
        times = []
        for index in rng.choice(len(snapshot.ids), 200, replace=False):
            place = places.get_or_raise(conn, int(snapshot.ids[index]))
            started = time.perf_counter()
            matcher.recommend(conn, place, top=10)
            times.append(time.perf_counter() - started)
    print(f"one recommendation over all candidates: {np.median(times) * 1000:.0f} ms median, "
          f"p95 {np.percentile(times, 95) * 1000:.0f} ms (target < 200 ms median)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=500, help="held-out pairs ranked per seed")
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    db = open_database(os.environ.get("AMITY_DATABASE_URL") or f"sqlite:///{Path(folder) / 'eval.sqlite3'}")
    migrate.upgrade(db)
    world.load(db)
    with db.read() as conn:
        snapshot = graph.build(conn)
    edges = snapshot.edges
    print(f"{len(snapshot.ids):,} candidate places, {len(edges):,} partnerships in force")
    ranks: dict[str, list[tuple[int, int]]] = defaultdict(list)  # method -> (rank, query degree)
    train_times = []
    for seed in SEEDS:
        rng = np.random.default_rng(seed)
        held = rng.random(len(edges)) < 0.10
        train, test = edges[~held], edges[held]
        stats = graph_stats(snapshot, train)
        started = time.perf_counter()
        ranker = fit(snapshot, stats, train, seed=seed)
        train_times.append(time.perf_counter() - started)
        pairs = test[rng.choice(len(test), min(args.queries, len(test)), replace=False)]
        for a, b in pairs:
            q, t = (a, b) if rng.random() < 0.5 else (b, a)
            province = snapshot.kinds[q] == "province"
            allowed = (snapshot.kinds == "province") if province else (snapshot.kinds != "province")
            if allowed[t] == 0:
                continue
            allowed = allowed.copy()
            allowed[q] = False
            allowed[stats.adjacency[q].indices] = False
            c = np.arange(len(snapshot.ids))
            x = pair_features(snapshot, stats, np.full(len(c), q), c)
            degree = stats.degree
            cq, cc = snapshot.country[q], snapshot.country
            prior = np.where((cq >= 0) & (cc >= 0), stats.country_pairs[max(cq, 0), np.maximum(cc, 0)], 0)
            methods = {
                "learned ranker": ranker.logits(x),
                "popularity": degree.astype(float),
                "preferential attachment": degree * max(degree[q], 1),
                "country-pair prior × degree": (prior + 1) * (degree + 1),
                "Adamic-Adar": x[:, 10] + 1e-6 * degree,  # ties among zero AA broken by degree
            }
            for name, scores in methods.items():
                ranks[name].append((rank_of(scores, t, allowed, rng), int(degree[q])))
    print(f"training on 90% of the registry: {np.mean(train_times):.1f} s mean over {len(SEEDS)} seeds")
    speed(db, snapshot)
    rng = np.random.default_rng(0)
    groups = {"all": lambda d: True, "degree 0–1": lambda d: d <= 1, "degree 2–5": lambda d: 2 <= d <= 5,
              "degree 6+": lambda d: d >= 6}
    for group, keep in groups.items():
        print(f"\n{group}")
        for name, found in ranks.items():
            r = np.array([rank for rank, degree in found if keep(degree)], dtype=float)
            if len(r) == 0:
                continue
            mrr = bootstrap(1 / r, rng)
            h10 = bootstrap((r <= 10).astype(float), rng)
            h50 = bootstrap((r <= 50).astype(float), rng)
            print(f"  {name:<28} n={len(r):>5}  MRR {mrr[0]:.4f} [{mrr[1]:.4f}, {mrr[2]:.4f}]  "
                  f"Hits@10 {h10[0]:.3f} [{h10[1]:.3f}, {h10[2]:.3f}]  Hits@50 {h50[0]:.3f} [{h50[1]:.3f}, {h50[2]:.3f}]")


if __name__ == "__main__":
    main()
