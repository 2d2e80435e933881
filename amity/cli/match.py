"""``amity match``: recommend partners a place does not have yet, with reasons."""

from __future__ import annotations

import json
from pathlib import Path

import click

from amity.cli.context import ready_database
from amity.cli.output import print_json, print_table
from amity.errors import AmityError, InvalidInput
from amity.matching.service import AREAS, matcher_for, train
from amity.resolve import find_place


def _train(as_json: bool) -> None:
    db = ready_database()
    with db.begin() as conn:
        ranker = train(conn)
    if as_json:
        print_json(ranker.to_dict())
        return
    about = ranker.about
    click.echo(f"Trained on {about['partnerships']:,} partnerships among {about['places']:,} places "
               f"in {about['seconds']} s; the registry keeps the model.")


def _split(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


@click.command()
@click.argument("place", required=False)
@click.option("--areas", help=f"Areas of cooperation sought, comma-separated: {', '.join(AREAS)}.")
@click.option("--countries", help="Only partners in these countries (ISO alpha-2, comma-separated).")
@click.option("--bloc", help="Only partners in member countries of this bloc (SCO, EU, ASEAN, BRICS).")
@click.option("--domestic", is_flag=True, help="Allow partners in the place's own country.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1, 200))
@click.option("--file", "file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
              help="One place per line; prints one JSON object per line (the model is loaded once).")
@click.option("--train", "train_model", is_flag=True,
              help="Train the model on this registry's partnerships and keep it in the registry "
                   "(until then, the model trained on the shipped world data is used).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def match(place: str | None, areas: str | None, countries: str | None, bloc: str | None, domestic: bool, top: int,
          file: Path | None, train_model: bool, as_json: bool) -> None:
    """Recommend partners for PLACE that it does not have yet, best first, each with reasons."""
    if train_model:
        _train(as_json)
        if place is None and file is None:
            return
    if (place is None) == (file is None):
        raise InvalidInput("give a PLACE or --file FILE", field="place")
    if countries and bloc:
        raise InvalidInput("give --countries or --bloc, not both", field="bloc")
    db = ready_database()
    matcher = matcher_for(db.engine.url.render_as_string(hide_password=False))
    options = {"countries": _split(countries), "bloc": bloc, "areas": _split(areas), "top": top,
               "include_domestic": domestic}
    with db.read() as conn:
        if file is not None:
            for line in file.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                try:
                    found = matcher.recommend(conn, find_place(conn, line.strip()), **options)
                    click.echo(json.dumps({"query": line.strip(), "matches": [m.to_dict() for m in found]},
                                          ensure_ascii=False))
                except AmityError as exc:
                    click.echo(json.dumps({"query": line.strip(), "matches": [], "error": exc.to_dict()},
                                          ensure_ascii=False))
            return
        target = find_place(conn, place or "")
        found = matcher.recommend(conn, target, **options)
    if as_json:
        print_json([m.to_dict() for m in found])
        return
    print_table(f"Partners recommended for {target.name}", ["#", "place", "country", "score", "why"],
                [(n, m.name, m.country, f"{m.score:.2f}", "; ".join(m.reasons)) for n, m in enumerate(found, 1)])
