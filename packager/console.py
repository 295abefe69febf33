"""Terminal output that imports rich only once something is shown.

Importing rich takes about 30 ms, a tenth of a quick rebuild; a quiet command (``-q``, or a build
with no progress bar) need not pay it. :class:`LazyConsole` makes the rich Console on first use, and
:class:`NoProgress` stands in for a progress display that is not shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from rich.console import Console


class LazyConsole:
    """A rich Console, made on first use with the options given here.

    ``print`` on a quiet console does nothing, as rich's would, without making it.
    """

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    @property
    def quiet(self) -> bool:
        """Whether it prints nothing (``-q``)."""
        return bool(self._options.get("quiet"))

    def print(self, *objects: Any, **options: Any) -> None:
        """Print as rich's ``Console.print`` does."""
        if not self.quiet:
            self.real().print(*objects, **options)

    def real(self) -> Console:
        """The rich Console itself."""
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real(), name)


class Progress(Protocol):
    """What a build asks of a progress display (rich's ``Progress`` has it)."""

    @property
    def disable(self) -> bool: ...

    def add_task(self, description: str, *, total: float | None = ...) -> Any: ...

    def remove_task(self, task_id: Any) -> None: ...

    def advance(self, task_id: Any, advance: float = ...) -> None: ...


class NoProgress:
    """A progress display that shows nothing."""

    disable = True

    def add_task(self, description: str, *, total: float | None = None) -> int:
        return 0

    def remove_task(self, task_id: Any) -> None:
        pass

    def advance(self, task_id: Any, advance: float = 1) -> None:
        pass
