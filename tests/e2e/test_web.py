"""The plain web build: no LMS on the page; progress and resume live in localStorage."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from packager.course import Course
from packager.player import PlayerServer
from tests.e2e.learner import Learner

pytestmark = pytest.mark.browser


def test_complete_without_an_lms(
    page: Page, play: Callable[[str], PlayerServer], sample_course: Course
) -> None:
    player = play("web")
    assert player.launch["standard"] == "none"
    page.goto(player.url + "content/index.html")
    learner = Learner(page, sample_course)
    assert learner.heading() == sample_course.lessons[0].title
    assert page.evaluate("typeof window.API === 'undefined' && typeof window.API_1484_11 === 'undefined'")
    assert page.locator("#notice").is_hidden()

    learner.next()
    page.reload()
    assert learner.heading() == sample_course.lessons[1].title

    learner.read_all_lessons()
    learner.answer_all(correctly=True)
    assert "You passed" in learner.submit()
    saved = page.evaluate(
        "() => JSON.parse(localStorage.getItem('course-packager:' + "
        "JSON.parse(document.getElementById('course-data').textContent).course.id + ':web'))"
    )
    assert saved["report"]["success"] == "passed"
    assert saved["report"]["completed"] is True

    page.reload()
    assert learner.heading() == sample_course.quiz.title
    assert "You passed" in page.locator("[data-result-summary]:visible").inner_text()


def test_wrong_answers_fail_without_an_lms(web_learner: Learner) -> None:
    learner = web_learner
    learner.read_all_lessons()
    learner.answer_all(correctly=False)
    assert "did not pass" in learner.submit()
