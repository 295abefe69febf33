"""The manifest itself: XML, DOCTYPE, version, namespaces, named XSDs and identifiers.

These are the conformance rules the ADL test suite and LMS importers apply beyond the XSDs
(``shared/notes/scorm-rules.md``). The build runs every ``manifest`` rule on each manifest it
writes (:func:`manifest_problems`); ``packager lint`` runs them on any package. The other manifest
rules are in ``structure_rules`` (organizations, items, resources), ``sco_rules`` (SCOs, launch
and values) and ``file_rules`` (the file list).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from lxml import etree

from packager.lint.findings import Hit, Severity
from packager.lint.hrefs import resolve_href, unresolved
from packager.lint.manifest_index import XSI_SCHEMA_LOCATION, at, cp, manifest_of
from packager.lint.messages import message
from packager.lint.package import Package
from packager.lint.registry import RULES, rule
from packager.lint.versions import expected_prefixes, known_versions
from packager.standards import MANIFEST, NCNAME, SCORM_2004_2ND


def manifest_problems(manifest: etree._Element, files: Iterable[str]) -> list[str]:
    """The messages of every manifest rule, for a manifest and the names of its package's files."""
    package = Package(files=frozenset(files), manifest=manifest, kind="scorm")
    return [
        finding.message
        for check in RULES.values()
        if check.needs == "manifest"
        for finding in check.run(package)
    ]


# --- version and namespaces ---------------------------------------------------------------------


@rule("MAN001", Severity.ERROR, "imsmanifest.xml is readable, well-formed XML", needs="archive")
def well_formed_manifest(package: Package) -> Iterator[Hit]:
    if package.manifest_problem is not None:
        yield package.manifest_problem


@rule("MAN002", Severity.WARNING, "the manifest has no DTD and no internal entities", needs="manifest")
def no_internal_entities(package: Package) -> Iterator[Hit]:
    parsed = package.manifest_xml
    if parsed is None:
        return
    for entity in parsed.entities:
        if entity.content is not None:
            yield Hit(message("MAN002-entity", entity=entity.name), MANIFEST, parsed.line)
    if parsed.external_dtd:
        yield Hit(message("MAN002-dtd", dtd=parsed.external_dtd), MANIFEST, parsed.line)


@rule("MAN003", Severity.ERROR, "the manifest declares no external entity", needs="manifest")
def no_external_entities(package: Package) -> Iterator[Hit]:
    parsed = package.manifest_xml
    for entity in [] if parsed is None else parsed.entities:
        if entity.content is None:
            text = message("MAN003", entity=entity.name, url=entity.system_url)
            yield Hit(text, MANIFEST, parsed.line if parsed else None)


@rule("VER001", Severity.INFO, "the manifest names its SCORM version", needs="manifest")
def names_version(package: Package) -> Iterator[Hit]:
    if package.version.schemaversion is None:
        yield Hit(message("VER001"), MANIFEST)


@rule("VER002", Severity.WARNING, "the SCORM version is one the linter knows", needs="manifest")
def known_version(package: Package) -> Iterator[Hit]:
    detection = package.version
    if detection.schemaversion is not None and not detection.exact:
        guess = f"; checked as {detection.version.schemaversion}" if detection.version else ""
        known = ", ".join(repr(version.schemaversion) for version in known_versions())
        text = message("VER002", schemaversion=detection.schemaversion, known=known, guess=guess)
        yield Hit(text, MANIFEST)


@rule(
    "VER004",
    Severity.INFO,
    "SCORM 2004 2nd Edition is validated with the 3rd Edition's XSDs",
    needs="manifest",
)
def second_edition(package: Package) -> Iterator[Hit]:
    if package.version.validatable is SCORM_2004_2ND:
        yield Hit(message("VER004"), MANIFEST)


@rule("VER003", Severity.ERROR, "the manifest's namespace matches its SCORM version", needs="manifest")
def namespace_matches_version(package: Package) -> Iterator[Hit]:
    version = package.version.version
    namespace = etree.QName(manifest_of(package)).namespace
    if version is not None and namespace != version.imscp:
        found, schemaversion, wanted = namespace or "none", version.schemaversion, version.imscp
        yield at(manifest_of(package), "VER003", namespace=found, schemaversion=schemaversion, imscp=wanted)


@rule("NS001", Severity.ERROR, "imscp is the manifest's default namespace", needs="manifest")
def imscp_is_default_namespace(package: Package) -> Iterator[Hit]:
    manifest = manifest_of(package)
    namespace = etree.QName(manifest).namespace
    for element in [manifest, *cp(package, "*")]:
        if element.prefix is not None:
            yield at(element, "NS001", namespace=namespace, prefix=element.prefix)
            return


@rule("NS002", Severity.ERROR, "extension namespaces use the prefixes LMSs expect", needs="manifest")
def standard_prefixes(package: Package) -> Iterator[Hit]:
    expected = expected_prefixes()
    reported: set[tuple[str | None, str]] = set()
    for element in manifest_of(package).iter():
        if not isinstance(element.tag, str):
            continue
        for prefix, namespace in element.nsmap.items():
            wanted = expected.get(namespace)
            if wanted is None or prefix == wanted or (prefix, namespace) in reported:
                continue
            reported.add((prefix, namespace))
            written = "the default namespace" if prefix is None else f"the prefix '{prefix}'"
            yield at(element, "NS002", namespace=namespace, written=written, wanted=wanted)


@rule("XSD003", Severity.ERROR, "every XSD named in xsi:schemaLocation is in the package", needs="manifest")
def schemas_shipped(package: Package) -> Iterator[Hit]:
    for element in manifest_of(package).iter():
        value = element.get(XSI_SCHEMA_LOCATION) if isinstance(element.tag, str) else None
        if value is None:
            continue
        tokens = value.split()
        if len(tokens) % 2:
            yield at(element, "XSD003-pairs")
        for location in tokens[1::2]:
            if problem := unresolved(resolve_href(location), package.files):
                yield at(element, f"XSD003-{problem}", location=location)


# --- identifiers and references -----------------------------------------------------------------


@rule("ID001", Severity.ERROR, "identifiers are valid xs:ID values", needs="manifest")
def valid_identifiers(package: Package) -> Iterator[Hit]:
    for element in manifest_of(package).iter():
        value = element.get("identifier") if isinstance(element.tag, str) else None
        if value is not None and not NCNAME.match(value):
            yield at(element, "ID001", value=value)


@rule("ID002", Severity.ERROR, "identifiers are unique", needs="manifest")
def unique_identifiers(package: Package) -> Iterator[Hit]:
    seen: set[str] = set()
    for element in manifest_of(package).iter():
        value = element.get("identifier") if isinstance(element.tag, str) else None
        if value is None:
            continue
        if value in seen:
            yield at(element, "ID002", value=value)
        seen.add(value)
