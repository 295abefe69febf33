"""axe-core finds no WCAG 2.1 A or AA violation on any page or quiz state of a course.

axe-core is the pinned npm package (package.json). It runs inside the course's own frame, on the
package's real Content-Security-Policy: see ``axe_page``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Frame, Page, Route

from packager.course import Course, Quiz, load_course
from packager.player import PlayerServer
from packager.questions.registry import question_types
from tests.conftest import build_package
from tests.e2e.conftest import REPO, SCORM_AGAIN
from tests.e2e.learner import Learner
from tests.e2e.lms import launch
from tests.e2e.quiz_variants import ONE_PER_SCREEN, answer_partly, variant

pytestmark = pytest.mark.browser

AXE_SCRIPT = REPO / "node_modules" / "axe-core" / "axe.min.js"
# The address axe-core is served at, beside the course's index.html (see axe_page).
AXE_FILE = "__axe-core.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

RUN_AXE = """tags => axe.run(document, {runOnly: {type: "tag", values: tags}}).then(results =>
  results.violations.map(violation => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map(node => ({target: node.target.join(" "), summary: node.failureSummary})),
  })))"""


@pytest.fixture
def axe_page(browser: Browser) -> Iterator[Page]:
    """A page on which the course frame can load axe-core.

    The package's CSP allows scripts from its own origin only (script-src 'self'). The usual switch
    for test tooling is ``bypass_csp=True`` on the context; instead, a route answers a made-up file
    beside index.html with axe-core, so axe is a same-origin script and the scan runs under the
    package's real policy. Only these accessibility tests add that file.
    """
    context = browser.new_context()
    opened = context.new_page()
    body = AXE_SCRIPT.read_bytes()

    def serve_axe(route: Route) -> None:
        route.fulfill(body=body, content_type="text/javascript")

    opened.route(lambda url: url.endswith("/" + AXE_FILE), serve_axe)
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


def content_frame(page: Page) -> Frame:
    """The course's frame in the player, or the page itself when the course is opened directly."""
    holder = page.query_selector("#content-frame")
    frame = holder.content_frame() if holder else page.main_frame
    assert frame is not None
    return frame


class Scanner:
    """Runs axe-core on the course's current state and keeps every violation, by state."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.found: dict[str, list[dict[str, Any]]] = {}
        self.states: list[str] = []

    def violations(self) -> list[dict[str, Any]]:
        frame = content_frame(self.page)
        if not frame.evaluate("typeof window.axe !== 'undefined'"):
            frame.add_script_tag(url=AXE_FILE)
        found: list[dict[str, Any]] = frame.evaluate(RUN_AXE, WCAG_TAGS)
        return found

    def scan(self, state: str) -> None:
        self.states.append(state)
        violations = self.violations()
        if violations:
            self.found[state] = violations

    def report(self) -> str:
        lines = []
        for state, violations in self.found.items():
            lines.append(f"{state}:")
            for violation in violations:
                lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
                for node in violation["nodes"]:
                    lines.append(f"    {node['target']}: {node['summary']}".replace("\n", " "))
        return "\n".join(lines)


def scan_every_page(scanner: Scanner, learner: Learner, course: Course) -> None:
    for page in course.pages:
        learner.open(page.title)
        scanner.scan(f"{page.title!r} on arrival")
        learner.finish_blocks()  # a locked final quiz opens once every lesson counts as viewed


def test_sample_course_has_no_violations_in_any_state(
    axe_page: Page, play: Callable[[str], PlayerServer], sample_course: Course
) -> None:
    page = axe_page
    player = play("scorm12")
    learner = launch(page, player, sample_course)
    learner.heading()
    scanner = Scanner(page)
    scan_every_page(scanner, learner, sample_course)

    checks = [quiz for quiz in sample_course.quizzes if not quiz.graded]
    assert checks, "the sample course has a knowledge check"
    for check in checks:
        learner.open(check.title)
        learner.answer_all(correctly=False, quiz=check)
        learner.submit(check)
        scanner.scan(f"knowledge check {check.title!r} submitted")

    final = sample_course.quiz
    assert isinstance(final, Quiz) and final.attempts > 1
    learner.open(final.title)
    section = learner.section(final)
    asked = learner.asked(final)
    learner.answer(asked[0], correctly=True)
    section.get_by_role("button", name="Next question").click()  # one question per screen
    learner.answer(asked[1], correctly=False)
    scanner.scan("final quiz partly answered")
    while section.get_by_role("button", name="Next question").is_visible():
        section.get_by_role("button", name="Next question").click()
    section.get_by_role("button", name="Submit answers").click()
    section.locator("[data-quiz-error]").wait_for()
    scanner.scan("final quiz with 'please answer every question' shown")
    learner.answer_all(correctly=False)
    assert "did not pass" in learner.submit()
    section.get_by_role("button", name="Try again").wait_for()
    scanner.scan("final quiz failed, with feedback and 'Try again'")
    section.get_by_role("button", name="Try again").click()
    learner.expect_heading(final.title)
    scanner.scan("final quiz, second attempt, unanswered")
    learner.answer_all(correctly=True)
    assert "You passed" in learner.submit()
    scanner.scan("final quiz passed, with feedback")

    assert not scanner.found, "axe-core found WCAG 2.1 A/AA violations:\n" + scanner.report()
    assert len(scanner.states) == len(sample_course.pages) + len(checks) + 5


def test_every_question_type_has_no_violations(
    axe_page: Page, tmp_path: Path, every_type_course: Path
) -> None:
    """The sample's final quiz draws 10 of 12 questions, so a scan of it can miss a type: this course has
    every type, all shown, with feedback."""
    course = load_course(every_type_course)
    package = build_package(every_type_course, tmp_path, "web")
    with PlayerServer(package, scorm_again=SCORM_AGAIN) as player:
        axe_page.goto(player.url + "content/index.html")
        learner = Learner(axe_page, course)
        learner.heading()
        scanner = Scanner(axe_page)
        scan_every_page(scanner, learner, course)
        assert course.quiz is not None
        learner.open(course.quiz.title)
        shown = {question.type for question in learner.asked(course.quiz)}
        assert shown == set(question_types()), shown
        learner.answer_all(correctly=False)
        learner.submit()
        scanner.scan("assessment failed, with feedback")
    assert not scanner.found, "axe-core found WCAG 2.1 A/AA violations:\n" + scanner.report()


def test_the_scan_reports_violations(
    axe_page: Page, play: Callable[[str], PlayerServer], sample_course: Course
) -> None:
    """The injected axe-core really runs the WCAG rules in the course frame: an unlabelled field fails."""
    player = play("web")
    axe_page.goto(player.url + "content/index.html")
    Learner(axe_page, sample_course).heading()
    axe_page.evaluate(
        "() => document.querySelector('main section:not([hidden])')"
        ".appendChild(document.createElement('input'))"
    )
    scanner = Scanner(axe_page)
    assert "label" in {violation["id"] for violation in scanner.violations()}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_quiz_screens_and_results_have_no_violations(axe_page: Page, tmp_path: Path, scheme: str) -> None:
    """One question per screen, the lock, a checked answer, and the results page with every verdict
    (correct, partly correct, incorrect) and the right answers: in light and dark."""
    course = variant(tmp_path, ONE_PER_SCREEN, "show_answers: after-each\n")
    package = build_package(course.source_dir, tmp_path, "web")
    axe_page.emulate_media(color_scheme=scheme)
    with PlayerServer(package, scorm_again=SCORM_AGAIN) as player:
        axe_page.goto(player.url + "content/index.html")
        learner = Learner(axe_page, course)
        learner.heading()
        scanner = Scanner(axe_page)
        quiz = course.quiz
        assert quiz is not None
        learner.open(quiz.title)
        learner.section(quiz).locator("[data-quiz-lock]").wait_for()
        scanner.scan("assessment locked")
        check = next(page for page in course.quizzes if not page.graded)
        learner.open(check.title)
        item = learner.item(check, check.questions[0])
        item.get_by_role("button", name="Check answer").click()
        scanner.scan("knowledge check: 'answer first'")
        item.get_by_label("False").check()
        item.get_by_role("button", name="Check answer").click()
        scanner.scan("knowledge check: checked, not correct, right answer shown")
        learner.read_all_lessons()
        scanner.scan("assessment, question 1 of 7")
        answer_partly(learner, course)
        scanner.scan("assessment, last question")
        learner.submit()
        scanner.scan("results page: every verdict, right answers, retry")
    assert not scanner.found, "axe-core found WCAG 2.1 A/AA violations:\n" + scanner.report()
