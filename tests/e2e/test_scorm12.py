"""The sample course's SCORM 1.2 package, played in scorm-again inside real Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from packager.course import Course
from packager.player import PlayerServer
from packager.targets import TARGETS
from packager.testing.session import PlayerSession
from tests.e2e.learner import Learner
from tests.e2e.lms import SCORM12, assert_clean_log, close_session, launch

pytestmark = pytest.mark.browser

SESSION_TIME = re.compile(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$")


def test_correct_answers_pass(page: Page, scorm12_player: PlayerServer, sample_course: Course) -> None:
    learner = launch(page, scorm12_player, sample_course)
    assert learner.heading() == sample_course.lessons[0].title
    learner.read_all_lessons()
    learner.answer_all(correctly=True)
    learner.submit()
    live = page.evaluate("player.live()")
    assert live["cmi.core.lesson_status"] == "passed"

    stored = close_session(page, scorm12_player)
    cmi = stored["record"]["cmi"]
    assert stored["record"]["lastEvent"] == "LMSFinish"
    assert cmi["cmi.core.lesson_status"] == "passed"
    assert float(cmi["cmi.core.score.raw"]) >= 80
    assert cmi["cmi.core.score.min"] == "0"
    assert cmi["cmi.core.score.max"] == "100"
    assert SESSION_TIME.match(cmi["cmi.core.session_time"]), cmi["cmi.core.session_time"]
    assert cmi["cmi.core.exit"] == ""
    assert_clean_log(stored["log"], SCORM12)


def test_wrong_answers_fail(scorm_player: PlayerSession, package_dir: Path, sample_course: Course) -> None:
    """Through the project's pytest plugin, as QA teams use it: the learner knows only the package."""
    session = scorm_player.launch(package_dir / TARGETS["scorm12"].archive_name(sample_course))
    session.learner.complete(correct=False)
    assert "did not pass" in session.content.locator("[data-result-summary]:visible").inner_text()

    record = session.end()
    assert record is not None
    cmi = record["cmi"]
    assert cmi["cmi.core.lesson_status"] == "failed"
    assert float(cmi["cmi.core.score.raw"]) < 80
    assert SESSION_TIME.match(cmi["cmi.core.session_time"])
    assert record["complete"] is False
    assert session.problems() == []
    assert session.page_errors == []


def test_status_is_incomplete_until_the_quiz_decides(
    page: Page, scorm12_player: PlayerServer, sample_course: Course
) -> None:
    learner = launch(page, scorm12_player, sample_course)
    learner.read_all_lessons()
    cmi = page.evaluate("player.live()")
    assert cmi["cmi.core.lesson_status"] == "incomplete"
    assert cmi["cmi.core.score.raw"] == ""
    stored = close_session(page, scorm12_player)
    assert stored["record"]["cmi"]["cmi.core.exit"] == "suspend"
    assert_clean_log(stored["log"], SCORM12)


def test_reload_resumes_where_the_learner_was(
    page: Page, scorm12_player: PlayerServer, sample_course: Course
) -> None:
    learner = launch(page, scorm12_player, sample_course)
    second = sample_course.lessons[1]
    learner.next()
    assert learner.heading() == second.title

    page.reload()
    assert learner.heading() == second.title
    record = page.evaluate("player.record()")
    assert record["cmi"]["cmi.core.exit"] == "suspend"
    assert record["cmi"]["cmi.core.lesson_location"] == f"lesson:{second.id}"

    # Mid-quiz: answers given so far come back after a reload.
    learner.read_all_lessons()
    quiz = sample_course.quiz
    assert quiz is not None
    asked = learner.asked(quiz)
    choices = [q for q in asked if q.type in ("single-choice", "true-false", "multiple-response")]
    learner.answer(choices[0], correctly=True)
    learner.answer(choices[1], correctly=False)
    checked = page.frame_locator("#content-frame").locator(f"[data-quiz='{quiz.id}'] input:checked")
    expected = checked.evaluate_all("inputs => inputs.map(i => i.id)")
    assert len(expected) >= 2
    page.reload()
    assert learner.heading() == quiz.title
    assert learner.asked(quiz) == asked, "a resumed attempt shows the same questions in the same order"
    assert sorted(checked.evaluate_all("inputs => inputs.map(i => i.id)")) == sorted(expected)

    entries = page.evaluate("player.log()")
    resumed = [e for e in entries if e["call"] == "LMSGetValue" and e["args"] == ["cmi.core.entry"]]
    assert [e["result"] for e in resumed] == ["", "resume", "resume"]
    # The resumed attempt can still be finished and passed.
    learner.answer_all(correctly=True)
    learner.submit()
    stored = close_session(page, scorm12_player)
    assert stored["record"]["cmi"]["cmi.core.lesson_status"] == "passed"
    assert_clean_log(stored["log"], SCORM12)


def test_runs_without_an_lms(page: Page, scorm12_player: PlayerServer, sample_course: Course) -> None:
    page.goto(scorm12_player.url + "content/index.html")
    learner = Learner(page, sample_course)
    assert learner.heading() == sample_course.lessons[0].title
    assert "No learning management system" in page.locator("#notice").inner_text()
    learner.next()
    page.reload()
    assert learner.heading() == sample_course.lessons[1].title
