"""``packager build`` on a folder of course folders: one progress bar, then a summary table."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from packager.catalogue import JobResult, build_catalogue, jobs

if TYPE_CHECKING:
    from rich.console import Console


def run_catalogue(args: argparse.Namespace, console: Console) -> int:
    """Build every course in every language; exit status 1 when any of them failed."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    total = len(jobs(args.course_dir, args.output))
    shown = not args.quiet and console.is_terminal
    with Progress(
        TextColumn("building"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not shown,
    ) as progress:
        task = progress.add_task("catalogue", total=total)

        def done(result: JobResult) -> None:
            progress.advance(task)

        results = build_catalogue(
            args.course_dir, args.output, args.target, workers=args.jobs, strict=args.strict, done=done
        )
    table = Table(title=f"{len(results)} builds")
    for column in ("course", "language", "packages", "result"):
        table.add_column(column)
    for result in results:
        outcome = "ok" if result.ok else f"failed: {result.error}"
        table.add_row(result.course, result.language, str(len(result.zips)), outcome)
    console.print(table)
    failed = [result for result in results if not result.ok]
    if failed:
        console.print(f"{len(failed)} of {len(results)} builds failed", markup=False)
        return 1
    return 0
