"""Pair features for matching: for a batch of pairs, or for one place against every candidate.

Every graph feature is computed on the graph it is given. Training computes the features of a
partnership on a graph that lacks it (see ``model``), and evaluation on a graph that lacks the
held-out partnerships, so no feature knows the pair being predicted.

``pair_features`` (any pairs, used in training) and ``query_features`` (one place against many
candidates, used to recommend) compute the same numbers in two ways; a test holds them equal.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from amity.matching.graph import EARTH_RADIUS_KM, Snapshot

NAMES = (
    "size", "size_gap", "distance", "same_continent", "same_country", "country_affinity", "country_share",
    "shared_bloc", "same_language", "same_region", "region_affinity", "degree", "common_partners",
    "adamic_adar", "resource_allocation", "paths_of_three", "partners_in_country", "partners_of_partners_in_country",
    "saturation",
    "partners_in_region", "region_saturation", "partners_near_query", "query_partners_near",
    "partners_close_to_query", "query_partners_close", "twinned_surroundings", "wide_surroundings",
    "capital", "same_name", "size_unknown",
)
UNKNOWN_LOG_POP = 4.5      # a place of unknown size counts as about 30,000 people
UNKNOWN_KM = 5000.0        # and a place without coordinates as 5,000 km away
NEAR_KM = 150.0            # "near": partners weighted by exp(-distance / NEAR_KM)
LOCAL_KM = 20.0            # the same within a town's own surroundings
WIDE_KM = 60.0
SHARE_PRIOR = 50.0         # partnerships a country is assumed to have before its own count


@dataclass
class GraphStats:
    """What the features need of one partnership graph, computed once per graph."""

    adjacency: sp.csr_matrix
    degree: np.ndarray
    inverse_log_degree: np.ndarray
    inverse_degree: np.ndarray
    country_pairs: np.ndarray             # (countries × countries) partnerships between them
    country_total: np.ndarray             # partnerships of each country's places
    partners_by_country: sp.csr_matrix    # (places × countries) a place's partners in each country
    by_country_t: sp.csr_matrix           # its transpose, for "partners in the query's country"
    two_hops_by_country: sp.csr_matrix    # (places × countries) partners of its partners in each country
    region_pairs: sp.csr_matrix           # (provinces × provinces) partnerships between them
    partners_by_region: sp.csr_matrix     # (places × provinces)
    by_region_t: sp.csr_matrix


def _one_hot(index: np.ndarray, size: int) -> sp.csr_matrix:
    known = np.nonzero(index >= 0)[0]
    return sp.csr_matrix((np.ones(len(known)), (known, index[known])), shape=(len(index), size))


def graph_stats(snapshot: Snapshot, edges: np.ndarray | None = None) -> GraphStats:
    adjacency = snapshot.adjacency(edges).astype(np.float64)
    degree = np.asarray(adjacency.sum(axis=1)).ravel()
    inverse_log = np.where(degree > 1, 1 / np.log(np.maximum(degree, 2)), 0.0)
    inverse = np.where(degree > 0, 1 / np.maximum(degree, 1), 0.0)
    by_country = (adjacency @ _one_hot(snapshot.country, len(snapshot.country_codes))).tocsr()
    country_pairs = (_one_hot(snapshot.country, len(snapshot.country_codes)).T @ by_country).toarray()
    regions = int(snapshot.region.max()) + 1 if len(snapshot.region) else 0
    region_hot = _one_hot(snapshot.region, regions)
    by_region = (adjacency @ region_hot).tocsr()
    return GraphStats(adjacency, degree, inverse_log, inverse, country_pairs, country_pairs.sum(axis=1), by_country,
                      by_country.T.tocsr(), (adjacency @ by_country).tocsr(), (region_hot.T @ by_region).tocsr(),
                      by_region, by_region.T.tocsr())


def km_between(snapshot: Snapshot, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Great-circle distance in km (NaN where a place has no coordinates)."""
    p1, p2 = np.radians(snapshot.lat[a]), np.radians(snapshot.lat[b])
    dl = np.radians(snapshot.lng[b] - snapshot.lng[a])
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))


def _nearness_from_cosines(cosines: np.ndarray) -> np.ndarray:
    """exp(-distance / NEAR_KM) from the cosines of the angles between places (NaN: unknown, 0)."""
    km = EARTH_RADIUS_KM * np.arccos(np.clip(cosines, -1.0, 1.0))
    return np.exp(-np.nan_to_num(km, nan=np.inf) / NEAR_KM)


def _nearness(snapshot: Snapshot, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    points = snapshot.unit_vectors()
    return _nearness_from_cosines(np.einsum("ij,ij->i", points[a], points[b]))


def _row_dot(left: sp.csr_matrix, right: sp.csr_matrix) -> np.ndarray:
    return np.asarray(left.multiply(right).sum(axis=1)).ravel()


def _partners_near(snapshot: Snapshot, stats: GraphStats, owner: np.ndarray, other: np.ndarray) -> np.ndarray:
    """For each pair, the owner's partners weighted by how near they are to the other place."""
    rows = stats.adjacency[owner]
    counts = np.diff(rows.indptr)
    weights = _nearness(snapshot, rows.indices, np.repeat(other, counts))
    return np.bincount(np.repeat(np.arange(len(owner)), counts), weights=weights, minlength=len(owner))


def _lookup(matrix: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    known = (rows >= 0) & (cols >= 0)
    out = np.zeros(len(rows))
    if known.any():
        out[known] = np.asarray(matrix[rows[known], cols[known]]).ravel()
    return out


def _assemble(s: Snapshot, stats: GraphStats, q: np.ndarray, c: np.ndarray, km: np.ndarray,
              counts: dict[str, np.ndarray]) -> np.ndarray:
    """The feature matrix from the counts both ways of computing share."""
    pop_q = np.nan_to_num(s.log_pop[q], nan=UNKNOWN_LOG_POP)
    pop_c = np.nan_to_num(s.log_pop[c], nan=UNKNOWN_LOG_POP)
    cq, cc = s.country[q], s.country[c]
    known = (cq >= 0) & (cc >= 0)
    cq0, cc0 = np.maximum(cq, 0), np.maximum(cc, 0)
    rq, rc = s.region[q], s.region[c]
    affinity = np.where(known, stats.country_pairs[cq0, cc0], 0.0)
    # Of the query country's partnerships, the share that goes to the candidate's country.
    share = (affinity + 1) / (np.where(cq >= 0, stats.country_total[cq0], 0.0) + SHARE_PRIOR)
    return np.column_stack([
        pop_c,
        -np.abs(pop_c - pop_q),
        np.log10(1 + np.nan_to_num(km, nan=UNKNOWN_KM)),
        (known & (s.continent[cq0] == s.continent[cc0])).astype(float),
        (known & (cq == cc)).astype(float),
        np.log1p(affinity),
        np.where(known, np.log(share), np.log(1 / SHARE_PRIOR)),
        (known & ((s.bloc_mask[cq0] & s.bloc_mask[cc0]) > 0)).astype(float),
        (known & (s.language[cq0] == s.language[cc0])).astype(float),
        ((rq >= 0) & (rq == rc)).astype(float),
        np.log1p(counts["region_affinity"]),
        np.log1p(stats.degree[c]),
        np.log1p(counts["common"]),
        counts["adamic_adar"],
        counts["resource"],
        np.log1p(counts["paths"]),
        np.log1p(counts["in_country"]),
        np.log1p(counts["two_hops_in_country"]),
        np.log1p(counts["saturation"]),
        np.log1p(counts["in_region"]),
        np.log1p(counts["region_saturation"]),
        np.log1p(counts["near_query"]),
        np.log1p(counts["query_near"]),
        np.log1p(counts["close_query"]),
        np.log1p(counts["query_close"]),
        np.log1p(counts["surroundings"]),
        np.log1p(counts["wide"]),
        s.capital[c],
        (s.name_code[q] == s.name_code[c]).astype(float),
        np.isnan(s.log_pop[c]).astype(float),
    ])


def pair_features(snapshot: Snapshot, stats: GraphStats, q: np.ndarray, c: np.ndarray) -> np.ndarray:
    """Features of the pairs (q[i], c[i]) as a (pairs × features) matrix."""
    s, adjacency = snapshot, stats.adjacency
    local, wide = s.kernel(LOCAL_KM), s.kernel(WIDE_KM)
    rows_q, rows_c = adjacency[q], adjacency[c]
    common = rows_q.multiply(rows_c).tocsr()
    local_q = local[q]
    counts = {
        "common": np.asarray(common.sum(axis=1)).ravel(),
        "adamic_adar": common @ stats.inverse_log_degree,
        "resource": common @ stats.inverse_degree,
        "paths": _row_dot(rows_q @ adjacency, rows_c),
        "in_country": _lookup(stats.partners_by_country, q, s.country[c]),
        "two_hops_in_country": _lookup(stats.two_hops_by_country, q, s.country[c]),
        "saturation": _lookup(stats.partners_by_country, c, s.country[q]),
        "in_region": _lookup(stats.partners_by_region, q, s.region[c]),
        "region_saturation": _lookup(stats.partners_by_region, c, s.region[q]),
        "region_affinity": _lookup(stats.region_pairs, s.region[q], s.region[c]),
        "near_query": _partners_near(s, stats, c, q),
        "query_near": _partners_near(s, stats, q, c),
        "close_query": _row_dot(rows_c, local_q),
        "query_close": _row_dot(rows_q, local[c]),
        "surroundings": _row_dot(local_q @ adjacency, local[c]),
        "wide": _row_dot(wide[q] @ adjacency, wide[c]),
    }
    return _assemble(s, stats, q, c, km_between(s, q, c), counts)


def query_features(snapshot: Snapshot, stats: GraphStats, q: int, candidates: np.ndarray) -> np.ndarray:
    """Features of (q, c) for every c in ``candidates``: the same numbers as ``pair_features``,
    computed as a few sparse products over all places at once (fast for one query)."""
    s, adjacency = snapshot, stats.adjacency
    n = len(s.ids)
    local, wide = s.kernel(LOCAL_KM), s.kernel(WIDE_KM)
    partners = adjacency[q].toarray().ravel()
    local_q = local[q].toarray().ravel()
    wide_q = wide[q].toarray().ravel()
    everyone = np.arange(n)
    near_q = _nearness(s, np.full(n, q), everyone)
    points = s.unit_vectors()
    query_near = _nearness_from_cosines(points[adjacency[q].indices] @ points.T).sum(axis=0)
    cq, rq = s.country[q], s.region[q]

    def column(matrix_t: sp.csr_matrix, index: int) -> np.ndarray:
        return matrix_t[index].toarray().ravel() if index >= 0 else np.zeros(n)

    def by_index(row: np.ndarray, index: np.ndarray) -> np.ndarray:
        return np.where(index >= 0, row[np.maximum(index, 0)], 0.0)

    in_country = stats.partners_by_country[q].toarray().ravel()
    in_region = stats.partners_by_region[q].toarray().ravel()
    region_affinity = column(stats.region_pairs, rq)
    counts = {
        "common": adjacency @ partners,
        "adamic_adar": adjacency @ (partners * stats.inverse_log_degree),
        "resource": adjacency @ (partners * stats.inverse_degree),
        "paths": adjacency @ (adjacency @ partners),
        "in_country": by_index(in_country, s.country),
        "two_hops_in_country": by_index(stats.two_hops_by_country[q].toarray().ravel(), s.country),
        "saturation": column(stats.by_country_t, cq),
        "in_region": by_index(in_region, s.region),
        "region_saturation": column(stats.by_region_t, rq),
        "region_affinity": by_index(region_affinity, s.region) if rq >= 0 else np.zeros(n),
        "near_query": adjacency @ near_q,
        "query_near": query_near,
        "close_query": adjacency @ local_q,
        "query_close": local @ partners,
        "surroundings": local @ (adjacency @ local_q),
        "wide": wide @ (adjacency @ wide_q),
    }
    counts = {name: values[candidates] for name, values in counts.items()}
    qs = np.full(len(candidates), q)
    return _assemble(s, stats, qs, candidates, km_between(s, qs, candidates), counts)
