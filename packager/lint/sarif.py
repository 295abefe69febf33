"""Findings as a SARIF 2.1.0 log, so that CI systems (GitHub code scanning, GitLab, Azure DevOps)
show them on the files of the package."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from packager.lint.findings import Finding, Severity
from packager.lint.registry import RULES

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "packager lint"
INFORMATION_URI = "https://pypi.org/project/scorm-course-packager/"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _rule(rule_id: str) -> dict[str, Any]:
    rule = RULES[rule_id]
    return {
        "id": rule.id,
        "shortDescription": {"text": rule.summary},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
    }


def _location(finding: Finding, package: str) -> dict[str, Any]:
    """Where a finding is: the file inside the package, after the package itself."""
    uri = package if finding.path is None else f"{package}/{finding.path}"
    physical: dict[str, Any] = {"artifactLocation": {"uri": quote(uri, safe="/")}}
    if finding.line is not None and finding.line > 0:
        physical["region"] = {"startLine": finding.line}
    return {"physicalLocation": physical}


def sarif_log(findings: list[Finding], package: str) -> dict[str, Any]:
    """The SARIF log of one lint run on ``package`` (a path as the user gave it, with '/')."""
    used = sorted({finding.rule for finding in findings if finding.rule in RULES})
    index = {rule_id: number for number, rule_id in enumerate(used)}
    results = []
    for finding in findings:
        result: dict[str, Any] = {
            "ruleId": finding.rule,
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message},
            "locations": [_location(finding, package)],
        }
        if finding.rule in index:
            result["ruleIndex"] = index[finding.rule]
        results.append(result)
    driver = {
        "name": TOOL_NAME,
        "informationUri": INFORMATION_URI,
        "rules": [_rule(rule_id) for rule_id in used],
    }
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{"tool": {"driver": driver}, "results": results}],
    }
