"""Name keys: folding (NFKC, case, diacritics, Traditional → Simplified) and romanisation.

Chinese is romanised with pypinyin, keeping every heteronym reading (pypinyin reads 长宁 as
"zhang ning" first; the place is Changning). unidecode is never used for Chinese: it reads
长宁区 as "Chang Zhu Qu". Cyrillic is romanised under several schemes (Wikipedia-style
Russian, BGN/PCGN, GOST 7.79 B), since partner lists use all of them.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

import zhconv
from pypinyin import Style, pinyin

from amity.places.names import name_key, script_of

MAX_READINGS = 16
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

# Russian, plus the letters Ukrainian, Belarusian and Kazakh add. Columns: Wikipedia-style, BGN/PCGN, GOST 7.79 B.
_CYRILLIC: dict[str, tuple[str, str, str]] = {
    "а": ("a", "a", "a"), "б": ("b", "b", "b"), "в": ("v", "v", "v"), "г": ("g", "g", "g"), "д": ("d", "d", "d"),
    "е": ("e", "ye", "e"), "ё": ("yo", "yo", "yo"), "ж": ("zh", "zh", "zh"), "з": ("z", "z", "z"),
    "и": ("i", "i", "i"), "й": ("y", "y", "j"), "к": ("k", "k", "k"), "л": ("l", "l", "l"), "м": ("m", "m", "m"),
    "н": ("n", "n", "n"), "о": ("o", "o", "o"), "п": ("p", "p", "p"), "р": ("r", "r", "r"), "с": ("s", "s", "s"),
    "т": ("t", "t", "t"), "у": ("u", "u", "u"), "ф": ("f", "f", "f"), "х": ("kh", "kh", "x"), "ц": ("ts", "ts", "cz"),
    "ч": ("ch", "ch", "ch"), "ш": ("sh", "sh", "sh"), "щ": ("shch", "shch", "shh"), "ъ": ("", "", ""),
    "ы": ("y", "y", "y"), "ь": ("", "", ""), "э": ("e", "e", "e"), "ю": ("yu", "yu", "yu"), "я": ("ya", "ya", "ya"),
    "і": ("i", "i", "i"), "ї": ("yi", "yi", "yi"), "є": ("ye", "ye", "ye"), "ў": ("w", "w", "u"), "ґ": ("g", "g", "g"),
    "ә": ("a", "a", "a"), "ғ": ("g", "gh", "g"), "қ": ("k", "q", "k"), "ң": ("n", "ng", "n"), "ө": ("o", "o", "o"),
    "ұ": ("u", "u", "u"), "ү": ("u", "u", "u"), "һ": ("h", "h", "h"),
}


def fold(text: str) -> str:
    """Lookup form of a name in its own script: Simplified Chinese, folded, single-spaced."""
    if _HAN.search(text):
        text = zhconv.convert(text, "zh-hans")
    return name_key(text)


def skeleton(text: str) -> str:
    """The folded name without spaces: "Wu-han", "wu han" and "Wuhan" share one skeleton."""
    return fold(text).replace(" ", "")


@lru_cache(maxsize=50_000)
def romanisations(text: str) -> frozenset[str]:
    """Latin skeletons of a name: pinyin readings for Chinese, several schemes for Cyrillic,
    the folded name itself for Latin; nothing for scripts we cannot romanise."""
    return romanise_folded(fold(text), script_of(text))


def romanise_folded(folded: str, script: str) -> frozenset[str]:
    """:func:`romanisations` of a name already folded, whose script is known."""
    if script == "Hani":
        return _pinyin(folded)
    if script == "Cyrl":
        return frozenset("".join(_CYRILLIC.get(ch, (ch,) * 3)[n] for ch in folded).replace(" ", "") for n in range(3))
    if script == "Latn":
        return frozenset({folded.replace(" ", "")})
    return frozenset()


def _pinyin(text: str) -> frozenset[str]:
    readings = pinyin(text, style=Style.NORMAL, heteronym=True, errors="ignore")
    combos = itertools.islice(itertools.product(*readings), MAX_READINGS)
    return frozenset("".join(parts).replace("ü", "v").replace(" ", "") for parts in combos if parts)


_PHONETIC = [("shch", "s"), ("sch", "s"), ("ch", "c"), ("sh", "s"), ("zh", "z"), ("kh", "h"), ("ts", "c"),
             ("ck", "k"), ("ph", "f"), ("ei", "i"), ("ie", "i"), ("ee", "i"), ("y", "i"), ("j", "i"), ("w", "v")]
_DOUBLE = re.compile(r"(.)\1+")


def phonetic(roman: str) -> str:
    """A coarse sound key of a romanised name, so that spellings from different schemes and
    garbled press English meet: "pogranichny", "pogranichnyj" and "pogranicnei" all give "pogranicni"."""
    for old, new in _PHONETIC:
        roman = roman.replace(old, new)
    return _DOUBLE.sub(r"\1", roman)
