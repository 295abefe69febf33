"""``packager lint`` on cmi5 and web packages: ours lint clean, and each cmi5 rule fires as the
cmi5 specification (AICC, "Quartz": section 13 course structure, 14 course package) says (the
cases, each with its source: tests/lint_fixtures/cmi5-cases.toml)."""

from __future__ import annotations

from pathlib import Path

import pytest

from packager.lint import Finding, Severity, lint_package
from tests.conftest import SAMPLE_COURSE, build_package
from tests.lint_cases import lint_case, load_cases
from tests.lint_fixture_zip import zip_fixture

CMI5 = "cmi5-two-aus"


def _problems(findings: list[Finding]) -> set[str]:
    return {finding.rule for finding in findings if finding.severity is not Severity.INFO}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("built")
    return {name: build_package(SAMPLE_COURSE, out, name) for name in ("cmi5", "web")}


@pytest.mark.parametrize("target", ["cmi5", "web"])
def test_our_cmi5_and_web_packages_lint_clean(built: dict[str, Path], target: str) -> None:
    """Issue 16: ZIP005 ("not a SCORM package") must not fire on our own cmi5 and web zips."""
    assert _problems(lint_package(built[target])) == set()


@pytest.mark.parametrize("fixture", [CMI5, "web-site"])
def test_hand_written_cmi5_and_web_packages_lint_clean(tmp_path: Path, fixture: str) -> None:
    assert _problems(lint_package(zip_fixture(fixture, tmp_path / "p.zip"))) == set()


CASES = load_cases("cmi5")


@pytest.mark.parametrize("name", sorted(CASES))
def test_cmi5_and_web_rules_fire(tmp_path: Path, name: str) -> None:
    lint_case(CASES[name], tmp_path)


def test_cmi5_kind_is_detected_without_any_manifest(tmp_path: Path) -> None:
    findings = lint_package(zip_fixture(CMI5, tmp_path / "p.zip", drop=("cmi5.xml",)), kind="cmi5")
    assert [finding.rule for finding in findings] == ["CMI001"]
    assert "there is none" in findings[0].message


def test_a_zip_with_nothing_to_launch_is_not_a_package(tmp_path: Path) -> None:
    findings = lint_package(zip_fixture("web-site", tmp_path / "p.zip", drop=("index.html",)))
    assert [finding.rule for finding in findings if finding.severity is Severity.ERROR] == ["ZIP005"]
    assert "nor cmi5.xml or index.html" in findings[0].message
