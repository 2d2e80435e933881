"""A small hand-built registry whose every figure is known: for tests, docs and demos.

It is illustrative, not authoritative: the places are real, the partnerships are chosen
to exercise every kind, status and counting rule. The shipped world data is in
:mod:`amity.world`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from amity.dates import PartialDate
from amity.partnerships import service as partnerships
from amity.partnerships.models import PartnershipKind, Status
from amity.places import service as places
from amity.world import load_blocs

# code, iso3, continent, English, Chinese, Russian
COUNTRIES = [
    ("CN", "CHN", "AS", "China", "中国", "Китай"),
    ("RU", "RUS", "EU", "Russia", "俄罗斯", "Россия"),
    ("BY", "BLR", "EU", "Belarus", "白俄罗斯", "Беларусь"),
    ("KZ", "KAZ", "AS", "Kazakhstan", "哈萨克斯坦", "Казахстан"),
    ("IR", "IRN", "AS", "Iran", "伊朗", "Иран"),
    ("DE", "DEU", "EU", "Germany", "德国", "Германия"),
    ("FR", "FRA", "EU", "France", "法国", "Франция"),
    ("US", "USA", "NA", "United States", "美国", "Соединённые Штаты"),
    ("JP", "JPN", "AS", "Japan", "日本", "Япония"),
]
# key, kind, parent key (or country), English, Chinese, Russian, lat, lng, population
PLACES = [
    ("hubei", "province", "CN", "Hubei", "湖北省", "Хубэй", 30.97, 112.27, 58_000_000),
    ("heilongjiang", "province", "CN", "Heilongjiang", "黑龙江省", "Хэйлунцзян", 47.86, 127.76, 31_000_000),
    ("primorsky", "province", "RU", "Primorsky Krai", "滨海边疆区", "Приморский край", 45.05, 135.0, 1_850_000),
    ("wuhan", "city", "hubei", "Wuhan", "武汉", "Ухань", 30.5833, 114.2667, 10_392_693),
    ("harbin", "city", "heilongjiang", "Harbin", "哈尔滨", "Харбин", 45.75, 126.65, 5_878_939),
    ("suifenhe", "city", "heilongjiang", "Suifenhe", "绥芬河", "Суйфэньхэ", 44.3998, 131.1478, 98_561),
    ("vladivostok", "city", "primorsky", "Vladivostok", "符拉迪沃斯托克", "Владивосток", 43.1056, 131.8735, 604_901),
    ("rybinsk", "city", "RU", "Rybinsk", "雷宾斯克", "Рыбинск", 58.0456, 38.8381, 216_724),
    ("minsk", "city", "BY", "Minsk", "明斯克", "Минск", 53.9002, 27.5665, 1_742_124),
    ("almaty", "city", "KZ", "Almaty", "阿拉木图", "Алматы", 43.25, 76.9167, 2_000_900),
    ("isfahan", "city", "IR", "Isfahan", "伊斯法罕", "Исфахан", 32.6525, 51.6746, 1_961_260),
    ("bordeaux", "city", "FR", "Bordeaux", "波尔多", "Бордо", 44.8404, -0.5805, 231_844),
    ("duisburg", "city", "DE", "Duisburg", "杜伊斯堡", "Дуйсбург", 51.4325, 6.7652, 504_358),
    ("pittsburgh", "city", "US", "Pittsburgh", "匹兹堡", "Питтсбург", 40.4406, -79.9959, 302_971),
    ("oita", "city", "JP", "Oita", "大分", "Оита", 33.2333, 131.6067, 477_986),
    ("springfield_us", "city", "US", "Springfield", None, None, 39.8017, -89.6437, 116_250),
    ("springfield_us2", "city", "US", "Springfield", None, None, 37.2153, -93.2982, 169_176),
]
# place, place, kind, status, established, history (status, date) after registration
PARTNERSHIPS = [
    ("wuhan", "oita", "sister", "active", "1979-09-07", []),
    ("wuhan", "pittsburgh", "sister", "active", "1982", []),
    ("wuhan", "duisburg", "sister", "active", "1982-10-08", []),
    ("wuhan", "bordeaux", "sister", "active", "1998-06", []),
    ("wuhan", "minsk", "sister", "active", "2016", []),
    ("wuhan", "almaty", "friendly_exchange", "active", "2019", []),
    ("harbin", "vladivostok", "sister", "active", "1992", []),
    ("harbin", "rybinsk", "sister", "active", "2005", [("dormant", "2015")]),
    ("suifenhe", "vladivostok", "friendly_exchange", "active", None, []),
    ("rybinsk", "minsk", "sister", "active", "1997", [("ended", "2010-05")]),
    ("heilongjiang", "primorsky", "sister", "active", "2002", []),
    ("isfahan", "harbin", "sister", "proposed", None, []),
    ("duisburg", "bordeaux", "sister", "active", "1960", []),
]


@dataclass(frozen=True)
class SmallRegistry:
    """Ids of the fixture's places by key, and of its partnerships in the order above."""

    place: dict[str, int]
    partnerships: list[int]


def build_small_registry(conn: Connection) -> SmallRegistry:
    """Fill an empty, migrated database with the small registry; return its ids."""
    ids: dict[str, int] = {}
    for code, iso3, continent, en, zh, ru in COUNTRIES:
        ids[code] = places.create_country(conn, code=code, iso3=iso3, continent=continent, name=en,
                                          names=[(zh, "zh"), (ru, "ru")]).id
    load_blocs(conn)
    for key, kind, parent, en, zh, ru, lat, lng, population in PLACES:
        country = parent if parent in ids and len(parent) == 2 else _country_of(parent)
        names = [(en, "en")] + [(n, lang) for n, lang in ((zh, "zh"), (ru, "ru")) if n]
        ids[key] = places.create(conn, kind=kind, name=en, country_code=country, parent_id=ids[parent],
                                 lat=lat, lng=lng, population=population, names=names).id
    made = []
    for a, b, kind, status, established, history in PARTNERSHIPS:
        draft = partnerships.Draft(place_a=ids[a], place_b=ids[b], kind=PartnershipKind(kind), status=Status(status),
                                   established=PartialDate(established) if established else None,
                                   sources=(partnerships.make_source("Amity test fixture", kind="document"),))
        pid = partnerships.register(conn, draft).id
        for new_status, date in history:
            partnerships.set_status(conn, pid, new_status, date=date)
        made.append(pid)
    return SmallRegistry(ids, made)


def _country_of(parent_key: str) -> str:
    return next(p[2] for p in PLACES if p[0] == parent_key)
