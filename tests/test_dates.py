import datetime as dt

import pytest
from hypothesis import given, strategies as st

from amity.dates import PartialDate, parse_optional
from amity.errors import InvalidInput


@pytest.mark.parametrize(("text", "precision"), [("1985", "year"), ("1985-06", "month"), ("2021-06-02", "day")])
def test_precision_follows_the_form(text, precision):
    assert PartialDate.parse(text).precision == precision


@pytest.mark.parametrize("text", ["2021-02-30", "2021-13", "85", "2021/06/02", "0999", "June 2021", ""])
def test_impossible_or_malformed_dates_are_rejected_with_the_field(text):
    with pytest.raises(InvalidInput) as caught:
        PartialDate.parse(text, field="established")
    assert caught.value.field == "established"


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from([4, 7, 10]))
def test_every_real_date_at_every_precision_parses_back(day, length):
    text = day.isoformat()[:length]
    parsed = PartialDate.parse(text)
    assert str(parsed) == text
    assert parsed.earliest <= day


def test_empty_optional_date_is_none():
    assert parse_optional("  ", field="ended") is None
    assert parse_optional(None, field="ended") is None
