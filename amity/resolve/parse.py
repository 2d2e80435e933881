"""Reading a place name as partner lists write it: designators, parent context, country.

"Chongzuo City of Guangxi Zhuang Autonomous Region" → core "Chongzuo", a city, in "Guangxi";
"上海市长宁区" → "长宁", a district, in "上海市"; "Советский район Минска" → "Советский", a
district, in "Минска"; "Minsk Soviet District" has a parent first ("Y X"), which the resolver
tries as an alternative reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from amity.resolve.keys import fold

# Latin and Cyrillic designators (folded), longest first, with the kind of place they name.
_WORD_DESIGNATORS: list[tuple[str, str]] = sorted([
    ("zhuang autonomous region", "province"), ("uygur autonomous region", "province"),
    ("uyghur autonomous region", "province"), ("hui autonomous region", "province"),
    ("autonomous region", "province"), ("special administrative region", "province"),
    ("autonomous prefecture", "province"), ("autonomous county", "district"), ("new area", "district"),
    ("city", "city"), ("town", "city"), ("municipality", "city"), ("village", "city"), ("shi", "city"),
    ("district", "district"), ("county", "district"), ("borough", "district"), ("raion", "district"),
    ("rayon", "district"), ("qu", "district"), ("xian", "district"),
    ("province", "province"), ("prefecture", "province"), ("region", "province"), ("oblast", "province"),
    ("krai", "province"), ("kray", "province"), ("state", "province"), ("republic", "province"),
    ("sheng", "province"), ("voivodeship", "province"),
    ("город", "city"), ("г", "city"), ("посёлок", "city"), ("поселок", "city"), ("пгт", "city"), ("село", "city"),
    ("район", "district"), ("раён", "district"), ("муниципальный район", "district"), ("городской округ", "city"),
    ("область", "province"), ("край", "province"), ("республика", "province"), ("округ", "province"),
    ("вобласць", "province"), ("автономный округ", "province"),
    # Genitive forms, as in "Советский район Приморского края".
    ("района", "district"), ("области", "province"), ("края", "province"), ("республики", "province"),
    ("города", "city"),
], key=lambda item: -len(item[0]))
# Chinese suffixes, longest first.
_HAN_SUFFIXES: list[tuple[str, str]] = sorted([
    ("特别行政区", "province"), ("维吾尔自治区", "province"), ("壮族自治区", "province"), ("回族自治区", "province"),
    ("自治区", "province"), ("自治州", "province"), ("自治县", "district"), ("边疆区", "province"),
    ("地区", "province"), ("新区", "district"), ("省", "province"), ("市", "city"), ("区", "district"),
    ("县", "district"), ("州", "province"), ("镇", "city"), ("盟", "province"), ("旗", "district"),
], key=lambda item: -len(item[0]))
_HAN_ONLY = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
_OF = re.compile(r"\s+of\s+", re.IGNORECASE)
_PARENS = re.compile(r"^(?P<core>[^()]+?)\s*[(（](?P<parent>[^()（）]+)[)）]\s*$")


@dataclass(frozen=True)
class Parsed:
    """One reading of a query: the name proper, what kind of place it says, and its parents."""

    text: str
    core: str
    bare: str
    kind: str | None = None
    parents: tuple[str, ...] = ()
    country: str | None = None
    notes: tuple[str, ...] = field(default=(), compare=False)


# Matched against folded text, so the designators are folded too ("район" folds to "раион").
_FOLDED_WORDS = [(fold(word), kind) for word, kind in _WORD_DESIGNATORS]
_HAN_END = re.compile("(?:" + "|".join(re.escape(suffix) for suffix, _ in _HAN_SUFFIXES) + ")$")
_WORD_END = re.compile(r"[\s-]+(?:" + "|".join(re.escape(word) for word, _ in _FOLDED_WORDS) + ")$")
_WORD_START = re.compile(r"^(?:" + "|".join(re.escape(word) for word, kind in _FOLDED_WORDS if kind != "city")
                         + r")[\s-]+")
_KIND_OF = {**dict(_FOLDED_WORDS), **dict(_HAN_SUFFIXES)}
_SPLIT_AFTER = {fold(word) for word in ("район", "город", "district", "county", "city")}


def strip_folded(folded: str) -> tuple[str, str | None]:
    """A folded name without its designator ("changning district" → "changning"), and the kind it says."""
    if (m := _HAN_END.search(folded)) and m.start() > 0:
        return folded[: m.start()], _KIND_OF[m.group()]
    if m := _WORD_END.search(folded):
        return folded[: m.start()], _KIND_OF[m.group().strip(" -")]
    if m := _WORD_START.search(folded):  # "район Чаннин", "Republic of …"
        return folded[m.end():], _KIND_OF[m.group().strip(" -")]
    return folded, None


def strip_designator(name: str) -> tuple[str, str | None]:
    """The name (folded) without its designator, and the kind of place the designator says."""
    return strip_folded(fold(name))


def parse(query: str, countries: dict[str, str] | None = None) -> Parsed:
    """Read ``query``. ``countries`` maps folded country names (en, zh, ru) to ISO codes."""
    text = " ".join(query.split())
    country, text, country_name = _take_country(text, countries or {})
    parents: list[str] = []
    if match := _PARENS.match(text):
        text, parents = match["core"], [match["parent"]]
    elif "," in text or "，" in text:
        first, *rest = [part.strip() for part in re.split(r"[,，]", text) if part.strip()]
        text, parents = first, rest
    elif _OF.search(text):
        first, *rest = _OF.split(text)
        text, parents = first, rest
    else:
        text, parents = _genitive_parent(text)
    core = text.strip()
    bare, kind = strip_designator(core)
    # A country named in the query counts as one more parent, not as a filter: "Kontagora, Niger"
    # is in Niger State of Nigeria, not in the country Niger.
    parents += [country_name] if country_name else []
    return Parsed(query, core, bare.strip(), kind, tuple(p for p in parents if p), country)


def _genitive_parent(text: str) -> tuple[str, list[str]]:
    """"Пограничный район Приморского края" → ("Пограничный район", ["Приморского края"])."""
    words = text.split()
    for n, word in enumerate(words[:-1]):
        if fold(word) in _SPLIT_AFTER and n > 0:
            return " ".join(words[: n + 1]), [" ".join(words[n + 1:])]
    return text, []


def _take_country(text: str, countries: dict[str, str]) -> tuple[str | None, str, str]:
    """A country named at the end ("…, Russia", "… (Belarus)") or, in Chinese, at the start:
    its code, the rest of the text, and the country as written."""
    if (m := re.match(r"^(?P<rest>.+?)\s*[,，(（]\s*(?P<country>[^,，()（）]+?)\s*[)）]?$", text)) \
            and fold(m["country"]) in countries:
        return countries[fold(m["country"])], m["rest"], m["country"]
    folded = fold(text)
    for name, code in countries.items():
        if len(name) >= 2 and not name.isascii() and folded.startswith(name) and len(folded) > len(name) + 1:
            return code, text[len(name):].strip(), text[:len(name)]
    return None, text, ""


def readings(query: str, countries: dict[str, str] | None = None,
             known: Callable[[str], bool] | None = None) -> list[Parsed]:
    """The main reading, plus readings with the parent first: "Minsk Soviet District" (words)
    and "上海市长宁区" (a Chinese prefix that ``known`` says is a place's name)."""
    main = parse(query, countries)
    found = [main]
    if main.parents and not main.country:
        return found
    words = main.core.split()
    for n in range(1, len(words)):
        head, tail = " ".join(words[:n]), " ".join(words[n:])
        bare, kind = strip_designator(tail)
        if kind is not None or n == 1 or (known is not None and known(head)):
            found.append(Parsed(query, tail, bare, kind, (head, *main.parents), main.country))
    core = main.core.replace(" ", "")
    if known is not None and _HAN_ONLY.match(core):
        for n in range(len(core) - 2, 1, -1):  # the longest known prefix first
            head, tail = core[:n], core[n:]
            if known(head):
                bare, kind = strip_designator(tail)
                found.append(Parsed(query, tail, bare, kind, (head,), main.country))
                # "黑龙江省绥芬河市" may also name a place in its tail's tail; one level is enough here.
                break
    return found
