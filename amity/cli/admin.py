"""Registry-wide commands: init, about, summary, import and export."""

from __future__ import annotations

import time
from importlib import resources
from pathlib import Path

import click

from amity import __version__, settings, world
from amity.cli.context import ready_database
from amity.cli.output import console, json_option, print_json, print_table, progress_bar
from amity.partnerships import transfer
from amity.partnerships.service import Filters
from amity.cli.partnerships import filter_options, filters_from

from amity.registry import summary as registry_summary
from amity.storage import open_database
from amity.storage import migrate


@click.command()
@click.option("--quiet", is_flag=True, help="Print nothing but errors.")
def init(quiet: bool) -> None:
    """Create or upgrade the database and load the shipped world data if it is missing."""
    db = open_database()
    started = time.perf_counter()
    migrate.upgrade(db)
    with progress_bar("Loading world data", enabled=not quiet) as progress:
        report = world.load(db, progress=progress)
    if quiet:
        return
    elapsed = time.perf_counter() - started
    if report.loaded:
        click.echo(f"Loaded {report.release}: {report.places:,} places, {report.names:,} names, "
                   f"{report.partnerships:,} partnerships in {elapsed:.1f} s into {db.url}")
    else:
        click.echo(f"The database at {db.url} is up to date ({report.release}).")


@click.command()
def about() -> None:
    """Version, database, and the sources and licences of the shipped data."""
    text = resources.files("amity").joinpath("data", "ATTRIBUTION.md").read_text(encoding="utf-8")
    click.echo(f"Amity {__version__}\nDatabase: {open_database().url}\n")
    click.echo(text)


@click.command()
@json_option
def summary(as_json: bool) -> None:
    """Headline figures of the registry: places, partnerships, countries, kinds and statuses."""
    db = ready_database()
    with db.read() as conn:
        figures = registry_summary(conn)
    if as_json:
        print_json(figures)
        return
    console.print(f"[bold]Amity registry[/] — {db.url}")
    rows = [("places", f"{figures['places']:,}"), ("partnerships", f"{figures['partnerships']:,}"),
            ("countries with partnerships", figures["countries"])]
    rows += [(f"status: {k}", f"{v:,}") for k, v in figures["by_status"].items()]
    rows += [(f"kind: {k}", f"{v:,}") for k, v in figures["by_kind"].items()]
    print_table(None, ["figure", "value"], rows)
    print_table("Countries with the most partnerships", ["country", "partnerships"],
                [(c, f"{n:,}") for c, n in figures["top_countries"]])


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(transfer.FORMATS), help="Default: from the file name.")
@click.option("--skip-invalid", is_flag=True, help="Import the valid records and report the rest.")
@json_option
def import_(file: Path, fmt: str | None, skip_invalid: bool, as_json: bool) -> None:
    """Import partnerships (and new places) from a CSV, JSON or GeoJSON file.

    Every record is checked first; if any is invalid nothing is written, unless --skip-invalid.
    """
    db = ready_database()
    with db.begin() as conn, progress_bar("Importing", enabled=not as_json) as progress:
        report = transfer.import_file(conn, file, fmt=fmt, skip_invalid=skip_invalid,
                                      progress=lambda done, total: progress("partnerships", done, total))
    if as_json:
        print_json(report.to_dict())
        return
    click.echo(f"{report.file}: imported {len(report.imported)} partnership(s), "
               f"created {len(report.places_created)} place(s).")
    for problem in report.skipped:
        click.echo(f"  skipped: {problem}", err=True)


@click.command()
@click.option("--format", "fmt", type=click.Choice(transfer.FORMATS), default="json", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), help="Default: standard output.")
@filter_options
def export(fmt: str, output: Path | None, **filter_args: object) -> None:
    """Export partnerships as CSV, JSON or GeoJSON (all of them, or those the filters select)."""
    db = ready_database()
    with db.read() as conn:
        filters: Filters = filters_from(conn, **filter_args)
        text = transfer.export(conn, fmt, filters)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)


@click.command()
@click.option("--host", help="Default: AMITY_HOST (127.0.0.1).")
@click.option("--port", type=int, help="Default: AMITY_PORT (8000).")
@click.option("--init/--no-init", "setup", default=True, show_default=True,
              help="Create the database and load the world data first if they are missing.")
def serve(host: str | None, port: int | None, setup: bool) -> None:
    """Start the web app and the REST API (uvicorn)."""
    import uvicorn

    from amity.app import create_app

    current = settings.load()
    db = open_database()
    if setup:
        migrate.upgrade(db)
        with progress_bar("Loading world data") as progress:
            world.load(db, progress=progress)
    app = create_app(db, warm=True)
    host, port = host or current.host, port or current.port
    click.echo(f"Amity is running at http://{host}:{port}/  (API: http://{host}:{port}/api/docs; Ctrl+C stops it)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
