"""The learned ranker: a linear score on standardised pair features, trained so that a place's
real partner ranks high among *all* candidates (a sampled softmax), with reasons from
contributions.

Training, in words:

* Out of fold: the registry's partnerships are split into folds; the partnerships of one fold
  are the positives, and their features are computed on the graph *without that fold*. So a
  feature never knows the pair it is trained on, just as in evaluation and in use, where the
  pair is not yet in the registry.
* For each positive (both directions) some candidates are drawn as competitors from a mixture
  of "any place" and "a place in a country the query's country often twins with, the busier
  the likelier" (the country-pair prior × degree). Drawing plausible competitors teaches the
  order at the top of the list; each draw's probability is corrected for (log Q), so the loss
  estimates the softmax over every candidate rather than over the drawn ones.
* The weights minimise that loss (L-BFGS, L2-regularised).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

import numpy as np
from scipy.optimize import minimize

from amity.matching.features import NAMES, graph_stats, pair_features
from amity.matching.graph import Snapshot

FOLDS = 5
FOLD_SHARE = 0.10         # each fold holds out a tenth, as the evaluation does
COMPETITORS = 50          # drawn per positive
UNIFORM_SHARE = 0.5       # of the competitors, drawn from all places; the rest by the prior
L2 = 100.0


@dataclass
class Ranker:
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    about: dict[str, Any] = field(default_factory=dict)   # what it was trained on, and when

    def logits(self, features: np.ndarray) -> np.ndarray:
        return ((features - self.mean) / self.scale) @ self.weights

    def contributions(self, row: np.ndarray) -> dict[str, float]:
        """How much each feature moved this pair's score, against an average candidate."""
        return dict(zip(NAMES, ((row - self.mean) / self.scale) * self.weights))

    def to_dict(self) -> dict[str, Any]:
        """Weights, means and scales by feature name (JSON-ready), and what it was trained on."""
        return {"about": self.about,
                "features": {name: {"weight": float(w), "mean": float(m), "scale": float(s)}
                             for name, w, m, s in zip(NAMES, self.weights, self.mean, self.scale)}}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Ranker":
        """The inverse of ``to_dict``; a ValueError if its features are not today's."""
        features = data.get("features", {})
        if list(features) != list(NAMES):
            raise ValueError("the model was trained on other features than these")
        column = lambda key: np.array([features[name][key] for name in NAMES], dtype=float)  # noqa: E731
        return cls(column("mean"), column("scale"), column("weight"), dict(data.get("about", {})))


def shipped() -> Ranker:
    """The model trained on the shipped world data (``scripts/train_matching_model.py``)."""
    text = resources.files("amity.data").joinpath("matching-model.json").read_text(encoding="utf-8")
    return Ranker.from_dict(json.loads(text))


class Prior:
    """Where competitors are drawn from: a mixture of uniform over places and the
    country-pair prior × degree, m(c | q) = u / N + (1 - u) (pairs[cq, cc] + 1) (deg c + 1) / Z(q)."""

    def __init__(self, snapshot: Snapshot, country_pairs: np.ndarray, degree: np.ndarray,
                 uniform: float = UNIFORM_SHARE) -> None:
        self.uniform, self.n = uniform, len(snapshot.ids)
        unknown = len(snapshot.country_codes)          # places without a country form their own bucket
        self.bucket = np.where(snapshot.country >= 0, snapshot.country, unknown)
        self.weight = degree + 1.0
        self.bucket_weight = np.bincount(self.bucket, weights=self.weight, minlength=unknown + 1)
        pairs = np.ones((unknown + 1, unknown + 1))
        pairs[:unknown, :unknown] += country_pairs
        self.pairs = pairs
        self.norm = pairs @ self.bucket_weight
        self.order = np.argsort(self.bucket, kind="stable")
        self.starts = np.searchsorted(self.bucket[self.order], np.arange(unknown + 2))
        self.cumulative = np.cumsum(self.weight[self.order])

    def probability(self, q: np.ndarray, c: np.ndarray) -> np.ndarray:
        bq, bc = self.bucket[q], self.bucket[c]
        return self.uniform / self.n + (1 - self.uniform) * self.pairs[bq, bc] * self.weight[c] / self.norm[bq]

    def draw(self, q: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        drawn = rng.integers(0, self.n, len(q))
        by_prior = np.nonzero(rng.random(len(q)) >= self.uniform)[0]
        for bucket in np.unique(self.bucket[q[by_prior]]):
            rows = by_prior[self.bucket[q[by_prior]] == bucket]
            p = self.pairs[bucket] * self.bucket_weight
            countries = rng.choice(len(p), size=len(rows), p=p / p.sum())
            low, high = self.starts[countries], self.starts[countries + 1]
            base = np.where(low > 0, self.cumulative[np.maximum(low - 1, 0)], 0.0)
            target = base + rng.random(len(rows)) * (self.cumulative[high - 1] - base)
            drawn[rows] = self.order[np.clip(np.searchsorted(self.cumulative, target, side="right"), low, high - 1)]
        return drawn


@dataclass
class TrainingSet:
    positives: np.ndarray      # (P, features)
    competitors: np.ndarray    # (P, K, features)
    log_q: np.ndarray          # (P, K) log(K m(c|q)); +inf for draws that are not competitors


def folds(count: int, rng: np.random.Generator, folds: int = FOLDS) -> list[np.ndarray]:
    """Disjoint sets of edge indexes, each about a tenth of ``count`` (one edge each when few)."""
    order = rng.permutation(count)
    size = max(1, int(round(count * FOLD_SHARE)))
    return [order[n * size:(n + 1) * size] for n in range(folds) if n * size < count]


def training_set(snapshot: Snapshot, edges: np.ndarray, rng: np.random.Generator, fold_count: int = FOLDS,
                 competitors: int = COMPETITORS) -> TrainingSet:
    """Out-of-fold positives and drawn competitors from the partnerships in ``edges``."""
    known = {(int(a), int(b)) for a, b in edges} | {(int(b), int(a)) for a, b in edges}
    positives, drawn, log_q = [], [], []
    for held in folds(len(edges), rng, fold_count):
        stats = graph_stats(snapshot, np.delete(edges, held, axis=0))   # the graph without this fold
        prior = Prior(snapshot, stats.country_pairs, stats.degree)
        both = np.concatenate([edges[held], edges[held][:, ::-1]])
        q = np.repeat(both[:, 0], competitors)
        c = prior.draw(q, rng)
        lq = np.log(competitors * prior.probability(q, c))
        # A draw that is the place itself or one of its partners is no competitor.
        lq[np.array([a == b or (a, b) in known for a, b in zip(q.tolist(), c.tolist())])] = np.inf
        positives.append(pair_features(snapshot, stats, both[:, 0], both[:, 1]))
        drawn.append(pair_features(snapshot, stats, q, c).reshape(len(both), competitors, -1))
        log_q.append(lq.reshape(len(both), competitors))
    return TrainingSet(np.concatenate(positives), np.concatenate(drawn), np.concatenate(log_q))


def fit_on(data: TrainingSet, l2: float = L2) -> Ranker:
    """Minimise the sampled-softmax loss of a linear score over standardised features."""
    flat = data.competitors.reshape(-1, data.competitors.shape[2])
    mean, scale = flat.mean(axis=0), flat.std(axis=0)
    scale[scale == 0] = 1.0
    zp = (data.positives - mean) / scale
    zc = (data.competitors - mean) / scale

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        sp = zp @ w
        sc = zc @ w - data.log_q
        top = np.maximum(sp, sc.max(axis=1))
        ep, ec = np.exp(sp - top), np.exp(sc - top[:, None])
        total = ep + ec.sum(axis=1)
        value = -(sp - top - np.log(total)).sum() + 0.5 * l2 * w @ w
        gradient = -((1 - ep / total)[:, None] * zp).sum(axis=0) \
            + np.einsum("pk,pkd->d", ec / total[:, None], zc) + l2 * w
        return float(value), gradient

    result = minimize(loss, np.zeros(zp.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    return Ranker(mean, scale, result.x)


def fit(snapshot: Snapshot, edges: np.ndarray, seed: int = 0) -> Ranker:
    """Train on the partnerships in ``edges``."""
    if len(edges) < 2:
        return Ranker(np.zeros(len(NAMES)), np.ones(len(NAMES)), np.zeros(len(NAMES)))
    return fit_on(training_set(snapshot, edges, np.random.default_rng(seed)))
