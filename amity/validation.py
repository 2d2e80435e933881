"""Checks on free text that every domain applies before storing it."""

from __future__ import annotations

import unicodedata

from amity.errors import InvalidInput


def clean_text(value: object, *, field: str, required: bool = False, max_length: int = 2000) -> str | None:
    """Trimmed text, or None when empty and optional.

    Control characters are refused (PostgreSQL cannot store NUL, and none belongs in a
    name or a citation); so is text longer than ``max_length``.
    """
    text = "" if value is None else str(value).strip()
    if not text:
        if required:
            raise InvalidInput("this value is required", field=field)
        return None
    bad = next((ch for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r"), None)
    if bad is not None:
        raise InvalidInput(f"contains the control character U+{ord(bad):04X}", field=field)
    if len(text) > max_length:
        raise InvalidInput(f"is longer than {max_length} characters", field=field)
    return text
