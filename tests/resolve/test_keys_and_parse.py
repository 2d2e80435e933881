import pytest
from unidecode import unidecode

from amity.resolve.keys import fold, phonetic, romanisations
from amity.resolve.parse import parse, readings, strip_designator


def test_unidecode_misreads_chinese_and_pinyin_keeps_every_reading():
    # Why Amity never uses unidecode for Chinese: it reads 长宁区 as "Chang Zhu Qu".
    assert unidecode("长宁区").split() == ["Chang", "Zhu", "Qu"]
    # pypinyin's first reading of 长 is "zhang"; keeping every heteronym finds Changning.
    assert "changning" in romanisations("长宁")
    assert "zhangning" in romanisations("长宁")


def test_traditional_chinese_folds_to_simplified():
    assert fold("綏芬河") == fold("绥芬河")
    assert fold("阿拉木圖") == "阿拉木图"


def test_cyrillic_is_romanised_under_several_schemes():
    keys = romanisations("Пограничный")
    assert {"pogranichnyy", "pogranichnyj"} <= keys
    assert "rybinsk" in romanisations("Рыбинск")
    assert "minsk" in romanisations("Мінск")      # Belarusian і


def test_sound_keys_meet_across_spellings():
    assert phonetic("pogranicnei") == phonetic("pogranichny") == phonetic("pogranichnyj")
    assert phonetic("changning") != phonetic("changping")


@pytest.mark.parametrize(("name", "bare", "kind"), [
    ("Changning District", "changning", "district"), ("长宁区", "长宁", "district"), ("绥芬河市", "绥芬河", "city"),
    ("Primorsky Krai", "primorsky", "province"), ("Пограничный район", "пограничный", "district"),
    ("Guangxi Zhuang Autonomous Region", "guangxi", "province"), ("Rybinsk", "rybinsk", None),
])
def test_designators(name, bare, kind):
    assert strip_designator(name) == (bare, kind)


def test_parent_context_forms():
    of = parse("Chongzuo City of Guangxi Zhuang Autonomous Region")
    assert (of.bare, of.kind, of.parents) == ("chongzuo", "city", ("Guangxi Zhuang Autonomous Region",))
    assert parse("Spandau (Berlin)").parents == ("Berlin",)
    assert parse("Suifenhe, Heilongjiang").parents == ("Heilongjiang",)
    genitive = parse("Советский район Минска")
    assert (genitive.bare, genitive.kind, genitive.parents) == ("советский", "district", ("Минска",))
    # "Y X": the parent first, tried as another reading.
    assert any(r.parents == ("Minsk",) and r.bare == "soviet" for r in readings("Minsk Soviet District"))
    # A Chinese prefix that names a known place is read as the parent.
    chinese = readings("上海市长宁区", known=lambda text: text == "上海市")
    assert any(r.parents == ("上海市",) and r.bare == "长宁" for r in chinese)


def test_a_country_in_the_query_is_a_parent_not_a_filter():
    parsed = parse("Kontagora, Niger", {"niger": "NE"})
    assert parsed.country == "NE" and "Niger" in parsed.parents
