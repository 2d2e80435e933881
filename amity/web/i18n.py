"""Interface languages: gettext catalogues (Babel) for zh and ru, compiled in memory at start-up.

The catalogues are ``locales/<lang>/LC_MESSAGES/messages.po``; English is the source language.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import Environment, PackageLoader, select_autoescape

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static"
LOCALES = HERE / "locales"
LANGUAGES = {"en": "English", "zh": "中文", "ru": "Русский"}
DEFAULT = "en"


@lru_cache(maxsize=None)
def translations(lang: str) -> NullTranslations:
    """The compiled catalogue for ``lang`` (English needs none)."""
    path = LOCALES / lang / "LC_MESSAGES" / "messages.po"
    if lang == DEFAULT or not path.exists():
        return NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


@lru_cache(maxsize=None)
def environment(lang: str) -> Environment:
    """A Jinja2 environment whose ``_()`` speaks ``lang``."""
    env = Environment(loader=PackageLoader("amity.web", "templates"), autoescape=select_autoescape(),
                      extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters["num"] = lambda value: f"{value:,}" if isinstance(value, int) else value
    return env


def choose(query_lang: str | None, cookie_lang: str | None, accept: str | None, default: str = DEFAULT) -> str:
    """The language to speak: the link's ?lang=, then the cookie, then the browser's, then the default."""
    for candidate in (query_lang, cookie_lang):
        if candidate in LANGUAGES:
            return candidate
    for part in (accept or "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return default if default in LANGUAGES else DEFAULT
