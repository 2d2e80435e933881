"""``amity partnerships``: list, show, add, change status and end partnerships."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any

import click
from sqlalchemy import Connection

from amity.cli.context import ready_database
from amity.cli.output import console, json_option, print_json, print_table
from amity.partnerships import service
from amity.partnerships.models import Partnership, PartnershipKind, Status
from amity.places import service as places_service


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The filter flags shared by ``partnerships list`` and ``export``."""
    options = [
        click.option("--place", help="Partnerships of this place (id, geonames:ID, wikidata:QID or name)."),
        click.option("--country", help="Partnerships with at least one side in this country (ISO alpha-2)."),
        click.option("--kind", type=click.Choice([k.value for k in PartnershipKind])),
        click.option("--status", type=click.Choice([s.value for s in Status])),
    ]
    return functools.reduce(lambda cmd, option: option(cmd), reversed(options), command)


def filters_from(conn: Connection, *, place: str | None, country: str | None, kind: str | None,
                 status: str | None) -> service.Filters:
    place_id = places_service.find(conn, place).id if place else None
    if country:
        places_service.country_place(conn, country)
    return service.Filters(place_id=place_id, country=country, kind=PartnershipKind(kind) if kind else None,
                           status=Status(status) if status else None)


@click.group()
def partnerships() -> None:
    """List, show, add, change and end partnerships."""


def _table(items: Sequence[Partnership], title: str) -> None:
    print_table(title, ["id", "place", "partner", "kind", "status", "established"],
                [(p.id, f"{p.places[0].name} ({p.places[0].country})", f"{p.places[1].name} ({p.places[1].country})",
                  p.kind.value, p.status.value, p.established or "") for p in items])


@partnerships.command("list")
@filter_options
@click.option("--limit", type=click.IntRange(1), help="At most this many (all by default).")
@click.option("--offset", type=click.IntRange(0), default=0)
@json_option
def list_(limit: int | None, offset: int, as_json: bool, **filter_args: Any) -> None:
    """List partnerships, filtered by place, country, kind and status."""
    db = ready_database()
    with db.read() as conn:
        filters = filters_from(conn, **filter_args)
        items = service.list_(conn, filters, limit=limit, offset=offset)
        total = service.count(conn, filters)
    if as_json:
        print_json([p.to_dict() for p in items])
        return
    _table(items, f"{len(items):,} of {total:,} partnerships")


@partnerships.command()
@click.argument("partnership_id", type=int)
@json_option
def show(partnership_id: int, as_json: bool) -> None:
    """Show one partnership with its status history and sources."""
    db = ready_database()
    with db.read() as conn:
        found = service.get_or_raise(conn, partnership_id)
    _print_one(found, as_json)


def _print_one(p: Partnership, as_json: bool) -> None:
    if as_json:
        print_json(p.to_dict())
        return
    a, b = p.places
    console.print(f"[bold]#{p.id}[/] {a.name} ({a.country}) — {b.name} ({b.country}): {p.kind.value}, "
                  f"{p.status.value}", highlight=False)
    if p.established:
        console.print(f"established {p.established}" + (f" ({p.established_basis})" if p.established_basis else ""))
    if p.ended:
        console.print(f"ended {p.ended}" + (f" ({p.ended_basis})" if p.ended_basis else ""))
    if p.event:
        console.print(f"signed at {p.event.name}, {p.event.date}", highlight=False)
    print_table("History", ["status", "date", "note"], [(h.status.value, h.date, h.note) for h in p.history])
    print_table("Sources", ["kind", "citation", "reference", "retrieved", "confidence"],
                [(s.kind.value, s.url or s.citation, s.reference, s.retrieved, s.confidence) for s in p.sources])


@partnerships.command()
@click.argument("place_a")
@click.argument("place_b")
@click.option("--kind", required=True, type=click.Choice([k.value for k in PartnershipKind]))
@click.option("--date", help="Date established: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--status", type=click.Choice([s.value for s in Status if s is not Status.ENDED]),
              default="active", show_default=True)
@click.option("--source", help="Where the agreement is stated: a URL or a document title.")
@click.option("--confidence", type=click.FloatRange(0, 1), help="How sure the source is (0..1).")
@click.option("--country-a", help="Country of PLACE_A when it is a name.")
@click.option("--country-b", help="Country of PLACE_B when it is a name.")
@click.option("--event", help="Name of the forum or event it was signed at.")
@click.option("--event-date", help="Date of that event (default: --date).")
@json_option
def add(place_a: str, place_b: str, kind: str, date: str | None, status: str, source: str | None,
        confidence: float | None, country_a: str | None, country_b: str | None, event: str | None,
        event_date: str | None, as_json: bool) -> None:
    """Register a partnership between PLACE_A and PLACE_B (ids, geonames:ID, wikidata:QID or names)."""
    db = ready_database()
    with db.begin() as conn:
        created = service.register_by_reference(
            conn, place_a=place_a, place_b=place_b, kind=kind, status=status, established=date,
            country_a=country_a, country_b=country_b,
            sources=[{"citation": source, "confidence": confidence}] if source else [],
            event={"name": event, "date": event_date or date} if event else None,
        )
    _print_one(created, as_json)


@partnerships.command("set-status")
@click.argument("partnership_id", type=int)
@click.argument("status", type=click.Choice([s.value for s in Status]))
@click.option("--date", required=True, help="When it changed: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--note", help="Why, or what happened.")
@json_option
def set_status(partnership_id: int, status: str, date: str, note: str | None, as_json: bool) -> None:
    """Change the lifecycle status of a partnership; the change is kept in its history."""
    db = ready_database()
    with db.begin() as conn:
        changed = service.set_status(conn, partnership_id, status, date=date, note=note)
    _print_one(changed, as_json)


@partnerships.command()
@click.argument("partnership_id", type=int)
@click.option("--date", required=True, help="When it ended: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--basis", help="What the end date rests on (a council decision, a press report ...).")
@json_option
def end(partnership_id: int, date: str, basis: str | None, as_json: bool) -> None:
    """End a partnership. It stays in the registry, with its history."""
    db = ready_database()
    with db.begin() as conn:
        ended = service.end(conn, partnership_id, date=date, basis=basis)
    _print_one(ended, as_json)
