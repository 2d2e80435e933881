"""The learned ranker: logistic regression on standardised pair features, trained on the
registry's own partnerships against sampled non-partners, with reasons from contributions."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from amity.matching.features import NAMES, GraphStats, pair_features
from amity.matching.graph import Snapshot

NEGATIVES_PER_POSITIVE = 10
MAX_POSITIVES = 30_000
L2 = 1.0


@dataclass
class Ranker:
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray   # bias first

    def logits(self, features: np.ndarray) -> np.ndarray:
        return self.weights[0] + ((features - self.mean) / self.scale) @ self.weights[1:]

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-self.logits(features)))

    def contributions(self, row: np.ndarray) -> dict[str, float]:
        """How much each feature moved this pair's score, against an average pair."""
        return dict(zip(NAMES, ((row - self.mean) / self.scale) * self.weights[1:]))

    def to_dict(self) -> dict[str, float]:
        return {"bias": float(self.weights[0]), **{n: float(w) for n, w in zip(NAMES, self.weights[1:])}}


def training_pairs(snapshot: Snapshot, edges: np.ndarray, rng: np.random.Generator):
    """Partnerships (both directions) and, for each, random places that are not partners."""
    both = np.concatenate([edges, edges[:, ::-1]])
    if len(both) > MAX_POSITIVES:
        both = both[rng.choice(len(both), MAX_POSITIVES, replace=False)]
    q_pos, c_pos = both[:, 0], both[:, 1]
    q_neg = np.repeat(q_pos, NEGATIVES_PER_POSITIVE)
    c_neg = rng.integers(0, len(snapshot.ids), len(q_neg))
    linked = set(map(tuple, edges.tolist())) | set(map(tuple, edges[:, ::-1].tolist()))
    keep = np.array([(a, b) not in linked and a != b for a, b in zip(q_neg.tolist(), c_neg.tolist())])
    q_neg, c_neg = q_neg[keep], c_neg[keep]
    q = np.concatenate([q_pos, q_neg])
    c = np.concatenate([c_pos, c_neg])
    y = np.concatenate([np.ones(len(q_pos)), np.zeros(len(q_neg))])
    is_edge = y.astype(bool)
    return q, c, y, is_edge


def fit(snapshot: Snapshot, stats: GraphStats, edges: np.ndarray, seed: int = 0) -> Ranker:
    """Train on the partnerships in ``edges`` (the graph ``stats`` was computed from)."""
    rng = np.random.default_rng(seed)
    q, c, y, is_edge = training_pairs(snapshot, edges, rng)
    x = pair_features(snapshot, stats, q, c, is_edge)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    z = np.column_stack([np.ones(len(x)), (x - mean) / scale])
    w = np.zeros(z.shape[1])
    for _ in range(25):
        p = 1 / (1 + np.exp(-z @ w))
        gradient = z.T @ (y - p) - L2 * np.r_[0, w[1:]]
        hessian = (z * (p * (1 - p))[:, None]).T @ z + L2 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w += step
        if np.abs(step).max() < 1e-6:
            break
    return Ranker(mean, scale, w)

