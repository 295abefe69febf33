"""The SCORM 1.2 manifest against the XSDs, and the checks the XSDs cannot make: both really fail."""

from __future__ import annotations

import copy

import pytest
from lxml import etree

from packager.lint.manifest_rules import manifest_problems
from packager.render import Site
from tests.scorm12_site import ADLCP, IMSCP, NS, validate

# --- validation really validates ---------------------------------------------------------------


def test_generated_manifest_is_valid(manifest: etree._Element, site: Site) -> None:
    assert validate(manifest) == []
    assert manifest_problems(manifest, site) == []


def test_masteryscore_before_title_is_invalid(manifest: etree._Element) -> None:
    (item,) = manifest.xpath(".//cp:item", namespaces=NS)
    (mastery,) = item.xpath("adlcp:masteryscore", namespaces=NS)
    item.remove(mastery)
    item.insert(0, mastery)
    errors = validate(manifest)
    assert errors
    assert all(error.startswith("line ") for error in errors)
    assert any("title" in error for error in errors), errors


def test_missing_organizations_is_invalid(manifest: etree._Element) -> None:
    (organizations,) = manifest.xpath("cp:organizations", namespaces=NS)
    manifest.remove(organizations)
    errors = validate(manifest)
    assert errors
    assert any("resources" in error or "organizations" in error for error in errors), errors


def test_bad_scormtype_is_invalid(manifest: etree._Element) -> None:
    (resource,) = manifest.xpath("cp:resources/cp:resource", namespaces=NS)
    resource.set(f"{{{ADLCP}}}scormtype", "lesson")
    assert validate(manifest)


def test_resource_without_identifier_is_invalid(manifest: etree._Element) -> None:
    (resource,) = manifest.xpath("cp:resources/cp:resource", namespaces=NS)
    del resource.attrib["identifier"]
    assert validate(manifest)


def test_unknown_element_is_invalid(manifest: etree._Element) -> None:
    (resources,) = manifest.xpath("cp:resources", namespaces=NS)
    etree.SubElement(resources, f"{{{IMSCP}}}bogus")
    assert validate(manifest)


def test_manifest_problems_finds_an_unlisted_file(manifest: etree._Element, site: Site) -> None:
    extended = Site(files={**site.files, "extra/notes.txt": b"not in the manifest"})
    problems = manifest_problems(manifest, extended)
    assert len(problems) == 1
    assert "'extra/notes.txt'" in problems[0]
    assert "does not list" in problems[0]


def test_manifest_problems_finds_a_listed_file_that_is_missing(manifest: etree._Element, site: Site) -> None:
    smaller = Site(files={name: content for name, content in site.files.items() if name != "theme.css"})
    problems = manifest_problems(manifest, smaller)
    assert len(problems) == 1
    assert "'theme.css'" in problems[0]
    assert "not in the package" in problems[0]


@pytest.mark.parametrize(
    ("element", "attribute", "value", "expected"),
    [
        (".//cp:item", "identifierref", "RES-nowhere", "'RES-nowhere'"),
        ("cp:organizations", "default", "RES-crss-professional-boundaries", "names no organization"),
    ],
)
def test_manifest_problems_finds_a_reference_to_nothing(
    manifest: etree._Element, site: Site, element: str, attribute: str, value: str, expected: str
) -> None:
    (found,) = manifest.xpath(element, namespaces=NS)
    found.set(attribute, value)
    problems = manifest_problems(manifest, site)
    assert len(problems) == 1
    assert expected in problems[0]
    # The XSDs do not catch this: it is why manifest_problems exists.
    assert validate(manifest) == []


def test_manifest_problems_finds_repeated_and_invalid_identifiers(
    manifest: etree._Element, site: Site
) -> None:
    (item,) = manifest.xpath(".//cp:item", namespaces=NS)
    (organization,) = manifest.xpath(".//cp:organization", namespaces=NS)
    child = copy.deepcopy(item)
    organization.append(child)
    problems = manifest_problems(manifest, site)
    assert any("used twice" in problem for problem in problems), problems
    child.set("identifier", "9-starts-with-a-digit")
    problems = manifest_problems(manifest, site)
    assert any("not a valid xs:ID" in problem for problem in problems), problems


def test_manifest_problems_finds_a_launch_file_that_is_not_listed(
    manifest: etree._Element, site: Site
) -> None:
    (resource,) = manifest.xpath("cp:resources/cp:resource", namespaces=NS)
    resource.set("href", "start.html")
    problems = manifest_problems(manifest, site)
    assert any("launches 'start.html'" in problem for problem in problems), problems
