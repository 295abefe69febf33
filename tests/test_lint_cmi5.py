"""``packager lint`` on cmi5 and web packages: ours lint clean, and each cmi5 rule fires as the
cmi5 specification (AICC, "Quartz": section 13 course structure, 14 course package) says."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from packager.lint import RULES, Finding, Kind, Severity, lint_package
from tests.conftest import SAMPLE_COURSE, build_package
from tests.lint_fixture_zip import Change, zip_fixture

CMI5 = "cmi5-two-aus"
INTRO_AU = 'id="https://courses.example.com/cmi5/chemistry-safety/intro"'
QUIZ_AU = 'moveOn="CompletedAndPassed" masteryScore="0.75"'


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


@dataclass(frozen=True)
class Case:
    expected: set[str]
    source: str
    replace: dict[str, Change] = field(default_factory=dict)
    prefix: str = ""
    kind: Kind | None = None


CASES: dict[str, Case] = {
    "cmi5.xml in a folder": Case({"CMI001"}, "cmi5 14.1: cmi5.xml at the root of the zip", prefix="course/"),
    "cmi5.xml not well-formed": Case(
        {"CMI002"}, "XML 1.0 well-formedness", replace={"cmi5.xml": ("</courseStructure>", "")}
    ),
    "AU without a url": Case(
        {"CMI003"},
        "cmi5 13.1.4: url is required (CourseStructure.xsd)",
        replace={"cmi5.xml": ("<url>intro/index.html</url>", "")},
    ),
    "unknown moveOn": Case(
        {"CMI003"},
        "cmi5 13.1.4: moveOn value space",
        replace={"cmi5.xml": ('moveOn="Completed"', 'moveOn="Finished"')},
    ),
    "masteryScore above 1": Case(
        {"CMI003"},
        "cmi5 13.1.4: masteryScore from 0 to 1, up to 4 decimal places",
        replace={"cmi5.xml": ('masteryScore="0.75"', 'masteryScore="75"')},
    ),
    "relative AU id": Case(
        {"CMI004"},
        "cmi5 13.1.4: id is an IRI",
        replace={"cmi5.xml": (INTRO_AU, 'id="intro"')},
    ),
    "duplicate AU id": Case(
        {"CMI004"},
        "cmi5 13.1.4: the AU id MUST be unique within the course structure",
        replace={"cmi5.xml": ("chemistry-safety/quiz", "chemistry-safety/intro")},
    ),
    "masteryScore with moveOn Completed": Case(
        {"CMI005"},
        "cmi5 13.1.4: moveOn Completed ignores passing",
        replace={"cmi5.xml": (QUIZ_AU, 'moveOn="Completed" masteryScore="0.75"')},
    ),
    "moveOn Passed without a masteryScore": Case(
        {"CMI006"},
        "cmi5 13.1.4 and 10.0: the LMS passes masteryScore to the AU",
        replace={"cmi5.xml": (QUIZ_AU, 'moveOn="Passed"')},
    ),
    "AU url to a missing file": Case(
        {"CMI007"},
        "cmi5 14.1: media in the zip use relative URLs",
        replace={"cmi5.xml": ("<url>intro/index.html</url>", "<url>intro/start.html</url>")},
    ),
    "AU url from the server root": Case(
        {"CMI007"},
        "cmi5 14.1: relative or fully qualified URLs only",
        replace={"cmi5.xml": ("<url>intro/index.html</url>", "<url>/intro/index.html</url>")},
    ),
    "web page loading a CDN script": Case(
        {"EXT001"},
        "offline delivery: LMS content security policies",
        replace={"index.html": ("</head>", '<script src="https://cdn.example.com/x.js"></script></head>')},
    ),
    "web site zipped in a folder": Case(
        {"WEB001"},
        "a web package opens index.html at its root",
        prefix="site/",
        kind="web",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_cmi5_and_web_rules_fire(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    fixture = "web-site" if "web" in name else CMI5
    package = zip_fixture(fixture, tmp_path / "p.zip", replace=case.replace, prefix=case.prefix)
    findings = lint_package(package, kind=case.kind)
    assert _problems(findings) == case.expected, (case.source, [f.message for f in findings])
    for finding in findings:
        assert finding.severity is RULES[finding.rule].severity


def test_cmi5_kind_is_detected_without_any_manifest(tmp_path: Path) -> None:
    findings = lint_package(zip_fixture(CMI5, tmp_path / "p.zip", drop=("cmi5.xml",)), kind="cmi5")
    assert [finding.rule for finding in findings] == ["CMI001"]
    assert "there is none" in findings[0].message


def test_a_zip_with_nothing_to_launch_is_not_a_package(tmp_path: Path) -> None:
    findings = lint_package(zip_fixture("web-site", tmp_path / "p.zip", drop=("index.html",)))
    assert [finding.rule for finding in findings if finding.severity is Severity.ERROR] == ["ZIP005"]
    assert "nor cmi5.xml or index.html" in findings[0].message
