"""The sample course's cmi5 package, launched by the test LMS against a real LRS (ralph).

Each test plays a launch in Chromium, then reads the statements back from the LRS and checks
them against the cmi5 rules (``cmi5_statements.py``): order, verbs, result fields, durations,
session ids and categories. An LRS that fails, and no LMS at all: test_cmi5_lrs_failures.py.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from packager.course import Course
from tests.e2e.cmi5_statements import (
    MASTERY,
    Launch,
    check_cmi5_rules,
    check_sessions,
    end_session,
    judgement,
    launch,
    verb,
    wait_for,
)

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(("correctly", "judged"), [(True, "passed"), (False, "failed")])
def test_answers_complete_and_pass_or_fail(
    page: Page, cmi5_launcher: Launch, sample_course: Course, correctly: bool, judged: str
) -> None:
    launcher = cmi5_launcher()
    summary = launch(page, launcher, sample_course).complete(correctly=correctly)
    assert ("You passed" if correctly else "You did not pass") in summary

    statements = end_session(page, launcher)
    # With attempts left a fail is provisional: it is reported as the session ends.
    check_sessions(statements, launcher, ["launched", "initialized", "completed", judged, "terminated"])
    result = judgement(statements)
    assert (result["result"]["score"]["scaled"] >= 0.8) is correctly
    assert result["context"]["extensions"][MASTERY] == 0.8
    assert launcher.record.lrs_errors == []
    if correctly:
        saved = launcher.state("course-packager.suspend")
        assert saved["reported"] == {"completed": True, "passed": True, "failed": ""}


def test_each_answer_is_an_answered_statement(
    page: Page, cmi5_launcher: Launch, sample_course: Course
) -> None:
    """As the SCORM targets report interactions, a cmi5 AU tells the LRS what the learner answered,
    in xAPI's response patterns (those of SCORM 2004)."""
    launcher = cmi5_launcher()
    learner = launch(page, launcher, sample_course)
    quiz = learner.read_all_lessons()
    asked = learner.asked(quiz)
    learner.answer_all(correctly=True)
    learner.submit()
    statements = end_session(page, launcher)
    check_cmi5_rules(statements, launcher)
    answered = {s["object"]["id"].rsplit("/", 1)[1]: s for s in statements if verb(s) == "answered"}
    assert sorted(answered) == sorted(f"{quiz.id}.{question.id}" for question in asked)
    for question in asked:
        statement = answered[f"{quiz.id}.{question.id}"]
        assert statement["result"]["success"] is True
        assert statement["object"]["definition"]["interactionType"] == question.interaction()["type"]
        assert statement["object"]["definition"]["description"]["en"] == question.prompt[:250]
    passed = judgement(statements)
    assert max(s["timestamp"] for s in answered.values()) < passed["timestamp"], "answers come first"


def test_reload_resumes_from_the_state_document(
    page: Page, cmi5_launcher: Launch, sample_course: Course
) -> None:
    launcher = cmi5_launcher()
    learner = launch(page, launcher, sample_course)
    third = sample_course.lessons[2]
    learner.open(third.title)
    wait_for(
        lambda: (launcher.state("course-packager.suspend") or {}).get("location") == f"lesson:{third.id}",
        "the resume state to reach the LMS",
    )

    page.reload()
    learner.expect_heading(third.title)
    assert len(launcher.sessions) == 2
    assert "You passed" in learner.complete(correctly=True)

    statements = end_session(page, launcher)
    check_sessions(
        statements,
        launcher,
        ["launched", "initialized", "terminated"],
        ["launched", "initialized", "completed", "passed", "terminated"],
    )
    first_end = next(s for s in statements if verb(s) == "terminated")
    second_launch = [s for s in statements if verb(s) == "launched"][1]
    assert first_end["timestamp"] < second_launch["timestamp"]


@pytest.mark.parametrize("mode", ["Browse", "Review"])
def test_browse_and_review_send_only_initialized_and_terminated(
    page: Page, cmi5_launcher: Launch, sample_course: Course, mode: str
) -> None:
    launcher = cmi5_launcher()
    learner = launch(page, launcher, sample_course, mode=mode)
    learner.complete(correctly=True)

    statements = end_session(page, launcher)
    check_sessions(statements, launcher, ["launched", "initialized", "terminated"])
    assert launcher.state("course-packager.suspend") is None
    assert not [r for r in launcher.record.requests if r["method"] != "GET" and r["path"].endswith("/state")]


def test_the_lms_mastery_score_overrides_the_course_one(
    page: Page, cmi5_launcher: Launch, sample_course: Course
) -> None:
    launcher = cmi5_launcher(mastery_score=1.0)
    learner = launch(page, launcher, sample_course)
    quiz = learner.read_all_lessons()
    learner.answer_all(correctly=True)
    learner.answer(learner.asked(quiz)[0], correctly=False)
    summary = learner.submit()
    assert "You did not pass" in summary and "needed 100%" in summary

    statements = end_session(page, launcher)
    check_cmi5_rules(statements, launcher)
    failed = judgement(statements)
    assert verb(failed) == "failed"
    assert failed["result"]["score"]["scaled"] == 0.9
    assert failed["context"]["extensions"][MASTERY] == 1.0
