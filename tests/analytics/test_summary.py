"""The counting rules, pinned on the small registry (amity.fixtures), whose answers are known."""

import datetime as dt

import pytest

from amity.analytics import scope as scopes
from amity.analytics.summary import summarize
from amity.errors import InvalidInput


def figures(db, on=None, **kw):
    with db.read() as conn:
        return summarize(conn, scopes.choose(conn, as_of=on, **kw), as_of=on)


def test_country_figures_today(db, small):
    cn = figures(db, country="CN")
    assert cn["partnerships"] == 10            # the ended RU–BY pair is not Chinese; the proposed one is not in force
    assert cn["by_status"] == {"active": 9, "dormant": 1, "proposed": 1}
    assert cn["partner_countries"] == 7        # JP, US, DE, FR, BY, KZ, RU
    assert cn["partner_places"] == 9           # Vladivostok partners two Chinese places, and counts once
    assert cn["by_partner_bloc"] == {"ASEAN": 0, "BRICS": 4, "EU": 2, "SCO": 6}
    assert cn["by_continent"] == {"EU": 7, "AS": 2, "NA": 1}
    assert cn["by_decade"] == {"1970s": 1, "1980s": 2, "1990s": 2, "2000s": 2, "2010s": 2, "unknown": 1}
    assert cn["by_kind"] == {"sister": 8, "friendly_exchange": 2}
    assert (cn["international"], cn["domestic"], cn["internal"]) == (10, 0, 0)


def test_bloc_membership_is_counted_as_of_the_date(db, small):
    # Belarus joined the SCO on 2024-07-04: Wuhan–Minsk counts then, not in 2021.
    assert figures(db, on=dt.date(2021, 6, 2), country="CN")["by_partner_bloc"]["SCO"] == 5
    assert figures(db, on=dt.date(2024, 7, 4), country="CN")["by_partner_bloc"]["SCO"] == 6


def test_partnerships_count_from_their_dates_and_statuses(db, small):
    old = figures(db, on=dt.date(2000, 1, 1), country="CN")
    # 1979, 1982, 1982, 1998-06, 1992 and the undated Suifenhe–Vladivostok pair.
    assert old["partnerships"] == 6
    assert old["by_status"] == {"active": 6, "proposed": 1}
    ru_2009 = figures(db, on=dt.date(2009, 12, 31), place="Rybinsk")
    ru_2011 = figures(db, on=dt.date(2011, 1, 1), place="Rybinsk")
    assert ru_2009["partnerships"] == 2 and ru_2011["partnerships"] == 1   # Rybinsk–Minsk ended 2010-05
    assert ru_2011["by_status"] == {"active": 1, "ended": 1}


def test_province_takes_in_the_places_below_it(db, small):
    hl = figures(db, place="Heilongjiang")
    assert hl["scope"]["kind"] == "province"
    assert hl["partnerships"] == 4
    assert hl["partner_places"] == 3 and hl["by_partner_country"] == {"RU": 4}


def test_bloc_scope_counts_internal_pairs_once(db, small):
    sco = figures(db, bloc="SCO")
    assert sco["partnerships"] == 10
    assert sco["internal"] == 6
    assert sco["by_partner_country"] == {"DE": 1, "FR": 1, "JP": 1, "US": 1}


def test_world_scope_counts_each_country_touched(db, small):
    world = figures(db)
    assert world["partnerships"] == 11
    assert world["partner_countries"] == 8
    assert world["by_partner_country"]["CN"] == 10 and world["by_partner_country"]["FR"] == 2


def test_one_scope_at_a_time(db, small):
    with pytest.raises(InvalidInput):
        figures(db, country="CN", bloc="SCO")
