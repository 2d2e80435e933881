import pytest

from amity.errors import InvalidInput
from amity.matching import seeking
from amity.matching.service import Matcher


def test_profiles_that_fit_each_other_are_matched_both_ways(db, small):
    with db.begin() as conn:
        harbin = seeking.add(conn, place="Harbin", areas="economy,culture", countries="BY,KZ", expires="2099")
        minsk = seeking.add(conn, place="Minsk", areas=["economy"], countries=["CN"])
        seeking.add(conn, place="Almaty", areas="governance", countries="CN")        # no shared area
        seeking.add(conn, place="Bordeaux", areas="economy", countries="JP")         # seeks elsewhere
    with db.read() as conn:
        found = seeking.match(conn, Matcher(), harbin.id, top=5)
        back = seeking.match(conn, Matcher(), minsk.id, top=5)
    assert [m["profile"]["id"] for m in found["mutual"]] == [minsk.id]
    assert found["mutual"][0]["shared_areas"] == ["economy"]
    assert {m["country"] for m in found["recommended"]} <= {"BY", "KZ"} and found["recommended"]
    assert [m["profile"]["id"] for m in back["mutual"]] == [harbin.id]


def test_expired_profiles_are_not_listed(db, small):
    with db.begin() as conn:
        kept = seeking.add(conn, place="Harbin", expires="2099-12")
        seeking.add(conn, place="Minsk")
        conn.execute(seeking.seek_profiles.update().where(seeking.seek_profiles.c.id == kept.id)
                     .values(expires="2020-01"))
        assert [p.place_name for p in seeking.list_(conn)] == ["Minsk"]


@pytest.mark.parametrize(("values", "field"), [
    ({"areas": "sports"}, "areas"), ({"countries": "XX"}, "countries"),
    ({"min_population": 10, "max_population": 5}, "min_population"), ({"expires": "2001"}, "expires"),
])
def test_bad_profiles_name_the_field(db, small, values, field):
    with db.begin() as conn:
        with pytest.raises(InvalidInput) as caught:
            seeking.add(conn, place="Harbin", **values)
    assert caught.value.field == field
