"""Matching and sequencing by drag and drop: mouse, touch, keyboard alone, the Move up / Move down
buttons and the drop-down lists (the fallback), resume in the middle, axe-core in light and dark,
and no sideways scrolling from 320 to 1280 px. The every-type course: its sequencing question lists
One, Two, Three (ids a, b, c); its matching question pairs Cat, Dog, Cow with Meow (1), Woof (2), Moo (3).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from packager.course import Course, load_course
from packager.player import PlayerServer
from tests.conftest import build_package
from tests.e2e.conftest import SCORM_AGAIN
from tests.e2e.drag_gestures import (
    answer_the_rest,
    bottom_of,
    centre,
    drag_into_order,
    mouse_drag,
    order,
    top_of,
    touch_drag,
)
from tests.e2e.learner import Learner
from tests.e2e.test_accessibility import Scanner, axe_page

pytestmark = pytest.mark.browser
__all__ = ["axe_page"]  # fixture

COURSE_DIR = Path(__file__).parent / "courses" / "every-type"


@pytest.fixture(scope="module")
def every_type() -> Course:
    return load_course(COURSE_DIR)


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("drag")
    return {target: build_package(COURSE_DIR, out / target, target) for target in ("web", "scorm2004-4th")}


@pytest.fixture(scope="module")
def web_player(packages: dict[str, Path]) -> Iterator[PlayerServer]:
    with PlayerServer(packages["web"], scorm_again=SCORM_AGAIN) as player:
        yield player


def open_quiz(page: Page, player: PlayerServer, course: Course) -> Learner:
    """The every-type course's assessment, opened directly (the web target)."""
    page.goto(player.url + "content/index.html")
    learner = Learner(page, course)
    assert course.quiz is not None
    learner.open(course.quiz.title)
    return learner


def question(learner: Learner, course: Course, question_id: str) -> Locator:
    assert course.quiz is not None
    return learner.section(course.quiz).locator(f"[data-question='{question_id}']")


def test_sequencing_by_mouse_drag_passes(page: Page, web_player: PlayerServer, every_type: Course) -> None:
    learner = open_quiz(page, web_player, every_type)
    item = question(learner, every_type, "order")
    assert order(item) != ["a", "b", "c"], "the list never starts in the right order"
    drag_into_order(page, item, ["a", "b", "c"])
    expect(item.locator("[data-announce]")).to_contain_text(" dropped at position ")
    expect(item.locator("[data-item] [data-text]")).to_have_text(["One", "Two", "Three"])
    assert "You passed with 100%" in answer_the_rest(learner, every_type, "order")
    # Submitted: the list is locked, and a drag no longer moves anything.
    expect(item.locator("[data-grab]").first).to_be_disabled()
    mouse_drag(page, centre(item.locator("[data-grab]").last), top_of(item.locator("[data-item]").first))
    assert order(item) == ["a", "b", "c"]


def test_matching_by_mouse_and_by_touch(
    browser: Browser, web_player: PlayerServer, every_type: Course
) -> None:
    context = browser.new_context(has_touch=True, viewport={"width": 390, "height": 800})
    page = context.new_page()
    learner = open_quiz(page, web_player, every_type)
    item = question(learner, every_type, "pairs")
    item.scroll_into_view_if_needed()
    mouse_drag(page, centre(item.get_by_role("button", name="Meow")), centre(item.locator("[data-drop='a']")))
    expect(item.get_by_label("Cat")).to_have_value("1")
    expect(item.locator("[data-announce]")).to_have_text("Meow matched with Cat.")
    touch_drag(page, centre(item.get_by_role("button", name="Woof")), centre(item.locator("[data-drop='b']")))
    expect(item.get_by_label("Dog")).to_have_value("2")
    touch_drag(page, centre(item.get_by_role("button", name="Moo")), centre(item.locator("[data-drop='c']")))
    expect(item.get_by_label("Cow")).to_have_value("3")
    assert "You passed with 100%" in answer_the_rest(learner, every_type, "pairs")
    context.close()


def test_sequencing_by_touch(browser: Browser, web_player: PlayerServer, every_type: Course) -> None:
    context = browser.new_context(has_touch=True, viewport={"width": 390, "height": 800})
    page = context.new_page()
    learner = open_quiz(page, web_player, every_type)
    item = question(learner, every_type, "order")
    item.scroll_into_view_if_needed()
    first = order(item)[0]
    touch_drag(page, centre(item.locator("[data-grab]").first), bottom_of(item.locator("[data-item]").last))
    assert order(item)[-1] == first
    scrolled = page.evaluate("window.scrollX")
    assert scrolled == 0
    context.close()


def test_keyboard_alone_picks_moves_drops_and_cancels(
    page: Page, web_player: PlayerServer, every_type: Course
) -> None:
    learner = open_quiz(page, web_player, every_type)
    item = question(learner, every_type, "order")
    start = order(item)
    grab = item.locator(f"[data-item='{start[0]}'] [data-grab]")
    grab.focus()
    page.keyboard.press("Space")
    expect(item.locator("[data-item]").first).to_have_class("sortable-item is-lifted")
    page.keyboard.press("End")
    assert order(item) == [*start[1:], start[0]]
    expect(grab).to_be_focused()
    page.keyboard.press("Escape")
    assert order(item) == start, "Escape puts the item back"
    expect(item.locator("[data-announce]")).to_contain_text("Move cancelled")
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowRight")  # left to right: the next place down
    page.keyboard.press("Enter")
    assert order(item) == [*start[1:], start[0]]
    expect(item.locator("[data-announce]")).to_contain_text("dropped at position 3 of 3")
    # Matching: press an answer, then Place here beside its prompt.
    pairs = question(learner, every_type, "pairs")
    pairs.get_by_role("button", name="Woof").focus()
    page.keyboard.press("Enter")
    expect(pairs.get_by_role("button", name="Woof")).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("Escape")
    expect(pairs.locator("[data-place]:visible")).to_have_count(0)
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(pairs.get_by_role("button", name="Place here Cat")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(pairs.get_by_role("button", name="Place here Dog")).to_be_focused()
    page.keyboard.press("Enter")
    expect(pairs.get_by_label("Dog")).to_have_value("2")
    expect(pairs.get_by_role("button", name="Woof")).to_be_focused()


def test_the_buttons_and_the_lists_still_answer(
    page: Page, web_player: PlayerServer, every_type: Course
) -> None:
    learner = open_quiz(page, web_player, every_type)
    item = question(learner, every_type, "order")
    for index, item_id in enumerate(["a", "b", "c"]):
        while order(item).index(item_id) > index:
            item.get_by_role("button", name=f"Move up {['One', 'Two', 'Three'][index]}").click()
    expect(item.get_by_role("button", name="Move up One")).to_have_attribute("aria-disabled", "true")
    expect(item.get_by_role("button", name="Move down Three")).to_have_attribute("aria-disabled", "true")
    pairs = question(learner, every_type, "pairs")
    for prompt, match in (("Cat", "1"), ("Dog", "2"), ("Cow", "3")):
        pairs.get_by_label(prompt).select_option(match)
    assert "You passed with 100%" in answer_the_rest(learner, every_type, "order", "pairs")


def test_resume_in_the_middle_keeps_the_order_and_the_pairs(
    page: Page, packages: dict[str, Path], every_type: Course
) -> None:
    with PlayerServer(packages["scorm2004-4th"], scorm_again=SCORM_AGAIN) as player:
        page.goto(player.url)
        learner = Learner(page.frame_locator("#content-frame"), every_type)
        assert every_type.quiz is not None
        learner.open(every_type.quiz.title)
        item = question(learner, every_type, "order")
        item.locator("[data-move='1']").first.click()  # a wrong order, made by the learner
        left = order(item)
        pairs = question(learner, every_type, "pairs")
        # A partly matched question is kept as it is (issue 14), and so is a wrong set of pairs.
        for placed in ({"Dog": "Moo"}, {"Cat": "Meow", "Cow": "Woof"}):
            for prompt, match in placed.items():
                pairs.get_by_role("button", name=match).click()
                pairs.get_by_role("button", name=f"Place here {prompt}").click()
            page.reload()
            learner.expect_heading(every_type.quiz.title)
            assert order(item) == left
            values = {"Cat": "1", "Dog": "3", "Cow": "2"}
            for prompt in ("Cat", "Dog", "Cow"):
                kept = prompt == "Dog" or "Cat" in placed
                expect(pairs.get_by_label(prompt)).to_have_value(values[prompt] if kept else "")
        assert "You passed with 100%" in answer_the_rest(learner, every_type)


def test_submit_goes_to_the_first_unanswered_list_or_half_matched_question(
    page: Page, web_player: PlayerServer, every_type: Course
) -> None:
    learner = open_quiz(page, web_player, every_type)
    assert every_type.quiz is not None
    section = learner.section(every_type.quiz)
    for asked in learner.asked(every_type.quiz):
        if asked.id not in ("order", "pairs"):
            learner.answer(asked, correctly=True)
    pairs = question(learner, every_type, "pairs")
    pairs.get_by_label("Cat").select_option("1")
    section.get_by_role("button", name="Submit answers").click()
    expect(section.locator("[data-quiz-error]")).to_be_visible()
    expect(pairs.get_by_label("Cat")).to_be_focused()  # matched part-way: not yet answered
    pairs.get_by_label("Dog").select_option("2")
    pairs.get_by_label("Cow").select_option("3")
    section.get_by_role("button", name="Submit answers").click()
    item = question(learner, every_type, "order")
    expect(item.locator("[data-grab]").first).to_be_focused()  # a list: its first item
    drag_into_order(page, item, ["a", "b", "c"])
    assert "You passed with 100%" in learner.submit()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violation_while_dragging_picking_and_after_submitting(
    axe_page: Page, web_player: PlayerServer, every_type: Course, scheme: str
) -> None:
    axe_page.emulate_media(color_scheme=scheme)
    learner = open_quiz(axe_page, web_player, every_type)
    scanner = Scanner(axe_page)
    scanner.scan("on arrival")
    item = question(learner, every_type, "order")
    item.locator("[data-grab]").first.focus()
    axe_page.keyboard.press("Space")
    axe_page.keyboard.press("ArrowDown")
    scanner.scan("an item lifted and moved")
    axe_page.keyboard.press("Space")
    question(learner, every_type, "pairs").get_by_role("button", name="Moo").click()
    scanner.scan("an answer picked, Place here shown")
    answer_the_rest(learner, every_type)
    scanner.scan("submitted")
    assert not scanner.found, "axe-core found WCAG 2.1 A/AA violations:\n" + scanner.report()


@pytest.mark.parametrize("width", [320, 390, 768, 1280])
def test_no_sideways_scrolling(page: Page, web_player: PlayerServer, every_type: Course, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    learner = open_quiz(page, web_player, every_type)
    question(learner, every_type, "pairs").get_by_role("button", name="Woof").click()  # Place here shown
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow == 0
    for control in page.locator("[data-question] :is(.grab, .chip, .move, .place):visible").all():
        box = control.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, control
