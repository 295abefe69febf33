"""Lint cases kept as data (``tests/lint_fixtures/*-cases.toml``): a hand-written package of
``tests/lint_fixtures/``, the change that makes it break (if any), the rules that must fire and the
source that says so; and the check every case passes through."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from packager.lint import RULES, Finding, Kind, Severity, lint_package
from tests.lint_fixture_zip import FIXTURES, Change, zip_fixture


@dataclass(frozen=True)
class Case:
    fixture: str
    expected: frozenset[str]
    """The rules whose warnings and errors must be exactly these (plus ``info`` when given)."""
    source: str
    replace: dict[str, Change] = field(default_factory=dict)
    info: frozenset[str] = frozenset()
    prefix: str = ""
    kind: Kind | None = None


def _case(entry: dict[str, Any]) -> Case:
    replace: dict[str, Change] = {entry["file"]: (entry["old"], entry["new"])} if "file" in entry else {}
    return Case(
        entry["fixture"],
        frozenset(entry["rules"]),
        entry["source"],
        replace,
        frozenset(entry.get("info", ())),
        entry.get("prefix", ""),
        entry.get("kind"),
    )


def load_cases(name: str) -> dict[str, Case]:
    """The cases of ``tests/lint_fixtures/<name>-cases.toml``, by title."""
    with (FIXTURES / f"{name}-cases.toml").open("rb") as file:
        return {title: _case(entry) for title, entry in tomllib.load(file).items()}


def lint_case(case: Case, tmp_path: Path) -> list[Finding]:
    """Zip the case's package and lint it: exactly the expected rules fire (warnings and errors), the
    expected info findings are among the rest, and every finding has its rule's severity."""
    package = zip_fixture(case.fixture, tmp_path / "package.zip", replace=case.replace, prefix=case.prefix)
    findings = lint_package(package, kind=case.kind)
    fired = {finding.rule for finding in findings if finding.severity is not Severity.INFO}
    assert fired == case.expected, (case.source, [f.message for f in findings])
    info = {finding.rule for finding in findings if finding.severity is Severity.INFO}
    assert case.info <= info, findings
    for finding in findings:
        assert finding.severity is RULES[finding.rule].severity
    return findings
