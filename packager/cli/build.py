"""``packager build``: validate a course and write one package per target (:func:`packager.build`)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from packager.archive.inplace import restore_interrupted
from packager.builder import BuildReport, build
from packager.cli.options import add_course_dir, add_output_dir
from packager.console import NoProgress, Progress
from packager.targets import TARGETS

if TYPE_CHECKING:
    from rich.console import Console


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``packager build``."""
    add_course_dir(parser)
    add_output_dir(parser, "the zips")
    parser.add_argument(
        "-t",
        "--target",
        action="append",
        choices=list(TARGETS),
        metavar="TARGET",
        help=f"a target to build; repeat for several (default: all of {', '.join(TARGETS)})",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="rebuild everything from scratch, and keep nothing for the next build",
    )
    parser.add_argument(
        "--translations",
        action="store_true",
        help="also build each translation in translations/<language>.xlf (<id>-<language>-<target>.zip)",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="build the translations; an untranslated or stale segment is an error",
    )
    parser.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="a folder of course folders: build N at a time (default: one per core)",
    )


def run(args: argparse.Namespace, console: Console) -> int:
    """Build every requested target; nothing is written unless all of them validate.

    A zip an interrupted build left half-written is put back first, and said so, even if the
    course then turns out to be invalid.
    """
    from packager.catalogue import is_catalogue

    if is_catalogue(args.course_dir):
        from packager.cli.catalogue import run_catalogue

        return run_catalogue(args, console)
    for path in restore_interrupted(args.output):
        console.print(f"restored {path}: an interrupted build had left it half-written", markup=False)
    with _progress(console, shown=not args.quiet and console.is_terminal) as progress:
        report = build(
            args.course_dir,
            args.output,
            args.target,
            cache=not args.no_cache,
            progress=progress,
            translations=args.translations or args.strict,
            strict=args.strict,
        )
    _print(report, console, args.verbose)
    for translation in report.translations:
        for kind, found in (("untranslated", translation.untranslated), ("stale", translation.stale)):
            if found:
                places = ", ".join(segment.location for segment in found[:5])
                more = f" and {len(found) - 5} more" if len(found) > 5 else ""
                console.print(
                    f"{translation.language}: {len(found)} {kind} segments: {places}{more}", markup=False
                )
    return 0


def _print(report: BuildReport, console: Console, verbose: bool) -> None:
    for path in report.restored:
        console.print(f"restored {path}: an interrupted build had left it half-written", markup=False)
    for result in report.targets:
        if result.status == "up to date":
            console.print(f"{result.path} is up to date", markup=False)
            continue
        description = TARGETS[result.target].description
        if verbose:
            console.print(f"{description}: {result.files} files validated", markup=False)
        console.print(f"wrote {result.path}", markup=False)
        if verbose:
            console.print(f"{description}: {result.copied} of {result.files} entries copied unchanged")
        if verbose and result.kept_bytes:
            written = result.path.stat().st_size - result.kept_bytes
            console.print(
                f"{description}: updated in place, {_megabytes(result.kept_bytes)} kept and "
                f"{_megabytes(written)} written"
            )


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


@contextmanager
def _progress(console: Console, shown: bool) -> Iterator[Progress]:
    """A progress display on a terminal, transient; an inert one otherwise (rich is then not
    imported at all)."""
    if not shown:
        yield NoProgress()
        return
    from packager.progress import progress_bar

    with progress_bar(console) as progress:
        yield progress
