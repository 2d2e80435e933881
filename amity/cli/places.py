"""``amity places``: search and show places."""

from __future__ import annotations

import click

from amity.cli.context import ready_database
from amity.cli.output import console, json_option, print_json, print_table
from amity.places import service


@click.group()
def places() -> None:
    """Search and show the places of the registry."""


@places.command()
@click.argument("text")
@click.option("--country", help="Only places in this country (ISO 3166-1 alpha-2).")
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 500))
@json_option
def search(text: str, country: str | None, limit: int, as_json: bool) -> None:
    """Places with a name equal to or starting with TEXT, in any script (武汉, Рыбинск, Wuhan)."""
    db = ready_database()
    with db.read() as conn:
        hits = service.search(conn, text, country=country, limit=limit)
    if as_json:
        print_json([{**hit.place.summary(), "kind": hit.place.kind.value, "geonames": hit.place.geonames_id,
                     "wikidata": hit.place.wikidata_id, "population": hit.place.population,
                     "matched": hit.matched, "exact": hit.exact} for hit in hits])
        return
    if not hits:
        click.echo(f"No place has a name that starts with {text!r}.")
        return
    print_table(f"Places matching {text!r}", ["id", "name", "kind", "country", "population", "matched name"],
                [(h.place.id, h.place.name, h.place.kind.value, h.place.country_code,
                  f"{h.place.population:,}" if h.place.population else "", h.matched) for h in hits])


@places.command()
@click.argument("place")
@click.option("--country", help="Country of PLACE when it is a name.")
@json_option
def show(place: str, country: str | None, as_json: bool) -> None:
    """Show one place: an Amity id, geonames:ID, wikidata:QID or a name."""
    db = ready_database()
    with db.read() as conn:
        found = service.find(conn, place, country=country)
        found = service.get_or_raise(conn, found.id, with_names=True)
        parents = service.lineage(conn, found)
    if as_json:
        print_json({**found.to_dict(), "lineage": [p.summary() for p in parents]})
        return
    console.print(f"[bold]{found.name}[/]  ({found.kind.value}, id {found.id})", highlight=False)
    rows = [
        ("in", ", ".join(p.name for p in parents)),
        ("English / Chinese / Russian", " / ".join(n or "—" for n in (found.name_en, found.name_zh, found.name_ru))),
        ("coordinates", f"{found.lat:.4f}, {found.lng:.4f}" if found.lat is not None else ""),
        ("population", f"{found.population:,}" if found.population else ""),
        ("GeoNames", found.geonames_id), ("Wikidata", found.wikidata_id), ("source", found.origin),
    ]
    print_table(None, ["", ""], [r for r in rows if r[1] not in (None, "")])
    by_script: dict[str, list[str]] = {}
    for name in found.names:
        by_script.setdefault(name.script, []).append(name.name)
    print_table("Names", ["script", "names"], [(s, " · ".join(ns)) for s, ns in sorted(by_script.items())])
