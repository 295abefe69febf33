"""The sample course in a real LMS: Open edX's SCORM XBlock, in the XBlock workbench, in Chromium.

The packages are uploaded through the block's own upload handler, played by a learner, and what the
block stored is read back through its own handler: completion, success, score, the interactions (none
overwritten, although the block answers ``cmi.interactions._count`` with ""), and the place a learner
left (restored although the block never says entry=resume). See ``openedx_workbench.py``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import APIRequestContext, Browser, Page

from packager.course import Course
from packager.targets import TARGETS
from tests.e2e.learner import Learner
from tests.e2e.openedx_workbench import SCENARIOS, Workbench

pytestmark = pytest.mark.browser

# Each standard gets a block of its own (the scenario under each registered name).
SCENARIO = {"scorm12": SCENARIOS[0], "scorm2004-4th": SCENARIOS[1]}
ELEMENTS = {
    "scorm12": {
        "completion": "cmi.core.lesson_status",
        "score": "cmi.core.score.raw",
        "location": "cmi.core.lesson_location",
        "entry": "cmi.core.entry",
    },
    "scorm2004-4th": {
        "completion": "cmi.completion_status",
        "score": "cmi.score.raw",
        "location": "cmi.location",
        "entry": "cmi.entry",
    },
}
CONTENT = "iframe.scorm-embedded"


@pytest.fixture(scope="session")
def workbench(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> Iterator[Workbench]:
    with Workbench(tmp_path_factory.mktemp("openedx-workbench")) as started:
        reporter = request.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(f"Open edX workbench ready in {started.setup_seconds:.1f} s")
        yield started


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """The learner's browser (the workbench page's own scripts may log errors: not ours to judge)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    context.close()


@pytest.fixture
def api(page: Page) -> APIRequestContext:
    """Requests with the learner's cookies (the workbench checks Django's CSRF token)."""
    return page.context.request


def wait_for(read: Callable[[], str], wanted: Callable[[str], bool], what: str, timeout: float = 40) -> str:
    """Poll the block (its save queue drains after the page's calls return) until ``wanted``."""
    deadline = time.monotonic() + timeout
    value = read()
    while not wanted(value):
        assert time.monotonic() < deadline, f"the block never stored {what}: last {value!r}"
        time.sleep(0.25)
        value = read()
    return value


class Lms:
    """One learner of one block: opens the unit, reads what the block stored for them."""

    def __init__(self, workbench: Workbench, api: APIRequestContext, page: Page, target: str, student: str):
        self.workbench, self.api, self.page = workbench, api, page
        self.scenario = SCENARIO[target]
        self.elements = ELEMENTS[target]
        self.student = student

    def open_unit(self, course: Course) -> Learner:
        self.page.goto(self.workbench.scenario_url(self.scenario, self.student))
        return Learner(self.page.frame_locator(CONTENT), course)

    def leave(self) -> None:
        self.page.goto("about:blank")

    def stored(self, name: str) -> str:
        return self.workbench.stored(self.api, self.scenario, self.student, name)

    def interaction_ids(self) -> list[str]:
        """The ids the block keeps at cmi.interactions.0.id, 1, ... up to the first missing one."""
        ids: list[str] = []
        while len(ids) < 100:
            found = self.stored(f"cmi.interactions.{len(ids)}.id")
            if not found:
                return ids
            ids.append(found)
        return ids

    def wait_for_interactions(self, count: int) -> list[str]:
        found = wait_for(
            lambda: ",".join(self.interaction_ids()), lambda v: v.count(",") + 1 >= count, "interactions"
        )
        return found.split(",")

    def wait_for_result(self) -> str:
        return wait_for(
            lambda: self.stored("cmi.success_status"), lambda v: v in ("passed", "failed"), "a result"
        )


@pytest.fixture
def lms_for(
    workbench: Workbench, api: APIRequestContext, page: Page, package_dir: Path, sample_course: Course
) -> Callable[[str, str], Lms]:
    """A learner's view of the block for a target, its package uploaded by an author first."""
    uploaded: set[str] = set()

    def open_for(target: str, student: str) -> Lms:
        if target not in uploaded:
            package = package_dir / TARGETS[target].archive_name(sample_course)
            workbench.upload(api, SCENARIO[target], package)
            uploaded.add(target)
        return Lms(workbench, api, page, target, student)

    return open_for


@pytest.mark.parametrize("target", list(SCENARIO))
def test_a_pass_then_a_fail_are_stored(
    lms_for: Callable[[str, str], Lms], sample_course: Course, target: str
) -> None:
    final = sample_course.quiz
    assert final is not None
    for student, correctly in (("passing-" + target, True), ("failing-" + target, False)):
        lms = lms_for(target, student)
        learner = lms.open_unit(sample_course)
        learner.read_all_lessons()
        learner.answer_all(correctly=correctly)
        summary = learner.submit()
        assert ("You passed" in summary) == correctly, summary
        assert lms.wait_for_result() == ("passed" if correctly else "failed")
        score = float(lms.stored(lms.elements["score"]))
        if correctly:
            assert score == 100.0
            assert lms.stored(lms.elements["completion"]) == "completed"
        else:
            assert score < sample_course.mastery_score
        ids = lms.wait_for_interactions(final.asked)
        assert len(ids) == final.asked, "one interaction per asked question, none overwritten"
        assert len(set(ids)) == final.asked
        lms.leave()


@pytest.mark.parametrize("target", list(SCENARIO))
def test_a_learner_who_leaves_comes_back_to_the_same_place(
    lms_for: Callable[[str, str], Lms], page: Page, sample_course: Course, target: str
) -> None:
    lms = lms_for(target, "returning-" + target)
    learner = lms.open_unit(sample_course)
    lesson = sample_course.lessons[1]
    learner.open(lesson.title)
    frame = page.frame_locator(CONTENT).locator("[data-view]:not([hidden])").first
    here = frame.get_attribute("data-view") or ""
    # The learner reads the page a while: the course saves the place, the block's queue sends it.
    wait_for(lambda: lms.stored(lms.elements["location"]), lambda v: v == here, "the place")
    lms.leave()

    learner = lms.open_unit(sample_course)
    learner.expect_heading(lesson.title)
    assert lms.stored(lms.elements["entry"]) == "", (
        "the block never says entry=resume: the course resumed anyway"
    )

    learner.read_all_lessons()
    assert "You passed" in learner.submit_after(lambda: learner.answer_all(correctly=True))
    assert lms.wait_for_result() == "passed"
    quiz = sample_course.quiz
    assert quiz is not None
    assert len(lms.wait_for_interactions(quiz.asked)) == quiz.asked
    lms.leave()
