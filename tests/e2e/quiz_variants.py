"""The every-type course with quiz presentation settings added, and what a learner reads on its
questions: shared by the quiz presentation and accessibility browser tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Locator, expect

from packager.course import Course, load_course
from packager.questions.registry import question_types
from packager.testing.actions import Check, Choose, Fill, perform
from tests.e2e.learner import Learner

EVERY_TYPE = Path(__file__).parent / "courses" / "every-type"
ONE_PER_SCREEN = "presentation: one-per-screen\nshow_answers: at-end\nlocked_until_lessons_viewed: true\n"
ON_ONE_PAGE = "presentation: all-on-one-page\nshow_answers: never\n"


def variant(root: Path, assessment: str, warm_up: str = "") -> Course:
    """The every-type course, its assessment (and warm-up) with these settings added, and a second
    lesson after the warm-up (the first is viewed on arrival)."""
    folder = root / "course"
    shutil.copytree(EVERY_TYPE, folder)
    (folder / "lessons" / "02-more.md").write_text(
        "---\ntitle: More\n---\nA second lesson.\n", encoding="utf-8"
    )
    listing = folder / "course.yaml"
    text = listing.read_text(encoding="utf-8")
    listing.write_text(
        text.replace("  - quizzes/warm-up.yaml\n", "  - quizzes/warm-up.yaml\n  - lessons/02-more.md\n")
    )
    for name, settings in (("assessment", assessment), ("warm-up", warm_up)):
        quiz = folder / "quizzes" / f"{name}.yaml"
        quiz.write_text(settings + quiz.read_text(encoding="utf-8"), encoding="utf-8")
    return load_course(folder)


def screen(section: Locator) -> Locator:
    """The question on screen."""
    return section.locator("[data-question][data-asked]:not([hidden])")


def verdict(item: Locator) -> str:
    """The verdict a learner reads on a question (its text, beside its icon)."""
    shown = item.locator("[data-verdict-text]:visible")
    expect(shown).to_have_count(1)
    expect(shown.locator("svg")).to_have_count(1)
    return shown.inner_text().strip()


def answer_partly(learner: Learner, course: Course) -> None:
    """Q1 wrong, Q2 one of two right options, Q3 right, Q5 one pair right, the rest right."""
    quiz = course.quiz
    assert quiz is not None
    item = {question.id: learner.item(quiz, question) for question in quiz.questions}
    order = next(question for question in quiz.questions if question.id == "order")
    steps = {
        "pick-one": [Check(item["pick-one"].get_by_label("First"))],
        "pick-many": [Check(item["pick-many"].get_by_label("Two"))],
        "statement": [Check(item["statement"].get_by_label("False"))],
        "capital": [Fill(item["capital"].locator("input"), "Paris")],
        "pairs": [
            Choose(item["pairs"].get_by_label("Cat"), "1"),
            Choose(item["pairs"].get_by_label("Dog"), "3"),
            Choose(item["pairs"].get_by_label("Cow"), "2"),
        ],
        "order": question_types()["sequencing"].answer(item["order"], order.answer_key(), True),
        "pi": [Fill(item["pi"].locator("input"), "3.14")],
    }
    section = learner.section(quiz)
    forward = section.get_by_role("button", name="Next question")
    for question in learner.asked(quiz):
        perform(steps[question.id])
        if forward.is_visible():
            forward.click()
