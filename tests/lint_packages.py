"""Make SCORM packages for the lint tests: a minimal valid package (manifest built with lxml),
changed in one way per test, zipped with :mod:`zipfile`."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from packager.lint import Finding, Limits, lint_package
from packager.lint.versions import known_versions

XSI = "http://www.w3.org/2001/XMLSchema-instance"
PAGE = b"<!doctype html>\n<html><head><title>Lesson</title></head><body><p>Hello.</p></body></html>\n"


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


def bad_xsd_element(spec: Spec) -> None:
    spec.find("organization").insert(0, etree.Element(spec.q(None, "bogus")))


def list_missing(spec: Spec) -> None:
    etree.SubElement(spec.find("resource"), spec.q(None, "file"), href="media/missing.png")
