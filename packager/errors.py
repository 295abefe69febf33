"""The one user-facing error type: every problem names a file, a line and a field when known."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    message: str
    file: Path | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = str(self.file)
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
        parts = [part for part in (where, self.field) if part]
        prefix = " ".join(parts)
        return f"{prefix}: {self.message}" if prefix else self.message


class PackagerError(Exception):
    """Raised for bad input or a failed build; carries every problem found, each with file, line and field."""

    def __init__(
        self,
        message: str | None = None,
        *,
        file: Path | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        problems: Iterable[Problem] = (),
    ) -> None:
        collected = list(problems)
        if message is not None:
            collected.insert(0, Problem(message, file, line, column, field))
        if not collected:
            raise ValueError("PackagerError needs at least one problem")
        self.problems: tuple[Problem, ...] = tuple(collected)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @property
    def file(self) -> Path | None:
        """File of the first problem."""
        return self.problems[0].file

    @property
    def line(self) -> int | None:
        """Line of the first problem."""
        return self.problems[0].line

    @property
    def field(self) -> str | None:
        """Field of the first problem."""
        return self.problems[0].field
