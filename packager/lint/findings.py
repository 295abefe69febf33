"""Findings: what a rule reports, with its severity. A leaf of the linter (imports none of it)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How bad a finding is: only errors make ``packager lint`` fail."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Hit:
    """What a rule function reports: a message and where, without the rule's id and severity."""

    message: str
    path: str | None = None
    """The file inside the package, if the finding is about one."""
    line: int | None = None


@dataclass(frozen=True)
class Finding:
    """One thing a rule found in a package."""

    rule: str
    severity: Severity
    message: str
    path: str | None = None
    line: int | None = None

    @property
    def where(self) -> str:
        """``path:line``, ``path``, or empty."""
        if self.path is None:
            return ""
        return self.path if self.line is None else f"{self.path}:{self.line}"

    def as_json(self) -> dict[str, str | int | None]:
        """The finding as a JSON object."""
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "path": self.path,
            "line": self.line,
        }
