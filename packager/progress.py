"""The progress display of a long build on a terminal (rich), transient."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from packager.console import LazyConsole


class _Bytes(DownloadColumn):
    """Bytes written so far, for the tasks that count them (loading and rendering do not)."""

    def render(self, task: Task) -> Text:
        return Text("") if task.total is None else super().render(task)


def progress_bar(console: Console | LazyConsole) -> Progress:
    """A spinner, the task, a bar, the bytes written and the time taken; gone when done."""
    if isinstance(console, LazyConsole):
        console = console.real()  # rich uses the console in ways a stand-in cannot forward
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        _Bytes(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
