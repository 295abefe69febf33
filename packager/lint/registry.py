"""The rule registry: one rule per function, each with a stable id, a severity and what it needs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from packager.lint.findings import Finding, Hit, Severity
from packager.lint.package import Package

Needs = Literal["file", "archive", "manifest", "schemas", "cmi5", "contents"]
"""What a rule looks at, which decides whether it can run on a package:

- ``file``: only what the opener found out (runs on any file);
- ``archive``: the zip's entry list;
- ``manifest``: the parsed manifest and the package's file names (also run by the build);
- ``schemas``: the manifest and the official XSDs;
- ``cmi5``: the parsed ``cmi5.xml`` of a cmi5 package and the package's file names (also run by
  the cmi5 target);
- ``contents``: the text of the package's HTML, CSS and JavaScript files.
"""


Check = Callable[[Package], Iterable[Hit]]


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
