"""The cmi5 AU in Chromium when the LRS refuses statements, when a reloaded AU's session has ended,
and with no LMS at all: nothing is lost, the learner is told, the statements keep the cmi5 rules."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from packager.course import Course
from tests.e2e.cmi5_statements import (
    NO_LMS,
    NOT_SAVED,
    WAIT_SECONDS,
    Launch,
    check_sessions,
    end_session,
    launch,
    launch_refusing,
    wait_for,
)
from tests.e2e.learner import Learner

pytestmark = pytest.mark.browser


def test_refused_statements_are_retried_in_order(
    page: Page, cmi5_launcher: Launch, sample_course: Course
) -> None:
    launcher, learner = launch_refusing(page, cmi5_launcher(), sample_course, refused=2)
    assert "You passed" in learner.complete(correctly=True)
    asked = len(learner.asked(learner.assessment))
    # launched, initialized, an answered statement per question, completed and passed.
    wait_for(lambda: len(launcher.statements()) == 4 + asked, "the retried statements")
    expect(learner.surface.locator("#notice")).to_be_hidden()

    statements = end_session(page, launcher)
    check_sessions(statements, launcher, ["launched", "initialized", "completed", "passed", "terminated"])
    refused = [r for r in launcher.record.requests if r["status"] == 503]
    assert len(refused) == 2


def test_an_lrs_that_keeps_failing_loses_nothing(
    page: Page, cmi5_launcher: Launch, sample_course: Course
) -> None:
    launcher, learner = launch_refusing(page, cmi5_launcher(), sample_course, refused=1000)
    expect(learner.surface.locator("#notice")).to_contain_text(NOT_SAVED, timeout=WAIT_SECONDS * 1000)
    second = sample_course.lessons[1]
    learner.open(second.title)
    # Resume data does not wait for statements: the state document still reaches the LMS.
    wait_for(
        lambda: (launcher.state("course-packager.suspend") or {}).get("location") == f"lesson:{second.id}",
        "the resume state",
    )
    launcher.fail_statement_posts = 0
    statements = end_session(page, launcher)
    check_sessions(statements, launcher, ["launched", "initialized", "terminated"])


def test_a_reloaded_au_does_not_reuse_its_ended_session(
    page: Page, cmi5_launcher: Launch, sample_course: Course
) -> None:
    launcher = cmi5_launcher()
    learner = launch(page, launcher, sample_course)
    wait_for(lambda: len(launcher.statements()) == 2, "initialized")
    page.evaluate("document.getElementById('content-frame').contentWindow.location.reload()")
    expect(learner.surface.locator("#notice")).to_contain_text(NOT_SAVED)
    assert learner.heading()

    statements = end_session(page, launcher)
    check_sessions(statements, launcher, ["launched", "initialized", "terminated"])
    assert len(launcher.record.fetches) == 1


def test_without_launch_parameters_the_au_runs_standalone(
    page: Page, cmi5_launcher: Launch, sample_course: Course
) -> None:
    launcher = cmi5_launcher()
    page.goto(launcher.url + "content/index.html")
    learner = Learner(page, sample_course)
    assert learner.heading() == sample_course.lessons[0].title
    expect(page.locator("#notice")).to_contain_text(NO_LMS)
    assert launcher.record.requests == [] and launcher.sessions == []
