"""Findings and the rule registry: one rule per function, each with a stable id and a severity."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from packager.lint.package import Package


class Severity(StrEnum):
    """How bad a finding is: only errors make ``packager lint`` fail."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


Needs = Literal["file", "archive", "manifest", "schemas", "contents"]
"""What a rule looks at, which decides whether it can run on a package:

- ``file``: only what the opener found out (runs on any file);
- ``archive``: the zip's entry list;
- ``manifest``: the parsed manifest and the package's file names (also run by the build);
- ``schemas``: the manifest and the official XSDs;
- ``contents``: the text of the package's HTML, CSS and JavaScript files.
"""


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


Check = Callable[["Package"], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A registered check: its id, severity, one-line summary and what it needs."""

    id: str
    severity: Severity
    summary: str
    needs: Needs
    check: Check

    def run(self, package: Package) -> list[Finding]:
        """Every finding of this rule on ``package``."""
        return [
            Finding(self.id, self.severity, hit.message, hit.path, hit.line) for hit in self.check(package)
        ]


RULES: dict[str, Rule] = {}
"""Every rule by id, in the order they run (the order their modules register them)."""


def rule(rule_id: str, severity: Severity, summary: str, *, needs: Needs) -> Callable[[Check], Check]:
    """Register the decorated function as the rule ``rule_id``."""

    def register(check: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"two lint rules have the id {rule_id}")
        RULES[rule_id] = Rule(rule_id, severity, summary, needs, check)
        return check

    return register
