"""Recommend partners: candidates of a suitable kind, ranked by the learned model, with reasons."""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime, timezone
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import Connection, delete, func, select

from amity.errors import InvalidInput
from amity.matching import graph
from amity.matching.features import LOCAL_KM, NAMES, NEAR_KM, WIDE_KM, GraphStats, graph_stats, km_between, query_features
from amity.matching.model import Ranker, fit, shipped
from amity.places import blocs
from amity.places.models import Place
from amity.storage.schema import meta, partnerships

AREAS = ("people", "economy", "culture", "governance")
AREA_NAMES = {"people": "people-to-people exchange", "economy": "economy and trade", "culture": "culture",
              "governance": "sharing governance experience"}


@dataclass
class Match:
    id: int
    name: str
    country: str | None
    geonames: int | None
    wikidata: str | None
    score: float
    reasons: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "country": self.country, "geonames": self.geonames,
                "wikidata": self.wikidata, "score": float(f"{self.score:.4g}"), "reasons": self.reasons}


MODEL_KEY = "matching_model"


def stored_model(conn: Connection) -> Ranker | None:
    """The model trained on this registry (``amity match --train``), if it is still usable."""
    text = conn.execute(select(meta.c.value).where(meta.c.key == MODEL_KEY)).scalar()
    if text is None:
        return None
    try:
        return Ranker.from_dict(json.loads(text))
    except (ValueError, KeyError, TypeError):
        return None  # trained on features this version no longer has: the shipped model serves


def train(conn: Connection, seed: int = 0) -> Ranker:
    """Train on the registry's partnerships in force and store the model in it (``conn`` writes)."""
    started = time.perf_counter()
    snapshot = graph.build(conn)
    ranker = fit(snapshot, snapshot.edges, seed=seed)
    ranker.about = {"partnerships": int(len(snapshot.edges)), "places": int(len(snapshot.ids)),
                    "trained_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "seconds": round(time.perf_counter() - started, 1)}
    conn.execute(delete(meta).where(meta.c.key == MODEL_KEY))
    conn.execute(meta.insert().values(key=MODEL_KEY, value=json.dumps(ranker.to_dict())))
    return ranker


class Matcher:
    """The registry's snapshot and graph, rebuilt when the registry changes, and the model:
    the one trained on this registry if there is one, else the one trained on the world data."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: tuple[Any, ...] | None = None
        self.snapshot: graph.Snapshot | None = None
        self.stats: GraphStats | None = None
        self.ranker: Ranker | None = None
        self.built_seconds = 0.0

    def ready(self, conn: Connection) -> "Matcher":
        version = tuple(conn.execute(select(func.count(), func.max(partnerships.c.updated_at))
                                     .select_from(partnerships)).one())
        version += (conn.execute(select(meta.c.value).where(meta.c.key == MODEL_KEY)).scalar(),)
        with self._lock:
            if version != self._version:
                started = time.perf_counter()
                self.snapshot = graph.build(conn)
                self.stats = graph_stats(self.snapshot)
                for sigma in (LOCAL_KM, WIDE_KM):   # built now, so that no visitor waits for them
                    self.snapshot.kernel(sigma)
                self.ranker = stored_model(conn) or shipped()
                self.built_seconds = time.perf_counter() - started
                self._version = version
        return self

    def recommend(self, conn: Connection, place: Place, *, countries: list[str] | None = None,
                  bloc: str | None = None, areas: list[str] | None = None, top: int = 10,
                  include_domestic: bool = False, min_population: int | None = None,
                  max_population: int | None = None) -> list[Match]:
        """Partners ``place`` does not have yet, best first."""
        self.ready(conn)
        s, stats, ranker = self.snapshot, self.stats, self.ranker
        assert s is not None and stats is not None and ranker is not None
        for area in areas or ():
            if area not in AREAS:
                raise InvalidInput(f"unknown area {area!r} (use {', '.join(AREAS)})", field="areas")
        if place.id not in s.position:
            raise InvalidInput(f"{place.name} is a {place.kind.value}; matching is for provinces, cities and "
                               "districts", field="place")
        q = s.position[place.id]
        allowed = self._allowed(conn, q, countries, bloc, include_domestic, min_population, max_population)
        c = np.nonzero(allowed)[0]
        if len(c) == 0:
            return []
        x = query_features(s, stats, q, c)
        logits = ranker.logits(x)
        # The model's chance that each candidate is the one: a softmax over the candidates.
        scores = np.exp(logits - logits.max())
        scores /= scores.sum()
        best = np.argsort(-scores, kind="stable")[:top]
        return [self._match(q, c[i], x[i], scores[i], areas) for i in best]

    def _allowed(self, conn, q, countries, bloc, include_domestic, min_population, max_population) -> np.ndarray:
        s, stats = self.snapshot, self.stats
        province = s.kinds[q] == "province"
        allowed = (s.kinds == "province") if province else (s.kinds != "province")
        allowed &= np.arange(len(s.ids)) != q
        allowed[stats.adjacency[q].indices] = False
        if not include_domestic and s.country[q] >= 0:
            allowed &= s.country != s.country[q]
        wanted: set[str] = {c.upper() for c in countries or ()}
        if bloc:
            wanted |= blocs.countries_in(conn, bloc)
        if wanted:
            codes = np.array([code in wanted for code in s.country_codes] + [False])
            allowed &= codes[s.country]
        if min_population is not None:
            allowed &= np.nan_to_num(s.log_pop, nan=0) >= np.log10(max(min_population, 1))
        if max_population is not None:
            allowed &= np.nan_to_num(s.log_pop, nan=99) <= np.log10(max(max_population, 1))
        return allowed

    def _match(self, q: int, c: int, row: np.ndarray, score: float, areas: list[str] | None) -> Match:
        s = self.snapshot
        return Match(int(s.ids[c]), s.names[c], _code(s, c), int(s.ids[c]) if s.ids[c] < 1_000_000_000 else None,
                     None, float(score), self._reasons(q, c, row, areas))

    def _reasons(self, q: int, c: int, row: np.ndarray, areas: list[str] | None) -> list[str]:
        s, stats, ranker = self.snapshot, self.stats, self.ranker
        contributions = ranker.contributions(row)
        reasons = []
        for name, value in sorted(contributions.items(), key=lambda kv: -kv[1]):
            if value <= 0.05 or len(reasons) >= 4:
                break
            text = _explain(name, q, c, row, s, stats)
            if text and text not in reasons:  # common partners and Adamic-Adar tell the same story
                reasons.append(text)
        if areas:
            reasons.append("sought: " + ", ".join(AREA_NAMES[a] for a in areas))
        return reasons


def _code(s: graph.Snapshot, index: int) -> str | None:
    return s.country_codes[s.country[index]] if s.country[index] >= 0 else None


def _people(log_pop: float) -> str:
    value = 10 ** log_pop
    return f"{value / 1e6:.1f} million" if value >= 1e6 else f"{round(value, -3):,.0f}"


_FLAGS = ("same_continent", "same_country", "shared_bloc", "same_language", "same_region", "capital", "same_name")
_SAME_STORY = {"adamic_adar": "common_partners", "resource_allocation": "common_partners",
               "country_share": "country_affinity", "query_partners_close": "query_partners_near",
               "partners_close_to_query": "partners_near_query", "wide_surroundings": "twinned_surroundings"}

def _names(s: graph.Snapshot, indexes, limit: int = 3) -> str:
    return ", ".join(s.names[i] for i in list(indexes)[:limit])


def _nearest(s: graph.Snapshot, among: np.ndarray, to: int, within_km: float) -> list[int]:
    """Of the places ``among``, those within ``within_km`` of place ``to``, nearest first."""
    if len(among) == 0:
        return []
    km = km_between(s, among, np.full(len(among), to))
    order = np.argsort(np.nan_to_num(km, nan=np.inf), kind="stable")
    return [int(among[i]) for i in order if km[i] <= within_km]


def _explain(name: str, q: int, c: int, row: np.ndarray, s: graph.Snapshot, stats: GraphStats) -> str | None:
    """A sentence a foreign-affairs officer can check, for a feature that raised the score."""
    value = row[NAMES.index(name)]
    if name in _FLAGS and value <= 0:
        return None  # a yes/no feature that helped by being "no" has nothing to say
    name = _SAME_STORY.get(name, name)
    cq, cc = _code(s, q), _code(s, c)
    rq, rc = s.region[q], s.region[c]
    partners_q, partners_c = stats.adjacency[q].indices, stats.adjacency[c].indices
    if name in ("size", "size_gap") and not np.isnan(s.log_pop[c]) and not np.isnan(s.log_pop[q]):
        return f"{s.names[q]} has about {_people(s.log_pop[q])} inhabitants, {s.names[c]} about {_people(s.log_pop[c])}"
    if name == "country_affinity" and cq and cc:
        return f"{int(stats.country_pairs[s.country[q], s.country[c]])} partnerships already join places of {cq} and {cc}"
    if name == "region_affinity" and rq >= 0 and rc >= 0 and rq != rc:
        count = int(stats.region_pairs[rq, rc])
        return (f"{count} partnership(s) already join places of {s.region_names[rq]} and {s.region_names[rc]}"
                if count else None)
    if name == "common_partners":
        shared = sorted(set(partners_q) & set(partners_c))
        return "shared partner(s): " + _names(s, shared) if shared else None
    if name == "paths_of_three" and value > 0:
        chains = int(round(np.expm1(value)))
        return f"linked through partners of partners ({chains} chain{'s' if chains != 1 else ''} of three partnerships)"
    if name == "partners_in_country" and cc:
        count = int(np.sum(s.country[partners_q] == s.country[c]))
        return f"{s.names[q]} already has {count} partner(s) in {cc}" if count else None
    if name == "partners_of_partners_in_country" and cc:
        count = int(stats.two_hops_by_country[q, s.country[c]])
        return f"partners of {s.names[q]}'s partners: {count} in {cc}" if count else None
    if name == "saturation" and cq:
        twins = partners_c[s.country[partners_c] == s.country[q]]
        return f"{s.names[c]} already twins with {len(twins)} place(s) in {cq}: {_names(s, twins)}" if len(twins) else None
    if name == "partners_in_region" and rc >= 0:
        inside = partners_q[s.region[partners_q] == rc]
        return (f"{s.names[q]} already has partner(s) in {s.region_names[rc]}: {_names(s, inside)}"
                if len(inside) else None)
    if name == "region_saturation" and rq >= 0:
        inside = partners_c[s.region[partners_c] == rq]
        return (f"{s.names[c]} already twins with place(s) in {s.region_names[rq]}: {_names(s, inside)}"
                if len(inside) else None)
    if name == "partners_near_query":
        near = _nearest(s, partners_c, q, 2 * NEAR_KM)
        return f"{s.names[c]} already twins with places near {s.names[q]}: {_names(s, near)}" if near else None
    if name == "query_partners_near":
        near = _nearest(s, partners_q, c, 2 * NEAR_KM)
        return f"{s.names[q]} already twins with places near {s.names[c]}: {_names(s, near)}" if near else None
    if name == "twinned_surroundings":
        return _surroundings(q, c, s, stats)
    if name == "distance":
        return f"{10 ** row[NAMES.index('distance')] - 1:,.0f} km apart"
    if name == "same_continent":
        return "on the same continent"
    if name == "same_region" and rq >= 0:
        return f"both in {s.region_names[rq]}"
    if name == "shared_bloc":
        both = [code for bit, code in enumerate(s.bloc_codes)
                if s.bloc_mask[s.country[q]] >> bit & 1 and s.bloc_mask[s.country[c]] >> bit & 1]
        return f"both countries are in the {', '.join(both)}" if both else None
    if name == "degree":
        return f"{s.names[c]} is an active partner: {int(stats.degree[c])} partnerships"
    if name == "same_language":
        return "the same official language"
    if name == "capital":
        return f"{s.names[c]} is a capital"
    if name == "same_name":
        return "the same name"
    return None


def _surroundings(q: int, c: int, s: graph.Snapshot, stats: GraphStats) -> str | None:
    """An example or two of places around the one twinned with places around the other."""
    around_q, around_c = s.kernel(WIDE_KM)[q].indices, s.kernel(WIDE_KM)[c].indices
    linked = stats.adjacency[around_q][:, around_c].tocoo()
    if linked.nnz == 0:
        return None
    u, v = around_q[linked.row], around_c[linked.col]
    km = km_between(s, u, np.full(len(u), q)) + km_between(s, v, np.full(len(v), c))
    nearest = np.argsort(km, kind="stable")[:2]
    shown = "; ".join(f"{s.names[u[i]]}–{s.names[v[i]]}" for i in nearest)
    return f"places around {s.names[q]} already twin with places around {s.names[c]} ({shown})"


_MATCHERS: dict[str, Matcher] = {}
_GUARD = threading.Lock()


def matcher_for(url: str) -> Matcher:
    with _GUARD:
        return _MATCHERS.setdefault(url, Matcher())
