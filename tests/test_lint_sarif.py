"""``packager lint --format sarif``: a valid SARIF 2.1.0 log that locates each finding in the package.

Validity is checked with ``pydantic-sarif``, an object model generated from the official SARIF 2.1.0
JSON schema (OASIS), which forbids unknown properties.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pydantic_sarif.model import StaticAnalysisResultsFormatSarifVersion210JsonSchema as SarifLog

from packager.cli import main
from packager.lint import lint_package
from tests.lint_fixture_zip import zip_fixture

BROKEN = {"imsmanifest.xml": ('<file href="scormdriver/indexAPI.html"/>', "")}


def _sarif(package: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any]]:
    code = main(["lint", str(package), "--format", "sarif"])
    return code, json.loads(capsys.readouterr().out)


def test_sarif_is_valid_and_locates_every_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = zip_fixture("rise-2004-3rd", tmp_path / "my course.zip", replace=BROKEN)
    code, log = _sarif(package, capsys)
    SarifLog.model_validate(log)
    assert code == 1
    findings = lint_package(package)
    (run,) = log["runs"]
    assert [result["ruleId"] for result in run["results"]] == [finding.rule for finding in findings]
    rules = run["tool"]["driver"]["rules"]
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for result, finding in zip(run["results"], findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == finding.rule
        assert result["level"] == levels[str(finding.severity)]
        assert result["message"]["text"] == finding.message
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].startswith(package.as_posix().replace(" ", "%20"))
        assert location["artifactLocation"]["uri"].endswith(finding.path or ".zip")
        assert location.get("region", {}).get("startLine") == finding.line
    res001 = next(result for result in run["results"] if result["ruleId"] == "RES001")
    assert res001["locations"][0]["physicalLocation"]["region"]["startLine"] > 1


def test_sarif_of_a_clean_package_has_no_results(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, log = _sarif(zip_fixture("ispring-2004-4th-multi-sco", tmp_path / "p.zip"), capsys)
    SarifLog.model_validate(log)
    assert code == 0
    assert log["runs"][0]["results"] == []


def test_sarif_of_a_file_that_is_not_a_zip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    package = tmp_path / "notes.zip"
    package.write_text("not a zip")
    code, log = _sarif(package, capsys)
    SarifLog.model_validate(log)
    assert code == 1
    assert [result["ruleId"] for result in log["runs"][0]["results"]] == ["ZIP001"]
