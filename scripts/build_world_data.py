"""Build Amity's shipped world data from the source data sets in ``../shared/data``.

This is a developer tool, run once whenever the source data sets change; the product
never reads ``../shared``. It writes compact gzip CSV files to ``amity/data/world/``:

* ``places.csv.gz`` — countries, admin-1 regions, GeoNames cities and the registry
  places that GeoNames does not have, one row each, with a stable Amity id;
* ``names.csv.gz`` — every name of every place (GeoNames alternates, CLDR country
  names, every raw spelling from the twin-cities scrape);
* ``partnerships.csv.gz`` — the de-duplicated sister-city pairs;
* ``countries.csv.gz`` — ISO codes, continent and size of each country.

Ids: a place known to GeoNames keeps its GeoNames id as its Amity id (GeoNames ids
are stable); a registry place GeoNames does not know gets ``1_000_000_000 +`` its
canonical place id in the twin-cities data set. Run: ``python scripts/build_world_data.py``.
"""

from __future__ import annotations

import csv
import gzip
import math
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "amity" / "data" / "world"
REGISTRY_ONLY_BASE = 1_000_000_000

# Designator words in scraped names that tell a region or district from a city.
PROVINCE_WORDS = re.compile(
    r"\b(Prefecture|Province|Region|Voivodeship|Oblast|Krai|Kray|Governorate|State|Canton|"
    r"Department|Département|Autonomous Community|Republic|Land)\b",
    re.IGNORECASE,
)
DISTRICT_WORDS = re.compile(
    r"\b(County|District|Borough|Raion|Rayon|Municipality|Ward|Arrondissement|Bezirk|Kreis|"
    r"Landkreis|Powiat|Gmina|Commune|Quarter)\b",
    re.IGNORECASE,
)
QUALIFIER = re.compile(r"^(?P<base>.*?)\s*\((?P<qual>[^()]*)\)\s*$")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def write_csv(name: str, header: list[str], rows: list[list[object]]) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the gzip bytes reproducible from run to run.
    with gzip.GzipFile(OUT / name, "wb", mtime=0) as raw:
        with open_text(raw) as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
    print(f"wrote {name}: {len(rows)} rows", file=sys.stderr)


def open_text(raw):
    import io

    return io.TextIOWrapper(raw, encoding="utf-8", newline="")


def split_names(*fields: str) -> list[str]:
    seen: dict[str, None] = {}
    for field in fields:
        for name in field.split("|"):
            name = name.strip()
            if name:
                seen.setdefault(name, None)
    return list(seen)


def distance_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def main() -> None:
    countries = read_csv(SHARED / "geonames-cities" / "countries.csv")
    admin1 = read_csv(SHARED / "geonames-cities" / "admin1.csv")
    cities = read_csv(SHARED / "geonames-cities" / "cities.csv")
    twin_places = read_csv(SHARED / "twin-cities-wikipedia" / "places.csv")
    twin_pairs = read_csv(SHARED / "twin-cities-wikipedia" / "pairs.csv")

    places: list[list[object]] = []
    names: list[list[object]] = []
    country_id = {c["iso2"]: int(c["geonameid"]) for c in countries}
    admin1_id = {a["geonames_admin1_key"]: int(a["geonameid"]) for a in admin1}

    for c in countries:
        pid = int(c["geonameid"])
        places.append([pid, "country", "", c["iso2"], c["name_en_cldr"] or c["name_geonames"],
                       c["name_en_cldr"], c["name_zh_cldr"], c["name_ru_cldr"], "", "",
                       c["population"], pid, "", "", "geonames"])
        for lang, name in (("en", c["name_en_cldr"]), ("en", c["name_geonames"]),
                           ("zh", c["name_zh_cldr"]), ("ru", c["name_ru_cldr"]),
                           ("", c["iso3"]), ("", c["iso2"])):
            if name:
                names.append([pid, name, lang, "official" if lang else "code"])

    # Display names in en/zh/ru for the regions that Amity's users meet most (China's provinces,
    # some of Belarus and Russia), compiled by the Amity project from ISO 3166-2 and the regions'
    # official names; GeoNames' own names ("Hubei Sheng") stay as alternate names.
    curated = {r["geonames_admin1_key"]: r for r in read_csv(ROOT / "scripts" / "admin1_names.csv")}
    for a in admin1:
        pid = int(a["geonameid"])
        parent = country_id.get(a["country_code"], "")
        extra = curated.get(a["geonames_admin1_key"])
        en = extra["en"] if extra else a["name"]
        places.append([pid, "province", parent, a["country_code"], en, en, extra["zh"] if extra else "",
                       extra["ru"] if extra else "", "", "", "", pid, a["admin1_code"], "", "geonames"])
        names.append([pid, en, "en" if extra else "", "official"])
        if extra:
            names.append([pid, a["name"], "", "alternate"])
            for lang, name in (("zh", extra["zh"]), ("zh", extra["zh_short"]), ("ru", extra["ru"])):
                if name:
                    names.append([pid, name, lang, "alternate"])
        if a["iso_3166_2"]:
            names.append([pid, a["iso_3166_2"], "", "code"])

    city_rows: dict[int, dict[str, str]] = {}
    for c in cities:
        pid = int(c["geonameid"])
        city_rows[pid] = c
        parent = admin1_id.get(f'{c["country_code"]}.{c["admin1_code"]}') or country_id.get(c["country_code"], "")
        places.append([pid, "city", parent, c["country_code"], c["name"], c["name"],
                       c["name_zh_guess"], c["name_ru_guess"], c["latitude"], c["longitude"],
                       c["population"], pid, c["admin1_code"], c["timezone"], "geonames"])
        names.append([pid, c["name"], "", "official"])
        for alt in split_names(c["alternatenames"], c["names_han"], c["names_cyrillic"]):
            if alt != c["name"]:
                names.append([pid, alt, "", "alternate"])

    # Registry places: merge spellings by canonical id; link to GeoNames where linked.
    by_canonical: dict[str, list[dict[str, str]]] = defaultdict(list)
    for p in twin_places:
        by_canonical[p["canonical_place_id"]].append(p)

    cities_by_country: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    city_by_name: dict[tuple[str, str], int] = {}
    for pid, c in city_rows.items():
        cities_by_country[c["country_code"]].append((float(c["latitude"]), float(c["longitude"]), pid))
        key = (c["country_code"], c["name"].casefold())
        if key not in city_by_name or int(c["population"] or 0) > int(city_rows[city_by_name[key]]["population"] or 0):
            city_by_name[key] = pid

    amity_id: dict[str, int] = {}
    linked = registry_only = 0
    for cid, spellings in sorted(by_canonical.items(), key=lambda kv: int(kv[0])):
        gn_ids = [int(p["geonameid"]) for p in spellings if p["geonameid"]]
        if gn_ids:
            # Most spellings win; the data has one canonical place with two links.
            pid = max(set(gn_ids), key=gn_ids.count)
            amity_id[cid] = pid
            linked += 1
            for p in spellings:
                names.append([pid, p["name"], "en", "source_spelling"])
            continue
        pid = REGISTRY_ONLY_BASE + int(cid)
        amity_id[cid] = pid
        registry_only += 1
        first = spellings[0]
        display, parent, kind = describe_registry_place(first, city_by_name, cities_by_country, city_rows,
                                                        admin1_id, country_id)
        places.append([pid, kind, parent, first["country_iso2"], display, display, "", "",
                       first["lat"], first["lng"], "", "", "", "", "twin-cities-wikipedia"])
        names.append([pid, display, "en", "official"])
        for p in spellings:
            if p["name"] != display:
                names.append([pid, p["name"], "en", "source_spelling"])

    partnerships: list[list[object]] = []
    seen_pairs: dict[tuple[int, int], int] = {}
    dropped_self = dropped_dup = 0
    for row in twin_pairs:
        if row["duplicate_of"]:
            continue
        a, b = amity_id[row["canonical_place_id_a"]], amity_id[row["canonical_place_id_b"]]
        if a == b:
            dropped_self += 1
            continue
        key = (min(a, b), max(a, b))
        if key in seen_pairs:
            dropped_dup += 1
            continue
        seen_pairs[key] = int(row["pair_id"])
        partnerships.append([row["pair_id"], key[0], key[1]])

    write_csv("countries.csv.gz", ["code", "iso3", "isonumeric", "place_id", "continent", "capital",
                                   "population", "area_km2", "languages", "neighbours"],
              [[c["iso2"], c["iso3"], c["isonumeric"], c["geonameid"], c["continent"], c["capital"],
                c["population"], c["area_km2"], c["languages"], c["neighbours"]] for c in countries])
    write_csv("places.csv.gz", ["id", "kind", "parent_id", "country_code", "name", "name_en", "name_zh",
                                "name_ru", "lat", "lng", "population", "geonames_id", "admin1_code",
                                "timezone", "origin"], places)
    write_csv("names.csv.gz", ["place_id", "name", "lang", "kind"], dedupe_names(names))
    write_csv("partnerships.csv.gz", ["source_pair_id", "place_a", "place_b"], partnerships)
    print(f"registry places linked to GeoNames: {linked}, registry-only: {registry_only}; "
          f"pairs dropped as self-pairs after linking: {dropped_self}, as duplicates: {dropped_dup}",
          file=sys.stderr)


def describe_registry_place(row, city_by_name, cities_by_country, city_rows, admin1_id, country_id):
    """Display name, parent id and kind of a registry place that GeoNames does not have."""
    name, country = row["name"], row["country_iso2"]
    parent: object = country_id.get(country, "")
    kind = "other"
    match = QUALIFIER.match(name)
    if match and (country, match["qual"].casefold()) in city_by_name:
        # "Spandau (Berlin)": a district of a city we know.
        return match["base"], city_by_name[(country, match["qual"].casefold())], "district"
    if PROVINCE_WORDS.search(name):
        kind = "province"
    elif DISTRICT_WORDS.search(name):
        kind = "district"
    else:
        kind = "city"
    if kind != "province" and row["lat"] and row["lng"]:
        parent = nearest_admin1(float(row["lat"]), float(row["lng"]), country, cities_by_country,
                                city_rows, admin1_id) or parent
    return name, parent, kind


def nearest_admin1(lat, lng, country, cities_by_country, city_rows, admin1_id):
    best = None
    for clat, clng, pid in cities_by_country.get(country, ()):
        if abs(clat - lat) > 1 or abs(clng - lng) > 1.5:
            continue
        d = distance_km(lat, lng, clat, clng)
        if d <= 50 and (best is None or d < best[0]):
            best = (d, pid)
    if best is None:
        return None
    c = city_rows[best[1]]
    return admin1_id.get(f'{c["country_code"]}.{c["admin1_code"]}')


def dedupe_names(rows: list[list[object]]) -> list[list[object]]:
    seen: set[tuple[object, object, object]] = set()
    out = []
    for row in rows:
        key = (row[0], row[1], row[2])
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


if __name__ == "__main__":
    main()
