"""Output helpers shared by every command: JSON or a readable table, errors, progress bars."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from amity.errors import AmityError

console = Console()
err_console = Console(stderr=True)

json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON document instead of a table.")


def print_json(value: Any) -> None:
    click.echo(json.dumps(value, ensure_ascii=False, indent=2, default=str))


def print_table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    table = Table(title=title, header_style="bold", show_lines=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row))
    console.print(table)


def report_error(error: AmityError) -> None:
    """Print a user error plainly: the message, then candidates or problems, no traceback."""
    err_console.print(f"[bold red]error:[/] {error.message}", highlight=False, soft_wrap=True)
    details = error.details if isinstance(error.details, dict) else {}
    for candidate in details.get("candidates", []):
        parent = f", {candidate['parent']}" if candidate.get("parent") else ""
        err_console.print(f"  candidate: {candidate['id']}  {candidate['name']}{parent} ({candidate.get('country')}, "
                          f"{candidate.get('kind')})", highlight=False, soft_wrap=True)
    for problem in details.get("problems", []):
        where = f"line {problem['line']}" if problem.get("line") is not None else f"record {problem.get('record')}"
        err_console.print(f"  {problem['file']}, {where}, {problem['field']}: {problem['message']}", highlight=False, soft_wrap=True)


@contextmanager
def progress_bar(label: str, *, enabled: bool = True) -> Iterator[Callable[[str, int, int], None]]:
    """A progress bar on stderr, fed with (step, done, total) calls; silent when not a terminal."""
    if not enabled or not sys.stderr.isatty():
        yield lambda step, done, total: None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True) as progress:
        tasks: dict[str, Any] = {}

        def update(step: str, done: int, total: int) -> None:
            if step not in tasks:
                tasks[step] = progress.add_task(f"{label}: {step}", total=total or None)
            progress.update(tasks[step], completed=done, total=total or None)

        yield update
