"""The ``amity`` command line: a thin layer over the domain services.

Each command opens the database, calls one service function inside a transaction, and
prints its result as a table or, with ``--json``, as JSON. User errors are printed
without a traceback and exit with status 1.
"""

from __future__ import annotations

import sys

import click
from sqlalchemy.exc import OperationalError

from amity import __version__
from amity.cli import admin, analytics, match, partnerships, places, resolve, seek
from amity.cli.output import report_error
from amity.errors import AmityError


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="amity")
def cli() -> None:
    """Amity: the registry, resolver and working tool for sister-city partnerships."""


cli.add_command(admin.init)
cli.add_command(admin.about)
cli.add_command(admin.summary)
cli.add_command(admin.import_)
cli.add_command(admin.export)
cli.add_command(admin.serve)
cli.add_command(places.places)
cli.add_command(partnerships.partnerships)
cli.add_command(analytics.stats)
cli.add_command(analytics.openness)
cli.add_command(analytics.network)
cli.add_command(analytics.quality)
cli.add_command(analytics.report)
cli.add_command(analytics.blocs)
cli.add_command(resolve.resolve)
cli.add_command(match.match)
cli.add_command(seek.seek)


def main(argv: list[str] | None = None) -> int:
    """Run the command line; user errors become a message and exit status 1."""
    try:
        cli.main(args=argv, prog_name="amity", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except AmityError as exc:
        report_error(exc)
        return 1
    except OperationalError as exc:
        report_error(AmityError(f"the database could not be used: {exc.orig}"))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
