"""The six places of the Wuhan 2021 signings, from the press release's English, Chinese and Russian."""

from pathlib import Path

from amity.partnerships import transfer
from amity.resolve import Resolver

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "sco-friendship-cities-wuhan-2021.json"
QUERIES = {
    1815611: ["Changning District of Shanghai", "上海市长宁区", "Чаннин"],
    1000004740: ["Minsk Soviet District", "明斯克市苏维埃区", "Советский район Минска"],
    12159964: ["Chongzuo City of Guangxi Zhuang Autonomous Region", "广西崇左市", "Чунцзо"],
    500004: ["Rybinsk", "雷宾斯克", "Рыбинск"],
    2034657: ["Suifenhe City of Heilongjiang Province", "黑龙江省绥芬河市", "Суйфэньхэ"],
    "pogranichny": ["Pogranic Nei district", "滨海边疆区波格拉尼奇内区", "Пограничный район Приморского края"],
}


def test_each_place_resolves_in_three_languages(world_conn):
    report = transfer.import_file(world_conn, EXAMPLE)
    expected = {**QUERIES}
    expected[report.places_created[0]] = expected.pop("pogranichny")
    resolver = Resolver()
    wrong = {}
    for place_id, queries in expected.items():
        for query in queries:
            found = resolver.resolve(world_conn, query)
            if not found or found[0].id != place_id:
                wrong[query] = [(c.name, c.score) for c in found[:2]]
    assert wrong == {}
