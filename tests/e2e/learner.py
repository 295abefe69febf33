"""A learner acting on a course page, driven through Playwright."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Frame, FrameLocator, Page

from packager.course import Course
from packager.course.questions import ChoiceQuestion, QuestionBase, TrueFalse

Surface = Page | Frame | FrameLocator


class Learner:
    """Reads and clicks the course the way a person would: visible headings, labelled controls."""

    def __init__(self, surface: Surface, course: Course) -> None:
        self.surface = surface
        self.course = course

    def heading(self) -> str:
        """The title of the view on screen."""
        heading = self.surface.locator("main section:not([hidden]) h1")
        heading.wait_for()
        return heading.inner_text()

    def next(self) -> None:
        self.surface.get_by_role("button", name="Next", exact=True).click()

    def read_all_lessons(self) -> None:
        """From wherever the learner is, page forward to the quiz, reading every lesson."""
        for lesson in self.course.lessons:
            self.surface.get_by_role("button", name=lesson.title).click()
            assert self.heading() == lesson.title
        self.next()
        assert self.quiz is not None
        assert self.heading() == self.quiz.title

    @property
    def quiz(self) -> Any:
        return self.course.quiz

    def answer(self, question: QuestionBase, correctly: bool) -> None:
        """Tick the right (or a wrong) answer to one question, by its visible label."""
        for label in self._labels(question, correctly):
            self.surface.locator(f"label[for='{label}']").click()

    def _labels(self, question: QuestionBase, correctly: bool) -> list[str]:
        prefix = f"q-{question.id}-"
        if isinstance(question, TrueFalse):
            value = question.answer if correctly else not question.answer
            return [prefix + ("true" if value else "false")]
        assert isinstance(question, ChoiceQuestion)
        if correctly:
            return [prefix + option_id for option_id in question.correct_ids]
        wrong = next(option.id for option in question.options if not option.correct)
        return [prefix + str(wrong)]

    def answer_all(self, correctly: bool) -> None:
        for question in self.quiz.questions:
            self.answer(question, correctly)

    def submit(self) -> None:
        self.surface.get_by_role("button", name="Submit answers").click()
        assert self.heading() == "Your result"
