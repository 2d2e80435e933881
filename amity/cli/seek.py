"""``amity seek``: partner-seeking profiles — publish, list, and match them."""

from __future__ import annotations

import click

from amity.cli.context import ready_database
from amity.cli.output import json_option, print_json, print_table
from amity.matching import seeking
from amity.matching.service import AREAS, matcher_for


@click.group()
def seek() -> None:
    """Partner-seeking profiles: what a place is looking for, matched both ways."""


@seek.command()
@click.argument("place")
@click.option("--areas", help=f"Areas sought, comma-separated: {', '.join(AREAS)}.")
@click.option("--countries", help="Countries sought (ISO alpha-2, comma-separated).")
@click.option("--bloc", help="Or a bloc whose members are sought (SCO, EU, ASEAN, BRICS).")
@click.option("--min-population", type=click.IntRange(0))
@click.option("--max-population", type=click.IntRange(0))
@click.option("--text", help="What the place offers and seeks, in its own words.")
@click.option("--expires", help="Until when the profile holds: YYYY, YYYY-MM or YYYY-MM-DD.")
@json_option
def add(place: str, areas: str | None, countries: str | None, bloc: str | None, min_population: int | None,
        max_population: int | None, text: str | None, expires: str | None, as_json: bool) -> None:
    """Publish what PLACE is looking for."""
    db = ready_database()
    with db.begin() as conn:
        profile = seeking.add(conn, place=place, areas=areas, countries=countries, bloc=bloc,
                              min_population=min_population, max_population=max_population, text=text,
                              expires=expires)
    if as_json:
        print_json(profile.to_dict())
        return
    click.echo(f"Profile #{profile.id} published for {profile.place_name}.")


@seek.command("list")
@json_option
def list_(as_json: bool) -> None:
    """Profiles that have not expired."""
    db = ready_database()
    with db.read() as conn:
        found = seeking.list_(conn)
    if as_json:
        print_json([p.to_dict() for p in found])
        return
    print_table("Partner-seeking profiles", ["id", "place", "areas", "countries / bloc", "size", "until"],
                [(p.id, f"{p.place_name} ({p.country})", ", ".join(p.areas), ", ".join(p.countries) or p.bloc or "",
                  f"{p.min_population or ''}–{p.max_population or ''}", p.expires or "") for p in found])


@seek.command("match")
@click.argument("profile_id", type=int)
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 200))
@json_option
def match(profile_id: int, top: int, as_json: bool) -> None:
    """Partners for a profile's place under its wishes, and profiles that fit it both ways."""
    db = ready_database()
    with db.read() as conn:
        found = seeking.match(conn, matcher_for(db.engine.url.render_as_string(hide_password=False)), profile_id,
                              top=top)
    if as_json:
        print_json(found)
        return
    print_table(f"Recommended for profile #{profile_id} ({found['profile']['place']['name']})",
                ["place", "country", "score", "why"],
                [(m["name"], m["country"], f"{m['score']:.2f}", "; ".join(m["reasons"])) for m in found["recommended"]])
    print_table("Profiles that fit both ways", ["profile", "place", "shared areas"],
                [(m["profile"]["id"], m["profile"]["place"]["name"], ", ".join(m["shared_areas"]))
                 for m in found["mutual"]])
