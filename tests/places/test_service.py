import pytest

from amity.errors import Ambiguous, InvalidInput, NotFound
from amity.places import service
from amity.places.models import FIRST_USER_PLACE_ID, PlaceKind


def test_search_finds_a_place_by_any_script(db, small):
    with db.read() as conn:
        for text in ("Wuhan", "武汉", "Ухань", "wuh"):
            hits = service.search(conn, text)
            assert hits and hits[0].place.id == small.place["wuhan"], text


def test_search_puts_exact_matches_before_prefix_matches(db, small):
    with db.begin() as conn:
        service.create(conn, kind="city", name="Wuhanville", country_code="US", population=50_000_000)
        hits = service.search(conn, "Wuhan")
    assert [h.exact for h in hits] == [True, False]
    assert hits[0].place.name == "Wuhan"


def test_search_respects_country(db, small):
    with db.read() as conn:
        assert service.search(conn, "Minsk", country="CN") == []


def test_find_by_id_geonames_wikidata_and_name(db, small):
    with db.begin() as conn:
        made = service.create(conn, kind="city", name="Chongzuo", country_code="CN", geonames_id=12159964,
                              wikidata_id="q1019887", lat=22.38, lng=107.37)
        assert service.find(conn, str(made.id)).id == made.id
        assert service.find(conn, "geonames:12159964").id == made.id
        assert service.find(conn, "wikidata:Q1019887").id == made.id
        assert service.find(conn, "chongzuo").id == made.id


def test_ambiguous_name_lists_candidates_and_country_narrows_it(db, small):
    with db.read() as conn:
        with pytest.raises(Ambiguous) as caught:
            service.find(conn, "Springfield")
        ids = {c["id"] for c in caught.value.details["candidates"]}
        assert ids == {small.place["springfield_us"], small.place["springfield_us2"]}
        with pytest.raises(NotFound):
            service.find(conn, "Springfield", country="CN")
        with pytest.raises(NotFound):
            service.find(conn, "geonames:1")


def test_main_name_wins_over_alternate_name(db, small):
    with db.begin() as conn:
        service.add_name(conn, small.place["harbin"], "Minsk")  # an alternate name only
        assert service.find(conn, "Minsk").id == small.place["minsk"]


def test_created_places_get_ids_from_the_user_range(db, small):
    with db.begin() as conn:
        made = service.create(conn, kind="district", name="Pogranichny District", country_code="RU",
                              parent_id=small.place["primorsky"], lat=44.4, lng=131.38,
                              names=[("Пограничный район", "ru")])
    assert made.id >= FIRST_USER_PLACE_ID
    assert made.kind is PlaceKind.DISTRICT
    assert made.name_ru == "Пограничный район"


def test_a_new_name_is_found_at_once(db, small):
    with db.begin() as conn:
        service.add_name(conn, small.place["minsk"], "Мінск", lang="be")
        assert service.search(conn, "Мінск")[0].place.id == small.place["minsk"]


@pytest.mark.parametrize(("values", "field"), [
    ({"lat": 91.0, "lng": 0.0}, "lat"),
    ({"lat": 0.0, "lng": 181.0}, "lng"),
    ({"lat": 10.0}, "lat"),
    ({"country_code": "XX"}, "country"),
    ({"kind": "village"}, "kind"),
    ({"name": "  "}, "name"),
])
def test_create_rejects_bad_values_and_names_the_field(db, small, values, field):
    arguments = {"kind": "city", "name": "Somewhere", "country_code": "CN", **values}
    with db.begin() as conn:
        with pytest.raises(InvalidInput) as caught:
            service.create(conn, **arguments)
    assert caught.value.field == field


def test_lineage_walks_up_to_the_country(db, small):
    with db.read() as conn:
        wuhan = service.get_or_raise(conn, small.place["wuhan"])
        assert [p.name for p in service.lineage(conn, wuhan)] == ["Hubei", "China"]
