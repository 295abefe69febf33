"""``packager build``: validate a course and write one package per target."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from packager.archive import write_zip
from packager.course import load_course
from packager.targets import TARGETS

NAME = "build"
HELP = "validate a course folder and write its packages"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``packager build``."""
    parser.add_argument(
        "course_dir", nargs="?", type=Path, default=Path("course"), metavar="COURSE_DIR",
        help="the course folder (default: course/)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, default=Path("build"), metavar="OUT_DIR",
        help="where the zips go (default: build/)",
    )
    parser.add_argument(
        "-t", "--target", action="append", choices=list(TARGETS), metavar="TARGET",
        help=f"a target to build; repeat for several (default: all of {', '.join(TARGETS)})",
    )


def run(args: argparse.Namespace, console: Console) -> int:
    """Build every requested target; nothing is written unless all of them validate."""
    course = load_course(args.course_dir)
    names = args.target or list(TARGETS)
    packages = []
    for name in dict.fromkeys(names):
        target = TARGETS[name]
        site = target.build(course)
        packages.append((args.output / target.archive_name(course), site, target))
        if args.verbose:
            console.print(f"{target.description}: {len(site.files)} files validated")
    for path, site, _ in packages:
        write_zip(site.files, path)
        console.print(f"wrote {path}", markup=False)
    return 0
