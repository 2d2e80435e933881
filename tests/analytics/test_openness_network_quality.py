import datetime as dt
import math
from collections import Counter

import pytest

from amity.analytics import network, openness, quality


def test_entropy_in_bits():
    assert openness.entropy_bits(Counter({"JP": 1, "US": 1})) == pytest.approx(1.0)
    assert openness.entropy_bits(Counter({"JP": 5})) == 0.0


def test_openness_formula_on_the_small_registry(db, small):
    with db.read() as conn:
        ranked = openness.compute(conn, today=dt.date(2026, 11, 28))
    best = ranked[0]
    assert best.name == "Wuhan" and best.rank_world == 1 and best.rank_country == 1
    # 6 active partners (the most), 6 countries (the highest entropy), 3 continents, nothing recent.
    assert best.components == {"active": 1.0, "diversity": 1.0, "reach": 0.5, "recent": 0.0}
    assert best.index == pytest.approx(82.5)
    harbin = next(o for o in ranked if o.name == "Harbin")
    assert harbin.active == 1 and harbin.partnerships == 2     # one dormant; the proposed one is not in force
    assert harbin.components["active"] == pytest.approx(math.log1p(1) / math.log1p(6))
    # Wuhan, Harbin, Suifenhe and the province of Heilongjiang, which has a partnership of its own.
    assert [o.rank_country for o in ranked if o.country == "CN"] == [1, 2, 3, 4]


def test_province_openness_aggregates_its_places(db, small):
    with db.read() as conn:
        ranked = openness.compute(conn, level="province")
    hl = next(o for o in ranked if o.name == "Heilongjiang")
    assert hl.partnerships == 4 and hl.partner_countries == 1


def test_network_hubs_and_overview(db, small):
    with db.read() as conn:
        hubs = network.hubs(conn, top=2)
        overview = network.overview(conn)
    assert hubs[0].name == "Wuhan" and hubs[0].degree == 6 and hubs[0].partner_countries == 6
    assert overview["partnerships"] == 11
    # Wuhan and its six partners; Harbin, Suifenhe, Vladivostok and Rybinsk; Heilongjiang and Primorsky.
    assert overview["components"] == 3 and overview["largest_component"] == 7
    top_pair = overview["country_graph"]["top_pairs"][0]
    assert top_pair == {"countries": ["CN", "RU"], "partnerships": 4}


def test_quality_report_finds_what_is_wrong(db, small):
    from amity.places import service as places
    from amity.partnerships import service as partnerships
    with db.begin() as conn:
        twin = places.create(conn, kind="city", name="Oita", country_code="JP", lat=33.24, lng=131.61)
        partnerships.register(conn, partnerships.Draft(place_a=twin.id, place_b=small.place["oita"],
                                                       kind=partnerships.parse_kind("sister")))
        found = quality.report(conn)
    assert found["domestic_partnerships"]["count"] == 1
    assert found["probable_duplicate_places"]["count"] == 1
    assert found["single_source_partnerships"]["count"] == 13
    assert found["single_source_partnerships"]["without_source"] == 1
