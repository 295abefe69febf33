"""How a quiz shows, in real Chromium: one question per screen (keyboard only, resume in the middle),
verdicts with icon and text (correct, partly correct, incorrect), the learner's own answer, the right
answers (show_answers: after-each, at-end, never), the results page with review and retry, and the
lock until every lesson is viewed (also across resume).

The course is tests/e2e/courses/every-type (one question of every type), its quizzes given the
presentation settings under test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from packager.course import Course
from tests.e2e.conftest import Open, build_packages, openers, players
from tests.e2e.lms import SCORM2004, close_session, open_web
from tests.e2e.quiz_variants import ON_ONE_PAGE, ONE_PER_SCREEN, answer_partly, screen, variant, verdict
from tests.e2e.test_quiz import interaction_sets

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def paged(tmp_path_factory: pytest.TempPathFactory) -> Course:
    return variant(tmp_path_factory.mktemp("paged"), ONE_PER_SCREEN, "show_answers: after-each\n")


@pytest.fixture(scope="module")
def paged_packages(tmp_path_factory: pytest.TempPathFactory, paged: Course) -> Path:
    return build_packages(paged, tmp_path_factory.mktemp("paged-packages"), ("scorm2004-4th", "web"))


@pytest.fixture
def open_paged(page: Page, paged_packages: Path, paged: Course) -> Iterator[Open]:
    with openers(page, paged_packages, paged) as open_package:
        yield open_package


def test_one_per_screen_by_keyboard_only(page: Page, open_paged: Open) -> None:
    _, learner = open_paged("web")
    quiz = learner.assessment
    learner.read_all_lessons()
    section = learner.section(quiz)
    position = section.locator("[data-position]")
    expect(position).to_have_text("Question 1 of 7")
    expect(section.locator("[data-question][data-asked]:visible")).to_have_count(1)
    expect(section.get_by_role("button", name="Previous question")).to_be_hidden()
    expect(section.get_by_role("button", name="Submit answers")).to_be_hidden()
    # Q1: Tab to the options, an arrow key picks "Second", Tab to "Next question", Enter.
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    expect(section.get_by_label("Second")).to_be_checked()
    page.keyboard.press("Tab")
    expect(section.get_by_role("button", name="Next question")).to_be_focused()
    page.keyboard.press("Enter")
    expect(position).to_have_text("Question 2 of 7")
    second = learner.item(quiz, quiz.questions[1])
    expect(second.locator(".question")).to_be_focused()  # focus moves to the new question
    # Q2: Tab to "Two", Space ticks it; Tab past the other boxes to "Previous question".
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(second.get_by_label("Two")).to_be_checked()
    for _ in range(3):
        page.keyboard.press("Tab")
    expect(section.get_by_role("button", name="Previous question")).to_be_focused()
    page.keyboard.press("Enter")
    expect(position).to_have_text("Question 1 of 7")
    expect(learner.item(quiz, quiz.questions[0]).locator(".question")).to_be_focused()
    expect(section.get_by_label("Second")).to_be_checked()  # the answer stays
    # To the last screen by keyboard: there Submit replaces "Next question".
    for number in range(2, 8):
        section.get_by_role("button", name="Next question").focus()
        page.keyboard.press("Enter")
        expect(position).to_have_text(f"Question {number} of 7")
    expect(section.get_by_role("button", name="Next question")).to_be_hidden()
    section.get_by_role("button", name="Submit answers").focus()
    page.keyboard.press("Enter")
    # Unanswered questions: the quiz says so and shows the first of them (Q3), its field focused.
    expect(section.locator("[data-quiz-error]")).to_be_visible()
    expect(position).to_have_text("Question 3 of 7")
    expect(learner.item(quiz, quiz.questions[2]).locator("input").first).to_be_focused()


def test_results_page_shows_verdicts_own_answers_right_answers_and_retry(
    page: Page, open_paged: Open, paged: Course
) -> None:
    player, learner = open_paged("scorm2004-4th")
    quiz = learner.assessment
    learner.read_all_lessons()
    section = learner.section(quiz)
    answer_partly(learner, paged)
    summary = learner.submit()
    assert "did not pass: you scored" in summary  # 4 of 7 right: 57.14% < 70%
    expect(section.locator("[data-result-heading]")).to_be_focused()
    expect(section.get_by_role("heading", name="Review your answers")).to_be_visible()
    # The results page reviews every question, each with its verdict in words beside an icon.
    expect(section.locator("[data-question][data-asked]:visible")).to_have_count(7)
    expect(section.locator("[data-position]")).to_be_hidden()
    items = {question.id: learner.item(quiz, question) for question in quiz.questions}
    expected = {
        "pick-one": "Not correct.",
        "pick-many": "Partly correct.",
        "statement": "Correct.",
        "capital": "Correct.",
        "pairs": "Partly correct.",
        "order": "Correct.",
        "pi": "Correct.",
    }
    assert {key: verdict(item) for key, item in items.items()} == expected
    # The learner's own choice stays marked; the right one is marked and listed (show_answers: at-end).
    first = items["pick-one"].locator(".option", has_text="First")
    expect(first.locator(".tag-mine")).to_have_text("Your answer")
    expect(items["pick-one"].locator(".option", has_text="Second").locator(".tag-key")).to_have_text(
        "Correct answer"
    )
    expect(items["pick-one"].get_by_text("Not the first one.")).to_be_visible()
    right = items["pick-many"].locator("[data-right-answer]")
    expect(right).to_be_visible()
    expect(right.locator("li")).to_have_text(["Two", "Four"])
    expect(items["pairs"].locator("[data-right-answer] li")).to_have_text(
        ["Cat → Meow", "Dog → Woof", "Cow → Moo"]
    )
    expect(items["statement"].locator("[data-right-answer]")).to_be_hidden()  # right: nothing to add
    expect(items["capital"].get_by_text("Yes, Paris.")).to_be_visible()
    # Retry: attempt 2 starts on question 1, blank; its answers are new interaction records.
    section.get_by_role("button", name="Try again").click()
    expect(section.get_by_text("Attempt 2 of 2.")).to_be_visible()
    expect(section.locator("[data-position]")).to_have_text("Question 1 of 7")
    expect(section.locator("[data-verdict-text]:visible")).to_have_count(0)
    assert section.locator("input:checked").count() == 0
    assert "You passed with 100%" in learner.submit_after(lambda: learner.answer_all(correctly=True))
    stored = close_session(page, player)
    written = interaction_sets(stored["log"], SCORM2004)
    assert len(written) == 2 * len(quiz.questions)
    results = [entry["result"] for _, entry in sorted(written.items())]
    assert results[:7].count("correct") == 4 and results[7:] == ["correct"] * 7


def test_after_each_check_shows_the_right_answer_at_once_and_resumes(
    page: Page, open_paged: Open, paged: Course
) -> None:
    _, learner = open_paged("web")
    check = next(quiz for quiz in paged.quizzes if not quiz.graded)
    learner.open(check.title)
    item = learner.item(check, check.questions[0])
    item.get_by_role("button", name="Check answer").click()
    expect(item.get_by_role("alert")).to_have_text("Answer this question first, then check it.")
    item.get_by_label("False").check()
    item.get_by_role("button", name="Check answer").click()
    assert verdict(item) == "Not correct."
    expect(item.locator("[data-feedback]")).to_be_focused()
    expect(item.locator("[data-right-answer] li")).to_have_text(["True"])
    expect(item.get_by_label("False")).to_be_disabled()
    expect(item.locator(".tag-mine")).to_have_text("Your answer")
    expect(item.get_by_role("button", name="Check answer")).to_be_hidden()
    page.reload()
    learner.expect_heading(check.title)
    assert verdict(item) == "Not correct.", "a checked answer stays checked across resume"
    expect(item.get_by_label("False")).to_be_checked()
    expect(item.get_by_label("False")).to_be_disabled()


def test_lock_until_lessons_viewed_and_across_resume(page: Page, open_paged: Open) -> None:
    _, learner = open_paged("scorm2004-4th")
    quiz = learner.assessment
    learner.open(quiz.title)  # straight from the outline, before the lesson
    section = learner.section(quiz)
    lock = section.locator("[data-quiz-lock]")
    expect(lock).to_contain_text("This assessment opens once you have viewed every lesson.")
    expect(lock).to_contain_text("1 lesson is left to view:")
    expect(lock.get_by_role("button", name="More")).to_be_visible()
    expect(lock.get_by_role("button", name="Introduction")).to_be_hidden()  # viewed on arrival
    expect(section.locator("form")).to_be_hidden()
    expect(learner.outline().get_by_role("button", name=quiz.title)).to_contain_text("(locked)")
    page.reload()
    learner.expect_heading(quiz.title)
    expect(lock).to_be_visible()  # still locked after resume
    lock.get_by_role("button", name="More").click()
    learner.expect_heading("More")
    learner.open(quiz.title)
    expect(lock).to_be_hidden()
    expect(section.locator("[data-position]")).to_have_text("Question 1 of 7")
    expect(learner.outline().get_by_role("button", name=quiz.title)).not_to_contain_text("(locked)")
    page.reload()
    learner.expect_heading(quiz.title)
    expect(lock).to_be_hidden()  # the lesson stays viewed across resume
    expect(section.locator("[data-position]")).to_be_visible()


def test_a_locked_last_assessment_offers_no_finish_but_the_lessons_left(page: Page, open_paged: Open) -> None:
    """Issue 14: the last page locked leads the learner to the lessons left, not to Finish and the
    completion screen; once it opens, Finish is back."""
    _, learner = open_paged("scorm2004-4th")
    quiz = learner.assessment
    finish = learner.surface.get_by_role("button", name=learner.text("done.finish"), exact=True)
    following = learner.surface.get_by_role("button", name=learner.text("layout.next"), exact=True)
    for _ in range(2):  # as it opens, and again after a resume
        learner.open(quiz.title)
        expect(learner.section(quiz).locator("[data-quiz-lock]")).to_be_visible()
        expect(finish).to_be_hidden()
        expect(following).to_be_disabled()
        expect(learner.surface.locator("#completion")).to_be_hidden()
        page.reload()
    learner.read_all_lessons()
    expect(learner.section(quiz).locator("[data-quiz-lock]")).to_be_hidden()
    finish.click()
    expect(learner.surface.locator("#completion")).to_be_visible()


@pytest.mark.parametrize("target", ["scorm2004-4th", "web"])
def test_resume_in_the_middle_of_one_per_screen_returns_to_the_same_question(
    page: Page, open_paged: Open, target: str
) -> None:
    _, learner = open_paged(target)
    quiz = learner.read_all_lessons()
    section = learner.section(quiz)
    forward = section.get_by_role("button", name="Next question")
    for question in quiz.questions[:4]:
        learner.answer(question, correctly=True)
        forward.click()
    expect(section.locator("[data-position]")).to_have_text("Question 5 of 7")
    page.reload()
    learner.expect_heading(quiz.title)
    expect(section.locator("[data-position]")).to_have_text("Question 5 of 7")
    expect(screen(section)).to_have_attribute("data-question", quiz.questions[4].id)
    back = section.get_by_role("button", name="Previous question")
    back.click()
    expect(learner.item(quiz, quiz.questions[3]).locator("input")).to_have_value("paris")  # the key's form
    back.click()
    expect(learner.item(quiz, quiz.questions[2]).get_by_label("False")).to_be_checked()
    back.click()
    expect(learner.item(quiz, quiz.questions[1]).locator("input:checked")).to_have_count(2)


def test_show_answers_never_keeps_the_right_answer_out_of_the_page(page: Page, tmp_path: Path) -> None:
    course = variant(tmp_path, ON_ONE_PAGE)
    build_packages(course, tmp_path / "out", ("web",))
    with players(tmp_path / "out", course) as start:
        learner = open_web(page, start("web"), course)
        quiz = learner.assessment
        learner.read_all_lessons()
        section = learner.section(quiz)
        expect(section.locator("[data-question][data-asked]:visible")).to_have_count(7)  # all on one page
        expect(section.locator("[data-position]")).to_have_count(0)
        assert "did not pass" in learner.submit_after(lambda: learner.answer_all(correctly=False))
        item = learner.item(quiz, quiz.questions[0])
        assert verdict(item) == "Not correct."
        expect(section.locator("[data-right-answer]")).to_have_count(0)
        expect(section.locator(".tag-key")).to_have_count(0)
        expect(item.locator(".tag-mine")).to_have_text("Your answer")
