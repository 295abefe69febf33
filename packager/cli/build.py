"""``packager build``: validate a course and write one package per target.

Builds are incremental (:mod:`packager.incremental`): a target none of whose inputs changed keeps
its zip (the packager's code is part of the cache key, so this code validated it), unchanged pages
are not parsed or rendered again, and unchanged entries are copied from the previous zip. The bytes
are the same as a clean build's.
"""

from __future__ import annotations

import argparse
import gc
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from packager.archive import (
    EntryRecord,
    PreviousZip,
    StagedZip,
    content_size,
    restore_interrupted,
    stage_zip,
)
from packager.console import NoProgress, Progress
from packager.incremental import BuildCache
from packager.targets import TARGETS

if TYPE_CHECKING:
    from rich.console import Console

    from packager.course import Course
    from packager.targets.base import Target

GC_YOUNG_OBJECTS = 50_000
"""Objects allocated between two collections of the youngest generation (Python's default: 700)."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``packager build``."""
    parser.add_argument(
        "course_dir",
        nargs="?",
        type=Path,
        default=Path("course"),
        metavar="COURSE_DIR",
        help="the course folder (default: course/)",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("build"),
        metavar="OUT_DIR",
        help="where the zips go (default: build/)",
    )
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


def run(args: argparse.Namespace, console: Console) -> int:
    """Build every requested target; nothing is written unless all of them validate."""
    with _few_collections():
        return _build(args, console)


def _build(args: argparse.Namespace, console: Console) -> int:
    """Put back any zip an interrupted build left half-written, then build."""
    cache = BuildCache(None) if args.no_cache else BuildCache.for_output(args.output)
    names = list(dict.fromkeys(args.target or TARGETS))
    for restored in restore_interrupted(args.output):
        console.print(f"restored {restored}: an interrupted build had left it half-written", markup=False)
    with _progress(console, shown=not args.quiet and console.is_terminal) as progress:
        unchanged: dict[str, Path] = {}
        for name in names:
            path = cache.unchanged_zip(name, args.output, args.course_dir)
            if path is not None:
                # Same inputs, same code (the cache key holds both), same zip: it was checked when written.
                unchanged[name] = path
                console.print(f"{path} is up to date", markup=False)
        stale = [TARGETS[name] for name in names if name not in unchanged]
        if not stale:
            return 0
        task = progress.add_task("loading the course", total=None)
        course = cache.load_course(args.course_dir)
        progress.remove_task(task)
        # The course lives until the end: the garbage collector need not scan it again and again.
        gc.freeze()
        staged: list[tuple[Target, StagedZip, PreviousZip | None]] = []
        try:
            with cache.rendering():
                for target in stale:
                    # One site in memory at a time: each zip is written beside its destination at
                    # once, and all are renamed into place only when every target has validated.
                    staged.append(_stage(target, course, args, cache, console, progress))
            for target, zip_file, previous in staged:
                cache.forget_zip(target)
                zip_file.commit()
                cache.remember_zip(target, course, zip_file.destination, args.course_dir, zip_file.entries)
                console.print(f"wrote {zip_file.destination}", markup=False)
                if args.verbose:
                    copied, count = _copied(previous, zip_file.entries), len(zip_file.entries)
                    console.print(f"{target.description}: {copied} of {count} entries copied unchanged")
                    if zip_file.kept_bytes:
                        written = zip_file.destination.stat().st_size - zip_file.kept_bytes
                        console.print(
                            f"{target.description}: updated in place, {_megabytes(zip_file.kept_bytes)} "
                            f"kept and {_megabytes(written)} written"
                        )
        finally:
            for _, zip_file, _ in staged:
                zip_file.discard()  # nothing left once committed
        cache.save()
    return 0


def _stage(
    target: Target,
    course: Course,
    args: argparse.Namespace,
    cache: BuildCache,
    console: Console,
    progress: Progress,
) -> tuple[Target, StagedZip, PreviousZip | None]:
    """Render and validate one target's package, and write its zip beside the destination."""
    task = progress.add_task(f"rendering {target.description}", total=None)
    site = target.build(course)
    progress.remove_task(task)
    if args.verbose:
        console.print(f"{target.description}: {len(site.files)} files validated")
    path = args.output / target.archive_name(course)
    # The bar's total (every media file's size) is worked out only for a bar that is shown.
    total = None if progress.disable else sum(content_size(content) for content in site.files.values())
    task = progress.add_task(f"writing {path.name}", total=total)
    previous = cache.previous_zip(target, path)
    advance = None if progress.disable else partial(progress.advance, task)
    zip_file = stage_zip(
        site.files,
        path,
        previous=previous,
        progress=advance,
        split_at=site.split_at,
        file_signature=cache.signature,
    )
    progress.remove_task(task)
    return target, zip_file, previous


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _copied(previous: PreviousZip | None, entries: Mapping[str, EntryRecord]) -> int:
    """How many entries had the same content in the previous zip (and so were copied from it)."""
    if previous is None:
        return 0
    before = {name: entry.digest for name, entry in previous.entries.items() if entry.digest}
    return sum(1 for name, entry in entries.items() if name in before and before[name] == entry.digest)


@contextmanager
def _few_collections() -> Iterator[None]:
    """Loading makes many long-lived objects and few cycles: collect less often meanwhile (the
    course itself is frozen once loaded); as before afterwards."""
    threshold = gc.get_threshold()
    gc.set_threshold(GC_YOUNG_OBJECTS, *threshold[1:])
    try:
        yield
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


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
