"""SCOs and launch, and the values SCORM gives the LMS runtime: scormType, the first SCO,
the 1.2 mastery score and the 2004 completion threshold."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from lxml import etree

from packager.lint.findings import Hit, Severity
from packager.lint.manifest_index import at, cp, identifiers, manifest_of
from packager.lint.messages import message
from packager.lint.package import Package
from packager.lint.registry import rule
from packager.standards import MANIFEST, SCORM_12, SCORM_2004_4TH


@rule("SCO001", Severity.ERROR, "every resource says whether it is a sco or an asset", needs="manifest")
def scormtype_present(package: Package) -> Iterator[Hit]:
    found = _spellings(package)
    if found is None:
        return
    name, other = found
    for resource in cp(package, "resource"):
        if resource.get(name.text) is None and resource.get(other.text) is None:
            yield at(resource, "SCO001", resource=resource.get("identifier"), attribute=name.localname)


@rule("SCO002", Severity.ERROR, "the scormType attribute is spelt as the version requires", needs="manifest")
def scormtype_case(package: Package) -> Iterator[Hit]:
    version, found = package.version.checkable, _spellings(package)
    if version is None or found is None:
        return
    name, other = found
    reads = {"schemaversion": version.schemaversion, "attribute": name.localname, "spelt": other.localname}
    for resource in cp(package, "resource"):
        if resource.get(other.text) is not None:
            yield at(resource, "SCO002", resource=resource.get("identifier"), **reads)


def _spellings(package: Package) -> tuple[etree.QName, etree.QName] | None:
    """The scormType attribute the package's SCORM version reads, and the same in the other case
    (1.2 spells it adlcp:scormtype, 2004 adlcp:scormType); None for a version the linter cannot check."""
    version = package.version.checkable
    if version is None:
        return None
    name = etree.QName(version.scormtype_attribute)
    other = "scormtype" if name.localname == "scormType" else "scormType"
    return name, etree.QName(name.namespace, other)


@rule("SCO003", Severity.WARNING, "at least one resource is a SCO", needs="manifest")
def has_a_sco(package: Package) -> Iterator[Hit]:
    version = package.version.checkable
    resources = cp(package, "resource")
    if version is None or not resources:
        return
    if not any(resource.get(version.scormtype_attribute) == "sco" for resource in resources):
        yield Hit(message("SCO003"), MANIFEST)


@rule("LCH001", Severity.WARNING, "the launch SCO is the first resource with an href", needs="manifest")
def launch_first(package: Package) -> Iterator[Hit]:
    organizations = cp(package, "organization")
    if not organizations:
        return
    default = next((o.get("default") for o in cp(package, "organizations") if o.get("default")), None)
    organization = next((o for o in organizations if o.get("identifier") == default), organizations[0])
    item_tag = f"{{{etree.QName(organization).namespace or ''}}}item"
    first_item = next((item for item in organization.iter(item_tag) if item.get("identifierref")), None)
    launched = next((r for r in cp(package, "resource") if r.get("href") is not None), None)
    if first_item is None or launched is None:
        return
    wanted = first_item.get("identifierref")
    if identifiers(package).get(str(wanted)) != "resource":
        return  # a dangling reference is REF001's
    if launched.get("identifier") != wanted:
        yield at(launched, "LCH001", launched=launched.get("identifier"), wanted=wanted)


@rule("MAS001", Severity.ERROR, "a SCORM 1.2 masteryscore is a number from 0 to 100", needs="manifest")
def mastery_score_range(package: Package) -> Iterator[Hit]:
    if package.version.checkable is not SCORM_12:
        return
    for element in manifest_of(package).iter(SCORM_12.qualified("adlcp", "masteryscore")):
        text = (element.text or "").strip()
        try:
            value = Decimal(text)
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
            yield at(element, "MAS001", text=text)


@rule(
    "CT001", Severity.WARNING, "a 4th Edition completionThreshold uses attributes, not text", needs="manifest"
)
def completion_threshold_form(package: Package) -> Iterator[Hit]:
    if package.version.checkable is not SCORM_2004_4TH:
        return
    for element in manifest_of(package).iter(SCORM_2004_4TH.qualified("adlcp", "completionThreshold")):
        text = (element.text or "").strip()
        if text and element.get("minProgressMeasure") is None:
            yield at(element, "CT001", text=text)
