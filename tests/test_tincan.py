"""The Tin Can package: tincan.xml, its checks, the package's files, and the test LMS's launch."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from lxml import etree

from packager import build
from packager.cli.preview import open_player
from packager.course import Course
from packager.render import Site
from packager.standards import TINCAN_LAUNCH_PARAMETERS, TINCAN_NAMESPACE, XAPI_ACTIVITY_TYPES
from packager.targets import TARGETS
from packager.targets.tincan import (
    Tincan,
    activity_problems,
    course_activity_id,
    page_activity_id,
    tincan_xml,
)
from tests.test_cmi5 import parse, read

NS = {"t": TINCAN_NAMESPACE}


@pytest.fixture(scope="module")
def site(sample_course: Course) -> Site:
    return Tincan().build(sample_course)


def tincan_root(site: Site) -> etree._Element:
    """tincan.xml, parsed afresh (a test may break it)."""
    return parse(read(site, "tincan.xml"))


def test_the_target_is_registered_and_names_its_zip(sample_course: Course) -> None:
    assert isinstance(TARGETS["tincan"], Tincan)
    assert TARGETS["tincan"].archive_name(sample_course) == f"{sample_course.id}-tincan.zip"


def test_the_package_is_the_site_plus_tincan_xml_and_the_xapi_runtime(
    site: Site, sample_course: Course
) -> None:
    web = TARGETS["web"].build(sample_course)
    assert set(site.files) - set(web.files) == {
        "tincan.xml",
        "runtime/lms/time.js",
        "runtime/lms/interactions.js",
        "runtime/lms/xapi.js",
        "runtime/lms/statements.js",
        "runtime/lms/tincan.js",
    }
    assert not {"imsmanifest.xml", "cmi5.xml"} & set(site.files)
    page = read(site, "index.html").decode("utf-8")
    scripts = [page.index(f'src="runtime/lms/{name}.js"') for name in ("xapi", "statements", "tincan")]
    assert scripts == sorted(scripts) and scripts[-1] < page.index('src="runtime/app.js"')


def test_tincan_xml_lists_the_course_then_every_page(site: Site, sample_course: Course) -> None:
    root = tincan_root(site)
    assert root.tag == f"{{{TINCAN_NAMESPACE}}}tincan" and root.nsmap == {None: TINCAN_NAMESPACE}
    activities = root.findall("t:activities/t:activity", NS)
    course, pages = activities[0], activities[1:]
    assert course.get("id") == course_activity_id(sample_course)
    assert course.get("type") == XAPI_ACTIVITY_TYPES["course"]
    assert [child.tag.split("}")[1] for child in course] == ["name", "description", "launch"]
    assert course.findtext("t:name", namespaces=NS) == sample_course.title
    assert course.findtext("t:description", namespaces=NS) == sample_course.description
    assert course.findtext("t:launch", namespaces=NS) == "index.html"
    assert {child.get("lang") for child in course} == {sample_course.language}
    expected = [
        (page_activity_id(sample_course, kind, page.id), XAPI_ACTIVITY_TYPES[kind], page.title)
        for page in sample_course.pages
        for kind in [page.runtime()["kind"]]
    ]
    found = [(a.get("id"), a.get("type"), a.findtext("t:name", namespaces=NS)) for a in pages]
    assert found == expected
    assert all(str(a.get("id")).startswith(str(course.get("id")) + "/") for a in pages)
    assert not [a for a in pages if a.find("t:launch", NS) is not None]


def test_ids_are_stable_and_differ_between_courses(sample_course: Course) -> None:
    assert etree.tostring(tincan_xml(sample_course)) == etree.tostring(tincan_xml(sample_course))
    other = sample_course.model_copy(update={"id": "another-course"})
    assert course_activity_id(other) != course_activity_id(sample_course)
    assert course_activity_id(sample_course).startswith("urn:uuid:")


def test_the_written_file_passes_its_own_checks(site: Site) -> None:
    assert activity_problems(tincan_root(site), set(site.files)) == []


def _first(root: etree._Element) -> etree._Element:
    found = root.find("t:activities/t:activity", NS)
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("breakage", "problem"),
    [
        (lambda root: _first(root).set("id", "not an iri"), "is not an absolute IRI"),
        (lambda root: _first(root).getnext().set("id", _first(root).get("id")), "the id is used twice"),
        (lambda root: _first(root).set("type", ""), "has no type IRI"),
        (lambda root: _first(root).append(_first(root)[0]), "are not in the order"),
        (lambda root: _first(root).remove(_first(root)[0]), "has no name"),
        (lambda root: setattr(_first(root).find("t:launch", NS), "text", "missing.html"), "names no file"),
        (lambda root: _first(root).remove(_first(root).find("t:launch", NS)), "0 launchable activities"),
        (lambda root: etree.SubElement(_first(root), f"{{{TINCAN_NAMESPACE}}}extra"), "holds a 'extra'"),
    ],
)
def test_broken_files_are_caught(
    site: Site, breakage: Callable[[etree._Element], object], problem: str
) -> None:
    root = tincan_root(site)
    breakage(root)
    problems = activity_problems(root, set(site.files))
    assert any(problem in found for found in problems), problems


def test_another_root_is_caught(site: Site) -> None:
    assert activity_problems(etree.Element("tincan"), set(site.files)) == [
        "the root element is 'tincan', not tincan in the Tin Can namespace"
    ]


def test_build_writes_the_zip_with_tincan_xml_at_its_root(sample_course: Course, tmp_path: Path) -> None:
    build(sample_course.source_dir, tmp_path, ["tincan"], cache=False)
    with zipfile.ZipFile(tmp_path / f"{sample_course.id}-tincan.zip") as archive:
        assert {"tincan.xml", "index.html", "runtime/lms/tincan.js"} <= set(archive.namelist())
        assert parse(archive.read("tincan.xml")).find("t:activities", NS) is not None


def test_the_test_lms_launches_with_the_tincan_parameters(sample_course: Course, tmp_path: Path) -> None:
    """What preview plays: the launch URL carries every Tin Can launch parameter, and its
    credentials open the State API, keyed by activity, agent and registration."""
    build(sample_course.source_dir, tmp_path, ["tincan"], cache=False)
    with open_player(tmp_path / f"{sample_course.id}-tincan.zip", 0) as launcher:
        launched = launcher.launch()
        url = urlsplit(launched["url"])
        query = {name: values[0] for name, values in parse_qs(url.query).items()}
        assert url.path == "/content/index.html" and set(query) == set(TINCAN_LAUNCH_PARAMETERS)
        assert query["activity_id"] == course_activity_id(sample_course)
        assert json.loads(query["actor"]) == launcher.actor
        assert query["registration"] == launcher.registration
        scope = {
            "stateId": "course-packager.suspend",
            "activityId": query["activity_id"],
            "agent": query["actor"],
            "registration": query["registration"],
        }
        state = f"{query['endpoint']}activities/state?{urlencode(scope)}"
        put = urllib.request.Request(state, data=b'{"location": "lesson:x"}', method="PUT")
        put.add_header("Authorization", query["auth"])
        put.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(put) as answer:
            assert answer.status == 204
        assert launcher.state("course-packager.suspend") == {"location": "lesson:x"}
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(urllib.request.Request(state, headers={"Authorization": "Basic bm9ib2R5"}))
        assert refused.value.code == 401
