"""The ``packager`` command line: one module per verb, registered in ``VERBS``."""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn, cast

from packager import __version__
from packager.console import LazyConsole
from packager.errors import PackagerError

if TYPE_CHECKING:
    from rich.console import Console

VERBS = {
    "build": "validate a course folder and write its packages",
    "lint": "check a SCORM package (zip hygiene, XSDs, conformance rules, files, external URLs)",
    "key": "print the answer key of a course: each question's correct answer and one wrong answer",
    "schema": "write the JSON Schema of course.yaml, quiz files and lesson front matter",
    "new": "create a course folder with two lessons and a quiz that builds",
    "preview": "play a course folder or a package in a local test LMS, with a live log of its API calls",
    "translate": "export a course's text as XLIFF for translators, or import a translation",
    "import": "turn a question bank (GIFT, Moodle XML, QTI 2.1, Canvas QTI 1.2, Aiken, CSV/XLSX) into a quiz",
}
"""Every verb with its one-line help. A verb lives in ``packager/cli/<verb>.py`` with
``add_arguments(parser)`` and ``run(args, console)``; only the verb being run is imported, so that
the command starts quickly."""
MODULES = {"import": "import_questions"}
"""A verb whose module has another name (``import`` is a Python keyword)."""


def parser(verb: str | None = None) -> argparse.ArgumentParser:
    """The argument parser: every verb listed, ``verb``'s own options and ``run`` added."""
    top = argparse.ArgumentParser(
        prog="packager", description="Turn course text into LMS-ready SCORM packages."
    )
    top.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    verbs = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, summary in VERBS.items():
        sub = verbs.add_parser(name, help=summary, description=summary)
        if name == verb:
            command = importlib.import_module(f"packager.cli.{MODULES.get(name, name)}")
            sub.add_argument("-q", "--quiet", action="store_true", help="print only errors")
            sub.add_argument("-v", "--verbose", action="store_true", help="print more detail")
            command.add_arguments(sub)
            sub.set_defaults(run=command.run)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 bad input, 2 bad usage)."""
    arguments = sys.argv[1:] if argv is None else list(argv)
    verb = next((argument for argument in arguments if not argument.startswith("-")), None)
    args = parser(verb).parse_args(arguments)
    # soft_wrap: long paths are never broken across lines, whatever the terminal width.
    # Made on first use: a quiet command does not import rich (see packager.console).
    # Plain text: messages quote the author's text (paths, keys, titles), which is never read as
    # markup or emoji codes ('final.yaml:100:9' stays as written). Styles come from Text objects.
    plain = {"highlight": False, "soft_wrap": True, "markup": False, "emoji": False}
    console = cast("Console", LazyConsole(quiet=args.quiet, **plain))
    errors = cast("Console", LazyConsole(stderr=True, **plain))
    try:
        result: int = args.run(args, console)
    except PackagerError as error:
        from rich.text import Text

        for problem in error.problems:
            errors.print(Text.assemble(("error:", "bold red"), " ", str(problem)))
        count = len(error.problems)
        errors.print(f"{count} problem{'s' if count != 1 else ''} found; nothing was written.")
        return 1
    except KeyboardInterrupt:
        errors.print("interrupted; nothing was written.")
        return 130
    return result


def run() -> NoReturn:
    """Run the command line as a program (``packager``, ``python -m packager``) and exit.

    What is still alive is frozen out of the garbage collector first: on the way out, the
    interpreter's last collections would otherwise walk all of it (every module loaded, about
    25 ms, a tenth of a quick rebuild). Everything was written and closed by then.
    """
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    run()
