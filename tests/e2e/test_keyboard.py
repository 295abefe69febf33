"""A learner who uses only the keyboard completes a course and passes, in the test LMS.

The learner presses Tab, Shift+Tab, Enter, Space and the arrow keys and types into fields; the test only
reads the page to know where the focus is. Every element that takes the focus on the way must show it
(an outline or a box shadow), and moving to another page puts the focus on that page's heading.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Frame, FrameLocator, Page, expect

from packager.blocks.registry import block_types
from packager.course import Course, Lesson, Quiz, load_course
from packager.player import PlayerServer
from packager.questions.base import QuestionBase
from packager.questions.registry import question_types
from packager.testing.actions import Action, Check, Fill, Keys, Press
from tests.conftest import build_package
from tests.e2e.conftest import SCORM_AGAIN
from tests.e2e.learner import Learner
from tests.e2e.lms import SCORM12, assert_clean_log, close_session

pytestmark = pytest.mark.browser

# More key presses than any walk between two controls of these courses needs (the player's own
# controls included); reaching the limit means the control cannot be reached.
MAX_PRESSES = 200

FOCUS_STATE = """selector => {
  const element = document.activeElement;
  if (!document.hasFocus() || !element || element === document.body) { return null; }
  const style = getComputedStyle(element);
  const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0
    && style.outlineColor !== "rgba(0, 0, 0, 0)";
  const shadowed = style.boxShadow !== "none";
  const text = (element.getAttribute("aria-label") || element.textContent || "").trim().slice(0, 40);
  return {
    matches: element.matches(selector),
    shown: outlined || shadowed,
    name: element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
      + (text ? " '" + text + "'" : ""),
  };
}"""


def location_of(page: Lesson | Quiz) -> str:
    return ("quiz:" if isinstance(page, Quiz) else "lesson:") + page.id


class KeyboardLearner:
    """Moves through the course frame with the keyboard and notes any focus it cannot see."""

    def __init__(self, page: Page, course: Course) -> None:
        self.page = page
        self.keys = page.keyboard
        self.course = course
        self.content: FrameLocator = page.frame_locator("#content-frame")
        holder = page.query_selector("#content-frame")
        frame = holder.content_frame() if holder else None
        assert frame is not None
        self.frame: Frame = frame
        self.reader = Learner(self.content, course)
        self.unseen_focus: set[str] = set()

    def focus(self, selector: str = "*") -> dict[str, Any] | None:
        """Where the focus is in the course frame (None when it is elsewhere), and whether it shows."""
        state: dict[str, Any] | None = self.frame.evaluate(FOCUS_STATE, selector)
        if state and not state["shown"]:
            self.unseen_focus.add(state["name"])
        return state

    def press_until(self, key: str, selector: str, limit: int = MAX_PRESSES) -> None:
        """Press ``key`` until the focused element matches ``selector``."""
        for _ in range(limit):
            state = self.focus(selector)
            if state and state["matches"]:
                return
            self.keys.press(key)
        raise AssertionError(f"{selector} cannot be reached with {key}")

    def tab_to(self, selector: str, backwards: bool = False) -> None:
        self.press_until("Shift+Tab" if backwards else "Tab", selector)

    def expect_page(self, page: Lesson | Quiz) -> None:
        """The page is on screen and its heading has the focus."""
        heading = self.content.locator("main:not([aria-busy]) section:not([hidden]) h1")
        expect(heading).to_have_text(page.title)
        expect(heading).to_be_focused()
        self.focus()

    def press_button(self, selector: str, backwards: bool = False) -> None:
        self.tab_to(selector, backwards)
        self.keys.press("Enter")

    def reach(self, selector: str) -> None:
        """Tab to the control, or Shift+Tab when it comes before the focus."""
        before = self.frame.evaluate(
            """selector => { const target = document.querySelector(selector), focus = document.activeElement;
                 return Boolean(target && focus && focus !== document.body
                   && target.compareDocumentPosition(focus) & Node.DOCUMENT_POSITION_FOLLOWING); }""",
            selector,
        )
        self.tab_to(selector, backwards=before)

    def choose(self, value: str) -> None:
        """Select an option of the focused <select> with the arrow keys."""
        current, wanted = self.frame.evaluate(
            """value => { const select = document.activeElement;
                 return [select.selectedIndex, [...select.options].findIndex(o => o.value === value)]; }""",
            value,
        )
        assert wanted >= 0, f"no option {value!r}"
        for _ in range(abs(wanted - current)):
            self.keys.press("ArrowDown" if wanted > current else "ArrowUp")
        assert self.frame.evaluate("document.activeElement.value") == value

    def answer(self, quiz: Quiz, question: QuestionBase) -> None:
        """Answer one question correctly with the keyboard: its type's actions, in order, with keys."""
        item = self.reader.item(quiz, question)
        for action in question_types()[question.type].answer(item, question.answer_key(), True):
            self.act(action, str(action.control.get_attribute("id")))

    def act(self, action: Action, control_id: str) -> None:
        """One action, by keyboard alone."""
        control = f"#{control_id}"
        if isinstance(action, Check) and action.control.get_attribute("type") == "radio":
            # Tab enters the radio group once; the arrow keys move to (and check) the answer.
            self.reach(f"input[name='{action.control.get_attribute('name')}']")
            self.press_until("ArrowDown", control, limit=30)
            self.keys.press("Space")
        elif isinstance(action, Check):
            self.reach(control)
            if action.control.is_checked() != action.checked:
                self.keys.press("Space")
        elif isinstance(action, Fill):
            self.reach(control)
            self.keys.type(action.text)
        elif isinstance(action, Press):
            self.reach(control)
            self.keys.press("Enter")
        elif isinstance(action, Keys):
            self.reach(control)
            for key in action.keys:
                self.keys.press(key)
        else:
            self.reach(control)
            self.choose(action.value)

    def finish_blocks(self, lesson: Lesson) -> None:
        """Finish, with the keyboard, every block of the lesson that must be finished."""
        for block in self.content.locator(f"[data-view='{location_of(lesson)}'] [data-block]").all():
            kind = block_types()[block.get_attribute("data-block-type") or ""]
            for action in kind.finish(block) if kind.must_finish else []:
                self.act(action, str(action.control.get_attribute("id")))

    def take_quiz(self, quiz: Quiz) -> str:
        """Submit once too early (focus goes to the first unanswered question), answer, submit."""
        section = self.content.locator(f"[data-quiz='{quiz.id}']")
        asked = self.reader.asked(quiz)
        forward = f"[data-quiz='{quiz.id}'] [data-step='1']"
        one_per_screen = section.get_attribute("data-presentation") == "one-per-screen"
        for _ in asked[1:] if one_per_screen else []:  # Submit is on the last screen
            self.press_button(forward)
        self.press_button(f"[data-quiz='{quiz.id}'] [data-submit]")
        expect(section.locator("[data-quiz-error]")).to_be_visible()
        first = asked[0]
        expect(section.locator(f"[data-question='{first.id}'] :is(input, select)").first).to_be_focused()
        for index, question in enumerate(asked):
            self.answer(quiz, question)
            if one_per_screen and index + 1 < len(asked):
                self.press_button(forward)
                expect(section.locator(f"[data-question='{asked[index + 1].id}'] .question")).to_be_focused()
        self.press_button(f"[data-quiz='{quiz.id}'] [data-submit]")
        expect(section.locator("[data-result-heading]")).to_be_focused()
        self.focus()
        return section.locator("[data-result-summary]").inner_text()

    def complete(self) -> None:
        """From the player page: skip link, every page with Next, a detour back, every quiz."""
        self.tab_to(".skip-link")
        box = self.content.locator(".skip-link").bounding_box()
        assert box and box["x"] >= 0 and box["y"] >= 0, "the focused skip link is on screen"
        self.keys.press("Enter")
        expect(self.content.locator("#main")).to_be_focused()

        pages = self.course.pages
        for index, page in enumerate(pages):
            if index == 1:
                # Back with Previous, then forward again through the outline with Shift+Tab.
                self.press_button("#previous-button")
                self.expect_page(pages[0])
                if self.content.locator("#outline-toggle").is_visible():
                    # A narrow frame (under 768 px): the outline is behind its menu button.
                    self.press_button("#outline-toggle", backwards=True)
                    self.press_button(f"[data-go='{location_of(page)}']")
                else:
                    self.press_button(f"[data-go='{location_of(page)}']", backwards=True)
                self.expect_page(page)
            if isinstance(page, Quiz):
                asked = len(self.reader.asked(page))
                summary = self.take_quiz(page)
                assert summary.startswith(
                    "You passed" if page.graded else f"You answered {asked} of {asked} "
                )
            else:
                self.finish_blocks(page)
            if index + 1 < len(pages):
                self.press_button("#next-button")
                self.expect_page(pages[index + 1])


@pytest.fixture(scope="module")
def every_type_package(
    every_type_course: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Course, Path]:
    package = build_package(every_type_course, tmp_path_factory.mktemp("keyboard"), "scorm12")
    return load_course(every_type_course), package


@pytest.fixture
def player_for() -> Iterator[Callable[[Path], PlayerServer]]:
    started: list[PlayerServer] = []

    def start(package: Path) -> PlayerServer:
        started.append(PlayerServer(package, scorm_again=SCORM_AGAIN).start())
        return started[-1]

    yield start
    for player in started:
        player.stop()


def complete_by_keyboard(page: Page, player: PlayerServer, course: Course) -> dict[str, Any]:
    page.goto(player.url)
    learner = KeyboardLearner(page, course)
    learner.reader.expect_heading(course.pages[0].title)
    learner.complete()
    assert not learner.unseen_focus, f"focus is not visible on: {sorted(learner.unseen_focus)}"
    return close_session(page, player)


def test_sample_course_by_keyboard_only(
    page: Page, play: Callable[[str], PlayerServer], sample_course: Course
) -> None:
    stored = complete_by_keyboard(page, play("scorm12"), sample_course)
    cmi = stored["record"]["cmi"]
    assert cmi["cmi.core.lesson_status"] == "passed"
    assert float(cmi["cmi.core.score.raw"]) == 100
    assert_clean_log(stored["log"], SCORM12)


def test_every_question_type_by_keyboard_only(
    page: Page, player_for: Callable[[Path], PlayerServer], every_type_package: tuple[Course, Path]
) -> None:
    """The sample's final quiz draws 10 of 12 questions; this course shows one of every installed type."""
    course, package = every_type_package
    stored = complete_by_keyboard(page, player_for(package), course)
    cmi = stored["record"]["cmi"]
    assert cmi["cmi.core.lesson_status"] == "passed"
    assert float(cmi["cmi.core.score.raw"]) == 100
    assert_clean_log(stored["log"], SCORM12)
