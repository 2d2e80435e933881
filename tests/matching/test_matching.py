import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from amity.errors import InvalidInput
from amity.fixtures import PLACES
from amity.matching import graph
from amity.matching.features import NAMES, graph_stats, pair_features
from amity.matching.service import Matcher
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


def test_features_do_not_know_the_pair_they_predict(db, small):
    # A training pair that is itself an edge gets its own contribution taken out of every count.
    with db.read() as conn:
        snapshot = graph.build(conn)
    stats = graph_stats(snapshot)
    a, b = snapshot.edges[0]
    as_edge = pair_features(snapshot, stats, np.array([a]), np.array([b]), np.array([True]))[0]
    without = graph_stats(snapshot, snapshot.edges[1:])
    as_unseen = pair_features(snapshot, without, np.array([a]), np.array([b]))[0]
    for name in ("country_affinity", "degree", "partners_in_country", "saturation"):
        index = NAMES.index(name)
        assert as_edge[index] == pytest.approx(as_unseen[index]), name
