"""``packager lint``: the packages the build makes are clean; every rule fires on a package that breaks it.

Broken packages are made here, in the test: a minimal valid package (manifest built with lxml),
changed in one way per rule, zipped with :mod:`zipfile`.
"""

from __future__ import annotations

import json
import re
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from lxml import etree

from packager.cli import main
from packager.lint import RULES, Finding, Limits, Severity, lint_package
from packager.lint.package import read_package
from packager.lint.versions import known_versions
from tests.conftest import SAMPLE_COURSE, build_package

REPO = Path(__file__).resolve().parents[1]
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCORM_TARGETS = ("scorm12", "scorm2004-3rd", "scorm2004-4th")
PAGE = b"<!doctype html>\n<html><head><title>Lesson</title></head><body><p>Hello.</p></body></html>\n"


# --- making packages ---------------------------------------------------------------------------


@dataclass
class Spec:
    """A package to zip: a manifest tree (or raw bytes) and files."""

    schemaversion: str
    manifest: etree._Element
    files: dict[str, bytes] = field(default_factory=dict)
    raw_manifest: bytes | None = None
    manifest_name: str = "imsmanifest.xml"

    def q(self, prefix: str | None, name: str) -> str:
        """Qualified name in the version's namespaces (None: imscp)."""
        version = next(v for v in known_versions() if v.schemaversion == self.schemaversion)
        namespace = version.imscp if prefix is None else version.prefixes[prefix]
        return f"{{{namespace}}}{name}"

    def find(self, name: str) -> etree._Element:
        """The first imscp element called ``name``."""
        element = next(self.manifest.iter(self.q(None, name)), None)
        assert element is not None, name
        return element

    @property
    def scormtype(self) -> str:
        version = next(v for v in known_versions() if v.schemaversion == self.schemaversion)
        return version.scormtype_attribute

    def add_resource(self, identifier: str, href: str | None, kind: str = "sco", first: bool = False) -> None:
        resources = self.find("resources")
        resource = etree.Element(self.q(None, "resource"), identifier=identifier, type="webcontent")
        if href is not None:
            resource.set("href", href)
            etree.SubElement(resource, self.q(None, "file"), href=href)
            self.files[href] = PAGE
        resource.set(self.scormtype, kind)
        if first:
            resources.insert(0, resource)
        else:
            resources.append(resource)

    def write(self, path: Path) -> Path:
        data = self.raw_manifest
        if data is None:
            data = etree.tostring(self.manifest, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(self.manifest_name, data)
            for name, content in self.files.items():
                archive.writestr(name, content)
        return path


def minimal(schemaversion: str = "1.2", nsmap: dict[str | None, str] | None = None) -> Spec:
    """A small valid package of the given version: one organization, one item, one SCO."""
    version = next(v for v in known_versions() if v.schemaversion == schemaversion)
    namespaces: dict[str | None, str] = nsmap or {None: version.imscp, "xsi": XSI, **version.prefixes}
    spec = Spec(schemaversion, etree.Element(f"{{{version.imscp}}}manifest", nsmap=namespaces))  # type: ignore[arg-type]
    root = spec.manifest
    root.set("identifier", "MANIFEST-demo")
    root.set("version", "1.0")
    root.set(f"{{{XSI}}}schemaLocation", " ".join(f"{ns} {loc}" for ns, loc in version.schema_locations))
    metadata = etree.SubElement(root, spec.q(None, "metadata"))
    etree.SubElement(metadata, spec.q(None, "schema")).text = "ADL SCORM"
    etree.SubElement(metadata, spec.q(None, "schemaversion")).text = schemaversion
    organizations = etree.SubElement(root, spec.q(None, "organizations"), default="ORG-demo")
    organization = etree.SubElement(organizations, spec.q(None, "organization"), identifier="ORG-demo")
    etree.SubElement(organization, spec.q(None, "title")).text = "Demo"
    item = etree.SubElement(
        organization, spec.q(None, "item"), identifier="ITEM-demo", identifierref="RES-demo"
    )
    etree.SubElement(item, spec.q(None, "title")).text = "Demo"
    etree.SubElement(root, spec.q(None, "resources"))
    spec.add_resource("RES-demo", "index.html")
    for _, location in version.schema_locations:
        spec.files[location] = b"<!-- the linter validates with its own official copy -->"
    return spec


def lint_spec(spec: Spec, tmp_path: Path, limits: Limits | None = None) -> list[Finding]:
    return lint_package(spec.write(tmp_path / "package.zip"), limits)


def rule_ids(findings: list[Finding]) -> set[str]:
    return {finding.rule for finding in findings}


def only(findings: list[Finding], rule: str) -> list[Finding]:
    return [finding for finding in findings if finding.rule == rule]


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


def _bad_xsd_element(spec: Spec) -> None:
    spec.find("organization").insert(0, etree.Element(spec.q(None, "bogus")))


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


def _list_missing(spec: Spec) -> None:
    etree.SubElement(spec.find("resource"), spec.q(None, "file"), href="media/missing.png")


def _asset_first(spec: Spec) -> None:
    spec.add_resource("RES-glossary", "glossary.html", kind="asset", first=True)


def _external_launch(spec: Spec) -> None:
    spec.add_resource("RES-web", None, kind="asset")
    resource = spec.manifest.findall(f".//{spec.q(None, 'resource')}")[-1]
    resource.set("href", "https://example.com/course")
    etree.SubElement(resource, spec.q(None, "file"), href="https://example.com/course")


def _in_2004(mutation: Mutation) -> Callable[[], Spec]:
    def make() -> Spec:
        spec = minimal("2004 4th Edition")
        mutation(spec)
        return spec

    return make


def _in_12(mutation: Mutation) -> Callable[[], Spec]:
    def make() -> Spec:
        spec = minimal("1.2")
        mutation(spec)
        return spec

    return make


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
    "XSD001": (_in_12(_bad_xsd_element), "bogus"),
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
    "FILE001": (_in_12(_list_missing), "media/missing.png"),
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
    # rule: the test module that proves it on a hand-written fixture (tests/lint_fixtures/)
    **dict.fromkeys(("MAN002", "MAN003", "VER004", "ORG002", "ORG003"), "test_lint_corpus"),
    **dict.fromkeys(("MAS001", "CT001", "XSD004"), "test_lint_corpus"),
    **dict.fromkeys(("CMI001", "CMI002", "CMI003", "CMI004", "CMI005", "CMI006", "CMI007"), "test_lint_cmi5"),
    "WEB001": "test_lint_cmi5",
}


def test_every_rule_has_a_test() -> None:
    assert set(RULES) == set(CASES) | set(SPECIAL) | set(ELSEWHERE)
    for name in SPECIAL.values():
        assert name in globals(), name
    for rule, module in ELSEWHERE.items():
        assert f'"{rule}"' in (REPO / "tests" / f"{module}.py").read_text("utf-8"), (rule, module)


def test_rule_ids_are_stable_and_documented() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    for rule in RULES.values():
        assert re.fullmatch(r"[A-Z]{2,5}\d{3}", rule.id), rule.id
        assert f"| `{rule.id}` | {rule.severity} | {rule.summary} |" in readme, f"README.md: {rule.id}"


# --- hostile and broken zips --------------------------------------------------------------------


@pytest.mark.parametrize(
    "content", [b"", b"not a zip at all", b"PK\x03\x04" + b"\0" * 100, b"%PDF-1.7\n" * 50], ids=repr
)
def test_not_a_zip(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "package.zip"
    path.write_bytes(content)
    findings = lint_package(path)
    assert rule_ids(findings) == {"ZIP001"}


def test_cut_short_and_damaged_zips(tmp_path: Path) -> None:
    whole = minimal().write(tmp_path / "whole.zip").read_bytes()
    cut = tmp_path / "cut.zip"
    cut.write_bytes(whole[: len(whole) // 2])
    assert rule_ids(lint_package(cut)) == {"ZIP001"}
    # The end record survives but points at a central directory that is not there.
    damaged = tmp_path / "damaged.zip"
    directory = whole.rfind(b"PK\x01\x02")
    damaged.write_bytes(whole[:directory] + b"\0" * 46 + whole[directory + 46 :])
    assert rule_ids(lint_package(damaged)) == {"ZIP001"}


def test_too_many_entries(tmp_path: Path) -> None:
    spec = minimal()
    for index in range(10):
        spec.files[f"extra/{index}.txt"] = b"x"
    path = spec.write(tmp_path / "package.zip")
    limits = Limits(max_entries=5)
    package = read_package(path, limits)
    assert package.entries is None, "the central directory must not be read"
    findings = lint_package(path, limits)
    assert rule_ids(findings) == {"ZIP002"}
    assert "entries" in findings[0].message
    # A directory too large for its entry count is refused the same way.
    assert rule_ids(lint_package(path, Limits(max_central_directory_bytes=200))) == {"ZIP002"}


def test_total_size_is_bounded(tmp_path: Path) -> None:
    spec = minimal()
    spec.files["index.html"] = b'<script src="https://cdn.example.com/x.js"></script>'
    findings = lint_spec(spec, tmp_path, Limits(max_total_bytes=200))
    assert "ZIP003" in rule_ids(findings)
    assert "EXT001" not in rule_ids(findings), "contents are not scanned past the total limit"


def _write_bomb(path: Path, name: str, megabytes: int) -> None:
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive, archive.open(name, "w") as entry:
        zeros = bytes(1024 * 1024)
        for _ in range(megabytes):
            entry.write(zeros)


def test_zip_bomb(tmp_path: Path) -> None:
    path = minimal().write(tmp_path / "package.zip")
    _write_bomb(path, "bomb.html", 64)
    info = zipfile.ZipFile(path).getinfo("bomb.html")
    assert info.file_size > 500 * info.compress_size
    package = read_package(path)
    assert "bomb.html" not in package.texts, "a bomb is never decompressed"
    findings = lint_package(path)
    bombs = only(findings, "ZIP004")
    assert [finding.path for finding in bombs] == ["bomb.html"]
    assert "zip bomb" in bombs[0].message
    assert "ZIP013" not in rule_ids(findings)


def test_manifest_bomb_is_not_parsed(tmp_path: Path) -> None:
    spec = minimal()
    spec.manifest_name = "unused.xml"
    path = spec.write(tmp_path / "package.zip")
    _write_bomb(path, "imsmanifest.xml", 8)
    findings = lint_package(path)
    assert {"ZIP004", "MAN001"} <= rule_ids(findings)
    assert "zip bomb" in only(findings, "MAN001")[0].message


def test_paths_outside_the_package_are_never_written(tmp_path: Path) -> None:
    spec = minimal()
    for name in ("../evil.txt", "../../evil.txt", "/tmp/evil-absolute.txt", "C:/evil.txt", "..\\evil.txt"):
        spec.files[name] = b"gotcha"
    work = tmp_path / "work"
    work.mkdir()
    before = sorted(tmp_path.rglob("*"))
    findings = lint_spec(spec, work)
    unsafe = only(findings, "ZIP006")
    assert sorted(finding.path or "" for finding in unsafe) == sorted(
        ["../evil.txt", "../../evil.txt", "/tmp/evil-absolute.txt", "C:/evil.txt", "..\\evil.txt"]
    )
    assert sorted(tmp_path.rglob("*")) == sorted([*before, work / "package.zip"])
    assert not Path("/tmp/evil-absolute.txt").exists()


def test_duplicate_entries(tmp_path: Path) -> None:
    spec = minimal()
    path = spec.write(tmp_path / "package.zip")
    with warnings.catch_warnings(), zipfile.ZipFile(path, "a") as archive:
        warnings.simplefilter("ignore")
        archive.writestr("index.html", PAGE)
    assert [f.path for f in only(lint_package(path), "ZIP010")] == ["index.html"]


def test_encrypted_entry(tmp_path: Path) -> None:
    spec = minimal()
    path = spec.write(tmp_path / "package.zip")
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("secret.html", PAGE)
        archive.getinfo("secret.html").flag_bits |= 0x1  # written to the central directory on close
    findings = lint_package(path)
    assert [f.path for f in only(findings, "ZIP011")] == ["secret.html"]
    assert "ZIP013" not in rule_ids(findings), "an encrypted entry is not read"


def test_uncommon_compression(tmp_path: Path) -> None:
    path = minimal().write(tmp_path / "package.zip")
    with zipfile.ZipFile(path, "a", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("extra.html", PAGE)
    findings = only(lint_package(path), "ZIP012")
    assert [f.path for f in findings] == ["extra.html"]
    assert "bzip2" in findings[0].message


def test_corrupt_entry(tmp_path: Path) -> None:
    spec = minimal()
    spec.files["index.html"] = PAGE + b"<!-- CORRUPT-ME -->"
    path = tmp_path / "package.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("imsmanifest.xml", etree.tostring(spec.manifest))
        for name, content in spec.files.items():
            archive.writestr(name, content)
    data = path.read_bytes()
    assert data.count(b"CORRUPT-ME") == 1
    path.write_bytes(data.replace(b"CORRUPT-ME", b"CORRUPTED!"))
    findings = only(lint_package(path), "ZIP013")
    assert [f.path for f in findings] == ["index.html"]


def test_scanning_is_bounded(tmp_path: Path) -> None:
    spec = minimal()
    external = b'<script src="https://cdn.example.com/x.js"></script>'
    spec.files["index.html"] = external
    spec.files["big.html"] = external + b" " * 5000
    for name in ("big.html",):
        etree.SubElement(spec.find("resource"), spec.q(None, "file"), href=name)
    findings = lint_spec(spec, tmp_path, Limits(max_text_bytes=1000))
    assert [(f.rule, f.path) for f in findings] == [("ZIP014", "big.html"), ("EXT001", "index.html")]
    findings = lint_spec(spec, tmp_path, Limits(max_scanned_bytes=100))
    assert ("ZIP014", "big.html") in [(f.rule, f.path) for f in findings]


# --- details ----------------------------------------------------------------------------------


def test_xsd_errors_give_the_line_in_the_package_file(tmp_path: Path) -> None:
    spec = minimal()
    _bad_xsd_element(spec)
    text = etree.tostring(spec.manifest, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    # Put every attribute of the root on its own line, as many tools write manifests.
    first_tag_end = text.index(b">", text.index(b"<manifest"))
    spread = text[:first_tag_end].replace(b'" ', b'"\n  ') + text[first_tag_end:]
    spec.raw_manifest = spread
    expected = next(n for n, line in enumerate(spread.splitlines(), 1) if b"bogus" in line)
    compact = next(n for n, line in enumerate(text.splitlines(), 1) if b"bogus" in line)
    assert expected != compact, "the test must tell the package's lines from re-serialized ones"
    errors = only(lint_spec(spec, tmp_path), "XSD001")
    assert [finding.line for finding in errors] == [expected]
    assert "'bogus'" in errors[0].message, "libxml2's {namespace}name is written as the manifest does"


def test_hrefs_are_resolved_like_a_browser(tmp_path: Path) -> None:
    spec = minimal()
    resource = spec.find("resource")
    resource.set("{http://www.w3.org/XML/1998/namespace}base", "pages/")
    resource.set("href", "start%20here.html?lang=en#top")
    for file in resource:
        resource.remove(file)
    etree.SubElement(resource, spec.q(None, "file"), href="start%20here.html")
    etree.SubElement(resource, spec.q(None, "file"), href="../shared/app.js")
    spec.files = {name: data for name, data in spec.files.items() if name != "index.html"}
    spec.files["pages/start here.html"] = b'<script src="../shared/app.js"></script><img src="#x" alt="">'
    spec.files["shared/app.js"] = b"console.log(1);\n"
    assert lint_spec(spec, tmp_path) == []


@pytest.mark.parametrize(
    ("href", "problem"),
    [
        ("/index.html", "'/'"),
        ("pages\\index.html", "backslash"),
        ("file:///C:/course/index.html", "file:"),
        ("../../index.html", "'../'"),
    ],
)
def test_unsafe_hrefs(tmp_path: Path, href: str, problem: str) -> None:
    spec = minimal()
    spec.find("file").set("href", href)
    findings = only(lint_spec(spec, tmp_path), "HREF001")
    assert len(findings) == 1
    assert problem in findings[0].message
    assert findings[0].line is not None


def test_css_and_javascript_references(tmp_path: Path) -> None:
    spec = minimal()
    spec.files["index.html"] = (
        b'<link rel="stylesheet" href="css/theme.css"><script src="js/app.js"></script>'
    )
    spec.files["css/theme.css"] = (
        b"@import 'https://fonts.example.com/font.css';\n"
        b"body { background: url(../img/bg.png); }\n"
        b'.logo { background: url("data:image/png;base64,AAAA"); }\n'
    )
    spec.files["js/app.js"] = (
        b"import { x } from 'https://esm.example.com/x.js';\nconst y = 'https://not-an-import';\n"
    )
    for name in ("css/theme.css", "js/app.js"):
        etree.SubElement(spec.find("resource"), spec.q(None, "file"), href=name)
    findings = lint_spec(spec, tmp_path)
    assert sorted((f.rule, f.path, f.line) for f in findings) == [
        ("EXT001", "css/theme.css", 1),
        ("EXT001", "js/app.js", 1),
        ("FILE003", "css/theme.css", 2),
    ]


# --- the command --------------------------------------------------------------------------------


def test_cli_json_and_exit_codes(
    built: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lint", str(built["scorm12"]), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []

    spec = minimal()
    _list_missing(spec)
    spec.files["notes.txt"] = b"unlisted"
    path = spec.write(tmp_path / "broken.zip")
    assert main(["lint", str(path), "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)
    assert {(f["rule"], f["severity"]) for f in findings} == {("FILE001", "error"), ("FILE002", "warning")}
    assert all(set(f) == {"rule", "severity", "message", "path", "line"} for f in findings)


def test_cli_warnings_alone_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = minimal()
    spec.files["notes.txt"] = b"unlisted"
    assert main(["lint", str(spec.write(tmp_path / "package.zip"))]) == 0
    out = capsys.readouterr().out
    assert "FILE002" in out
    assert "0 errors, 1 warning, 0 info" in out


def test_cli_table_does_not_read_names_as_markup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = minimal()
    spec.files["[bold]x[/bold].txt"] = b"unlisted"
    assert main(["lint", str(spec.write(tmp_path / "package.zip"))]) == 0
    assert "[bold]x[/bold].txt" in capsys.readouterr().out


def test_cli_not_a_zip_is_a_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "course.pdf"
    path.write_bytes(b"%PDF-1.7\n")
    assert main(["lint", str(path)]) == 1
    captured = capsys.readouterr()
    assert "ZIP001" in captured.out
    assert "Traceback" not in captured.err


def test_cli_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(tmp_path / "nowhere.zip")]) == 1
    assert "file not found" in capsys.readouterr().err
