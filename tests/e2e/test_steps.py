"""The progress counter counts what the learner has done: nothing when a course opens, a page once the
learner moves on from it (the last page once reached), and the same after a reload and in the LMS."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from packager.course import Course
from packager.player import PlayerServer
from tests.e2e.learner import Learner
from tests.e2e.lms import close_session, launch

pytestmark = pytest.mark.browser


def steps_text(learner: Learner, done: int, total: int) -> str:
    assert learner.course.language == "en" and total > 1
    return f"{done} of {total} steps done"


def test_a_fresh_course_shows_nothing_done_and_counts_a_page_once_left(
    page: Page, web_learner: Learner, sample_course: Course
) -> None:
    total = len(sample_course.pages)
    counter = page.locator("#progress-text")
    expect(counter).to_have_text(steps_text(web_learner, 0, total))
    assert page.locator("#progress-bar").evaluate("bar => bar.value") == 0
    first = sample_course.pages[0]
    expect(page.locator(f"[data-visited-mark='lesson:{first.id}']")).to_have_text("")

    web_learner.next()
    expect(counter).to_have_text(steps_text(web_learner, 1, total))
    expect(page.locator(f"[data-visited-mark='lesson:{first.id}']")).to_have_text("(viewed)")

    # A reload resumes on the second page: the first still counts, the second not yet.
    page.reload()
    web_learner.expect_heading(sample_course.pages[1].title)
    expect(counter).to_have_text(steps_text(web_learner, 1, total))


def test_the_lms_hears_no_progress_before_the_learner_moves_on(
    page: Page, play: Callable[[str], PlayerServer], sample_course: Course
) -> None:
    player = play("scorm2004-4th")
    learner = launch(page, player, sample_course)
    learner.heading()
    live = page.evaluate("player.live()")
    assert float(live["cmi.progress_measure"]) == 0
    learner.next()
    # Moving on from a page is progress: sent at once, not after the calm delay for page moves.
    assert float(page.evaluate("player.live()")["cmi.progress_measure"]) > 0
    # Every lesson read and the assessment passed: complete, as before.
    learner.read_all_lessons()
    learner.answer_all(correctly=True)
    learner.submit()
    cmi = close_session(page, player)["record"]["cmi"]
    assert (cmi["cmi.completion_status"], cmi["cmi.success_status"]) == ("completed", "passed")
    assert float(cmi["cmi.progress_measure"]) == 1
