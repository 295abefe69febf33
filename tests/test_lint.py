"""``packager lint``: the packages the build makes are clean; every rule fires on a package that breaks it.

Broken packages are made here, in the test, with :mod:`tests.lint_packages`. Hostile zips, details
and the command are in ``test_lint_zips.py``; other tools' packages in ``test_lint_corpus.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from packager.lint import RULES, Severity, lint_package
from packager.lint.versions import known_versions
from tests.conftest import SAMPLE_COURSE, build_package
from tests.lint_packages import (
    PAGE,
    XSI,
    Spec,
    bad_xsd_element,
    lint_spec,
    list_missing,
    minimal,
    only,
    rule_ids,
)

REPO = Path(__file__).resolve().parents[1]
SCORM_TARGETS = ("scorm12", "scorm2004-3rd", "scorm2004-4th")


# --- the packages the build makes ---------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("built")
    return {name: build_package(SAMPLE_COURSE, out, name) for name in SCORM_TARGETS}


@pytest.mark.parametrize("target", SCORM_TARGETS)
def test_built_packages_are_clean(built: dict[str, Path], target: str) -> None:
    findings = lint_package(built[target])
    assert [f for f in findings if f.severity is not Severity.INFO] == []


@pytest.mark.parametrize("schemaversion", [v.schemaversion for v in known_versions()])
def test_minimal_hand_made_package_is_clean(tmp_path: Path, schemaversion: str) -> None:
    # SCORM 2004 2nd Edition is validated with the 3rd Edition's XSDs, and says so (VER004, info).
    expected = {"VER004"} if schemaversion == "CAM 1.3" else set()
    assert rule_ids(lint_spec(minimal(schemaversion), tmp_path)) == expected


def test_the_linter_validates_against_the_official_xsds_of_the_declared_edition(tmp_path: Path) -> None:
    # The 4th edition's completionThreshold attributes fail the 3rd edition's XSD.
    spec = minimal("2004 3rd Edition")
    threshold = etree.SubElement(spec.find("item"), spec.q("adlcp", "completionThreshold"))
    threshold.set("completedByMeasure", "true")
    assert "XSD001" in rule_ids(lint_spec(spec, tmp_path))
    spec.find("schemaversion").text = "2004 4th Edition"
    assert lint_spec(spec, tmp_path) == []


def test_a_multi_sco_package_in_the_style_of_other_tools(tmp_path: Path) -> None:
    """Nested items, shared assets through dependencies, xml:base and a metadata file: all valid."""
    spec = minimal("2004 3rd Edition")
    parent = spec.find("item")
    del parent.attrib["identifierref"]
    for number in (1, 2):
        child = etree.SubElement(
            parent, spec.q(None, "item"), identifier=f"ITEM-{number}", identifierref=f"RES-{number}"
        )
        etree.SubElement(child, spec.q(None, "title")).text = f"Part {number}"
    resources = spec.find("resources")
    resources.set("{http://www.w3.org/XML/1998/namespace}base", "content/")
    resources.remove(spec.find("resource"))
    del spec.files["index.html"]
    for number in (1, 2):
        resource = etree.SubElement(
            resources,
            spec.q(None, "resource"),
            identifier=f"RES-{number}",
            type="webcontent",
            href=f"part{number}/index.html",
        )
        resource.set(spec.scormtype, "sco")
        etree.SubElement(resource, spec.q(None, "file"), href=f"part{number}/index.html")
        etree.SubElement(resource, spec.q(None, "dependency"), identifierref="RES-common")
        spec.files[f"content/part{number}/index.html"] = b'<script src="../shared/api.js"></script>'
    common = etree.SubElement(resources, spec.q(None, "resource"), identifier="RES-common", type="webcontent")
    common.set(spec.scormtype, "asset")
    etree.SubElement(common, spec.q(None, "file"), href="shared/api.js")
    spec.files["content/shared/api.js"] = b"var API = null;\n"
    etree.SubElement(spec.find("metadata"), spec.q("adlcp", "location")).text = "metadata/course.xml"
    spec.files["metadata/course.xml"] = b"<lom/>"
    assert lint_spec(spec, tmp_path) == []


# --- one case per rule -------------------------------------------------------------------------

Mutation = Callable[[Spec], None]


def _set(name: str, attribute: str, value: str) -> Mutation:
    return lambda spec: spec.find(name).set(attribute, value)


def _add_file(name: str, content: bytes) -> Mutation:
    return lambda spec: spec.files.__setitem__(name, content)


def _remove_schemaversion(spec: Spec) -> None:
    metadata = spec.find("metadata")
    metadata.remove(spec.find("schemaversion"))


def _namespace_prefix(prefix: str, extension: str) -> Callable[[], Spec]:
    def make() -> Spec:
        version = next(v for v in known_versions() if v.schemaversion == "1.2")
        nsmap: dict[str | None, str] = {None: version.imscp, "xsi": XSI}
        for name, namespace in version.prefixes.items():
            nsmap[extension if name == "adlcp" else name] = namespace
        if prefix:
            del nsmap[None]
            nsmap[prefix] = version.imscp
        return minimal("1.2", nsmap)

    return make


def _foreign_metadata(spec: Spec) -> None:
    etree.SubElement(spec.find("metadata"), "{urn:example:vendor}note").text = "made by a tool"


def _nested_launch(spec: Spec) -> None:
    item = spec.find("item")
    etree.SubElement(
        etree.SubElement(item, spec.q(None, "item"), identifier="ITEM-child"), spec.q(None, "title")
    )
    item.find(spec.q(None, "item")).find(spec.q(None, "title")).text = "Child"  # type: ignore[union-attr]


def _duplicate_identifier(spec: Spec) -> None:
    spec.find("item").set("identifier", "ORG-demo")


def _asset_first(spec: Spec) -> None:
    spec.add_resource("RES-glossary", "glossary.html", kind="asset", first=True)


def _external_launch(spec: Spec) -> None:
    spec.add_resource("RES-web", None, kind="asset")
    resource = spec.manifest.findall(f".//{spec.q(None, 'resource')}")[-1]
    resource.set("href", "https://example.com/course")
    etree.SubElement(resource, spec.q(None, "file"), href="https://example.com/course")


def _in(version: str, mutation: Mutation) -> Callable[[], Spec]:
    """Makes the minimal package of ``version`` with ``mutation`` applied."""

    def make() -> Spec:
        spec = minimal(version)
        mutation(spec)
        return spec

    return make


def _in_2004(mutation: Mutation) -> Callable[[], Spec]:
    return _in("2004 4th Edition", mutation)


def _in_12(mutation: Mutation) -> Callable[[], Spec]:
    return _in("1.2", mutation)


def _lower_case_scormtype(spec: Spec) -> None:
    resource = spec.find("resource")
    del resource.attrib[spec.scormtype]
    resource.set(spec.q("adlcp", "scormtype"), "sco")


def _no_scormtype(spec: Spec) -> None:
    del spec.find("resource").attrib[spec.scormtype]


def _remove_xsd(spec: Spec) -> None:
    del spec.files["adlcp_rootv1p2.xsd"]


def _manifest_in_folder(spec: Spec) -> None:
    spec.manifest_name = "course/imsmanifest.xml"


CASES: dict[str, tuple[Callable[[], Spec], str]] = {
    # rule: (how to make the broken package, a word its message must contain)
    "ZIP005": (_in_12(_manifest_in_folder), "course/imsmanifest.xml"),
    "ZIP006": (_in_12(_add_file("../evil.txt", b"gotcha")), "'..'"),
    "ZIP007": (_in_12(_add_file("images\\logo.png", b"png")), "backslash"),
    "ZIP008": (_in_12(_add_file("images/", b"")), "folder"),
    "ZIP009": (_in_12(_add_file("café.html", PAGE)), "ASCII"),
    "MAN001": (_in_12(lambda spec: setattr(spec, "raw_manifest", b"<manifest>\n<organizations>\n")), "XML"),
    "VER001": (_in_12(_remove_schemaversion), "1.2"),
    "VER002": (_in_2004(lambda spec: setattr(spec.find("schemaversion"), "text", "2004 5th Ed")), "5th Ed"),
    "VER003": (_in_2004(lambda spec: setattr(spec.find("schemaversion"), "text", "1.2")), "namespace"),
    "NS001": (lambda: _namespace_prefix("imscp", "adlcp")(), "default namespace"),
    "NS002": (lambda: _namespace_prefix("", "adl")(), "xmlns:adlcp"),
    "XSD001": (_in_12(bad_xsd_element), "bogus"),
    "XSD002": (_in_12(_foreign_metadata), "urn:example:vendor"),
    "XSD003": (_in_12(_remove_xsd), "adlcp_rootv1p2.xsd"),
    "ID001": (_in_12(_set("item", "identifier", "1-starts-with-a-digit")), "xs:ID"),
    "ID002": (_in_12(_duplicate_identifier), "twice"),
    "ORG001": (_in_12(_set("organizations", "default", "ORG-elsewhere")), "ORG-elsewhere"),
    "REF001": (_in_12(_set("item", "identifierref", "RES-nowhere")), "RES-nowhere"),
    "REF002": (_in_2004(_nested_launch), "leaf"),
    "REF003": (_in_12(_nested_launch), "SCORM 1.2 allows it"),
    "HREF001": (_in_12(_set("file", "href", "/index.html")), "'/'"),
    "RES001": (_in_2004(_set("resource", "href", "start.html")), "start.html"),
    "RES002": (_in_12(_set("resource", "href", "start.html")), "SCORM 1.2 does not require it"),
    "EXT003": (_in_12(_external_launch), "https://example.com/course"),
    "SCO001": (_in_2004(_no_scormtype), "scormType"),
    "SCO002": (_in_2004(_lower_case_scormtype), "scormtype"),
    "SCO003": (_in_12(lambda spec: spec.find("resource").set(spec.scormtype, "asset")), "SCO"),
    "LCH001": (_in_12(_asset_first), "RES-glossary"),
    "FILE001": (_in_12(list_missing), "media/missing.png"),
    "FILE002": (_in_12(_add_file("notes/todo.txt", b"later")), "notes/todo.txt"),
    "FILE003": (
        _in_12(_add_file("index.html", b'<p><img src="media/gone.png" alt=""></p>')),
        "media/gone.png",
    ),
    "EXT001": (
        _in_12(_add_file("index.html", b'<script src="https://cdn.example.com/x.js"></script>')),
        "cdn",
    ),
    "EXT002": (
        _in_12(_add_file("index.html", b'<a href="https://example.org/more">more</a>')),
        "example.org",
    ),
}


@pytest.mark.parametrize("rule", sorted(CASES))
def test_rule_fires(tmp_path: Path, rule: str) -> None:
    make, word = CASES[rule]
    findings = lint_spec(make(), tmp_path)
    fired = only(findings, rule)
    assert fired, findings
    assert all(finding.severity is RULES[rule].severity for finding in fired)
    assert any(word in finding.message or word == finding.path for finding in fired), fired


SPECIAL = {
    "ZIP001": "test_not_a_zip",
    "ZIP002": "test_too_many_entries",
    "ZIP003": "test_total_size_is_bounded",
    "ZIP004": "test_zip_bomb",
    "ZIP010": "test_duplicate_entries",
    "ZIP011": "test_encrypted_entry",
    "ZIP012": "test_uncommon_compression",
    "ZIP013": "test_corrupt_entry",
    "ZIP014": "test_scanning_is_bounded",
}


ELSEWHERE = {
    # rule: what proves it on a hand-written fixture (tests/lint_fixtures/), under tests/: a test
    # module, or the cases test_lint_corpus.py and test_lint_cmi5.py read (lint_fixtures/*-cases.toml)
    **dict.fromkeys(("MAN002", "MAN003", "XSD004"), "test_lint_corpus.py"),
    **dict.fromkeys(("VER004", "ORG002", "ORG003", "MAS001", "CT001"), "lint_fixtures/corpus-cases.toml"),
    **dict.fromkeys(
        ("CMI002", "CMI003", "CMI004", "CMI005", "CMI006", "CMI007"), "lint_fixtures/cmi5-cases.toml"
    ),
    "CMI001": "test_lint_cmi5.py",
    "WEB001": "lint_fixtures/cmi5-cases.toml",
}


def test_every_rule_has_a_test() -> None:
    assert set(RULES) == set(CASES) | set(SPECIAL) | set(ELSEWHERE)
    hostile = (REPO / "tests" / "test_lint_zips.py").read_text("utf-8")
    for name in SPECIAL.values():
        assert f"def {name}(" in hostile, name
    for rule, path in ELSEWHERE.items():
        assert f'"{rule}"' in (REPO / "tests" / path).read_text("utf-8"), (rule, path)


def test_rule_ids_are_stable_and_documented() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    for rule in RULES.values():
        assert re.fullmatch(r"[A-Z]{2,5}\d{3}", rule.id), rule.id
        assert f"| `{rule.id}` | {rule.severity} | {rule.summary} |" in readme, f"README.md: {rule.id}"
