"""``amity resolve``: any place name, in any script or spelling, to registry places."""

from __future__ import annotations

import json
from pathlib import Path

import click

from amity.cli.context import ready_database
from amity.cli.output import print_json, print_table
from amity.errors import InvalidInput
from amity.resolve import resolver_for


@click.command()
@click.argument("name", required=False)
@click.option("--country", help="Only places in this country (ISO alpha-2).")
@click.option("--top", default=5, show_default=True, type=click.IntRange(1, 100))
@click.option("--file", "file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="Resolve every line: a name, optionally a tab and a country code for that line.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (one object per line with --file).")
def resolve(name: str | None, country: str | None, top: int, file: Path | None, as_json: bool) -> None:
    """Find the place NAME means: ranked candidates with scores and reasons, or nothing."""
    if (name is None) == (file is None):
        raise InvalidInput("give a NAME or --file FILE", field="name")
    db = ready_database()
    resolver = resolver_for(db.engine.url.render_as_string(hide_password=False))
    with db.read() as conn:
        resolver.refresh(conn)
        if file is not None:
            for line in file.read_text(encoding="utf-8").splitlines():
                query, _, line_country = line.partition("\t")
                found = resolver.resolve(conn, query, country=line_country.strip() or country, top=top)
                click.echo(json.dumps({"query": query, "candidates": [c.to_dict() for c in found]},
                                      ensure_ascii=False))
            return
        found = resolver.resolve(conn, name or "", country=country, top=top)
    if as_json:
        print_json([c.to_dict() for c in found])
        return
    if not found:
        click.echo(f"No place fits {name!r}" + (f" in {country.upper()}" if country else "") + ".")
        return
    print_table(f"Places {name!r} may mean", ["id", "name", "country", "kind", "score", "why"],
                [(c.id, c.name, c.country, c.kind, f"{c.score:.2f}", "; ".join(c.reasons)) for c in found])
