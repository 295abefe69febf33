"""``packager import``: a question bank from another tool (GIFT, Moodle XML, QTI, Aiken, CSV/XLSX)
into a quiz file of this project (:mod:`packager.importers`).

Every question is validated; what cannot be converted is listed with its line or item id, and
the quiz file is written only when it validates as a whole.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from packager.errors import PackagerError
from packager.importers import FORMATS, import_questions, quiz_yaml
from packager.output import write_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``packager import``."""
    parser.add_argument("source", type=Path, metavar="FILE", help="the question bank to convert")
    parser.add_argument(
        "-o", "--output", type=Path, metavar="QUIZ.yaml", required=True, help="the quiz file to write"
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=list(FORMATS),
        metavar="FORMAT",
        help="the source's format, when its name does not tell: "
        + "; ".join(f"{name}: {description}" for name, (_, description) in FORMATS.items()),
    )
    parser.add_argument("--title", help="the quiz's title (default: the source's, else 'Imported questions')")
    parser.add_argument("--force", action="store_true", help="replace the quiz file if it exists")


def run(args: argparse.Namespace, console: Console) -> int:
    """Convert, list what was left out, and write the quiz file."""
    output: Path = args.output
    if output.exists() and not args.force:
        raise PackagerError("the quiz file exists; choose another name or add --force", file=output)
    imported = import_questions(args.source, args.format)
    text = quiz_yaml(imported, args.title)
    write_file(output, text.encode("utf-8"))
    console.print(f"wrote {output}: {len(imported.questions)} questions from {args.source}", markup=False)
    for skipped in imported.skipped:
        console.print(f"not converted: {args.source}: {skipped.where}: {skipped.reason}", markup=False)
    if imported.skipped:
        console.print(f"{len(imported.skipped)} not converted (listed above)", markup=False)
    return 0
