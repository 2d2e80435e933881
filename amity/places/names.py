"""Name keys and scripts: how a place name is folded for lookup and which script it is in."""

from __future__ import annotations

import re
import unicodedata

_PUNCTUATION = re.compile(r"[\s\-‐‑‒–—―_.,;:!?'’‘`\"“”«»()\[\]{}/\\·・,、。]+")


def name_key(text: str) -> str:
    """Fold a name for lookup: NFKC, casefold, no diacritics, punctuation as single spaces.

    >>> name_key("  Ürümqi ")
    'urumqi'
    >>> name_key("Naro-Fominsk")
    'naro fominsk'
    """
    text = unicodedata.normalize("NFKC", text).casefold().translate(_CYRILLIC_EQUIVALENTS)
    decomposed = unicodedata.normalize("NFD", text)
    # Drop diacritics on Latin and other letters, but not on Cyrillic ones: й and ў are letters
    # of their own (Пограничный is "Pogranichnyy"), not и and у with a mark.
    kept: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch) and not (kept and "\u0400" <= kept[-1] <= "\u04ff"):
            continue
        kept.append(ch)
    stripped = unicodedata.normalize("NFC", "".join(kept))
    return _PUNCTUATION.sub(" ", stripped).strip()


# ё is written as е in most Russian text; ї and і differ only in Ukrainian spelling habits.
_CYRILLIC_EQUIVALENTS = str.maketrans({"ё": "е", "ї": "і"})


_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0041, 0x024F, "Latn"),
    (0x1E00, 0x1EFF, "Latn"),
    (0x0370, 0x03FF, "Grek"),
    (0x0400, 0x052F, "Cyrl"),
    (0x0530, 0x058F, "Armn"),
    (0x0590, 0x05FF, "Hebr"),
    (0x0600, 0x06FF, "Arab"),
    (0x0750, 0x077F, "Arab"),
    (0x0900, 0x097F, "Deva"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x10A0, 0x10FF, "Geor"),
    (0x1100, 0x11FF, "Hang"),
    (0x3040, 0x309F, "Hira"),
    (0x30A0, 0x30FF, "Kana"),
    (0x3400, 0x4DBF, "Hani"),
    (0x4E00, 0x9FFF, "Hani"),
    (0xAC00, 0xD7AF, "Hang"),
    (0xF900, 0xFAFF, "Hani"),
    (0x20000, 0x2FA1F, "Hani"),
)


def script_of(text: str) -> str:
    """The ISO 15924 code of the first letter's script ('Zyyy' when there is no letter).

    Kana anywhere makes the name Japanese ('Jpan'), since Han-only names cannot tell.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if any(0x3040 <= ord(ch) <= 0x30FF for ch in letters):
        return "Jpan"
    for ch in letters:
        code = ord(ch)
        for low, high, script in _SCRIPT_RANGES:
            if low <= code <= high:
                return script
        return "Zzzz"
    return "Zyyy"
