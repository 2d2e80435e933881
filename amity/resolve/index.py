"""The name index: every name of every registry place, by folded form and by romanisation.

Built from the database in one pass and kept current: before each query the resolver asks
the database for names and places newer than the index, so a name added to a place (or a
place a user created) is found at once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from amity.places import service as places_service
from amity.places.names import script_of
from amity.resolve.keys import fold, phonetic, romanise_folded, skeleton
from amity.resolve.parse import strip_folded
from amity.storage.schema import place_names, places


@dataclass(frozen=True)
class Entry:
    id: int
    kind: str
    country: str | None
    parent_id: int | None
    population: int
    name: str
    geonames: int | None
    wikidata: str | None


class NameIndex:
    """Folded names and romanised keys of every place, with fuzzy lookup lists per country."""

    def __init__(self) -> None:
        self.entries: dict[int, Entry] = {}
        self.exact: dict[str, set[int]] = defaultdict(set)
        self.roman: dict[str, set[int]] = defaultdict(set)
        self.sounds: dict[str, set[int]] = defaultdict(set)
        self.place_keys: dict[int, set[str]] = defaultdict(set)
        self.country_names: dict[str, str] = {}
        self._fuzzy_lists: dict[tuple[str | None, str], list[str]] = {}
        self._last_name_id = 0
        self._last_place_id = 0
        self._parents: dict[int, frozenset[int]] = {}

    # ------------------------------------------------------------ building

    def refresh(self, conn: Connection) -> bool:
        """Take in places and names added since the last refresh; True when anything was new."""
        top_name = conn.execute(select(func.max(place_names.c.id))).scalar() or 0
        count_places = conn.execute(select(func.count()).select_from(places)).scalar() or 0
        if top_name < self._last_name_id or count_places < len(self.entries):
            self.__init__()  # names or places were taken away (a rolled-back import): start afresh
        if top_name == self._last_name_id and count_places == len(self.entries):
            return False
        if count_places != len(self.entries):
            self._load_places(conn)
        rows = conn.execute(select(place_names.c.id, place_names.c.place_id, place_names.c.name)
                            .where(place_names.c.id > self._last_name_id).order_by(place_names.c.id))
        for name_id, place_id, name in rows:
            self.add_name(place_id, name)
            self._last_name_id = name_id
        self._fuzzy_lists.clear()
        return True

    def _load_places(self, conn: Connection) -> None:
        query = select(places.c.id, places.c.kind, places.c.country_code, places.c.parent_id, places.c.population,
                       places.c.name, places.c.geonames_id, places.c.wikidata_id)
        for row in conn.execute(query):
            self.entries[row.id] = Entry(row.id, row.kind, row.country_code, row.parent_id, row.population or 0,
                                         row.name, row.geonames_id, row.wikidata_id)
        self._parents.clear()
        for lang in ("en", "zh", "ru"):
            for code, name in places_service.country_names(conn, lang).items():
                self.country_names[skeleton(name)] = code
                self.country_names[name.casefold()] = code

    def add_name(self, place_id: int, name: str) -> None:
        folded = fold(name)
        bare, _ = strip_folded(folded)
        script = script_of(name)
        for form in {folded, bare}:
            key = form.replace(" ", "")
            if key:
                self.exact[key].add(place_id)
            for roman in romanise_folded(form, script):
                if len(roman) >= 2:
                    self.roman[roman].add(place_id)
                    self.place_keys[place_id].add(roman)
                    self.sounds[phonetic(roman)].add(place_id)

    # ------------------------------------------------------------ lookups

    def ancestors(self, place_id: int) -> frozenset[int]:
        """Every place above ``place_id`` in the hierarchy."""
        if place_id in self._parents:
            return self._parents[place_id]
        found: list[int] = []
        entry = self.entries.get(place_id)
        while entry is not None and entry.parent_id is not None and len(found) < 8:
            found.append(entry.parent_id)
            entry = self.entries.get(entry.parent_id)
        self._parents[place_id] = frozenset(found)
        return self._parents[place_id]

    def fuzzy_keys(self, country: str | None, like: str) -> list[str]:
        """Romanised keys to search fuzzily for ``like``: those that begin with its letter
        (a typo in the first letter is rare, and this keeps a query within milliseconds),
        in one country or in all."""
        bucket = (country, like[:1])
        if bucket not in self._fuzzy_lists:
            self._fuzzy_lists[bucket] = [
                key for key, ids in self.roman.items() if key[:1] == like[:1]
                and (country is None or any(self.entries[i].country == country for i in ids if i in self.entries))
            ]
        return self._fuzzy_lists[bucket]

    def is_place_name(self, text: str) -> bool:
        """True when some place is called ``text`` (designator or not)."""
        key = skeleton(text)
        return bool(self.exact.get(key)) or bool(self.exact.get(strip_folded(fold(text))[0].replace(" ", "")))
