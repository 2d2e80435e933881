"""A snapshot of the registry for matching: places as arrays, partnerships as a sparse graph."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from scipy.spatial import cKDTree
from sqlalchemy import Connection, select

from amity.analytics.edges import IN_FORCE, load_edges
from amity.places import blocs
from amity.storage.schema import countries, places

CANDIDATE_KINDS = ("city", "district", "province")
EARTH_RADIUS_KM = 6371.0


@dataclass
class Snapshot:
    """Every candidate place (arrays indexed alike) and the partnership graph among them."""

    ids: np.ndarray
    names: list[str]
    kinds: np.ndarray
    country: np.ndarray          # index into country_codes (-1: none)
    country_codes: list[str]
    continent: np.ndarray        # per country index
    lat: np.ndarray
    lng: np.ndarray
    log_pop: np.ndarray          # log10(population), NaN when unknown
    capital: np.ndarray          # 1 when the place is its country's capital
    language: np.ndarray         # per country index: first official language
    bloc_mask: np.ndarray        # per country index: bit per bloc it is a member of today
    bloc_codes: list[str]
    edges: np.ndarray            # (E, 2) partnerships in force, as row indexes
    region: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # province index (-1: none)
    name_code: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))  # equal for equal names
    region_names: list[str] = field(default_factory=list)
    position: dict[int, int] = field(default_factory=dict)
    _kernels: dict[float, sp.csr_matrix] = field(default_factory=dict, repr=False)
    _cache: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def unit_vectors(self) -> np.ndarray:
        """Each place as a point on the unit sphere (NaN without coordinates)."""
        if "points" not in self._cache:
            phi, lam = np.radians(self.lat), np.radians(self.lng)
            self._cache["points"] = np.column_stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam),
                                                     np.sin(phi)])
        return self._cache["points"]

    def kernel(self, sigma_km: float) -> sp.csr_matrix:
        """Places × places, exp(-distance / sigma) for places within 3 sigma (1 on the diagonal).

        Places without coordinates have an empty row. Built once per snapshot: it does not
        depend on the partnerships."""
        if sigma_km not in self._kernels:
            self._kernels[sigma_km] = _kernel(self.lat, self.lng, sigma_km)
        return self._kernels[sigma_km]

    def adjacency(self, edges: np.ndarray | None = None) -> sp.csr_matrix:
        edges = self.edges if edges is None else edges
        n = len(self.ids)
        data = np.ones(len(edges) * 2, dtype=np.float32)
        rows = np.concatenate([edges[:, 0], edges[:, 1]])
        cols = np.concatenate([edges[:, 1], edges[:, 0]])
        matrix = sp.csr_matrix((data, (rows, cols)), shape=(n, n))
        matrix.data[:] = 1.0
        return matrix


def _kernel(lat: np.ndarray, lng: np.ndarray, sigma_km: float) -> sp.csr_matrix:
    located = np.nonzero(~np.isnan(lat) & ~np.isnan(lng))[0]
    phi, lam = np.radians(lat[located]), np.radians(lng[located])
    points = np.column_stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])
    tree = cKDTree(points)
    radius = 3 * sigma_km / EARTH_RADIUS_KM
    near = tree.sparse_distance_matrix(tree, 2 * np.sin(radius / 2), output_type="coo_matrix")
    km = 2 * np.arcsin(np.clip(near.data / 2, 0, 1)) * EARTH_RADIUS_KM
    n = len(lat)
    off_diagonal = near.row != near.col
    rows, cols = located[near.row[off_diagonal]], located[near.col[off_diagonal]]
    weights = np.exp(-km[off_diagonal] / sigma_km)
    rows = np.concatenate([rows, located])
    cols = np.concatenate([cols, located])
    weights = np.concatenate([weights, np.ones(len(located))])
    return sp.csr_matrix((weights, (rows, cols)), shape=(n, n))


def _regions(conn: Connection, ids: list[int]) -> tuple[np.ndarray, list[str]]:
    """For each place, an index of the province it lies in (a province is its own), -1 if none;
    and the provinces' names by index."""
    rows = conn.execute(select(places.c.id, places.c.kind, places.c.parent_id, places.c.name)).all()
    kind = {r.id: r.kind for r in rows}
    name = {r.id: r.name for r in rows}
    parent = {r.id: r.parent_id for r in rows}
    codes: dict[int, int] = {}
    out = np.full(len(ids), -1, dtype=np.int64)
    for n, place_id in enumerate(ids):
        current: int | None = place_id
        for _ in range(4):  # district → city → province
            if current is None or kind.get(current) == "country":
                break
            if kind.get(current) == "province":
                out[n] = codes.setdefault(current, len(codes))
                break
            current = parent.get(current)
    names = [""] * len(codes)
    for place_id, index in codes.items():
        names[index] = name[place_id]
    return out, names


def build(conn: Connection) -> Snapshot:
    """Read the registry once into arrays."""
    country_rows = conn.execute(select(countries.c.code, countries.c.continent, countries.c.capital,
                                       countries.c.languages).order_by(countries.c.code)).all()
    codes = [r.code for r in country_rows]
    country_index = {code: n for n, code in enumerate(codes)}
    capitals = {(r.code, (r.capital or "").casefold()) for r in country_rows}
    rows = conn.execute(select(places.c.id, places.c.name, places.c.kind, places.c.country_code, places.c.lat,
                               places.c.lng, places.c.population)
                        .where(places.c.kind.in_(CANDIDATE_KINDS)).order_by(places.c.id)).all()
    position = {r.id: n for n, r in enumerate(rows)}
    bloc_list = [b.code for b in blocs.list_blocs(conn)]
    mask = np.zeros(len(codes), dtype=np.int64)
    for bit, code in enumerate(bloc_list):
        for member in blocs.countries_in(conn, code):
            if member in country_index:
                mask[country_index[member]] |= 1 << bit
    pairs = [(position[e.a], position[e.b]) for e in load_edges(conn)
             if e.status in IN_FORCE and e.a in position and e.b in position]
    name_codes: dict[str, int] = {}
    region, region_names = _regions(conn, [r.id for r in rows])
    return Snapshot(
        ids=np.array([r.id for r in rows], dtype=np.int64),
        names=[r.name for r in rows],
        kinds=np.array([r.kind for r in rows]),
        country=np.array([country_index.get(r.country_code, -1) for r in rows], dtype=np.int64),
        country_codes=codes,
        continent=np.array([r.continent for r in country_rows]),
        lat=np.array([r.lat if r.lat is not None else np.nan for r in rows]),
        lng=np.array([r.lng if r.lng is not None else np.nan for r in rows]),
        log_pop=np.array([math.log10(r.population) if r.population else np.nan for r in rows]),
        capital=np.array([1.0 if (r.country_code, r.name.casefold()) in capitals else 0.0 for r in rows]),
        language=np.array([(r.languages or "").split(",")[0].split("-")[0] for r in country_rows]),
        bloc_mask=mask,
        bloc_codes=bloc_list,
        edges=np.array(pairs, dtype=np.int64).reshape(-1, 2),
        region=region,
        region_names=region_names,
        name_code=np.array([name_codes.setdefault(r.name.casefold(), len(name_codes)) for r in rows],
                           dtype=np.int64),
        position=position,
    )
