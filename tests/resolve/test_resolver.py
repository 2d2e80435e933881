import pytest

from amity.errors import Ambiguous, NotFound
from amity.places import service as places
from amity.resolve import Resolver, find_place


@pytest.fixture
def resolver(db, small):
    return Resolver()


@pytest.mark.parametrize("query", ["Wuhan", "武汉", "武漢", "Ухань", "Wu-han", "Wuhan City of Hubei Province",
                                   "湖北省武汉市"])
def test_resolves_wuhan_from_every_kind_of_name(db, small, resolver, query):
    with db.read() as conn:
        found = resolver.resolve(conn, query)
    assert found and found[0].id == small.place["wuhan"], query
    assert 0.5 <= found[0].score <= 1 and found[0].reasons


def test_a_typo_in_a_long_name_is_forgiven(db, small, resolver):
    with db.read() as conn:
        assert resolver.resolve(conn, "Vladivostock")[0].id == small.place["vladivostok"]


def test_says_not_found_rather_than_guess(db, small, resolver):
    with db.read() as conn:
        assert resolver.resolve(conn, "Zorblaxton") == []
        assert resolver.resolve(conn, "Wuhan", country="RU") == []


def test_candidates_are_ranked_and_shaped(db, small, resolver):
    with db.read() as conn:
        found = resolver.resolve(conn, "Springfield", top=5)
    assert {c.id for c in found} == {small.place["springfield_us"], small.place["springfield_us2"]}
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)
    assert set(found[0].to_dict()) == {"id", "name", "country", "kind", "geonames", "wikidata", "score", "reasons"}


def test_a_new_name_or_place_is_found_at_once(db, small, resolver):
    with db.read() as conn:
        assert resolver.resolve(conn, "Hankow") == []
    with db.begin() as conn:
        places.add_name(conn, small.place["wuhan"], "Hankow")
        made = places.create(conn, kind="district", name="Pogranichny District", country_code="RU",
                             parent_id=small.place["primorsky"], names=[("Пограничный район", "ru")])
    with db.read() as conn:
        assert resolver.resolve(conn, "Hankow")[0].id == small.place["wuhan"]
        assert resolver.resolve(conn, "Пограничный район Приморского края")[0].id == made.id
        assert resolver.resolve(conn, "Pogranic Nei district")[0].id == made.id


def test_find_place_takes_confident_answers_and_reports_the_rest(db, small):
    with db.read() as conn:
        assert find_place(conn, "Wuhan City of Hubei Province").id == small.place["wuhan"]
        with pytest.raises(Ambiguous):
            find_place(conn, "Springfield")
        with pytest.raises(NotFound):
            find_place(conn, "Zorblaxton")
