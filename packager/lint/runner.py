"""Run every rule that can run on a package, in registration order."""

from __future__ import annotations

from pathlib import Path

# The rule modules register their rules when imported: this order is the order of the report.
# isort: off
from packager.lint import zip_rules  # noqa: F401
from packager.lint import manifest_rules  # noqa: F401
from packager.lint import structure_rules  # noqa: F401
from packager.lint import sco_rules  # noqa: F401
from packager.lint import file_rules  # noqa: F401
from packager.lint import xsd_rules  # noqa: F401
from packager.lint import cmi5_rules  # noqa: F401
from packager.lint import content_rules  # noqa: F401

# isort: on
from packager.lint.findings import Finding, Severity
from packager.lint.package import Kind, Limits, Package, read_package
from packager.lint.registry import RULES, Needs


def _can_run(needs: Needs, package: Package) -> bool:
    if needs == "file":
        return True
    if needs == "archive":
        return package.entries is not None
    if needs in ("manifest", "schemas"):
        return package.manifest is not None
    if needs == "cmi5":
        return package.structure is not None
    return package.entries is not None and bool(package.texts)


PHASES: tuple[Needs, ...] = ("file", "archive", "manifest", "schemas", "cmi5", "contents")
"""The order rules run in: the zip, then the manifest or course structure, then what the pages load."""


def lint(package: Package) -> list[Finding]:
    """Every finding of every rule that applies to ``package``, phase by phase."""
    ordered = sorted(RULES.values(), key=lambda check: PHASES.index(check.needs))
    return [finding for check in ordered if _can_run(check.needs, package) for finding in check.run(package)]


def lint_package(path: Path, limits: Limits | None = None, kind: Kind | None = None) -> list[Finding]:
    """Lint the zip at ``path``; raises :class:`~packager.errors.PackagerError` only if it cannot be read.

    ``kind`` ("scorm", "cmi5" or "web") says what the package must be; by default it is detected."""
    return lint(read_package(path, limits, kind))


def has_errors(findings: list[Finding]) -> bool:
    """Whether any finding is an error (``packager lint`` then exits 1)."""
    return any(finding.severity is Severity.ERROR for finding in findings)
