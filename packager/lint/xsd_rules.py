"""XSD validation of the manifest against the official XSDs of the version it declares.

The package's own XSD copies are never used (they may be altered): the official ones come from
:mod:`packager.schemas`. The driver schema imports the version's namespaces (the SCORM targets'
``schema_locations``) plus any other namespace the manifest uses that the official set covers
(for example IMS metadata in SCORM 1.2). Elements in namespaces no official XSD covers are
reported and left out of the validation, instead of failing it.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

from lxml import etree

from packager import schemas
from packager.lint.findings import Hit, Severity
from packager.lint.package import Package
from packager.lint.registry import rule
from packager.lint.xsd_compile import validator
from packager.standards import MANIFEST, XML_NAMESPACE, XSI_NAMESPACE, ScormVersion


def edition_namespaces(edition: str) -> dict[str, str]:
    """Target namespace -> XSD file, for every XSD of an official edition (first file wins)."""
    return _namespaces(schemas.edition_dir(edition))


@cache
def _namespaces(folder: Path) -> dict[str, str]:
    found: dict[str, str] = {}
    for path in sorted(folder.glob("*.xsd")):
        try:
            namespace = etree.parse(str(path)).getroot().get("targetNamespace")
        except etree.XMLSyntaxError:
            continue  # SCORM 1.2's ims_xml.xsd, for the xml namespace, which is never imported
        if namespace:
            found.setdefault(namespace, path.name)
    return found


def _used_namespaces(manifest: etree._Element) -> set[str]:
    used: set[str] = set()
    for element in manifest.iter():
        if not isinstance(element.tag, str):
            continue
        used.add(etree.QName(element).namespace or "")
        used.update(etree.QName(name).namespace or "" for name in element.attrib)
    return used - {""}


def _plan(version: ScormVersion, manifest: etree._Element) -> tuple[list[tuple[str, str]], set[str]]:
    """The driver's imports, and the namespaces the manifest uses that no official XSD covers."""
    imports = list(version.schema_locations)
    known = edition_namespaces(version.edition)
    used = _used_namespaces(manifest)
    for namespace in sorted(used - {namespace for namespace, _ in imports} - {XML_NAMESPACE}):
        if namespace in known:
            imports.append((namespace, known[namespace]))
    covered = {namespace for namespace, _ in imports} | {XML_NAMESPACE, XSI_NAMESPACE}
    return imports, used - covered


def _validate(package: Package) -> list[Hit] | str:
    """The XSD errors (empty when valid), or why validation could not be done (worked out once)."""
    if "xsd" in package.derived:
        found: list[Hit] | str = package.derived["xsd"]
        return found
    version = package.version.validatable
    manifest = package.manifest
    result: list[Hit] | str = []
    if version is not None and manifest is not None:
        imports, uncovered = _plan(version, manifest)
        document = copy.deepcopy(manifest)
        if uncovered and etree.QName(document).namespace not in uncovered:
            _strip(document, uncovered)
        try:
            schema = validator(version.edition, imports)
            valid = schema.validate(document)
        except (etree.XMLSchemaParseError, etree.XMLSchemaValidateError) as error:
            result = str(error) or type(error).__name__
        else:
            log: Any = [] if valid else schema.error_log  # lxml-stubs: _ErrorLog is iterable
            result = [
                _xsd_hit(str(entry.message), entry.line, version.schemaversion, manifest) for entry in log
            ]
    package.derived["xsd"] = result
    return result


def _xsd_hit(message: str, line: int | None, schemaversion: str, manifest: etree._Element) -> Hit:
    return Hit(
        f"{_with_prefixes(message, manifest)} (SCORM {schemaversion} XSD); LMSs and the conformance suite "
        "refuse an invalid manifest: fix the element on this line as the XSD says",
        MANIFEST,
        line or None,
    )


@rule("XSD001", Severity.ERROR, "the manifest is valid against its version's official XSDs", needs="schemas")
def valid_against_xsds(package: Package) -> Iterator[Hit]:
    result = _validate(package)
    if not isinstance(result, str):
        yield from result


@rule("XSD004", Severity.WARNING, "the linter could validate the manifest", needs="schemas")
def validation_done(package: Package) -> Iterator[Hit]:
    result = _validate(package)
    if isinstance(result, str):
        yield Hit(
            f"the manifest could not be validated against the official XSDs ({result}); this is a limit "
            "of the linter, not a verdict on the package: validate it with the ADL conformance suite "
            "or SCORM Cloud before you ship it",
            MANIFEST,
        )


@rule("XSD002", Severity.WARNING, "every namespace the manifest uses has an official XSD", needs="schemas")
def namespaces_covered(package: Package) -> Iterator[Hit]:
    version = package.version.validatable
    if version is None or package.manifest is None:
        return
    _, uncovered = _plan(version, package.manifest)
    for namespace in sorted(uncovered):
        yield Hit(
            f"no official SCORM {version.schemaversion} XSD covers the namespace {namespace!r}; "
            "its elements and attributes were not validated; LMSs ignore what they do not know, so check "
            "they are optional extensions (or remove them)",
            MANIFEST,
        )


def _with_prefixes(message: str, manifest: etree._Element) -> str:
    """libxml2 names elements ``{namespace}name``; write them as the manifest does, ``prefix:name``."""
    for prefix, namespace in manifest.nsmap.items():
        message = message.replace(f"{{{namespace}}}", f"{prefix}:" if prefix else "")
    return message


def _strip(document: etree._Element, namespaces: set[str]) -> None:
    """Remove the elements and attributes in ``namespaces`` (line numbers of the rest are kept)."""
    doomed = []
    for element in document.iter():
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).namespace in namespaces:
            doomed.append(element)
            continue
        for name in list(element.attrib):
            if etree.QName(name).namespace in namespaces:
                del element.attrib[name]
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
