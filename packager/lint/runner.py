"""Run every rule that can run on a package, in registration order."""

from __future__ import annotations

from pathlib import Path

# The rule modules register their rules when imported: this order is the order of the report.
# isort: off
from packager.lint import zip_rules  # noqa: F401
from packager.lint import manifest_rules  # noqa: F401
from packager.lint import xsd_rules  # noqa: F401
from packager.lint import content_rules  # noqa: F401

# isort: on
from packager.lint.findings import RULES, Finding, Needs, Severity
from packager.lint.package import Limits, Package, read_package


def _can_run(needs: Needs, package: Package) -> bool:
    if needs == "file":
        return True
    if needs == "archive":
        return package.entries is not None
    if needs in ("manifest", "schemas"):
        return package.manifest is not None
    return package.entries is not None and bool(package.texts)


PHASES: tuple[Needs, ...] = ("file", "archive", "manifest", "schemas", "contents")
"""The order rules run in: the zip, then the manifest, then what the pages load."""


def lint(package: Package) -> list[Finding]:
    """Every finding of every rule that applies to ``package``, phase by phase."""
    ordered = sorted(RULES.values(), key=lambda check: PHASES.index(check.needs))
    return [finding for check in ordered if _can_run(check.needs, package) for finding in check.run(package)]


def lint_package(path: Path, limits: Limits | None = None) -> list[Finding]:
    """Lint the zip at ``path``; raises :class:`~packager.errors.PackagerError` only if it cannot be read."""
    return lint(read_package(path, limits))


def has_errors(findings: list[Finding]) -> bool:
    """Whether any finding is an error (``packager lint`` then exits 1)."""
    return any(finding.severity is Severity.ERROR for finding in findings)
