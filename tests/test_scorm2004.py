"""SCORM 2004 manifests (3rd and 4th edition) and the plain web build."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from lxml import etree

from packager import schemas
from packager.course import Course, load_course
from packager.errors import PackagerError
from packager.render import Site
from packager.standards import SCORM_2004_4TH
from packager.targets import TARGETS
from tests.conftest import CourseMaker

NAMESPACES = dict(SCORM_2004_4TH.prefixes)
SCHEMA_LOCATIONS = SCORM_2004_4TH.schema_locations
NS = {"cp": SCORM_2004_4TH.imscp, **NAMESPACES}
EDITIONS = ["scorm2004-3rd", "scorm2004-4th"]


def manifest(course: Course, target: str) -> etree._Element:
    return etree.fromstring(TARGETS[target].build(course).files["imsmanifest.xml"])  # type: ignore[arg-type]


@pytest.mark.parametrize("target", EDITIONS)
def test_manifest_shape(sample_course: Course, target: str) -> None:
    root = manifest(sample_course, target)
    assert root.nsmap[None] == NS["cp"]
    assert {prefix: root.nsmap[prefix] for prefix in NAMESPACES} == NAMESPACES
    ordinal = target.rsplit("-", 1)[1]
    assert root.xpath("cp:metadata/cp:schemaversion/text()", namespaces=NS) == [f"2004 {ordinal} Edition"]
    resources = root.xpath("//cp:resource", namespaces=NS)
    assert len(resources) == 1
    assert resources[0].get(f"{{{NS['adlcp']}}}scormType") == "sco"
    assert resources[0].get(f"{{{NS['adlcp']}}}scormtype") is None
    primary = root.xpath("//imsss:primaryObjective", namespaces=NS)[0]
    assert primary.get("satisfiedByMeasure") == "true"
    assert primary.xpath("imsss:minNormalizedMeasure/text()", namespaces=NS) == ["0.80"]
    location = root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").split()
    files = set(TARGETS[target].build(sample_course).files)
    for xsd in location[1::2]:
        assert xsd in files, f"{xsd} named in schemaLocation must ship at the package root"


def test_completion_threshold_takes_each_editions_form(sample_course: Course) -> None:
    third = manifest(sample_course, "scorm2004-3rd").xpath("//adlcp:completionThreshold", namespaces=NS)[0]
    fourth = manifest(sample_course, "scorm2004-4th").xpath("//adlcp:completionThreshold", namespaces=NS)[0]
    assert third.text == "1.0" and not third.attrib
    assert fourth.text is None
    assert dict(fourth.attrib) == {"completedByMeasure": "true", "minProgressMeasure": "1.0"}


def test_fourth_edition_form_fails_the_third_edition_xsd(sample_course: Course) -> None:
    third = manifest(sample_course, "scorm2004-3rd")
    assert schemas.validate("scorm2004-3rd", third, SCHEMA_LOCATIONS) == []
    broken = copy.deepcopy(third)
    threshold = broken.xpath("//adlcp:completionThreshold", namespaces=NS)[0]
    threshold.text = None
    threshold.set("minProgressMeasure", "1.0")
    assert schemas.validate("scorm2004-3rd", broken, SCHEMA_LOCATIONS)


@pytest.mark.parametrize("target", EDITIONS)
def test_schema_validation_catches_a_broken_manifest(sample_course: Course, target: str) -> None:
    root = manifest(sample_course, target)
    organizations = root.find(f"{{{NS['cp']}}}organizations")
    assert organizations is not None
    root.remove(organizations)
    assert schemas.validate(target, root, SCHEMA_LOCATIONS)


def test_missing_scormtype_is_caught_in_code(sample_course: Course) -> None:
    target = TARGETS["scorm2004-4th"]
    root = manifest(sample_course, "scorm2004-4th")
    resource = root.xpath("//cp:resource", namespaces=NS)[0]
    del resource.attrib[f"{{{NS['adlcp']}}}scormType"]
    assert schemas.validate("scorm2004-4th", root, SCHEMA_LOCATIONS) == [], "the XSD does not notice"
    listed = dict.fromkeys(root.xpath("//cp:file/@href", namespaces=NS), b"")
    with pytest.raises(PackagerError, match="scormType"):
        target.check_manifest(root, Site(files=listed))  # type: ignore[attr-defined]


def test_course_without_quiz_has_no_passing_objective(make_course: CourseMaker) -> None:
    course = load_course(make_course())
    root = manifest(course, "scorm2004-4th")
    assert root.xpath("//imsss:primaryObjective", namespaces=NS) == []
    assert root.xpath("//adlcp:completionThreshold", namespaces=NS)


def test_web_build_has_no_manifest_and_no_lms_adapter(sample_course: Course, tmp_path: Path) -> None:
    files = TARGETS["web"].build(sample_course).files
    assert "imsmanifest.xml" not in files
    assert not any(name.endswith(".xsd") for name in files)
    assert "runtime/lms/standalone.js" in files
    assert [name for name in files if name.startswith("runtime/lms/")] == ["runtime/lms/standalone.js"]
