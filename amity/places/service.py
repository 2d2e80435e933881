"""Place services: get, search, find by any reference, create, and add names.

Every function takes an open SQLAlchemy connection as its first argument; the caller
owns the transaction (``with db.begin() as conn``), so a failed edit changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Row, and_, case, func, or_, select

from amity.errors import Ambiguous, InvalidInput, NotFound
from amity.places.models import FIRST_USER_PLACE_ID, LANGUAGES, Place, PlaceKind, PlaceName
from amity.places.names import name_key, script_of
from amity.storage.schema import countries, place_names, places
from amity.validation import clean_text

_ID = re.compile(r"^\d+$")
_GEONAMES = re.compile(r"^geonames:(\d+)$", re.IGNORECASE)
_WIKIDATA = re.compile(r"^wikidata:(Q\d+)$", re.IGNORECASE)
_MAX_KEY = "\U0010ffff"


def _place(row: Row, names: Sequence[PlaceName] = ()) -> Place:
    m = row._mapping
    return Place(
        id=m["id"], kind=PlaceKind(m["kind"]), name=m["name"], country_code=m["country_code"],
        parent_id=m["parent_id"], name_en=m["name_en"], name_zh=m["name_zh"], name_ru=m["name_ru"],
        lat=m["lat"], lng=m["lng"], population=m["population"], geonames_id=m["geonames_id"],
        wikidata_id=m["wikidata_id"], admin1_code=m["admin1_code"], timezone=m["timezone"],
        origin=m["origin"], names=tuple(names),
    )


MAX_ID = 2**63 - 1  # the largest id a database column holds


def get(conn: Connection, place_id: int, *, with_names: bool = False) -> Place | None:
    """The place with this Amity id, or None."""
    if not 0 < place_id <= MAX_ID:
        return None
    row = conn.execute(select(places).where(places.c.id == place_id)).first()
    if row is None:
        return None
    return _place(row, names_of(conn, place_id) if with_names else ())


def get_or_raise(conn: Connection, place_id: int, *, with_names: bool = False) -> Place:
    place = get(conn, place_id, with_names=with_names)
    if place is None:
        raise NotFound(f"no place with id {place_id}", details={"id": place_id})
    return place


def get_many(conn: Connection, place_ids: Iterable[int]) -> dict[int, Place]:
    """Places by id, in one query per thousand ids."""
    ids = sorted(set(place_ids))
    found: dict[int, Place] = {}
    for start in range(0, len(ids), 1000):
        chunk = ids[start:start + 1000]
        for row in conn.execute(select(places).where(places.c.id.in_(chunk))):
            found[row.id] = _place(row)
    return found


def names_of(conn: Connection, place_id: int) -> list[PlaceName]:
    rows = conn.execute(
        select(place_names.c.name, place_names.c.lang, place_names.c.script, place_names.c.kind)
        .where(place_names.c.place_id == place_id)
        .order_by(place_names.c.kind != "official", place_names.c.lang == "", place_names.c.name)
    )
    return [PlaceName(r.name, r.lang, r.script, r.kind) for r in rows]


def lineage(conn: Connection, place: Place) -> list[Place]:
    """The place's ancestors, nearest first (province, then country)."""
    chain: list[Place] = []
    parent_id = place.parent_id
    while parent_id is not None and len(chain) < 8:
        parent = get(conn, parent_id)
        if parent is None:
            break
        chain.append(parent)
        parent_id = parent.parent_id
    return chain


@dataclass(frozen=True)
class SearchHit:
    place: Place
    matched: str
    exact: bool


def search(conn: Connection, text: str, *, country: str | None = None, limit: int = 20) -> list[SearchHit]:
    """Places with a name equal to, or starting with, ``text`` in any script.

    Exact matches come first, then larger places. The resolver (``amity.resolve``) does
    fuzzy and cross-script matching; this is the fast exact-and-prefix lookup.
    """
    key = name_key(text)
    if not key:
        return []  # nothing searchable (only punctuation or spaces): nothing fits
    is_exact = case((place_names.c.key == key, 0), else_=1)
    # One or two Latin letters start tens of thousands of names: match those exactly only.
    upper = key + "\x00" if len(key) < 3 and key.isascii() else key + _MAX_KEY
    matches = (
        select(place_names.c.place_id, func.min(is_exact).label("rank"), func.min(place_names.c.name).label("matched"))
        .where(place_names.c.key >= key, place_names.c.key < upper)
        .group_by(place_names.c.place_id)
        .subquery()
    )
    query = (
        select(places, matches.c.rank, matches.c.matched)
        .join(matches, matches.c.place_id == places.c.id)
        .order_by(matches.c.rank, _kind_order(), places.c.population.desc().nulls_last(), places.c.id)
        .limit(limit)
    )
    if country:
        query = query.where(places.c.country_code == country.upper())
    return [SearchHit(_place(row), row.matched, row.rank == 0) for row in conn.execute(query)]


def _kind_order():
    return case(
        (places.c.kind == "country", 0), (places.c.kind == "province", 1), (places.c.kind == "city", 2), else_=3
    )


def find(conn: Connection, ref: str | int, *, country: str | None = None) -> Place:
    """The one place that ``ref`` names: an Amity id, ``geonames:ID``, ``wikidata:QID`` or a name.

    A name must fit exactly one place (within ``country`` when given): otherwise
    :class:`Ambiguous` lists the candidates and :class:`NotFound` says so.
    """
    text = str(ref).strip()
    if _ID.match(text):
        return get_or_raise(conn, int(text))
    if (m := _GEONAMES.match(text)) and int(m[1]) <= MAX_ID:
        return _by_column(conn, places.c.geonames_id, int(m[1]), text)
    if m := _WIKIDATA.match(text):
        return _by_column(conn, places.c.wikidata_id, m[1].upper(), text)
    candidates = _exact_name_candidates(conn, text, country)
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        where = f" in {country.upper()}" if country else ""
        raise NotFound(f"no place is called {text!r}{where}", details={"query": text})
    raise Ambiguous(
        f"{text!r} fits {len(candidates)} places; give an id or a country",
        details={"query": text, "candidates": [_candidate(conn, p) for p in candidates[:20]]},
    )


def _candidate(conn: Connection, place: Place) -> dict[str, object]:
    parents = ", ".join(p.name for p in lineage(conn, place)[:1])
    return {**place.summary(), "kind": place.kind.value, "parent": parents or None, "population": place.population}


def _by_column(conn: Connection, column, value, text: str) -> Place:
    row = conn.execute(select(places).where(column == value)).first()
    if row is None:
        raise NotFound(f"no place has the id {text}", details={"query": text})
    return _place(row)


def _exact_name_candidates(conn: Connection, text: str, country: str | None) -> list[Place]:
    """Places whose main name fits ``text`` or, failing those, places with any name that fits."""
    key = name_key(text)
    if not key:
        raise InvalidInput("the place name is empty", field="place")
    query = (
        select(places, func.min(case((place_names.c.kind == "official", 0), else_=1)).label("rank"))
        .join(place_names, place_names.c.place_id == places.c.id)
        .where(place_names.c.key == key)
        .group_by(*places.c)
        .order_by(places.c.population.desc().nulls_last())
    )
    if country:
        query = query.where(places.c.country_code == country.upper())
    rows = conn.execute(query).all()
    best = [row for row in rows if row.rank == 0] or rows
    return [_place(row) for row in best]


def create(
    conn: Connection,
    *,
    kind: PlaceKind | str,
    name: str,
    country_code: str | None,
    parent_id: int | None = None,
    lat: float | None = None,
    lng: float | None = None,
    population: int | None = None,
    names: Iterable[tuple[str, str]] = (),
    geonames_id: int | None = None,
    wikidata_id: str | None = None,
    place_id: int | None = None,
) -> Place:
    """Add a place (a district the gazetteer lacks, say). ``names`` holds (name, lang) pairs."""
    kind = _valid_kind(kind)
    name = _valid_name(name)
    country_code = _valid_country(conn, country_code)
    _valid_coordinates(lat, lng)
    if parent_id is not None:
        get_or_raise(conn, parent_id)
    if place_id is None:
        place_id = _next_user_id(conn)
    elif get(conn, place_id) is not None:
        raise InvalidInput(f"a place with id {place_id} exists already", field="id")
    localized = dict((lang, n) for n, lang in names if lang in LANGUAGES)
    conn.execute(places.insert().values(
        id=place_id, kind=kind.value, name=name, country_code=country_code, parent_id=parent_id,
        name_en=localized.get("en", name), name_zh=localized.get("zh"), name_ru=localized.get("ru"),
        lat=lat, lng=lng, population=population, geonames_id=geonames_id,
        wikidata_id=wikidata_id.upper() if wikidata_id else None, origin="user",
    ))
    names = list(names)
    main_lang = next((lang for alt, lang in names if alt == name), "")
    add_name(conn, place_id, name, lang=main_lang, kind="official")
    for alt, lang in names:
        if alt != name:
            add_name(conn, place_id, alt, lang=lang)
    return get_or_raise(conn, place_id, with_names=True)


def same_place(conn: Connection, *, name: str, country_code: str | None, parent_id: int | None) -> Place | None:
    """A place with this main name in the same country and parent, if the registry has one."""
    query = (select(places).join(place_names, place_names.c.place_id == places.c.id)
             .where(place_names.c.key == name_key(name), place_names.c.kind == "official",
                    places.c.country_code == (country_code.upper() if country_code else None),
                    places.c.parent_id == parent_id))
    row = conn.execute(query).first()
    return _place(row) if row else None


def add_name(conn: Connection, place_id: int, name: str, *, lang: str = "", kind: str = "alternate") -> bool:
    """Give a place one more name; returns False when it already had it. Found by search at once."""
    name = _valid_name(name)
    exists = conn.execute(select(place_names.c.id).where(and_(
        place_names.c.place_id == place_id, place_names.c.name == name, place_names.c.lang == lang))).first()
    if exists:
        return False
    conn.execute(place_names.insert().values(
        place_id=place_id, name=name, lang=lang, script=script_of(name), kind=kind, key=name_key(name)))
    if lang in LANGUAGES:
        column = places.c[f"name_{lang}"]
        conn.execute(places.update().where(places.c.id == place_id, or_(column.is_(None), column == ""))
                     .values({column: name}))
    return True


def create_country(conn: Connection, *, code: str, iso3: str, continent: str, name: str,
                   names: Iterable[tuple[str, str]] = (), place_id: int | None = None,
                   population: int | None = None) -> Place:
    """Add a country: a place of kind country and its row in the countries table."""
    code = code.upper()
    if not re.fullmatch(r"[A-Z]{2}", code):
        raise InvalidInput(f"{code!r} is not an ISO 3166-1 alpha-2 code", field="code")
    if conn.execute(select(countries.c.code).where(countries.c.code == code)).first():
        raise InvalidInput(f"country {code} exists already", field="code")
    place_id = place_id or _next_user_id(conn)
    conn.execute(places.insert().values(id=place_id, kind="country", name=name, name_en=name, country_code=code,
                                        population=population, origin="user"))
    conn.execute(countries.insert().values(code=code, iso3=iso3.upper(), place_id=place_id,
                                           continent=continent.upper(), population=population))
    add_name(conn, place_id, name, lang="en", kind="official")
    for alt, lang in names:
        add_name(conn, place_id, alt, lang=lang)
    return get_or_raise(conn, place_id)


def country_names(conn: Connection, lang: str = "en") -> dict[str, str]:
    """Every country's name in ``lang`` (en, zh or ru), by ISO alpha-2 code."""
    column = {"zh": places.c.name_zh, "ru": places.c.name_ru}.get(lang, places.c.name_en)
    rows = conn.execute(select(countries.c.code, column, places.c.name).join(places, places.c.id == countries.c.place_id))
    return {code: localized or name for code, localized, name in rows}


def country_place(conn: Connection, code: str) -> Place:
    row = conn.execute(select(countries.c.place_id).where(countries.c.code == code.upper())).first()
    if row is None:
        raise NotFound(f"no country with the code {code!r}", field="country")
    return get_or_raise(conn, row.place_id)


def _next_user_id(conn: Connection) -> int:
    top = conn.execute(select(func.max(places.c.id))).scalar() or 0
    return max(top + 1, FIRST_USER_PLACE_ID)


def _valid_kind(kind: PlaceKind | str) -> PlaceKind:
    try:
        return PlaceKind(kind)
    except ValueError:
        allowed = ", ".join(k.value for k in PlaceKind)
        raise InvalidInput(f"unknown place kind {kind!r} (use one of: {allowed})", field="kind") from None


def _valid_name(name: str) -> str:
    name = clean_text(name, field="name", max_length=200) or ""
    if not name_key(name):
        raise InvalidInput("a place name cannot be empty", field="name")
    return name


def _valid_country(conn: Connection, code: str | None) -> str | None:
    if code is None or code == "":
        return None
    code = code.upper()
    if conn.execute(select(countries.c.code).where(countries.c.code == code)).first() is None:
        raise InvalidInput(f"unknown country code {code!r} (use ISO 3166-1 alpha-2)", field="country")
    return code


def _valid_coordinates(lat: float | None, lng: float | None) -> None:
    if (lat is None) != (lng is None):
        raise InvalidInput("give both latitude and longitude, or neither", field="lat")
    if lat is not None and not -90 <= lat <= 90:
        raise InvalidInput(f"latitude {lat} is outside -90..90", field="lat")
    if lng is not None and not -180 <= lng <= 180:
        raise InvalidInput(f"longitude {lng} is outside -180..180", field="lng")
