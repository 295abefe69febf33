"""``packager preview``: play a course or a package in the local test LMS player, in the browser.

A course folder is watched: each save rebuilds it and reloads the page where the learner was
(:mod:`packager.player.rebuild`); a broken save shows its errors in the page and here.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import webbrowser
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from packager.builder import build
from packager.cli.options import add_course_dir
from packager.errors import PackagerError
from packager.player import PROFILES, PlayerServer
from packager.player.cmi5 import Cmi5Launcher, is_cmi5_package
from packager.player.live import LiveChannel
from packager.player.rebuild import LiveReload, Rebuilt, watching
from packager.player.tincan import TincanLauncher, is_tincan_package
from packager.targets import TARGETS

DEFAULT_TARGET = "scorm12"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Options of ``packager preview``."""
    add_course_dir(
        parser,
        "source",
        "COURSE_DIR | PACKAGE.zip",
        "a course folder to build, or a package to play (default: course/)",
    )
    parser.add_argument(
        "-t",
        "--target",
        choices=list(TARGETS),
        metavar="TARGET",
        help=f"the target to build a course folder for: one of {', '.join(TARGETS)} "
        f"(default: {DEFAULT_TARGET})",
    )
    parser.add_argument(
        "-p",
        "--port",
        type=int,
        default=0,
        metavar="N",
        help="the port to serve on, on 127.0.0.1 (default: a free one)",
    )
    parser.add_argument(
        "--profile",
        choices=PROFILES,
        metavar="LMS",
        help=f"how the test LMS behaves: one of {', '.join(PROFILES)} (default: {PROFILES[0]}); "
        "openedx never says entry=resume and answers _count with an empty string, wagtail lands values "
        "out of order",
    )
    parser.add_argument("--no-open", action="store_true", help="do not open the browser")
    parser.add_argument(
        "--no-watch",
        action="store_true",
        help="do not rebuild and reload the page when a file of the course folder is saved",
    )


def wait_forever() -> None:
    """Block until Ctrl-C (KeyboardInterrupt)."""
    threading.Event().wait()


def open_player(package: Path, port: int, live: LiveChannel | None = None) -> PlayerServer | Cmi5Launcher:
    """The test LMS for a package: the cmi5 or Tin Can launcher, its statements kept in memory, for
    a cmi5 or Tin Can package; the SCORM player for any other (reloading after rebuilds when
    ``live`` is given)."""
    if is_tincan_package(package):
        return TincanLauncher(package, port=port)
    if is_cmi5_package(package):
        return Cmi5Launcher(package, port=port)
    return PlayerServer(package, port=port, live=live)


def reporter(console: Console) -> Callable[[Rebuilt], None]:
    """Says in the terminal what each rebuild did."""
    errors = Console(stderr=True, highlight=False, soft_wrap=True)

    def report(rebuilt: Rebuilt) -> None:
        took = f"{rebuilt.seconds:.2f} s"
        if rebuilt.problems:
            for problem in rebuilt.problems:
                errors.print(f"[bold red]error:[/] {escape(str(problem))}", markup=True)
            errors.print(f"the save does not build ({took}); the last good build keeps playing")
        elif rebuilt.package is not None:
            console.print(f"rebuilt in {took}; reloading the page", markup=False)
        else:
            console.print(f"nothing to rebuild ({took})", markup=False)

    return report


def run(args: argparse.Namespace, console: Console) -> int:
    """Build if needed, serve the player until Ctrl-C, and open it in the browser."""
    source: Path = args.source
    if not 0 <= args.port <= 65535:
        raise PackagerError(f"--port must be between 0 and 65535, not {args.port}")
    live: LiveChannel | None = None
    with tempfile.TemporaryDirectory(prefix="packager-preview-") as scratch:
        if source.is_dir():
            target = TARGETS[args.target or DEFAULT_TARGET]
            (result,) = build(source, Path(scratch), [target.name]).targets
            live = None if args.no_watch else LiveChannel()
            package = result.path
            console.print(f"built {target.description} from {source}", markup=False)
        elif source.is_file():
            if args.target:
                raise PackagerError(
                    "--target applies to a course folder; a package is played as it is", file=source
                )
            package = source
        else:
            raise PackagerError("no such course folder or package", file=source)
        with open_player(package, args.port, live) as player, ExitStack() as watch:
            scorm = not isinstance(player, Cmi5Launcher)
            url = f"{player.url}?profile={args.profile}" if scorm and args.profile else player.url
            console.print(f"playing {package.name} at {url}", markup=False)
            if isinstance(player, Cmi5Launcher):
                console.print(
                    "note: statements are kept in memory for this preview only, not sent to an LRS",
                    markup=False,
                )
            elif live is not None:
                rebuilds = LiveReload(source, Path(scratch), target.name, player, live, reporter(console))
                watch.enter_context(watching(rebuilds))
                console.print(f"watching {source}: a save rebuilds and reloads the page", markup=False)
            console.print("press Ctrl-C to stop", markup=False)
            if not args.no_open:
                webbrowser.open(url)
            try:
                wait_forever()
            except KeyboardInterrupt:
                console.print("stopped", markup=False)
    return 0
