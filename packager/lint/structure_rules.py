"""Organizations, items and resources: what they must name and hold.

Where SCORM 1.2 and 2004 differ, the rule says which book it follows: SCORM 2004's CAM (the
"CP constraints" the ADL conformance suite checks) is stricter than SCORM 1.2's, which says only
what the IMS Content Packaging 1.1.2 XSD says. A 2004 requirement that 1.2 lacks is a warning for
1.2 packages (a rule of its own, so each rule keeps one severity).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from lxml import etree

from packager.lint.findings import Hit, Severity
from packager.lint.hrefs import href_problem, is_external, resolve_href
from packager.lint.manifest_index import XML_BASE, at, bases, cp, identifiers, manifest_of
from packager.lint.package import Package
from packager.lint.registry import rule
from packager.lint.versions import local_name
from packager.standards import SCORM_12


def _is_12(package: Package) -> bool:
    return package.version.version is SCORM_12


Finder = Callable[[Package, str], Iterable[Hit]]
"""Reports the message of the given key wherever a package breaks a requirement."""


def _stricter_in_2004(rule_2004: str, rule_12: str, summary: str) -> Callable[[Finder], Finder]:
    """Register the decorated finder as two rules: an error in SCORM 2004 packages (its CAM requires
    it) and a warning in SCORM 1.2 packages (1.2 does not, but LMSs still fail on it)."""

    def register(find: Finder) -> Finder:
        def in_2004(package: Package) -> Iterable[Hit]:
            return () if _is_12(package) else find(package, rule_2004)

        def in_12(package: Package) -> Iterable[Hit]:
            return find(package, rule_12) if _is_12(package) else ()

        rule(rule_2004, Severity.ERROR, f"{summary} (SCORM 2004)", needs="manifest")(in_2004)
        rule(rule_12, Severity.WARNING, f"{summary} (SCORM 1.2)", needs="manifest")(in_12)
        return find

    return register


@rule("ORG001", Severity.ERROR, "organizations@default names an organization", needs="manifest")
def default_organization(package: Package) -> Iterator[Hit]:
    names = identifiers(package)
    for organizations in cp(package, "organizations"):
        default = organizations.get("default")
        if default is not None and names.get(default) != "organization":
            yield at(organizations, "ORG001", default=default)


def _titles(organization: etree._Element) -> list[etree._Element]:
    return [child for child in organization if local_name(child) == "title"]


@rule("ORG002", Severity.ERROR, "every organization has a title (SCORM 2004)", needs="manifest")
def organization_has_title(package: Package) -> Iterator[Hit]:
    if _is_12(package) or package.version.version is None:
        return
    for organization in cp(package, "organization"):
        if not _titles(organization):
            yield at(organization, "ORG002", organization=organization.get("identifier"))


@rule("ORG003", Severity.ERROR, "no organization has more than one title", needs="manifest")
def organization_has_one_title(package: Package) -> Iterator[Hit]:
    for organization in cp(package, "organization"):
        titles = _titles(organization)
        if len(titles) > 1:
            yield at(titles[1], "ORG003", organization=organization.get("identifier"), count=len(titles))


@rule("REF001", Severity.ERROR, "every identifierref names a resource", needs="manifest")
def references_resolve(package: Package) -> Iterator[Hit]:
    names = identifiers(package)
    for element in [*cp(package, "item"), *cp(package, "dependency")]:
        reference = element.get("identifierref")
        if reference is not None and names.get(reference) != "resource":
            owner = element.get("identifier") if local_name(element) == "item" else None
            subject = f"item {owner!r}" if owner else local_name(element)
            yield at(element, "REF001", subject=subject, reference=reference)


@_stricter_in_2004("REF002", "REF003", "only leaf items have an identifierref")
def leaf_references(package: Package, key: str) -> Iterator[Hit]:
    """The message ``key`` at each item that has child items and launches a resource."""
    for item in cp(package, "item"):
        has_children = any(local_name(child) == "item" for child in item)
        if item.get("identifierref") is not None and has_children:
            yield at(item, key, item=item.get("identifier"))


@rule("HREF001", Severity.ERROR, "hrefs are relative paths inside the package", needs="manifest")
def safe_hrefs(package: Package) -> Iterator[Hit]:
    for element in manifest_of(package).iter():
        if not isinstance(element.tag, str):
            continue
        parent = element.getparent()
        checks = (
            ("href", element.get("href"), bases(package, element)),
            ("xml:base", element.get(XML_BASE), () if parent is None else bases(package, parent)),
        )
        for label, value, applied in checks:
            problem = None if value is None else href_problem(value, applied)
            if problem:
                yield at(
                    element,
                    "HREF001",
                    tag=local_name(element),
                    attribute=label,
                    value=value,
                    problem=problem,
                )


@_stricter_in_2004("RES001", "RES002", "a resource's href is one of its files")
def launch_file_listed(package: Package, key: str) -> Iterator[Hit]:
    """The message ``key`` at each resource whose href is not one of its files."""
    for resource in cp(package, "resource"):
        href = resource.get("href")
        path = None if href is None else resolve_href(href, bases(package, resource))
        if path is None:
            continue
        files = {
            resolve_href(str(file.get("href", "")), bases(package, file))
            for file in resource
            if local_name(file) == "file"
        }
        if path not in files:
            yield at(resource, key, resource=resource.get("identifier"), href=href)


@rule("EXT003", Severity.WARNING, "resources launch from the package, not from a URL", needs="manifest")
def local_launch(package: Package) -> Iterator[Hit]:
    for resource in cp(package, "resource"):
        href = resource.get("href")
        if href is not None and is_external(href):
            yield at(resource, "EXT003", resource=resource.get("identifier"), href=href)
