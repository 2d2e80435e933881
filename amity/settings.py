"""The one settings table of Amity: every setting, its ``AMITY_*`` variable, default and help.

Settings are read from the environment each time :func:`load` is called, so tests and
commands can change them with ``AMITY_*`` variables without restarting anything.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import platformdirs

from amity.errors import InvalidInput


@dataclass(frozen=True)
class Setting:
    """One configurable value: the environment variable, its default, type and help text."""

    name: str
    default: Callable[[], str]
    parse: Callable[[str], object]
    help: str

    @property
    def env(self) -> str:
        return f"AMITY_{self.name.upper()}"


def _default_data_dir() -> str:
    return platformdirs.user_data_dir("amity", appauthor=False)


def _default_database_url() -> str:
    return f"sqlite:///{Path(load_value('data_dir')) / 'amity.sqlite3'}"


def _port(text: str) -> int:
    port = int(text)
    if not 0 < port < 65536:
        raise ValueError("a port is a whole number from 1 to 65535")
    return port


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", _default_data_dir, str,
            "Folder for the embedded SQLite database and other local state."),
    Setting("database_url", _default_database_url, str,
            "SQLAlchemy URL of the database: sqlite:///PATH (default, in the data folder) "
            "or postgresql+psycopg://USER@HOST/DB."),
    Setting("host", lambda: "127.0.0.1", str, "Address the web app and API listen on."),
    Setting("port", lambda: "8000", _port, "Port the web app and API listen on."),
    Setting("language", lambda: "en", str, "Default interface language: en, zh or ru."),
)
_BY_NAME = {setting.name: setting for setting in SETTINGS}


def load_value(name: str) -> object:
    """Return the current value of one setting, parsed, from the environment or its default."""
    setting = _BY_NAME[name]
    raw = os.environ.get(setting.env) or setting.default()
    try:
        return setting.parse(raw)
    except ValueError as exc:
        raise InvalidInput(f"{setting.env}={raw!r} is not valid: {exc}", field=setting.env) from None


@dataclass(frozen=True)
class Settings:
    """A snapshot of every setting."""

    data_dir: str
    database_url: str
    host: str
    port: int
    language: str


def load() -> Settings:
    """Read every setting from the environment now."""
    return Settings(**{setting.name: load_value(setting.name) for setting in SETTINGS})  # type: ignore[arg-type]
