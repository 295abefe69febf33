"""``packager preview``'s live reload: rebuild a course folder after each save; the player follows.

:class:`LiveReload` watches a course folder (watchfiles), rebuilds it through
:func:`packager.build` (incrementally: its cache keeps what did not change), gives the player the
new package and publishes the result on the page's :class:`~packager.player.live.LiveChannel`. A
broken save publishes its errors and leaves the last good build playing.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from packager.builder import build
from packager.errors import PackagerError, Problem
from packager.player.live import LiveChannel

DEBOUNCE_MS = 400
"""The longest a burst of changes (an editor's save of several files) is gathered for."""
STEP_MS = 30
"""A rebuild starts once no change came for this long."""


class Player(Protocol):
    """What a rebuild needs of the player: to play a new package from the next launch on."""

    def replace(self, package: Path) -> None: ...


@dataclass(frozen=True)
class Rebuilt:
    """What one rebuild did: the package it swapped in (None: unchanged or broken), its problems."""

    seconds: float
    package: Path | None = None
    problems: tuple[Problem, ...] = ()


class LiveReload:
    """Rebuild ``course_dir`` for ``target`` into ``out_dir`` after each save; the player follows.

    ``on_rebuilt`` is told what each rebuild did (the terminal's report). Call :meth:`watch` in a
    thread and set ``stop`` to end it.
    """

    def __init__(
        self,
        course_dir: Path,
        out_dir: Path,
        target: str,
        player: Player,
        channel: LiveChannel,
        on_rebuilt: Callable[[Rebuilt], None] = lambda rebuilt: None,
    ) -> None:
        self.course_dir = course_dir
        self.out_dir = out_dir
        self.target = target
        self.player = player
        self.channel = channel
        self.on_rebuilt = on_rebuilt
        self._broken = False

    def rebuild(self) -> Rebuilt:
        """Build once more; swap the new package in, or publish why it failed."""
        started = time.perf_counter()
        try:
            (result,) = build(self.course_dir, self.out_dir, [self.target]).targets
            package = result.path if result.status == "written" else None
            if package is not None:
                self.player.replace(package)
        except PackagerError as error:
            rebuilt = Rebuilt(time.perf_counter() - started, problems=error.problems)
        except OSError as error:  # a file that went away between the change and the build
            problem = Problem(error.strerror or str(error), Path(error.filename) if error.filename else None)
            rebuilt = Rebuilt(time.perf_counter() - started, problems=(problem,))
        else:
            rebuilt = Rebuilt(time.perf_counter() - started, package=package)
        if rebuilt.problems or rebuilt.package is not None or self._broken:
            # An unchanged build after a good one changes nothing the page shows: no reload.
            self.channel.publish([str(problem) for problem in rebuilt.problems])
        self._broken = bool(rebuilt.problems)
        self.on_rebuilt(rebuilt)
        return rebuilt

    def watch(self, stop: threading.Event) -> None:
        """Rebuild after every batch of changes in the course folder, until ``stop`` is set."""
        import watchfiles

        for _changes in watchfiles.watch(
            self.course_dir, stop_event=stop, debounce=DEBOUNCE_MS, step=STEP_MS, raise_interrupt=False
        ):
            self.rebuild()


@contextmanager
def watching(reload: LiveReload) -> Iterator[LiveReload]:
    """Watch in a thread while the block runs; on leaving, wait for a rebuild under way to finish."""
    stop = threading.Event()
    watcher = threading.Thread(target=reload.watch, args=(stop,), daemon=True)
    watcher.start()
    try:
        yield reload
    finally:
        stop.set()
        watcher.join(timeout=30)
