"""Packages need nothing outside themselves: no network beyond their own files, and no LMS.

- Played with every request to another origin blocked, a course completes and the LMS records it.
- No built file names an outside URL (other than the XML namespaces and schema files the standards
  require, and the xAPI identifiers cmi5 statements must carry).
- Opened without an LMS, a SCORM package still runs, says so discreetly, and keeps the learner's
  progress in localStorage across reloads (tests/e2e/test_scorm12.py has the first steps of this).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

import pytest
from lxml import etree, html
from playwright.sync_api import Page, Route, expect

from packager.course import Course
from packager.player import PlayerServer
from tests.e2e.learner import Learner
from tests.e2e.lms import SCORM12, SCORM2004, assert_clean_log, close_session, launch

pytestmark = pytest.mark.browser

OUTSIDE_URL = re.compile(r"(?<![\w/])(?:https?:)?//[\w.-]+\.[a-z]{2,}[^\s\"'<>()]*", re.IGNORECASE)
# IRIs that xAPI statements and tincan.xml carry (ADL's verbs and activity types, the cmi5 spec's
# section 9): names, never fetched.
XAPI_IDENTIFIERS = (
    "http://adlnet.gov/expapi/verbs/",
    "http://adlnet.gov/expapi/activities/",
    "https://w3id.org/xapi/",
)
SCHEMA_LOCATION = "{http://www.w3.org/2001/XMLSchema-instance}schemaLocation"
RESULT = {
    "scorm12": (SCORM12, {"cmi.core.lesson_status": "passed"}),
    "scorm2004-4th": (SCORM2004, {"cmi.completion_status": "completed", "cmi.success_status": "passed"}),
}


def origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme, parts.netloc


def outside_urls(name: str, data: bytes) -> list[str]:
    """The outside URLs one file of a package names, apart from the standards' own."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in (".xsd", ".dtd"):
        return []  # the official schemas: their URLs are namespaces and comments
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return []  # images, audio, video
    if suffix in (".xml", ".svg"):
        # Namespace declarations and xsi:schemaLocation name the standards; nothing else may.
        found = []
        for element in etree.fromstring(data).iter():
            values = [element.text or "", element.tail or ""]
            values += [str(value) for key, value in element.attrib.items() if key != SCHEMA_LOCATION]
            found += [url for value in values for url in OUTSIDE_URL.findall(value)]
        return [url for url in found if not url.startswith(XAPI_IDENTIFIERS)]
    if suffix in (".html", ".htm"):
        # Hyperlinks an author writes (<a href>) may lead outside; nothing the page loads may.
        document = html.document_fromstring(text)
        found = []
        for element in document.iter():
            values = [element.text or "", element.tail or ""] if isinstance(element.tag, str) else []
            link = element.tag == "a"
            values += [str(value) for key, value in element.attrib.items() if not (link and key == "href")]
            found += [url for value in values for url in OUTSIDE_URL.findall(value)]
        return found
    return [url for url in OUTSIDE_URL.findall(text) if not url.startswith(XAPI_IDENTIFIERS)]


def test_the_url_scan_finds_what_a_page_would_load() -> None:
    """outside_urls is strict where it must be (this guards the test below)."""
    page = b'<html><head><link rel="stylesheet" href="https://cdn.example.com/x.css"></head><body>'
    page += b'<script src="//cdn.example.com/x.js"></script>'
    page += b'<a href="https://example.org/">a link</a></body></html>'
    assert outside_urls("index.html", page) == ["https://cdn.example.com/x.css", "//cdn.example.com/x.js"]
    assert outside_urls("theme.css", b"@import url(https://fonts.example.com/font.css);") != []
    assert outside_urls("runtime/app.js", b'fetch("http://tracker.example.net/t");') != []
    manifest = b'<manifest xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"><file href="http://x.example/a"/></manifest>'
    assert outside_urls("imsmanifest.xml", manifest) == ["http://x.example/a"]
    activity = b'<activity xmlns="http://projecttincan.com/tincan.xsd" type="http://adlnet.gov/expapi/activities/lesson"/>'
    assert outside_urls("tincan.xml", activity) == []
    assert outside_urls("runtime/lms/cmi5.js", b'var VERBS = "http://adlnet.gov/expapi/verbs/";') == []
    assert outside_urls("cmi5.js", b'"http://adlnet.gov/expapi/activities/cmi.interaction"') == []
    assert outside_urls("cmi5.js", b'"http://adlnet.gov/expapi/other/x"') != []
    assert outside_urls("media/photo.jpg", bytes([0xFF, 0xD8, 0xFF, 0xE0, 0x81])) == []


def test_no_package_names_an_outside_url(package_dir: Path) -> None:
    packages = sorted(package_dir.glob("*.zip"))
    assert len(packages) >= 5, packages
    found = []
    for package in packages:
        with zipfile.ZipFile(package) as archive:
            for name in archive.namelist():
                found += [f"{package.name}:{name}: {url}" for url in outside_urls(name, archive.read(name))]
    assert not found, "outside URLs in the packages:\n" + "\n".join(found)


@pytest.mark.parametrize("target", sorted(RESULT))
def test_completes_with_every_outside_request_blocked(
    page: Page, play: Callable[[str], PlayerServer], sample_course: Course, target: str
) -> None:
    player = play(target)
    home = origin(player.url)
    blocked: list[str] = []
    failed: list[str] = []
    missing: list[str] = []
    refused: list[str] = []

    def only_home(route: Route) -> None:
        if origin(route.request.url) == home:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("blockedbyclient")

    page.route("**/*", only_home)
    page.on("requestfailed", lambda request: failed.append(f"{request.url}: {request.failure}"))
    page.on("response", lambda response: missing.append(response.url) if response.status >= 400 else None)
    # A URL the Content-Security-Policy refuses never becomes a request: the console says so.
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )

    learner = launch(page, player, sample_course)
    learner.read_all_lessons()
    learner.answer_all(correctly=True)
    assert "You passed" in learner.submit()
    assert (blocked, failed, missing, refused) == ([], [], [], [])

    standard, expected = RESULT[target]
    stored = close_session(page, player)
    cmi = stored["record"]["cmi"]
    assert {key: cmi[key] for key in expected} == expected
    assert_clean_log(stored["log"], standard)
    assert (blocked, refused) == ([], []), "nothing outside was asked for while the course finished"


def saved_progress(page: Page) -> dict[str, Any]:
    """What the standalone runtime keeps in localStorage for this course and target."""
    saved: dict[str, Any] = page.evaluate(
        """() => {
          const config = JSON.parse(document.getElementById("course-data").textContent);
          const key = "course-packager:" + config.course.id + ":" + config.target;
          return JSON.parse(localStorage.getItem(key));
        }"""
    )
    return saved


def answers_on_screen(page: Page) -> list[Any]:
    """Every control of the visible page with its value or checked state."""
    values: list[Any] = page.locator("main section:not([hidden]) :is(input, select)").evaluate_all(
        "controls => controls.map(c => [c.id, ['radio', 'checkbox'].includes(c.type) ? c.checked : c.value])"
    )
    return values


@pytest.mark.parametrize("target", sorted(RESULT))
def test_runs_standalone_and_keeps_progress_across_reloads(
    page: Page, play: Callable[[str], PlayerServer], sample_course: Course, target: str
) -> None:
    player = play(target)
    page.goto(player.url + "content/index.html")
    learner = Learner(page, sample_course)
    learner.expect_heading(sample_course.pages[0].title)
    assert page.evaluate("typeof window.API === 'undefined' && typeof window.API_1484_11 === 'undefined'")
    notice = page.locator("#notice")
    # Discreet: a polite status line in the page, not an alert or a dialog in the learner's way.
    expect(notice).to_contain_text("No learning management system")
    assert notice.get_attribute("role") == "status"
    assert page.get_by_role("alert").or_(page.get_by_role("dialog")).filter(visible=True).count() == 0

    quiz = sample_course.quiz
    assert quiz is not None
    learner.read_all_lessons()
    asked = learner.asked(quiz)
    for question in asked[:-1]:
        learner.answer(question, correctly=True)
    page.evaluate("document.activeElement.blur()")  # leaving a field is what saves its answer
    progress_text = page.locator("#progress-text").inner_text()
    before = answers_on_screen(page)
    assert saved_progress(page)["location"] == f"quiz:{quiz.id}"

    page.reload()
    learner.expect_heading(quiz.title)
    expect(notice).to_contain_text("No learning management system")
    assert learner.asked(quiz) == asked, "the same questions in the same order"
    assert answers_on_screen(page) == before, "the answers given before the reload"
    assert page.locator("#progress-text").inner_text() == progress_text
    for lesson in sample_course.lessons:
        mark = page.locator(f"[data-visited-mark='lesson:{lesson.id}']")
        expect(mark).to_have_text("(viewed)")

    learner.answer(asked[-1], correctly=True)
    assert "You passed" in learner.submit()
    report = saved_progress(page)["report"]
    assert (report["success"], report["completed"]) == ("passed", True)

    page.reload()
    learner.expect_heading(quiz.title)
    expect(page.locator("main section:not([hidden]) [data-result-summary]")).to_contain_text("You passed")
    assert saved_progress(page)["report"] == report
