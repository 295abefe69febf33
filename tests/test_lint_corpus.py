"""The lint corpus: hand-written SCORM packages shaped like other tools' output (tests/lint_fixtures/).

Each case (tests/lint_fixtures/corpus-cases.toml) names the package, the change that makes it break
(if any), the rules that must fire (warnings and errors; info findings are listed where they are the
point), and the source that says so: a SCORM book section, the ADL conformance test suite (CTS), or
the LMS behaviour.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from packager import schemas
from packager.cli import main
from packager.lint import Severity, lint_package
from tests.lint_cases import lint_case, load_cases
from tests.lint_fixture_zip import zip_fixture

DOCTYPE_INTERNAL = '<!DOCTYPE manifest [<!ENTITY course "Fire Safety Basics">]>\n<manifest'
DOCTYPE_EXTERNAL = '<!DOCTYPE manifest [<!ENTITY course SYSTEM "file:///etc/passwd">]>\n<manifest'


CASES = load_cases("corpus")


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_corpus_lints_as_the_books_say(tmp_path: Path, name: str) -> None:
    lint_case(CASES[name], tmp_path)


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
