from hypothesis import given, strategies as st

from amity.places.names import name_key, script_of


def test_key_folds_case_diacritics_and_punctuation():
    assert name_key("Ürümqi") == name_key("urumqi")
    assert name_key("Naro-Fominsk") == "naro fominsk"
    assert name_key("  St. Petersburg ") == "st petersburg"


def test_key_keeps_han_and_cyrillic_letters():
    assert name_key("武汉市") == "武汉市"
    assert name_key("Рыбинск") == "рыбинск"
    assert name_key("Пограничный") == "пограничный"        # й is a letter, not и with a mark
    assert name_key("Орёл") == name_key("Орел")


@given(st.text())
def test_key_is_idempotent(text):
    assert name_key(name_key(text)) == name_key(text)


def test_scripts():
    assert script_of("Wuhan") == "Latn"
    assert script_of("武汉") == "Hani"
    assert script_of("Рыбинск") == "Cyrl"
    assert script_of("おおいた") == "Jpan"
    assert script_of("123") == "Zyyy"
