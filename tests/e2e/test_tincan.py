"""The sample course's Tin Can package, launched by the test Tin Can LMS against a real LRS (ralph).

Each test plays a launch in Chromium, then reads the statements back from the LRS and checks
verbs, objects, results and durations; resume goes through the State API document.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from packager.course import Course
from packager.player.tincan import TincanLauncher
from packager.targets.tincan import course_activity_id
from tests.e2e.cmi5_statements import INTERACTION, ISO_DURATION, WAIT_SECONDS, launch, verb, wait_for
from tests.e2e.learner import Learner
from tests.e2e.test_preview_cmi5 import previewing

pytestmark = pytest.mark.browser

SUSPEND_STATE = "course-packager.suspend"
ENDINGS = ("terminated", "suspended")
COURSE_TYPE = "http://adlnet.gov/expapi/activities/course"
LESSON_TYPE = "http://adlnet.gov/expapi/activities/lesson"

Launchers = Callable[..., Any]


def end_session(page: Page, launcher: TincanLauncher) -> list[dict[str, Any]]:
    """Leave the course (it ends its session as it unloads); the statements once every launch ended."""
    page.goto("about:blank")

    def all_ended() -> list[dict[str, Any]] | None:
        statements = launcher.statements()
        ended = [s for s in statements if verb(s) in ENDINGS]
        return statements if len(ended) == len(launcher.sessions) else None

    found: list[dict[str, Any]] = wait_for(all_ended, "an ending statement for every launch")
    return found


def lesson_ids(course: Course) -> list[str]:
    return [lesson.id for lesson in course.lessons]


def check_rules(statements: list[dict[str, Any]], launcher: TincanLauncher, course: Course) -> None:
    """What every launch's statements must satisfy, whatever the learner did."""
    course_id = launcher.activity_id
    assert course_id == course_activity_id(course)
    for statement in statements:
        name, activity, result = verb(statement), statement["object"], statement.get("result", {})
        assert statement["actor"] == launcher.actor
        assert statement["context"]["registration"] == launcher.registration
        if name == "experienced":
            assert activity["id"].startswith(course_id + "/lesson/")
            assert activity["definition"]["type"] == LESSON_TYPE
            assert statement["context"]["contextActivities"]["parent"] == [
                {"id": course_id, "objectType": "Activity"}
            ]
        elif name == "answered":
            assert activity["id"].startswith(course_id + "/interactions/")
            assert activity["definition"]["type"] == INTERACTION
            assert activity["definition"]["correctResponsesPattern"]
            assert isinstance(result["success"], bool) and isinstance(result["response"], str)
            assert ISO_DURATION.match(result["duration"])
        else:
            assert activity["id"] == course_id
            assert activity["definition"]["type"] == COURSE_TYPE
            assert activity["definition"]["name"]["en"] == course.title
        if name in ("completed", "passed", "failed", *ENDINGS):
            assert ISO_DURATION.match(result["duration"]), result
        if name == "completed":
            assert result["completion"] is True
        if name in ("passed", "failed"):
            assert result["success"] is (name == "passed")
            score = result["score"]
            assert 0 <= score["scaled"] <= 1 and (score["min"], score["max"]) == (0, 100)
            assert score["raw"] == round(score["scaled"] * 100)
    stamps = [s["timestamp"] for s in statements]
    assert len(set(stamps)) == len(stamps), "two statements with one timestamp: their order is unknown"
    assert launcher.record.violations == []
    assert launcher.record.lrs_errors == []


def experienced(statements: list[dict[str, Any]]) -> list[str]:
    return [s["object"]["id"].rsplit("/", 1)[1] for s in statements if verb(s) == "experienced"]


def take_the_course(
    page: Page, launcher: TincanLauncher, course: Course, correctly: bool
) -> tuple[list[dict[str, Any]], list[str]]:
    """Launch, read every lesson, answer the assessment and leave: the statements, checked against
    the rules, and the ids of the questions asked."""
    learner = launch(page, launcher, course)
    learner.read_all_lessons()
    assert course.quiz is not None
    asked = [f"{course.quiz.id}.{question.id}" for question in learner.asked(course.quiz)]
    learner.answer_all(correctly=correctly)
    assert ("You passed" if correctly else "You did not pass") in learner.submit()
    statements = end_session(page, launcher)
    check_rules(statements, launcher, course)
    return statements, asked


def test_correct_answers_report_lessons_answers_completion_and_pass(
    page: Page, xapi_launchers: Launchers, sample_course: Course
) -> None:
    launcher = xapi_launchers(TincanLauncher, "tincan")
    statements, asked = take_the_course(page, launcher, sample_course, correctly=True)
    assert [verb(s) for s in statements] == [
        "attempted",
        *["experienced"] * len(sample_course.lessons),
        *["answered"] * len(asked),
        "completed",
        "passed",
        "terminated",
    ]
    assert experienced(statements) == lesson_ids(sample_course)
    answered = {s["object"]["id"].rsplit("/", 1)[1]: s for s in statements if verb(s) == "answered"}
    assert sorted(answered) == sorted(asked)
    assert sample_course.quiz is not None
    for question in sample_course.quiz.questions:
        statement = answered.get(f"{sample_course.quiz.id}.{question.id}")
        if statement is not None:
            assert statement["result"]["success"] is True
            assert statement["object"]["definition"]["interactionType"] == question.interaction()["type"]
    passed = next(s for s in statements if verb(s) == "passed")
    assert passed["result"]["score"]["scaled"] == 1
    saved = launcher.state(SUSPEND_STATE)
    assert saved["reported"] == {"completed": True, "passed": True, "failed": ""}
    assert saved["experienced"] == lesson_ids(sample_course)


def test_wrong_answers_fail_and_the_unfinished_course_is_suspended(
    page: Page, xapi_launchers: Launchers, sample_course: Course
) -> None:
    """Also: the LMS gives the actor in Tin Can's older form (arrays, accountServiceHomePage), and
    the course reports as the xAPI agent it stands for."""
    launcher = xapi_launchers(TincanLauncher, "tincan")
    account = launcher.actor["account"]
    launcher.launch_actor = {
        "name": [launcher.actor["name"]],
        "account": [{"accountServiceHomePage": account["homePage"], "accountName": account["name"]}],
    }
    statements, _ = take_the_course(page, launcher, sample_course, correctly=False)
    verbs = [verb(s) for s in statements if verb(s) not in ("experienced", "answered")]
    # With attempts left a fail is provisional: it is reported as the session ends.
    assert verbs == ["attempted", "completed", "failed", "suspended"]
    failed = next(s for s in statements if verb(s) == "failed")
    assert failed["result"]["score"]["scaled"] < 0.8
    assert launcher.state(SUSPEND_STATE)["reported"]["failed"]


def test_a_relaunch_resumes_from_the_state_document(
    page: Page, xapi_launchers: Launchers, sample_course: Course
) -> None:
    launcher = xapi_launchers(TincanLauncher, "tincan")
    learner = launch(page, launcher, sample_course)
    third = sample_course.lessons[2]
    learner.open(third.title)
    wait_for(
        lambda: (launcher.state(SUSPEND_STATE) or {}).get("location") == f"lesson:{third.id}",
        "the resume state to reach the LMS",
    )

    page.reload()  # the launcher launches again, in the same registration
    learner.expect_heading(third.title)
    learner.read_all_lessons()
    learner.answer_all(correctly=True)
    assert "You passed" in learner.submit()

    statements = end_session(page, launcher)
    check_rules(statements, launcher, sample_course)
    assert len(launcher.sessions) == 2
    verbs = [verb(s) for s in statements if verb(s) not in ("experienced", "answered")]
    assert verbs == ["attempted", "suspended", "resumed", "completed", "passed", "terminated"]
    # Each lesson is experienced once per registration, whichever launch saw it first.
    assert sorted(experienced(statements)) == sorted(lesson_ids(sample_course))
    first_end = next(s for s in statements if verb(s) == "suspended")
    resumed = next(s for s in statements if verb(s) == "resumed")
    assert first_end["timestamp"] < resumed["timestamp"]

    # A new registration is a new attempt: the state document is keyed by registration.
    launcher.new_registration()
    page.goto(launcher.url)
    Learner(page.frame_locator("#content-frame"), sample_course).expect_heading(
        sample_course.lessons[0].title
    )
    fresh = wait_for(lambda: len(launcher.statements()) >= 2 and launcher.statements(), "two new statements")
    assert [verb(s) for s in fresh][:2] == ["attempted", "experienced"]


def test_preview_plays_a_tincan_package_and_logs_its_statements(
    page: Page, package_dir: Path, sample_course: Course
) -> None:
    with previewing(page, package_dir, sample_course, "tincan", TincanLauncher) as (_, learner):
        expect(page.locator("#launcher-title")).to_have_text("Test LMS: Tin Can launcher")
        learner.read_all_lessons()
        learner.answer_all(correctly=True)
        assert "You passed" in learner.submit()
        page.get_by_role("button", name="Relaunch (resume)").click()
        logged = page.locator("#statement-log tbody td.verb")
        expect(logged.last).to_have_text("resumed", timeout=WAIT_SECONDS * 1000)
        for name in ("attempted", "experienced", "answered", "completed", "passed", "terminated"):
            expect(logged.filter(has_text=name).first).to_be_visible()
        expect(page.locator("#violations")).to_have_text("Nothing so far.")
