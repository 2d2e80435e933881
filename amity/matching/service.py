"""Recommend partners: candidates of a suitable kind, ranked by the learned model, with reasons."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import Connection, func, select

from amity.errors import InvalidInput
from amity.matching import graph
from amity.matching.features import GraphStats, graph_stats, pair_features
from amity.matching.model import Ranker, fit
from amity.places import blocs
from amity.places.models import Place
from amity.storage.schema import partnerships

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
                "wikidata": self.wikidata, "score": round(self.score, 4), "reasons": self.reasons}


class Matcher:
    """The snapshot, its graph and the model trained on it, rebuilt when the registry changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._version: tuple[Any, ...] | None = None
        self.snapshot: graph.Snapshot | None = None
        self.stats: GraphStats | None = None
        self.ranker: Ranker | None = None
        self.trained_seconds = 0.0

    def ready(self, conn: Connection) -> "Matcher":
        version = tuple(conn.execute(select(func.count(), func.max(partnerships.c.updated_at))
                                     .select_from(partnerships)).one())
        with self._lock:
            if version != self._version:
                started = time.perf_counter()
                self.snapshot = graph.build(conn)
                self.stats = graph_stats(self.snapshot)
                self.ranker = fit(self.snapshot, self.stats, self.snapshot.edges)
                self.trained_seconds = time.perf_counter() - started
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
        x = pair_features(s, stats, np.full(len(c), q), c)
        scores = ranker.probabilities(x)
        best = np.argsort(-scores)[:top]
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


_FLAGS = {"same_continent": 3, "same_country": 4, "shared_bloc": 6, "same_language": 7, "capital": 13}


def _explain(name: str, q: int, c: int, row: np.ndarray, s: graph.Snapshot, stats: GraphStats) -> str | None:
    """A sentence a foreign-affairs officer can check, for a feature that raised the score."""
    if name in _FLAGS and row[_FLAGS[name]] <= 0:
        return None  # a yes/no feature that helped by being "no" has nothing to say
    cq, cc = _code(s, q), _code(s, c)
    if name in ("size", "size_gap") and not np.isnan(s.log_pop[c]) and not np.isnan(s.log_pop[q]):
        return f"{s.names[q]} has about {_people(s.log_pop[q])} inhabitants, {s.names[c]} about {_people(s.log_pop[c])}"
    if name == "country_affinity":
        return f"{int(round(np.expm1(row[5])))} partnerships already join places of {cq} and {cc}"
    if name in ("common_partners", "adamic_adar") and row[9] > 0:
        shared = sorted(set(stats.adjacency[q].indices) & set(stats.adjacency[c].indices))
        return "shared partner(s): " + ", ".join(s.names[i] for i in shared[:3])
    if name == "partners_in_country":
        return f"{s.names[q]} already has {int(round(np.expm1(row[11])))} partner(s) in {cc}"
    if name == "distance":
        return f"{10 ** row[2] - 1:,.0f} km apart"
    if name == "same_continent":
        return "on the same continent"
    if name == "shared_bloc":
        both = [code for bit, code in enumerate(s.bloc_codes)
                if s.bloc_mask[s.country[q]] >> bit & 1 and s.bloc_mask[s.country[c]] >> bit & 1]
        return f"both countries are in the {', '.join(both)}" if both else None
    if name == "degree":
        return f"{s.names[c]} is an active partner: {int(round(np.expm1(row[8])))} partnerships"
    if name == "same_language":
        return "the same official language"
    if name == "capital":
        return f"{s.names[c]} is a capital"
    return None


_MATCHERS: dict[str, Matcher] = {}
_GUARD = threading.Lock()


def matcher_for(url: str) -> Matcher:
    with _GUARD:
        return _MATCHERS.setdefault(url, Matcher())
