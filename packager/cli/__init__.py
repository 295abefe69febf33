"""The ``packager`` command line: one module per verb, registered in ``COMMANDS``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape

from packager import __version__
from packager.cli import build, key, lint, new, preview, schema
from packager.errors import PackagerError

COMMANDS = (build, lint, key, schema, new, preview)
"""Every verb. Each module has NAME, HELP, add_arguments(parser) and run(args, console)."""


def parser() -> argparse.ArgumentParser:
    """The argument parser with every registered verb."""
    top = argparse.ArgumentParser(
        prog="packager", description="Turn course text into LMS-ready SCORM packages."
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    verbs = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        sub = verbs.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        sub.add_argument("-q", "--quiet", action="store_true", help="print only errors")
        sub.add_argument("-v", "--verbose", action="store_true", help="print more detail")
        command.add_arguments(sub)
        sub.set_defaults(run=command.run)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 bad input, 2 bad usage)."""
    args = parser().parse_args(argv)
    # soft_wrap: long paths are never broken across lines, whatever the terminal width.
    console = Console(quiet=args.quiet, highlight=False, soft_wrap=True)
    errors = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        result: int = args.run(args, console)
    except PackagerError as error:
        for problem in error.problems:
            # Problems quote the author's text (paths, keys), which must not be read as markup.
            errors.print(f"[bold red]error:[/] {escape(str(problem))}", markup=True, soft_wrap=True)
        count = len(error.problems)
        errors.print(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.")
        return 1
    except KeyboardInterrupt:
        errors.print("interrupted; nothing was written.")
        return 130
    return result


if __name__ == "__main__":
    sys.exit(main())
