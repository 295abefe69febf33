"""The cmi5 package: cmi5.xml checked element by element, its structure checks, and the site."""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree, html

from packager.course import Course, load_course
from packager.render import Site
from packager.targets import TARGETS
from packager.targets.cmi5 import (
    CMI5_NAMESPACE,
    Cmi5,
    au_iri,
    course_iri,
    course_structure,
    mastery_fraction,
    structure_problems,
)

CourseMaker = Callable[..., Path]
NS = {"cmi5": CMI5_NAMESPACE}
QUIZ = """title: Final check
questions:
  - id: sky
    type: true-false
    prompt: The sky is blue.
    answer: true
"""


def read(site: Site, name: str) -> bytes:
    content = site.files[name]
    return content.read_bytes() if isinstance(content, Path) else content


def parse(data: bytes) -> etree._Element:
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


@pytest.fixture(scope="module")
def site(sample_course: Course) -> Site:
    return Cmi5().build(sample_course)


@pytest.fixture
def structure(site: Site) -> etree._Element:
    """A fresh parse per test, so a test may break it."""
    return parse(read(site, "cmi5.xml"))


def only(structure: etree._Element, path: str) -> etree._Element:
    found = structure.findall(path, NS)
    assert len(found) == 1, path
    return found[0]


def build_structure(make_course: CourseMaker, **fields: Any) -> etree._Element:
    course = {"id": "demo-course", "title": "Demo course", "lessons": ["lessons/01-intro.md"], **fields}
    files = {"quizzes/final.yaml": QUIZ} if "quiz" in fields else {}
    return course_structure(load_course(make_course(course, files)))


# --- the package -------------------------------------------------------------------------------


def test_the_target_is_registered() -> None:
    assert isinstance(TARGETS["cmi5"], Cmi5)


def test_the_package_is_the_site_plus_cmi5_xml(site: Site, sample_course: Course) -> None:
    web = TARGETS["web"].build(sample_course)
    assert "cmi5.xml" in site.files
    assert set(site.files) - set(web.files) == {
        "cmi5.xml",
        "runtime/lms/time.js",
        "runtime/lms/interactions.js",
        "runtime/lms/xapi.js",
        "runtime/lms/statements.js",
        "runtime/lms/cmi5.js",
    }
    assert not [name for name in site.files if name.endswith("scorm.js")]
    assert "imsmanifest.xml" not in site.files
    assert not [name for name in site.files if name.endswith((".xsd", ".dtd"))]


def test_the_page_loads_the_xapi_client_then_the_adapter_then_the_app(site: Site) -> None:
    page = html.fromstring(read(site, "index.html"))
    scripts = [str(script.get("src")) for script in page.iter("script") if script.get("src")]
    order = [
        scripts.index(name)
        for name in (
            "runtime/lms/xapi.js",
            "runtime/lms/statements.js",
            "runtime/lms/cmi5.js",
            "runtime/app.js",
        )
    ]
    assert order == sorted(order)
    assert order[-1] == len(scripts) - 1


def test_the_page_may_reach_an_lrs_on_any_http_origin_and_nothing_else_widens(site: Site) -> None:
    page = html.fromstring(read(site, "index.html"))
    policy = str(page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")[0])
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["connect-src"] == ["'self'", "https:", "http:"]
    assert directives["script-src"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]


def test_two_builds_write_the_same_cmi5_xml(sample_course: Course) -> None:
    assert read(Cmi5().build(sample_course), "cmi5.xml") == read(Cmi5().build(sample_course), "cmi5.xml")


# --- cmi5.xml ------------------------------------------------------------------------------------


def test_cmi5_xml_is_utf8_xml_in_the_course_structure_namespace(
    site: Site, structure: etree._Element
) -> None:
    assert read(site, "cmi5.xml").startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert structure.tag == f"{{{CMI5_NAMESPACE}}}courseStructure"
    assert [etree.QName(child).localname for child in structure] == ["course", "au"]


def test_the_course_names_itself_in_the_course_language(
    structure: etree._Element, sample_course: Course
) -> None:
    course = only(structure, "cmi5:course")
    assert course.get("id") == course_iri(sample_course)
    title = only(course, "cmi5:title/cmi5:langstring")
    assert (title.text, title.get("lang")) == (sample_course.title, sample_course.language)
    description = only(course, "cmi5:description/cmi5:langstring")
    assert (description.text, description.get("lang")) == (sample_course.description, sample_course.language)


def test_the_one_au_launches_index_html(structure: etree._Element, sample_course: Course) -> None:
    au = only(structure, "cmi5:au")
    assert au.get("id") == au_iri(sample_course)
    assert au.get("launchMethod") == "AnyWindow"
    assert au.get("moveOn") == "CompletedAndPassed"
    assert au.get("masteryScore") == "0.8"
    assert only(au, "cmi5:url").text == "index.html"
    assert only(au, "cmi5:title/cmi5:langstring").text == sample_course.title
    assert [etree.QName(child).localname for child in au] == ["title", "description", "url"]


def test_iris_are_name_based_uuids_of_the_course_id(sample_course: Course, make_course: CourseMaker) -> None:
    iris = {course_iri(sample_course), au_iri(sample_course)}
    assert len(iris) == 2
    for iri in iris:
        assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", iri)
        assert uuid.UUID(iri.removeprefix("urn:uuid:")).version == 5
    other = load_course(
        make_course({"id": "another-course", "title": "T", "lessons": ["lessons/01-intro.md"]})
    )
    assert iris.isdisjoint({course_iri(other), au_iri(other)})
    # Stable: the same id gives the same IRIs, whatever else changes.
    renamed = sample_course.model_copy(update={"title": "A new title", "version": "9.9"})
    assert {course_iri(renamed), au_iri(renamed)} == iris


@pytest.mark.parametrize(
    ("completion", "move_on"),
    [("lessons", "Completed"), ("quiz", "Passed"), ("lessons-and-quiz", "CompletedAndPassed")],
)
def test_move_on_follows_the_completion_rule(make_course: CourseMaker, completion: str, move_on: str) -> None:
    au = only(build_structure(make_course, quiz="quizzes/final.yaml", completion=completion), "cmi5:au")
    assert au.get("moveOn") == move_on
    assert au.get("masteryScore") == "0.8"


def test_without_a_quiz_there_is_no_mastery_score(make_course: CourseMaker) -> None:
    au = only(build_structure(make_course), "cmi5:au")
    assert au.get("moveOn") == "Completed"
    assert au.get("masteryScore") is None


def test_a_course_without_a_description_describes_itself_by_its_title(make_course: CourseMaker) -> None:
    structure = build_structure(make_course)
    assert only(structure, "cmi5:course/cmi5:description/cmi5:langstring").text == "Demo course"
    assert only(structure, "cmi5:au/cmi5:description/cmi5:langstring").text == "Demo course"


@pytest.mark.parametrize(
    ("percent", "written"), [(80, "0.8"), (75, "0.75"), (100, "1"), (0, "0"), (67, "0.67")]
)
def test_the_mastery_score_is_a_fraction(sample_course: Course, percent: int, written: str) -> None:
    assert mastery_fraction(sample_course.model_copy(update={"mastery_score": percent})) == written


# --- the structure checks (CourseStructure.xsd and the lint rules) ---------------------------------


def test_the_written_structure_passes_its_checks(structure: etree._Element, site: Site) -> None:
    assert structure_problems(structure, set(site.files)) == []


def _set(path: str, attribute: str, value: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        only(root, path).set(attribute, value)

    return change


def _remove(path: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        element = only(root, path)
        parent = element.getparent()
        assert parent is not None
        parent.remove(element)

    return change


def _text(path: str, value: str) -> Callable[[etree._Element], None]:
    def change(root: etree._Element) -> None:
        only(root, path).text = value

    return change


def _swap_title_and_description(root: etree._Element) -> None:
    au = only(root, "cmi5:au")
    au.insert(0, only(au, "cmi5:description"))


def _second_au(root: etree._Element) -> None:
    root.append(copy.deepcopy(only(root, "cmi5:au")))


def _unknown_element(root: etree._Element) -> None:
    etree.SubElement(only(root, "cmi5:au"), f"{{{CMI5_NAMESPACE}}}launchUrl")


BREAKAGES: dict[str, tuple[Callable[[etree._Element], None], str]] = {
    "no au title": (_remove("cmi5:au/cmi5:title"), "Expected is ( title )"),
    "no course description": (_remove("cmi5:course/cmi5:description"), "Expected is ( description )"),
    "no url": (_remove("cmi5:au/cmi5:url"), "Expected is one of ( objectives, url )"),
    "empty url": (_text("cmi5:au/cmi5:url", "  "), "Element 'url': [facet 'minLength']"),
    "url to a missing file": (_text("cmi5:au/cmi5:url", "start.html"), "names no file"),
    "unknown moveOn": (_set("cmi5:au", "moveOn", "Finished"), "The value 'Finished' is not"),
    "unknown launchMethod": (_set("cmi5:au", "launchMethod", "Popup"), "The value 'Popup' is not"),
    "mastery above 1": (_set("cmi5:au", "masteryScore", "1.5"), "greater than the maximum value"),
    "mastery too precise": (_set("cmi5:au", "masteryScore", "0.12345"), "more fractional digits"),
    "mastery not a number": (_set("cmi5:au", "masteryScore", "most"), "'most' is not a valid value"),
    "relative id": (_set("cmi5:au", "id", "my-au"), "not an absolute IRI"),
    "id with a space": (_set("cmi5:course", "id", "urn:a b"), "not an absolute IRI"),
    "duplicate id": (_second_au, "used twice"),
    "unknown attribute": (_set("cmi5:au", "masteryscore", "0.8"), "'masteryscore' is not allowed"),
    "elements out of order": (_swap_title_and_description, "Expected is ( title )"),
    "unknown element": (_unknown_element, "Element 'launchUrl': This element is not expected"),
    "langstring without lang": (
        lambda root: only(root, "cmi5:course/cmi5:title/cmi5:langstring").attrib.pop("lang"),
        "attribute 'lang' is required",
    ),
    "empty title": (_text("cmi5:au/cmi5:title/cmi5:langstring", ""), "Element 'langstring': [facet"),
    "no au at all": (_remove("cmi5:au"), "one of ( objectives, au, block )"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_the_checks_catch_a_broken_structure(structure: etree._Element, site: Site, breakage: str) -> None:
    change, expected = BREAKAGES[breakage]
    change(structure)
    problems = structure_problems(structure, set(site.files))
    assert any(expected in problem for problem in problems), problems


def test_the_checks_reject_another_namespace(site: Site) -> None:
    wrong = etree.Element("{https://example.org/not-cmi5}courseStructure")
    assert structure_problems(wrong, set(site.files))


def test_extension_elements_in_another_namespace_are_allowed(structure: etree._Element, site: Site) -> None:
    etree.SubElement(only(structure, "cmi5:au"), "{https://vendor.example/ext}note").text = "ours"
    assert structure_problems(structure, set(site.files)) == []
