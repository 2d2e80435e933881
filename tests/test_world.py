"""The shipped world data, loaded in full (built once per session on each backend)."""

import json
from pathlib import Path

import pytest

from amity import world
from amity.partnerships import service as partnerships
from amity.partnerships import transfer
from amity.places import service as places
from amity.places.models import PlaceKind

EXAMPLE = Path(__file__).parent.parent / "examples" / "sco-friendship-cities-wuhan-2021.json"


def test_the_registry_has_the_data_sets_figures(world_conn):
    assert partnerships.count(world_conn) == 24_513
    assert partnerships.count(world_conn, partnerships.Filters(country="CN")) >= 1_800
    china = partnerships.list_(world_conn, partnerships.Filters(country="CN"))
    partner_countries = {ref.country for p in china for ref in p.places} - {"CN"}
    assert len(partner_countries) >= 130


def test_loading_again_changes_nothing(world_db):
    assert world.load(world_db).loaded is False


@pytest.mark.parametrize(("query", "name", "country"), [
    ("武汉", "Wuhan", "CN"), ("Рыбинск", "Rybinsk", "RU"), ("Wuhan", "Wuhan", "CN"), ("长宁", "Changning", "CN"),
    ("Минск", "Minsk", "BY"), ("Suifenhe", "Suifenhe", "CN"),
])
def test_search_finds_places_in_any_script(world_conn, query, name, country):
    best = places.search(world_conn, query)[0].place
    assert (best.name, best.country_code) == (name, country)


def test_every_raw_spelling_is_a_name_of_its_place(world_conn):
    # "Changning (Shanghai)" is how the Wikipedia list spells the district GeoNames calls Changning.
    assert places.find(world_conn, "Changning (Shanghai)").geonames_id == 1815611


def test_places_have_parents_and_countries_have_three_languages(world_conn):
    wuhan = places.find(world_conn, "geonames:1791247")
    assert [p.kind for p in places.lineage(world_conn, wuhan)] == [PlaceKind.PROVINCE, PlaceKind.COUNTRY]
    china = places.country_place(world_conn, "CN")
    assert (china.name_en, china.name_zh, china.name_ru) == ("China", "中国", "Китай")


def test_sources_name_the_data_set(world_conn):
    first = partnerships.list_(world_conn, limit=1)[0]
    assert first.sources[0].kind.value == "dataset"
    assert "Wikipedia" in first.sources[0].citation


def test_wuhan_2021_signings_as_an_acceptance_test(world_conn):
    report = transfer.import_file(world_conn, EXAMPLE)
    made = [partnerships.get_or_raise(world_conn, pid) for pid in report.imported]
    assert len(made) == 3
    pairs = {frozenset(ref.name for ref in p.places): p for p in made}
    assert pairs[frozenset({"Changning", "Savyetski District"})].kind.value == "sister"
    assert pairs[frozenset({"Chongzuo", "Rybinsk"})].kind.value == "sister"
    friendly = pairs[frozenset({"Suifenhe", "Pogranichny District"})]
    assert friendly.kind.value == "friendly_exchange"
    assert all(p.event and p.event.name == "SCO Friendship Cities + Sub-forum" for p in made)
    assert all(str(p.established) == "2021-06-02" for p in made)

    [created] = report.places_created
    district = places.get_or_raise(world_conn, created)
    assert district.kind is PlaceKind.DISTRICT and district.lat is not None
    assert places.get_or_raise(world_conn, district.parent_id).name == "Primorsky Krai"
    # The press release's names now find the places.
    assert places.find(world_conn, "Советский район").id == 1_000_004_740
    assert places.find(world_conn, "长宁区").id == 1815611
    # Importing the same file again creates nothing twice: the pairs are reported as duplicates.
    from amity.errors import ImportRejected
    with pytest.raises(ImportRejected) as caught:
        transfer.import_file(world_conn, EXAMPLE)
    assert [p["message"].split(":")[0] for p in caught.value.problems] == ["duplicate"] * 3
