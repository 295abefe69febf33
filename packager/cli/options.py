"""Options several verbs share, spelt the same way in each."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_course_dir(
    parser: argparse.ArgumentParser,
    name: str = "course_dir",
    metavar: str = "COURSE_DIR",
    help: str = "the course folder (default: course/)",
) -> None:
    """The course folder, optional, ``course/`` by default."""
    parser.add_argument(name, nargs="?", type=Path, default=Path("course"), metavar=metavar, help=help)


def add_output_dir(parser: argparse.ArgumentParser, what: str) -> None:
    """``-o OUT_DIR``, ``build/`` by default: where ``what`` go."""
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("build"),
        metavar="OUT_DIR",
        help=f"where {what} go (default: build/)",
    )
