"""A learner acting on a course page, driven through Playwright."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Frame, FrameLocator, Locator, Page, expect

from packager.blocks.registry import block_types
from packager.course import Course, Quiz
from packager.questions.base import QuestionBase
from packager.questions.registry import question_types
from packager.templating import messages
from packager.testing.actions import perform

Surface = Page | Frame | FrameLocator

# The heading of the page on screen, once the runtime has started (it clears aria-busy then).
SHOWN_HEADING = "main:not([aria-busy]) section:not([hidden]) h1"


class Learner:
    """Reads and clicks the course the way a person would: visible headings, labelled controls."""

    def __init__(self, surface: Surface, course: Course) -> None:
        self.surface = surface
        self.course = course
        self.text = messages(course).text
        """The course's interface strings (the learner reads the course's language)."""

    def heading(self) -> str:
        """The title of the page on screen."""
        heading = self.surface.locator(SHOWN_HEADING)
        heading.wait_for()
        return heading.inner_text()

    def expect_heading(self, title: str) -> None:
        """Wait until the page titled ``title`` is on screen."""
        expect(self.surface.locator(SHOWN_HEADING)).to_have_text(title)

    def finish_blocks(self) -> None:
        """Do what the page on screen asks before it counts as viewed (a process's steps, a scenario
        to an ending), as each block's plug-in says."""
        self.heading()
        for block in self.surface.locator("main section:not([hidden]) [data-block]").all():
            kind = block_types().get(block.get_attribute("data-block-type") or "")
            if kind is not None and kind.must_finish:
                perform(kind.finish(block))

    def next(self) -> None:
        """Do what the page asks, press Next and wait for another page to show."""
        self.finish_blocks()
        before = self.heading()
        self.surface.get_by_role("button", name=self.text("layout.next"), exact=True).click()
        expect(self.surface.locator(SHOWN_HEADING)).not_to_have_text(before)

    def outline(self) -> Locator:
        """The course outline, shown (under 768 px it is behind its menu button)."""
        self.heading()  # the runtime has started: the outline's buttons work
        menu = self.surface.get_by_role("button", name=self.text("layout.menu"))
        if menu.is_visible() and menu.get_attribute("aria-expanded") == "false":
            menu.click()
        return self.surface.get_by_role("navigation", name=self.text("layout.outline"))

    def open(self, title: str) -> None:
        """Jump to a page through the course outline."""
        self.outline().get_by_role("button", name=title).click()
        self.expect_heading(title)

    def read_all_lessons(self) -> Quiz:
        """Open every lesson through the outline and do what it asks, then go to the assessment;
        returns it."""
        for lesson in self.course.lessons:
            self.open(lesson.title)
            self.finish_blocks()
        self.open(self.assessment.title)
        return self.assessment

    @property
    def quiz(self) -> Quiz | None:
        return self.course.quiz

    @property
    def assessment(self) -> Quiz:
        """The course's graded quiz (the course under test has one)."""
        assert self.course.quiz is not None, "the course has no graded quiz"
        return self.course.quiz

    def section(self, quiz: Quiz) -> Locator:
        return self.surface.locator(f"[data-quiz='{quiz.id}']")

    def asked(self, quiz: Quiz) -> list[QuestionBase]:
        """The questions of this attempt, in the order shown."""
        shown = self.section(quiz).locator("[data-question][data-asked]")
        ids = shown.evaluate_all("items => items.map(item => item.getAttribute('data-question'))")
        by_id = {question.id: question for question in quiz.questions}
        return [by_id[question_id] for question_id in ids]

    def item(self, quiz: Quiz, question: QuestionBase) -> Locator:
        """The question on the page."""
        return self.section(quiz).locator(f"[data-question='{question.id}']")

    def answer(self, question: QuestionBase, correctly: bool, quiz: Quiz | None = None) -> None:
        """Answer one question right (or wrong) through its controls, as its type says
        (the same answers the pytest plugin's learner gives)."""
        quiz = quiz or self.quiz
        assert quiz is not None
        self.show(quiz, question)
        answer = question_types()[question.type].answer
        perform(answer(self.item(quiz, question), question.answer_key(), correctly))

    def show(self, quiz: Quiz, question: QuestionBase) -> None:
        """One question per screen: go to the question's screen with Previous or Next question."""
        section = self.section(quiz)
        ids = [asked.id for asked in self.asked(quiz)]
        shown = section.locator("[data-question][data-asked]:not([hidden])")
        for _ in ids:
            if shown.count() != 1:  # every question on one page
                return
            at = ids.index(shown.get_attribute("data-question") or "")
            if ids[at] == question.id:
                return
            section.locator(f"[data-step='{1 if ids.index(question.id) > at else -1}']").click()

    def answer_all(self, correctly: bool, quiz: Quiz | None = None) -> None:
        """Answer every asked question (one question per screen: each on its screen)."""
        quiz = quiz or self.quiz
        assert quiz is not None
        for question in self.asked(quiz):
            self.answer(question, correctly, quiz)

    def complete(self, correctly: bool) -> str:
        """Read every lesson, answer every question right (or wrong) and submit; returns the result
        summary."""
        self.read_all_lessons()
        self.answer_all(correctly=correctly)
        return self.submit()

    def submit_after(self, answering: Callable[[], None], quiz: Quiz | None = None) -> str:
        """Answer (with ``answering``), then submit; returns the result summary."""
        answering()
        return self.submit(quiz)

    def submit(self, quiz: Quiz | None = None) -> str:
        """Submit the quiz; returns the result summary the learner reads."""
        quiz = quiz or self.quiz
        assert quiz is not None
        section = self.section(quiz)
        forward = section.locator("[data-step='1']")  # one question per screen: submit on the last
        while forward.is_visible():
            forward.click()
        section.get_by_role("button", name=self.text("quiz.submit")).click()
        summary = section.locator("[data-result-summary]")
        summary.wait_for()
        return summary.inner_text()
