"""``amity stats``, ``openness``, ``network``, ``quality``, ``report`` and ``blocs``: thin over amity.analytics."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from amity.analytics import network as network_metrics
from amity.analytics import openness as openness_index
from amity.analytics import quality as quality_report
from amity.analytics import scope as scopes
from amity.analytics.summary import summarize
from amity.cli.context import ready_database
from amity.cli.output import console, json_option, print_json, print_table
from amity.dates import PartialDate
from amity.places import blocs as blocs_service


def _as_of(text: str | None) -> dt.date | None:
    if not text:
        return None
    date = PartialDate.parse(text, field="as-of")
    if date.precision != "day":
        raise click.BadParameter("give a full date, YYYY-MM-DD", param_hint="--as-of")
    return date.earliest


def _roles(with_observers: bool, with_partners: bool) -> tuple[str, ...]:
    roles = ["member"]
    if with_observers:
        roles.append("observer")
    if with_partners:
        roles += ["dialogue_partner", "partner"]
    return tuple(roles)


@click.command()
@click.option("--country", help="A country (ISO 3166-1 alpha-2).")
@click.option("--place", help="A place or province (id, geonames:ID, wikidata:QID or name): all that lies below it counts.")
@click.option("--bloc", help="A bloc code: SCO, EU, ASEAN, BRICS.")
@click.option("--as-of", "as_of", help="Count as on this day (YYYY-MM-DD); bloc membership too. Default: today.")
@click.option("--with-observers", is_flag=True, help="Count bloc observers as well as members.")
@click.option("--with-partners", is_flag=True, help="Count dialogue partners and partner countries as well.")
@json_option
def stats(country: str | None, place: str | None, bloc: str | None, as_of: str | None, with_observers: bool,
          with_partners: bool, as_json: bool) -> None:
    """The figures officials quote, for the world, a country, a province, a place or a bloc."""
    day = _as_of(as_of)
    db = ready_database()
    with db.read() as conn:
        scope = scopes.choose(conn, country=country, place=place, bloc=bloc, as_of=day)
        figures = summarize(conn, scope, as_of=day, bloc_roles=_roles(with_observers, with_partners))
    if as_json:
        print_json(figures)
        return
    console.print(f"[bold]{figures['scope']['name']}[/] ({figures['scope']['kind']}), as of {figures['as_of']}",
                  highlight=False)
    print_table(None, ["figure", "value"], [
        ("partnerships in force", figures["partnerships"]), ("partner countries", figures["partner_countries"]),
        ("partner places", figures["partner_places"]), ("international", figures["international"]),
        ("domestic", figures["domestic"]), ("internal to the scope", figures["internal"]),
    ])
    roles = ", ".join(figures["bloc_roles"])
    print_table(f"With partners in blocs ({roles})", ["bloc", "partnerships"], list(figures["by_partner_bloc"].items()))
    print_table("Top partner countries", ["country", "partnerships"], list(figures["by_partner_country"].items())[:15])
    print_table("By continent", ["continent", "partnerships"], list(figures["by_continent"].items()))
    print_table("By kind and status", ["", "partnerships"],
                [(f"kind: {k}", v) for k, v in figures["by_kind"].items()]
                + [(f"status: {k}", v) for k, v in figures["by_status"].items()])
    print_table("By decade established", ["decade", "partnerships"], list(figures["by_decade"].items()))


@click.command()
@click.option("--country", help="Only places in this country (ranks stay world ranks too).")
@click.option("--level", type=click.Choice(["place", "province"]), default="place", show_default=True)
@click.option("--top", default=20, show_default=True, type=click.IntRange(1))
@json_option
def openness(country: str | None, level: str, top: int, as_json: bool) -> None:
    """Rank places (or provinces) by the openness index; see `amity openness --help` and docs/analytics.md."""
    db = ready_database()
    with db.read() as conn:
        ranked = openness_index.compute(conn, level=level)
    if country:
        ranked = [o for o in ranked if o.country == country.upper()]
    ranked = ranked[:top]
    if as_json:
        print_json([o.to_dict() for o in ranked])
        return
    console.print("index = 100 × (0.45·active + 0.30·diversity + 0.15·reach + 0.10·recent); "
                  "each component is explained in docs/analytics.md", highlight=False)
    print_table(f"Openness of {level}s" + (f" in {country.upper()}" if country else ""),
                ["#", "world", "name", "cc", "index", "active", "countries", "continents", "bits"],
                [(o.rank_country if country else o.rank_world, o.rank_world, o.name, o.country, f"{o.index:.1f}",
                  o.active, o.partner_countries, o.continents, f"{o.entropy_bits:.2f}") for o in ranked])


@click.group()
def network() -> None:
    """Network metrics of the partnership graph."""


@network.command()
@click.option("--top", default=20, show_default=True, type=click.IntRange(1))
@json_option
def hubs(top: int, as_json: bool) -> None:
    """The best-connected places: degree, partner countries, betweenness (sampled) and PageRank."""
    db = ready_database()
    with db.read() as conn:
        found = network_metrics.hubs(conn, top=top)
    if as_json:
        print_json([h.to_dict() for h in found])
        return
    print_table("Hubs of the partnership network", ["place", "country", "partners", "partner countries",
                                                    "betweenness", "PageRank"],
                [(h.name, h.country, h.degree, h.partner_countries, f"{h.betweenness:.4f}", f"{h.pagerank:.5f}")
                 for h in found])


@network.command("summary")
@click.option("--top", default=10, show_default=True, type=click.IntRange(1))
@json_option
def network_summary(top: int, as_json: bool) -> None:
    """Size, components, clustering, hubs, the country graph and its communities."""
    db = ready_database()
    with db.read() as conn:
        figures = network_metrics.overview(conn, top=top)
    if as_json:
        print_json(figures)
        return
    print_table("The partnership network", ["figure", "value"],
                [(k.replace("_", " "), v) for k, v in figures.items() if not isinstance(v, (list, dict))])
    countries = figures["country_graph"]
    print_table("Country pairs with the most partnerships", ["countries", "partnerships"],
                [(" – ".join(p["countries"]), p["partnerships"]) for p in countries["top_pairs"]])
    print_table("Communities of countries (Louvain)", ["#", "countries, strongest first"],
                [(n, ", ".join(c[:15]) + (" …" if len(c) > 15 else "")) for n, c in enumerate(countries["communities"], 1)])


@click.command()
@json_option
def quality(as_json: bool) -> None:
    """What in the registry needs a person's look: missing data, odd coordinates, duplicates."""
    db = ready_database()
    with db.read() as conn:
        found = quality_report.report(conn)
    if as_json:
        print_json(found)
        return
    console.print(f"Checked {found['places_checked']:,} places that take part in partnerships.")
    print_table("Data quality", ["check", "count", "why it matters"],
                [(k.replace("_", " "), v["count"], v["why"]) for k, v in found.items() if isinstance(v, dict)])


@click.command()
def blocs() -> None:
    """The country groupings and their membership over time."""
    db = ready_database()
    with db.read() as conn:
        for bloc in blocs_service.list_blocs(conn):
            print_table(f"{bloc.code}: {bloc.name_en} (founded {bloc.founded})", ["country", "role", "from", "until"],
                        [(m.country, m.role, m.start, m.end or "") for m in blocs_service.memberships(conn, bloc.code)])


@click.command()
@click.option("--country", help="A country (ISO alpha-2).")
@click.option("--place", help="A place or province.")
@click.option("--bloc", help="A bloc code.")
@click.option("--as-of", "as_of", help="Count as on this day (YYYY-MM-DD).")
@click.option("--out", "out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="Where to write the report.")
@click.option("--format", "fmt", type=click.Choice(["html", "pdf"]), default=None,
              help="Default: from the file name (.html or .pdf).")
@click.option("--lang", type=click.Choice(["en", "zh", "ru"]), default="en", show_default=True)
def report(country: str | None, place: str | None, bloc: str | None, as_of: str | None, out: Path,
           fmt: str | None, lang: str) -> None:
    """Write a self-contained report: headline figures, tables, charts and a world map, drawn offline."""
    from amity.report import build_report, write_pdf

    day = _as_of(as_of)
    fmt = fmt or ("pdf" if out.suffix.lower() == ".pdf" else "html")
    db = ready_database()
    with db.read() as conn:
        scope = scopes.choose(conn, country=country, place=place, bloc=bloc, as_of=day)
        content = build_report(conn, scope, as_of=day, lang=lang)
    if fmt == "pdf":
        write_pdf(content, out)
    else:
        out.write_text(content.html, encoding="utf-8")
    click.echo(f"wrote {out}")
