"""A learner working through a course made by this packager, inside the player's content frame.

The learner needs no course source: it reads the answer key from the package itself (the course page
embeds its configuration as JSON in ``<script id="course-data">``, each question with its ``key``)
and acts through the page as a person would, with clicks, typing and choices.

How to answer each question type is the type's own (:attr:`packager.questions.base.QuestionType.answer`),
and so is how to finish a lesson block that must be finished (:attr:`packager.blocks.base.BlockType.finish`):
the learner asks the installed plug-ins, as the packager does.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any, Protocol

from packager.blocks.registry import block_types
from packager.questions.registry import question_types
from packager.testing.actions import perform

if TYPE_CHECKING:
    from playwright.sync_api import Frame, Locator, Page


class Session(Protocol):
    """What the learner needs of the session it plays in (:class:`packager.testing.session.PlayerSession`)."""

    @property
    def page(self) -> Page: ...

    def end(self) -> object: ...


# A page of the course on screen, once its runtime has started (the runtime clears aria-busy then).
CURRENT_VIEW = "main:not([aria-busy]) [data-view]:not([hidden])"
ANSWERABLE = ".question :is(input, select, button):enabled"
"""A question still open for answers has one of these (a list to sort has only buttons)."""
VIEW_ID = (
    f"() => {{ const view = document.querySelector('{CURRENT_VIEW}'); return view && view.dataset.view; }}"
)
SUBMITTED = f"""() => {{
  const view = document.querySelector('{CURRENT_VIEW}');
  const visible = (element) => element && element.getClientRects().length > 0;
  const alert = view && [...view.querySelectorAll('[role=alert]')].find(visible);
  if (alert) {{ return 'refused: ' + alert.textContent.trim(); }}
  const button = view && view.querySelector('form [type=submit]');
  return !visible(button) || button.disabled ? 'submitted' : false;
}}"""


class LearnerError(AssertionError):
    """The learner cannot do what the test asked (not a course of this packager, unknown question type...)."""


class Learner:
    """Works through the course on screen: pages forward, answers quizzes, submits."""

    def __init__(self, session: Session) -> None:
        self.session = session

    @property
    def frame(self) -> Frame:
        """The content frame (the course page) as it is now."""
        handle = self.session.page.locator("#content-frame").element_handle()
        frame = handle.content_frame() if handle else None
        if frame is None:
            raise LearnerError("the player shows no content")
        return frame

    def course_data(self) -> dict[str, Any]:
        """The course's configuration, read from the page: pages, quizzes and each question's key."""
        frame = self.frame
        data = frame.locator("script#course-data")
        if data.count() == 0:
            raise LearnerError(
                'this package has no <script id="course-data">: the learner only knows courses '
                "made by scorm-course-packager"
            )
        loaded: dict[str, Any] = json.loads(data.text_content() or "{}")
        return loaded

    def keys(self) -> dict[tuple[str, str], dict[str, Any]]:
        """Every question's configuration by (quiz id, question id); the quiz id is "" in older packages."""
        data = self.course_data()
        quizzes = [page for page in data.get("pages", []) if page.get("kind") == "quiz"]
        if data.get("quiz"):
            quizzes.append({"id": "", **data["quiz"]})
        return {
            (str(quiz.get("id", "")), str(question["id"])): question
            for quiz in quizzes
            for question in quiz.get("questions", [])
        }

    def heading(self) -> str:
        """The title of the view on screen, once the course has started."""
        heading = self.frame.locator(f"{CURRENT_VIEW} h1").first
        heading.wait_for()
        return heading.inner_text()

    def view(self) -> str:
        """The id of the view on screen (``lesson:<id>``, ``quiz:<id>``...)."""
        self.heading()
        return str(self.frame.evaluate(VIEW_ID))

    def page_count(self) -> int:
        """How many pages (lessons and quizzes) the course outline lists."""
        self.heading()
        return self.frame.locator("[data-go]").count()

    def go_to_start(self) -> None:
        """Open the course's first page from the outline (opening its menu first in a narrow frame)."""
        self.heading()
        menu = self.frame.locator("button[aria-controls='outline']")
        if menu.is_visible() and menu.get_attribute("aria-expanded") == "false":
            menu.press("Enter")  # by keyboard: a preview's error overlay may cover it
        self._move(self.frame.locator("[data-go]").first)

    def next(self) -> bool:
        """Press Next; False when there is no next page."""
        self.heading()
        button = self.frame.locator("#next-button")  # named in the course's language
        if not button.is_visible() or button.is_disabled():
            return False
        self._move(button)
        return True

    def _move(self, control: Locator) -> None:
        before = self.frame.evaluate(VIEW_ID)
        target = control.get_attribute("data-go")
        control.click()
        if target != before:
            self.frame.wait_for_function(f"view => ({VIEW_ID})() !== view", arg=before)
        self.heading()

    def answer_quiz(self, correct: bool = True) -> bool:
        """Answer every question of the quiz on screen; False when there is none to answer.

        A quiz that shows one question per screen is answered screen by screen, pressing its
        next-question button until the last one (where its submit button is)."""
        view = self.frame.locator(CURRENT_VIEW)
        answered = self._answer_shown(correct)
        if view.get_attribute("data-presentation") == "one-per-screen":
            forward = view.locator("[data-step='1']")
            for _ in range(view.locator("[data-question]").count()):
                if not forward.is_visible():
                    break
                forward.click()
                answered = self._answer_shown(correct) or answered
        return answered

    def _answer_shown(self, correct: bool) -> bool:
        keys = self.keys()
        quiz = self.frame.locator(CURRENT_VIEW).get_attribute("data-quiz") or ""
        questions = self.frame.locator(f"{CURRENT_VIEW} [data-question]").all()
        answered = False
        for question in questions:
            if not question.is_visible() or question.locator(ANSWERABLE).count() == 0:
                continue
            question_id = question.get_attribute("data-question") or ""
            config = keys.get((quiz, question_id)) or next(
                (value for (_, identifier), value in keys.items() if identifier == question_id), None
            )
            if config is None:
                raise LearnerError(f"question {question_id!r} is not in the course data")
            kind = question.get_attribute("data-type") or str(config.get("type"))
            question_type = question_types().get(kind)
            if question_type is None:
                raise LearnerError(
                    f"the learner cannot answer {kind!r} questions: no such question type is installed"
                )
            perform(question_type.answer(question, config["key"], correct))
            answered = True
        return answered

    def finish_blocks(self) -> None:
        """Finish every lesson block on screen that must be finished (all steps of a process...)."""
        for block in self.frame.locator(f"{CURRENT_VIEW} [data-block]").all():
            kind = block_types().get(block.get_attribute("data-block-type") or "")
            if kind is not None and kind.must_finish:
                perform(kind.finish(block))

    def submit(self) -> None:
        """Submit the quiz on screen and wait until the course has taken it."""
        self.frame.locator(f"{CURRENT_VIEW} form [type=submit]").first.click()
        outcome = self.frame.wait_for_function(SUBMITTED).json_value()
        if outcome != "submitted":
            raise LearnerError(f"the course did not take the answers: {outcome}")

    def complete(self, correct: bool = True) -> None:
        """Go through the whole course from its first page, answering every quiz (all right or all wrong)."""
        self.go_to_start()
        for _ in range(2 * self.page_count() + 1):
            self.finish_blocks()
            if self.answer_quiz(correct):
                self.submit()
            if not self.next():
                return
        raise LearnerError("the course never reached its last page")

    def stop_midway(self) -> str:
        """Page through the first half of the course, then leave: the session ends (suspended).

        Returns the heading of the page where the learner stopped, to compare after ``relaunch()``.
        """
        self.go_to_start()
        for _ in range(max(0, math.ceil(self.page_count() / 2) - 1)):
            self.next()
        where = self.heading()
        self.session.end()
        return where
