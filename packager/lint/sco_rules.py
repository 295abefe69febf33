"""SCOs and launch, and the values SCORM gives the LMS runtime: scormType, the first SCO,
the 1.2 mastery score and the 2004 completion threshold."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from lxml import etree

from packager.lint.findings import Hit, Severity
from packager.lint.manifest_index import at, cp, identifiers, manifest_of
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
            yield at(
                resource,
                f"resource {resource.get('identifier')!r} has no adlcp:{name.localname}; LMSs then treat "
                "it as an "
                "asset that never reports, and the conformance suite fails it: add "
                f'adlcp:{name.localname}="sco" (or "asset" for a page without the SCORM API)',
            )


@rule("SCO002", Severity.ERROR, "the scormType attribute is spelt as the version requires", needs="manifest")
def scormtype_case(package: Package) -> Iterator[Hit]:
    version, found = package.version.checkable, _spellings(package)
    if version is None or found is None:
        return
    name, other = found
    reads = f"SCORM {version.schemaversion} reads only adlcp:{name.localname}"
    for resource in cp(package, "resource"):
        if resource.get(other.text) is not None:
            spells = f"resource {resource.get('identifier')!r} spells adlcp:{other.localname}"
            yield at(
                resource, f"{spells}; {reads} (attribute names are case-sensitive): rename the attribute"
            )


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
        yield Hit(
            "no resource is a SCO, so nothing reports progress or a score and LMSs show the course as "
            "never completed: mark the resource that calls the SCORM API as a sco",
            MANIFEST,
        )


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
        yield at(
            launched,
            f"the first resource with an href is {launched.get('identifier')!r}, but the course starts "
            f"with {wanted!r}; Open edX launches the first one: put the launch SCO first",
        )


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
            yield at(
                element,
                f"adlcp:masteryscore {text!r} is not a number from 0 to 100: it is a percentage of "
                "cmi.core.score.raw, and LMS runtimes refuse to load a SCO whose mastery score is out "
                "of range: write a value from 0 to 100",
            )


@rule(
    "CT001", Severity.WARNING, "a 4th Edition completionThreshold uses attributes, not text", needs="manifest"
)
def completion_threshold_form(package: Package) -> Iterator[Hit]:
    if package.version.checkable is not SCORM_2004_4TH:
        return
    for element in manifest_of(package).iter(SCORM_2004_4TH.qualified("adlcp", "completionThreshold")):
        text = (element.text or "").strip()
        if text and element.get("minProgressMeasure") is None:
            yield at(
                element,
                f"adlcp:completionThreshold holds the text {text!r}, the 3rd Edition's form; 4th Edition "
                "LMSs ignore it (the ADL conformance suite warns), so completion is not derived from "
                f'progress: write completedByMeasure="true" minProgressMeasure="{text}" instead',
            )
