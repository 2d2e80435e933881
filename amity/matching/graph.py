"""A snapshot of the registry for matching: places as arrays, partnerships as a sparse graph."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sqlalchemy import Connection, select

from amity.analytics.edges import IN_FORCE, load_edges
from amity.places import blocs
from amity.storage.schema import countries, places

CANDIDATE_KINDS = ("city", "district", "province")


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
    position: dict[int, int] = field(default_factory=dict)

    def adjacency(self, edges: np.ndarray | None = None) -> sp.csr_matrix:
        edges = self.edges if edges is None else edges
        n = len(self.ids)
        data = np.ones(len(edges) * 2, dtype=np.float32)
        rows = np.concatenate([edges[:, 0], edges[:, 1]])
        cols = np.concatenate([edges[:, 1], edges[:, 0]])
        matrix = sp.csr_matrix((data, (rows, cols)), shape=(n, n))
        matrix.data[:] = 1.0
        return matrix


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
        position=position,
    )
