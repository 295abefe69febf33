"""The lint corpus: hand-written SCORM packages shaped like other tools' output (tests/lint_fixtures/).

Each case names the package, the change that makes it break (if any), the rules that must fire
(warnings and errors; info findings are listed where they are the point), and the source that
says so: a SCORM book section, the ADL conformance test suite (CTS), or the LMS behaviour.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from packager import schemas
from packager.cli import main
from packager.lint import RULES, Finding, Severity, lint_package
from tests.lint_fixture_zip import zip_fixture

DOCTYPE_INTERNAL = '<!DOCTYPE manifest [<!ENTITY course "Fire Safety Basics">]>\n<manifest'
DOCTYPE_EXTERNAL = '<!DOCTYPE manifest [<!ENTITY course SYSTEM "file:///etc/passwd">]>\n<manifest'


@dataclass(frozen=True)
class Case:
    fixture: str
    expected: frozenset[str]
    """The rules whose warnings and errors must be exactly these (plus ``info`` when given)."""
    source: str
    replace: dict[str, tuple[str, str]] = field(default_factory=dict)
    info: frozenset[str] = frozenset()


def _case(fixture: str, expected: set[str], source: str, **kwargs: object) -> Case:
    return Case(fixture, frozenset(expected), source, **kwargs)  # type: ignore[arg-type]


CASES: dict[str, Case] = {
    # --- valid packages: what every LMS imports must lint clean ----------------------------------
    "storyline 1.2 with inline IMS metadata": _case(
        "storyline-12-inline-metadata",
        set(),
        "SCORM 1.2 CAM 2.3.2 (meta-data in the manifest, imsmd_rootv1p2p1); LMSs import it",
    ),
    "adapt 1.2 with prefixed metadata, schema files and license links": _case(
        "adapt-12-metadata-and-schemas",
        set(),
        "ADL CTS leaves .xsd/.dtd files out of the file list; <link rel=license> loads nothing (HTML)",
    ),
    "rise 2004 3rd edition with an asset dependency": _case(
        "rise-2004-3rd", set(), "SCORM 2004 3rd Ed. CAM 3 (content packaging), valid against its XSDs"
    ),
    "ispring 2004 4th edition, two SCOs and xml:base": _case(
        "ispring-2004-4th-multi-sco", set(), "SCORM 2004 4th Ed. CAM 3, completionThreshold attributes"
    ),
    "captivate 2004 2nd edition (CAM 1.3)": _case(
        "captivate-2004-2nd",
        set(),
        "SCORM 2004 2nd Ed. (schemaversion 'CAM 1.3'), validated with the 3rd Edition's XSDs",
        info=frozenset({"VER004"}),
    ),
    "resource-only package with an empty <organizations/>": _case(
        "resource-only-2004-3rd", set(), "IMS CP 1.1.4: organizations may be empty (resource-only)"
    ),
    "eXeLearning-style 1.2: parent launch and unlisted launch file": _case(
        "exe-12-parent-launch",
        {"REF003", "RES002", "FILE002"},
        "SCORM 1.2 CAM lets a parent item launch and does not require the href among the files "
        "(Moodle imports it): warnings, not errors",
    ),
    # --- one break each ------------------------------------------------------------------------
    "1.2 masteryscore of 170": _case(
        "storyline-12-inline-metadata",
        {"MAS001"},
        "SCORM 1.2 CAM adlcp:masteryscore and RTE cmi.student_data.mastery_score: 0..100",
        replace={"imsmanifest.xml": ("<adlcp:masteryscore>80<", "<adlcp:masteryscore>170<")},
    ),
    "internal entity in a manifest": _case(
        "storyline-12-inline-metadata",
        {"MAN002"},
        "XML 1.0 4.2 (internal entities); LMS importers parse without DTDs",
        replace={"imsmanifest.xml": ("<manifest", DOCTYPE_INTERNAL)},
    ),
    "external entity in a manifest": _case(
        "storyline-12-inline-metadata",
        {"MAN003"},
        "XML 1.0 4.2.2 (external entities, XXE); LMSs refuse to load them",
        replace={"imsmanifest.xml": ("<manifest", DOCTYPE_EXTERNAL)},
    ),
    "a DOCTYPE naming a DTD": _case(
        "storyline-12-inline-metadata",
        {"MAN002"},
        "SCORM CAM: manifests are validated by XSD; LMSs never load a DTD (a warning, not an error)",
        replace={"imsmanifest.xml": ("<manifest", '<!DOCTYPE manifest SYSTEM "imscp.dtd">\n<manifest')},
    ),
    "2004 2nd edition manifest breaking its XSD": _case(
        "captivate-2004-2nd",
        {"XSD001", "ORG002"},
        "SCORM 2004 2nd Ed. CAM: the manifest is valid against the imscp XSD (CTS); issue 16",
        replace={"imsmanifest.xml": ("<title>Customer Service Simulation</title>", "<heading>x</heading>")},
        info=frozenset({"VER004"}),
    ),
    "2004 organization without a title": _case(
        "rise-2004-3rd",
        {"ORG002"},
        "SCORM 2004 CAM <organization>: <title> 1 and only 1 (the imscp XSD has minOccurs=0)",
        replace={"imsmanifest.xml": ("<title>Welcome Aboard</title>\n      <item", "<item")},
    ),
    "2004 organization with two titles": _case(
        "rise-2004-3rd",
        {"ORG003", "XSD001"},
        "SCORM 2004 CAM <organization>: <title> 1 and only 1",
        replace={"imsmanifest.xml": ("<title>Welcome Aboard</title>", "<title>A</title><title>B</title>")},
    ),
    "3rd edition completionThreshold text in a 4th edition manifest": _case(
        "ispring-2004-4th-multi-sco",
        {"CT001"},
        "SCORM 2004 4th Ed. CAM adlcp:completionThreshold attributes; ADL CTS warns on element text",
        replace={
            "imsmanifest.xml": (
                '<adlcp:completionThreshold completedByMeasure="true" minProgressMeasure="0.9"/>',
                "<adlcp:completionThreshold>0.9</adlcp:completionThreshold>",
            )
        },
    ),
    "a 2004 parent item that launches": _case(
        "ispring-2004-4th-multi-sco",
        {"REF002"},
        "SCORM 2004 CAM: identifierref only on leaf items (CTS checks it)",
        replace={
            "imsmanifest.xml": (
                '<item identifier="module_2" identifierref="lesson_2">\n        <title>Forklifts</title>',
                '<item identifier="module_2" identifierref="lesson_2">\n        <title>Forklifts</title>'
                '<item identifier="module_2a" identifierref="lesson_1"><title>Part</title></item>',
            )
        },
    ),
    "a 2004 launch file missing from its resource's files": _case(
        "rise-2004-3rd",
        {"RES001", "FILE002"},
        "SCORM 2004 CAM <resource> href: the launch file is also a <file> (CTS checks it)",
        replace={"imsmanifest.xml": ('<file href="scormdriver/indexAPI.html"/>', "")},
    ),
}


def _lint(case: Case, tmp_path: Path) -> list[Finding]:
    return lint_package(zip_fixture(case.fixture, tmp_path / "package.zip", replace=case.replace))


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_corpus_lints_as_the_books_say(tmp_path: Path, name: str) -> None:
    case = CASES[name]
    findings = _lint(case, tmp_path)
    fired = {finding.rule for finding in findings if finding.severity is not Severity.INFO}
    assert fired == case.expected, (case.source, [f.message for f in findings])
    info = {finding.rule for finding in findings if finding.severity is Severity.INFO}
    assert case.info <= info, findings
    for finding in findings:
        assert finding.severity is RULES[finding.rule].severity


def test_an_external_entity_is_reported_and_never_read(tmp_path: Path) -> None:
    use = ("<title>Fire Safety Basics</title>\n      <item", "<title>&course;</title>\n      <item")
    replace = {"imsmanifest.xml": [("<manifest", DOCTYPE_EXTERNAL), use]}
    findings = lint_package(zip_fixture("storyline-12-inline-metadata", tmp_path / "p.zip", replace=replace))
    assert [(f.rule, f.line) for f in findings if f.severity is not Severity.INFO] == [("MAN003", 2)]
    assert all("root:" not in finding.message for finding in findings), "the external file was read"


def test_an_internal_entity_is_read_as_its_text(tmp_path: Path) -> None:
    """The rules see what an LMS that expands entities sees: here a valid title, so only MAN002."""
    use = ("<title>Fire Safety Basics</title>\n      <item", "<title>&course;</title>\n      <item")
    declared = {"imsmanifest.xml": [("<manifest", DOCTYPE_INTERNAL), use]}
    findings = lint_package(zip_fixture("storyline-12-inline-metadata", tmp_path / "p.zip", replace=declared))
    assert [f.rule for f in findings if f.severity is not Severity.INFO] == ["MAN002"]
    undeclared = zip_fixture(
        "storyline-12-inline-metadata", tmp_path / "q.zip", replace={"imsmanifest.xml": use}
    )
    assert [f.rule for f in lint_package(undeclared) if f.severity is not Severity.INFO] == ["MAN001"]


def test_cli_json_on_an_entity_manifest_is_valid_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace = {"imsmanifest.xml": ("<manifest", DOCTYPE_EXTERNAL)}
    package = zip_fixture("storyline-12-inline-metadata", tmp_path / "p.zip", replace=replace)
    assert main(["lint", str(package), "--json"]) == 1
    printed = json.loads(capsys.readouterr().out)
    assert {finding["rule"] for finding in printed if finding["severity"] != "info"} == {"MAN003"}


def test_a_schema_set_that_does_not_compile_is_a_warning_not_a_verdict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """XSD004: when the XSDs cannot be compiled (here a damaged schema install), say so."""
    broken = tmp_path / "definitions"
    for edition in schemas.EDITION_FOLDERS.values():
        (broken / edition).mkdir(parents=True)
        (broken / edition / "imscp_rootv1p1p2.xsd").write_text("<xs:schema xmlns:xs='nope'/>")
    monkeypatch.setenv("PACKAGER_SCHEMA_DIR", str(broken))
    schemas.definitions_dir.cache_clear()
    try:
        findings = lint_package(zip_fixture("exe-12-parent-launch", tmp_path / "p.zip"))
    finally:
        monkeypatch.undo()
        schemas.definitions_dir.cache_clear()
    assert "XSD004" in {finding.rule for finding in findings}
    assert "XSD001" not in {finding.rule for finding in findings}
