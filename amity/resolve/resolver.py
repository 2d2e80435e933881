"""Ranking candidates: string similarity across all names, parent and kind agreement, size.

The score is a logistic function of the features below, with weights fitted on labelled
queries built from the registry (``bench/resolve_eval.py`` refits them and reports how well
they are calibrated). A query whose best candidate scores below ``THRESHOLD`` gets no
candidate at all: Amity says "not found" rather than guess.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import Connection

from amity.resolve.index import Entry, NameIndex
from amity.resolve.keys import phonetic, romanisations, skeleton
from amity.resolve.parse import Parsed, readings

# Fitted by bench/resolve_eval.py (logistic regression on the tuning places); see docs/resolver.md.
WEIGHTS = {"bias": -28.54, "similarity": 24.73, "exact": 2.47, "exact_roman": -1.05, "parent": 1.6,
           "parent_miss": -7.61, "kind": 0.53, "population": 7.83, "rivals": -3.12}
THRESHOLD = 0.5
UNKNOWN_POPULATION = 30_000
FUZZY_CUTOFF = 72
_KIND_FIT = {
    ("city", "city"): 1, ("city", "province"): -1, ("city", "country"): -1,
    ("district", "district"): 1, ("district", "province"): -1, ("district", "country"): -1,
    ("province", "province"): 1, ("province", "city"): -1, ("province", "district"): -1,
}


@dataclass
class Candidate:
    id: int
    name: str
    country: str | None
    kind: str
    geonames: int | None
    wikidata: str | None
    score: float
    reasons: list[str] = field(default_factory=list)
    fit: float = 0.0
    features: dict[str, float] = field(default_factory=dict, repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "country": self.country, "kind": self.kind,
                "geonames": self.geonames, "wikidata": self.wikidata, "score": round(self.score, 4),
                "reasons": self.reasons}


class Resolver:
    """Resolves names against one database's registry; thread-safe, refreshed before each query."""

    def __init__(self) -> None:
        self.index = NameIndex()
        self._lock = threading.Lock()

    def refresh(self, conn: Connection) -> None:
        with self._lock:
            self.index.refresh(conn)

    def resolve(self, conn: Connection, query: str, *, country: str | None = None, top: int = 5,
                threshold: float = THRESHOLD) -> list[Candidate]:
        """The places ``query`` may mean, best first, each with a score in 0..1 and reasons.

        Empty when nothing scores ``threshold`` or more.
        """
        self.refresh(conn)
        ranked = self.rank(query, country=country)
        return [c for c in ranked if c.fit >= threshold][:top]

    def rank(self, query: str, *, country: str | None = None) -> list[Candidate]:
        """Every candidate with its score, best first (no threshold): for evaluation."""
        country = country.upper() if country else None
        best: dict[int, Candidate] = {}
        known = self.index.is_place_name
        for reading in readings(query, self.index.country_names, known):
            scope = country  # a country read from the query is a parent (soft), not a filter
            for candidate in self._candidates(reading, scope):
                if candidate.id not in best or candidate.fit > best[candidate.id].fit:
                    best[candidate.id] = candidate
        ranked = sorted(best.values(), key=lambda c: (-c.fit, c.id))
        # Each candidate's fit is judged alone; the score shares belief among the candidates, so
        # that two namesakes that fit equally well are each no more than an even chance.
        total = sum(c.fit for c in ranked)
        for c in ranked:
            c.score = c.fit / max(1.0, total)
        return ranked

    # ------------------------------------------------------------ candidates and features

    def _candidates(self, reading: Parsed, country: str | None) -> list[Candidate]:
        index = self.index
        exact_keys = {skeleton(reading.core), skeleton(reading.bare)} - {""}
        romans = set(romanisations(reading.bare)) | set(romanisations(reading.core))
        found: set[int] = set()
        for key in exact_keys:
            found |= index.exact.get(key, set())
        for roman in romans:
            found |= index.roman.get(roman, set())
        # Sound keys only when no name matches outright: they find garbled spellings ("Pogranic
        # Nei" for Pogranichny) but would crowd out exact matches with namesakes that sound alike.
        sounds = {phonetic(roman) for roman in romans} if not found else set()
        for sound in sounds:
            found |= index.sounds.get(sound, set())
        if not found or reading.parents:
            # Nothing matched outright (a typo, a variant spelling): look for similar names.
            for roman in sorted(romans, key=len, reverse=True)[:3]:
                for key, _, _ in process.extract(roman, index.fuzzy_keys(country, roman), scorer=fuzz.ratio,
                                                 limit=12, score_cutoff=FUZZY_CUTOFF):
                    found |= index.roman[key]
        if country:
            found = {i for i in found if i in index.entries and index.entries[i].country == country}
        parent_ids = self._parents(reading, country)
        exact_hits = {i for key in exact_keys for i in index.exact.get(key, ())} | \
            {i for roman in romans for i in index.roman.get(roman, ())}
        sound_hits = {i for sound in sounds for i in index.sounds.get(sound, ())}
        return [self._score(index.entries[i], reading, romans, exact_keys, parent_ids, exact_hits, i in sound_hits)
                for i in found if i in index.entries]

    def _parents(self, reading: Parsed, country: str | None) -> set[int] | None:
        """Places the query's parent context may mean (None when it gives none)."""
        if not reading.parents:
            return None
        found: set[int] = set()
        for parent in reading.parents:
            parsed = readings(parent)[0]
            keys = {skeleton(parsed.core), skeleton(parsed.bare)} - {""}
            romans = set(romanisations(parsed.bare)) | set(romanisations(parsed.core))
            for key in keys:
                found |= self.index.exact.get(key, set())
            for roman in romans:
                found |= self.index.roman.get(roman, set())
                for key, _, _ in process.extract(roman, self.index.fuzzy_keys(country, roman), scorer=fuzz.ratio,
                                                 limit=5, score_cutoff=75):
                    found |= self.index.roman[key]
        return {i for i in found if i in self.index.entries and self.index.entries[i].kind != "district"}

    def _score(self, entry: Entry, reading: Parsed, romans: set[str], exact_keys: set[str],
               parent_ids: set[int] | None, exact_hits: set[int], sounds_alike: bool) -> Candidate:
        index = self.index
        keys = index.place_keys.get(entry.id, set())
        similarity = max((fuzz.ratio(q, k) for q in romans for k in keys), default=0.0) / 100
        if sounds_alike:
            similarity = max(similarity, max((fuzz.ratio(phonetic(q), phonetic(k)) for q in romans for k in keys),
                                             default=0.0) / 100)
        exact = float(any(entry.id in index.exact.get(k, ()) for k in exact_keys))
        exact_roman = float(any(q in keys for q in romans))
        if similarity == 0 and exact:
            similarity = 1.0  # a name in a script we cannot romanise, matched exactly
        ancestors = index.ancestors(entry.id)
        parent = float(bool(parent_ids and (parent_ids & ancestors)))
        # A parent the registry does not know says nothing; one it knows, that is not ours, counts against.
        parent_miss = float(bool(parent_ids) and not parent)
        kind = float(_KIND_FIT.get((reading.kind or "", entry.kind), 0))
        # Many districts and regions have no population in the data: count them as a town of 30,000
        # rather than as empty, so that they are not out-ranked by any namesake village.
        population = math.log10(1 + (entry.population or UNKNOWN_POPULATION)) / 7
        rivals = math.log1p(len(exact_hits - {entry.id})) if (exact or exact_roman) else 0.0
        features = {"similarity": similarity, "exact": exact, "exact_roman": exact_roman, "parent": parent,
                    "parent_miss": parent_miss, "kind": kind, "population": population, "rivals": rivals}
        z = WEIGHTS["bias"] + sum(WEIGHTS[name] * value for name, value in features.items())
        score = 1 / (1 + math.exp(-z))
        return Candidate(entry.id, entry.name, entry.country, entry.kind, entry.geonames, entry.wikidata, score,
                         _reasons(entry, reading, features, parent_ids, index), score, features)


def _reasons(entry: Entry, reading: Parsed, features: dict[str, float], parent_ids: set[int] | None,
             index: NameIndex) -> list[str]:
    reasons = []
    if features["exact"]:
        reasons.append(f"a name of the place is “{reading.bare or reading.core}”")
    elif features["exact_roman"]:
        reasons.append(f"“{reading.bare}” reads as one of its names")
    else:
        reasons.append(f"its names are {features['similarity']:.0%} like “{reading.bare}”")
    if features["parent"]:
        parent = next(iter(parent_ids & index.ancestors(entry.id)))  # type: ignore[operator]
        reasons.append(f"in {index.entries[parent].name}, as “{', '.join(reading.parents)}” says")
    elif features["parent_miss"]:
        reasons.append(f"not in “{', '.join(reading.parents)}”")
    if features["kind"] > 0:
        reasons.append(f"a {entry.kind}, as the designator says")
    elif features["kind"] < 0:
        reasons.append(f"a {entry.kind}, though the query names a {reading.kind}")
    if entry.population:
        reasons.append(f"population {entry.population:,}")
    if features["rivals"]:
        reasons.append(f"{round(math.expm1(features['rivals']))} other place(s) share the name")
    return reasons


_RESOLVERS: dict[str, Resolver] = {}
_GUARD = threading.Lock()


def resolver_for(url: str) -> Resolver:
    """The one resolver of the database at ``url`` (its index is built once per process)."""
    with _GUARD:
        if url not in _RESOLVERS:
            _RESOLVERS[url] = Resolver()
        return _RESOLVERS[url]
