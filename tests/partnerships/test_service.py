import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from amity.dates import PartialDate
from amity.errors import Conflict, InvalidInput, StaleVersion
from amity.fixtures import PLACES
from amity.partnerships import service
from amity.partnerships.models import PartnershipKind, Status


def draft(a, b, **kw):
    return service.Draft(place_a=a, place_b=b, kind=kw.pop("kind", PartnershipKind.SISTER), **kw)


def test_a_pair_is_stored_once_in_either_order(db, small):
    p = small.place
    with db.begin() as conn:
        made = service.register(conn, draft(p["minsk"], p["almaty"]))
        assert [r.id for r in made.places] == sorted([p["minsk"], p["almaty"]])
        with pytest.raises(Conflict):
            service.register(conn, draft(p["almaty"], p["minsk"]))


KEYS = [row[0] for row in PLACES]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=st.sampled_from(KEYS), b=st.sampled_from(KEYS))
def test_partnerships_are_symmetric_and_never_self_pairs(db, small, a, b):
    p = small.place
    with db.engine.connect() as conn:
        transaction = conn.begin()
        try:
            if a == b:
                with pytest.raises(InvalidInput):
                    service.register(conn, draft(p[a], p[b]))
                return
            existing = service.current_between(conn, p[a], p[b])
            assert existing == service.current_between(conn, p[b], p[a])
            if existing is None:
                made = service.register(conn, draft(p[a], p[b]))
                assert service.current_between(conn, p[b], p[a]) == made.id
                assert {r.id for r in made.places} == {p[a], p[b]}
                assert made.places[0].id < made.places[1].id
                assert made in service.list_(conn, service.Filters(place_id=p[b]))
            else:
                with pytest.raises(Conflict):
                    service.register(conn, draft(p[b], p[a]))
        finally:
            transaction.rollback()


def test_lifecycle_keeps_a_dated_history(db, small):
    p = small.place
    with db.begin() as conn:
        made = service.register(conn, draft(p["minsk"], p["almaty"], status=Status.PROPOSED))
        service.set_status(conn, made.id, "negotiating", date="2019-03")
        service.set_status(conn, made.id, "active", date="2019-09-01", note="signed")
        service.set_status(conn, made.id, "dormant", date="2023")
        ended = service.end(conn, made.id, date="2024-02-10", basis="council decision")
    assert ended.status is Status.ENDED
    assert ended.ended == PartialDate("2024-02-10")
    assert [h.status.value for h in ended.history] == ["proposed", "negotiating", "active", "dormant", "ended"]
    assert ended.version == 5


def test_ended_is_final_and_a_new_partnership_may_follow(db, small):
    p = small.place
    with db.begin() as conn:
        made = service.register(conn, draft(p["minsk"], p["almaty"]))
        service.end(conn, made.id, date="2020")
        with pytest.raises(Conflict):
            service.set_status(conn, made.id, "active", date="2021")
        renewed = service.register(conn, draft(p["almaty"], p["minsk"], established=PartialDate("2022")))
    assert renewed.id != made.id


@pytest.mark.parametrize(("status", "date", "error"), [
    ("dormant", "2999", InvalidInput),   # in the future
    ("dormant", "1970", InvalidInput),   # before it was established
    ("active", "2020", Conflict),        # it is active already
    ("retired", "2020", InvalidInput),   # no such status
])
def test_bad_status_changes_are_refused_and_change_nothing(db, small, status, date, error):
    pid = small.partnerships[0]  # Wuhan–Oita, established 1979-09-07
    with pytest.raises(error):
        with db.begin() as conn:
            service.set_status(conn, pid, status, date=date)
    with db.read() as conn:
        after = service.get_or_raise(conn, pid)
    assert after.status is Status.ACTIVE and after.version == 1


def test_stale_version_is_refused(db, small):
    pid = small.partnerships[0]
    with db.begin() as conn:
        service.set_status(conn, pid, "dormant", date="2020", expected_version=1)
        with pytest.raises(StaleVersion):
            service.set_status(conn, pid, "active", date="2021", expected_version=1)


def test_dates_that_cannot_be_are_refused(db, small):
    p = small.place
    with db.begin() as conn:
        with pytest.raises(InvalidInput):
            service.register(conn, draft(p["minsk"], p["almaty"], established=PartialDate("2999")))
        with pytest.raises(InvalidInput):
            service.register(conn, draft(p["minsk"], p["almaty"], status=Status.ENDED,
                                         established=PartialDate("2010"), ended=PartialDate("2005")))


def test_filters(db, small):
    p = small.place
    with db.read() as conn:
        wuhan = service.list_(conn, service.Filters(place_id=p["wuhan"]))
        assert len(wuhan) == 6
        assert service.count(conn, service.Filters(country="CN")) == 11  # 6 of Wuhan, 3 of Harbin, Suifenhe, Heilongjiang
        assert service.count(conn, service.Filters(kind=PartnershipKind.FRIENDLY_EXCHANGE)) == 2
        assert service.count(conn, service.Filters(status=Status.ENDED)) == 1
        assert service.count(conn, service.Filters(status=Status.DORMANT, country="RU")) == 1


def test_text_with_control_characters_is_refused(db, small):
    with pytest.raises(InvalidInput) as caught:
        service.make_source("press\x00release")
    assert caught.value.field == "source.citation"
    p = small.place
    with db.begin() as conn:
        with pytest.raises(InvalidInput):
            service.register(conn, draft(p["minsk"], p["almaty"], notes="bad\x07note"))
