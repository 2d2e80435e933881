import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from amity.errors import InvalidInput
from amity.fixtures import PLACES
from amity.matching import graph
from amity.matching.features import NAMES, graph_stats, pair_features, query_features
from amity.matching.model import Prior, Ranker, TrainingSet, fit_on, folds, shipped
from amity.matching.service import MODEL_KEY, Matcher, stored_model, train
from amity.storage.schema import meta
from amity.places import service as places

KEYS = [p[0] for p in PLACES if p[1] == "city"]


@pytest.fixture
def matcher(db, small):
    return Matcher()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(key=st.sampled_from(KEYS), domestic=st.booleans())
def test_recommendations_never_include_the_place_or_its_partners(db, small, matcher, key, domestic):
    with db.read() as conn:
        place = places.get_or_raise(conn, small.place[key])
        found = matcher.recommend(conn, place, top=50, include_domestic=domestic)
        partners = {p.partner_of(place.id).id for p in __import__("amity.partnerships.service", fromlist=["x"])
                    .list_(conn, __import__("amity.partnerships.service", fromlist=["x"]).Filters(place_id=place.id))
                    if p.status.value in ("active", "dormant", "suspended")}
    ids = [m.id for m in found]
    assert place.id not in ids and not partners & set(ids)
    assert all(0 <= m.score <= 1 and m.reasons for m in found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    if not domestic:
        assert all(m.country != place.country_code for m in found)


def test_filters_by_country_and_bloc(db, small, matcher):
    with db.read() as conn:
        harbin = places.get_or_raise(conn, small.place["harbin"])
        assert {m.country for m in matcher.recommend(conn, harbin, countries=["by"], top=20)} == {"BY"}
        sco = {m.country for m in matcher.recommend(conn, harbin, bloc="SCO", top=50)}
        assert sco and sco <= {"RU", "BY", "KZ", "IR"}
        with pytest.raises(InvalidInput):
            matcher.recommend(conn, harbin, areas=["sports"])
        with pytest.raises(InvalidInput):
            matcher.recommend(conn, places.country_place(conn, "CN"))


def test_a_shared_partner_is_named_in_the_reasons(db, small, matcher):
    with db.read() as conn:
        # Suifenhe and Harbin both partner Vladivostok.
        suifenhe = places.get_or_raise(conn, small.place["suifenhe"])
        found = matcher.recommend(conn, suifenhe, top=30, include_domestic=True)
    harbin = next(m for m in found if m.name == "Harbin")
    assert "shared partner(s): Vladivostok" in harbin.reasons


def test_one_query_against_all_candidates_computes_the_same_features_as_pairs(db, small):
    with db.read() as conn:
        snapshot = graph.build(conn)
    stats = graph_stats(snapshot, snapshot.edges[1:])
    candidates = np.arange(len(snapshot.ids))
    for q in range(len(snapshot.ids)):
        fast = query_features(snapshot, stats, q, candidates)
        pairs = pair_features(snapshot, stats, np.full(len(candidates), q), candidates)
        np.testing.assert_allclose(fast, pairs, rtol=1e-5, atol=1e-9, err_msg=snapshot.names[q])


def test_features_see_partners_places_and_surroundings(db, small):
    with db.read() as conn:
        snapshot = graph.build(conn)
    stats = graph_stats(snapshot)
    at = snapshot.position
    suifenhe, harbin = at[small.place["suifenhe"]], at[small.place["harbin"]]
    row = pair_features(snapshot, stats, np.array([suifenhe]), np.array([harbin]))[0]
    value = dict(zip(NAMES, row))
    assert value["common_partners"] == pytest.approx(np.log1p(1))  # Vladivostok
    assert value["same_country"] == 1 and value["same_region"] == 1  # both in Heilongjiang
    assert value["distance"] == pytest.approx(np.log10(1 + 430), abs=0.05)


@given(count=st.integers(1, 400), seed=st.integers(0, 10))
def test_training_folds_are_disjoint_tenths(count, seed):
    found = folds(count, np.random.default_rng(seed))
    flat = np.concatenate(found)
    assert len(set(flat.tolist())) == len(flat) and set(flat.tolist()) <= set(range(count))
    assert all(len(fold) == max(1, round(count * 0.1)) or fold is found[-1] for fold in found)


def test_competitors_are_drawn_as_the_prior_says(db, small):
    with db.read() as conn:
        snapshot = graph.build(conn)
    stats = graph_stats(snapshot)
    prior = Prior(snapshot, stats.country_pairs, stats.degree)
    everyone = np.arange(len(snapshot.ids))
    for q in everyone:
        assert prior.probability(np.full(len(everyone), q), everyone).sum() == pytest.approx(1.0)
    q = snapshot.position[small.place["harbin"]]
    drawn = prior.draw(np.full(200_000, q), np.random.default_rng(0))
    seen = np.bincount(drawn, minlength=len(everyone)) / len(drawn)
    np.testing.assert_allclose(seen, prior.probability(np.full(len(everyone), q), everyone), atol=0.005)


def test_the_ranker_learns_which_way_a_feature_points():
    rng = np.random.default_rng(0)
    positives = rng.normal(size=(300, len(NAMES)))
    competitors = rng.normal(size=(300, 20, len(NAMES)))
    positives[:, NAMES.index("common_partners")] += 2.0
    ranker = fit_on(TrainingSet(positives, competitors, np.zeros((300, 20))), l2=1.0)
    weights = ranker.to_dict()["features"]
    assert weights["common_partners"]["weight"] > 1.0
    assert max(abs(w["weight"]) for name, w in weights.items() if name != "common_partners") < 0.5


def test_the_shipped_model_knows_todays_features_and_round_trips():
    model = shipped()
    assert model.about["partnerships"] > 20_000
    again = Ranker.from_dict(json.loads(json.dumps(model.to_dict())))
    np.testing.assert_array_equal(again.weights, model.weights)
    with pytest.raises(ValueError):
        Ranker.from_dict({"features": {"size": {"weight": 1, "mean": 0, "scale": 1}}})


def test_a_registry_trains_its_own_model_and_keeps_it(db, small, matcher):
    with db.read() as conn:
        assert matcher.ready(conn).ranker.about.get("release")  # the world model until trained
    with db.begin() as conn:
        trained = train(conn)
    with db.read() as conn:
        assert trained.about["partnerships"] == len(graph.build(conn).edges) == 11  # in force
    with db.read() as conn:
        assert matcher.ready(conn).ranker.about == trained.about
        assert stored_model(conn).about == trained.about
    with db.begin() as conn:  # a model of other features (an older version's) is not used
        conn.execute(meta.update().where(meta.c.key == MODEL_KEY).values(value=json.dumps({"features": {}})))
    with db.read() as conn:
        assert matcher.ready(conn).ranker.about.get("release")
