"""Pair features for matching, computed for one place against every candidate at once.

Every graph feature is computed on the graph it is given: in evaluation that graph lacks the
held-out partnerships, so no feature knows the pair being predicted. In training, a pair
that is itself an edge has its own contribution taken out of each count (degree, country-pair
count, partners in the country, saturation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from amity.matching.graph import Snapshot

NAMES = ("size", "size_gap", "distance", "same_continent", "same_country", "country_affinity", "shared_bloc",
         "same_language", "degree", "common_partners", "adamic_adar", "partners_in_country", "saturation",
         "capital")
UNKNOWN_LOG_POP = 4.5  # a place of unknown size counts as about 30,000 people


@dataclass
class GraphStats:
    """What the features need of one graph, computed once per graph."""

    adjacency: sp.csr_matrix
    degree: np.ndarray
    inverse_log_degree: np.ndarray
    country_pairs: np.ndarray      # (countries × countries) partnerships between them
    partners_by_country: sp.csr_matrix   # (places × countries) a place's partners in each country


def graph_stats(snapshot: Snapshot, edges: np.ndarray | None = None) -> GraphStats:
    adjacency = snapshot.adjacency(edges)
    degree = np.asarray(adjacency.sum(axis=1)).ravel()
    inverse_log = np.where(degree > 1, 1 / np.log(np.maximum(degree, 2)), 0.0)
    n_countries = len(snapshot.country_codes)
    known = snapshot.country >= 0
    one_hot = sp.csr_matrix((np.ones(known.sum()), (np.nonzero(known)[0], snapshot.country[known])),
                            shape=(len(snapshot.ids), n_countries))
    by_country = (adjacency @ one_hot).tocsr()
    pairs = (one_hot.T @ by_country).toarray()
    return GraphStats(adjacency, degree, inverse_log, pairs, by_country)


def _km(lat1, lng1, lat2, lng2):
    p1, p2 = np.radians(lat1), np.radians(lat2)
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lng2 - lng1) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def pair_features(snapshot: Snapshot, stats: GraphStats, q: np.ndarray, c: np.ndarray,
                  is_edge: np.ndarray | None = None) -> np.ndarray:
    """Features of pairs (q[i], c[i]) as a (pairs × features) matrix."""
    s = snapshot
    own = np.zeros(len(q)) if is_edge is None else is_edge.astype(float)
    pop_q = np.nan_to_num(s.log_pop[q], nan=UNKNOWN_LOG_POP)
    pop_c = np.nan_to_num(s.log_pop[c], nan=UNKNOWN_LOG_POP)
    km = _km(s.lat[q], s.lng[q], s.lat[c], s.lng[c])
    cq, cc = s.country[q], s.country[c]
    known = (cq >= 0) & (cc >= 0)
    cq0, cc0 = np.maximum(cq, 0), np.maximum(cc, 0)
    affinity = np.where(known, stats.country_pairs[cq0, cc0] - own, 0)
    rows_q, rows_c = stats.adjacency[q], stats.adjacency[c]
    common = rows_q.multiply(rows_c)
    common_count = np.asarray(common.sum(axis=1)).ravel()
    adamic_adar = np.asarray(common @ stats.inverse_log_degree).ravel()
    in_country = np.where(known, np.asarray(stats.partners_by_country[q, cc0]).ravel() - own, 0)
    saturation = np.where(known, np.asarray(stats.partners_by_country[c, cq0]).ravel() - own, 0)
    return np.column_stack([
        pop_c,
        -np.abs(pop_c - pop_q),
        np.log10(1 + np.nan_to_num(km, nan=5000.0)),
        (known & (s.continent[cq0] == s.continent[cc0])).astype(float),
        (known & (cq == cc)).astype(float),
        np.log1p(np.maximum(affinity, 0)),
        (known & ((s.bloc_mask[cq0] & s.bloc_mask[cc0]) > 0)).astype(float),
        (known & (s.language[cq0] == s.language[cc0])).astype(float),
        np.log1p(np.maximum(stats.degree[c] - own, 0)),
        np.log1p(common_count),
        adamic_adar,
        np.log1p(np.maximum(in_country, 0)),
        np.log1p(np.maximum(saturation, 0)),
        s.capital[c],
    ])
