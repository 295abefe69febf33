"""Lesson blocks in the browser: by keyboard alone and by pointer, kept across resume, finished
before the lesson counts, no axe-core violation, no sideways scrolling at 320 px.

The course is tests/e2e/blocks_course.py's: a lesson of known blocks, and every installed block's
own example.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import FrameLocator, Locator, Page, expect

from packager.blocks.registry import block_types
from packager.course import Course, load_course
from packager.player import PlayerServer
from packager.testing.actions import perform
from packager.testing.session import PlayerSession
from tests.conftest import build_package
from tests.e2e.blocks_course import write_blocks_course
from tests.e2e.conftest import SCORM_AGAIN
from tests.e2e.lms import close_session, launch
from tests.e2e.test_accessibility import Scanner
from tests.e2e.test_responsive import LAYOUT_PROBLEMS

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def blocks_course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_blocks_course(tmp_path_factory.mktemp("blocks") / "blocks-course")


@pytest.fixture(scope="module")
def packages(blocks_course: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("blocks-packages")
    return {target: build_package(blocks_course, out, target) for target in ("web", "scorm2004-4th")}


@pytest.fixture
def serve(packages: dict[str, Path]) -> Iterator[Callable[[str], PlayerServer]]:
    started: list[PlayerServer] = []

    def start(target: str) -> PlayerServer:
        started.append(PlayerServer(packages[target], scorm_again=SCORM_AGAIN).start())
        return started[-1]

    yield start
    for player in started:
        player.stop()


def open_web(page: Page, serve: Callable[[str], PlayerServer]) -> Locator:
    """The web package's first lesson, once the runtime has started; returns its section."""
    page.goto(serve("web").url + "content/index.html")
    view = page.locator("main:not([aria-busy]) [data-view='lesson:blocks']")
    expect(view).to_be_visible()
    return view


def test_blocks_by_keyboard_alone(page: Page, serve: Callable[[str], PlayerServer]) -> None:
    view = open_web(page, serve)
    keyboard = page.keyboard

    # Accordion: Tab reaches the first heading's button; Enter opens, Space closes.
    view.get_by_text("Some text before the blocks.").click()
    first = view.get_by_role("button", name="Why not help?")
    for _ in range(10):
        keyboard.press("Tab")
        if first.evaluate("element => element === document.activeElement"):
            break
    expect(first).to_be_focused()
    keyboard.press("Enter")
    expect(first).to_have_attribute("aria-expanded", "true")
    expect(view.get_by_role("region", name="Why not help?")).to_contain_text("A shared history")
    keyboard.press("Space")
    expect(first).to_have_attribute("aria-expanded", "false")
    expect(view.get_by_text("A shared history")).to_be_hidden()

    # Tabs: one tab stop; arrows move and select, Home and End jump, and the arrows wrap.
    tabs = view.get_by_role("tablist", name="Ways to respond")
    tabs.get_by_role("tab", name="In person").focus()
    keyboard.press("ArrowRight")
    expect(tabs.get_by_role("tab", name="By message")).to_be_focused()
    expect(tabs.get_by_role("tab", name="By message")).to_have_attribute("aria-selected", "true")
    expect(view.get_by_role("tabpanel", name="By message")).to_contain_text("Reply the same day.")
    expect(view.get_by_text("Be brief and kind.")).to_be_hidden()
    keyboard.press("End")
    expect(tabs.get_by_role("tab", name="By phone")).to_be_focused()
    keyboard.press("Home")
    expect(tabs.get_by_role("tab", name="In person")).to_be_focused()
    keyboard.press("ArrowLeft")
    expect(tabs.get_by_role("tab", name="By phone")).to_have_attribute("aria-selected", "true")
    assert tabs.locator("[tabindex='0']").count() == 1

    # Flip cards: Enter turns a card to its back; the front stays the button's name.
    card = view.get_by_role("button", name="Conflict of interest")
    card.focus()
    keyboard.press("Enter")
    expect(card).to_have_attribute("aria-expanded", "true")
    expect(view.get_by_text("Your feelings compete")).to_be_visible()

    # Process: Next step by keyboard, the position announced, Previous step back.
    following = view.get_by_role("button", name="Next step")
    following.focus()
    keyboard.press("Enter")
    expect(view.get_by_role("heading", name="Step 2 of 3 Decline")).to_be_visible()
    expect(view.locator(".process-status")).to_have_text("Step 2 of 3 Decline")
    expect(view.get_by_text("Hear the request out.")).to_be_hidden()
    keyboard.press("Enter")
    expect(view.get_by_role("heading", name="Step 3 of 3 Refer")).to_be_visible()
    expect(following).to_have_attribute("aria-disabled", "true")
    keyboard.press("Enter")  # nothing after the last step
    expect(view.get_by_role("heading", name="Step 3 of 3 Refer")).to_be_visible()
    view.get_by_role("button", name="Previous step").focus()
    keyboard.press("Space")
    expect(view.get_by_role("heading", name="Step 2 of 3 Decline")).to_be_visible()


def test_labelled_graphic_by_keyboard_and_pointer(page: Page, serve: Callable[[str], PlayerServer]) -> None:
    open_web(page, serve)
    page.get_by_role("button", name="Every block").click()
    view = page.locator("[data-view='lesson:every-block']:not([hidden])")
    circle = view.get_by_role("button", name="The circle")
    square = view.get_by_role("button", name="The square")
    image = view.locator(".graphic-figure img").bounding_box()
    assert image is not None
    # Each marker sits on its place on the image (25%, 25% and 75%, 75%).
    for marker, share in ((circle, 0.25), (square, 0.75)):
        box = marker.bounding_box()
        assert box is not None
        assert abs(box["x"] + box["width"] / 2 - (image["x"] + share * image["width"])) < 2
        assert abs(box["y"] + box["height"] / 2 - (image["y"] + share * image["height"])) < 2
    circle.focus()
    page.keyboard.press("Enter")
    expect(circle).to_have_attribute("aria-expanded", "true")
    expect(view.get_by_role("region", name="The circle")).to_contain_text("Each heading is a marker")
    page.keyboard.press("Tab")
    expect(square).to_be_focused()
    square.click()
    expect(view.get_by_role("region", name="The square")).to_contain_text("The image comes first")
    circle.click()
    expect(view.get_by_role("region", name="The circle")).to_be_hidden()


def test_blocks_by_pointer(page: Page, serve: Callable[[str], PlayerServer]) -> None:
    view = open_web(page, serve)
    view.get_by_role("button", name="What to say").click()
    expect(view.get_by_text("Thank them and explain kindly.")).to_be_visible()
    view.get_by_role("tab", name="By phone").click()
    expect(view.get_by_role("tabpanel", name="By phone")).to_be_visible()
    card = view.get_by_role("button", name="Loss of objectivity")
    card.click()
    expect(view.get_by_text("Honest feedback gets hard.")).to_be_visible()
    card.click()
    expect(view.get_by_text("Honest feedback gets hard.")).to_be_hidden()
    view.get_by_role("button", name="Next step").click()
    expect(view.get_by_role("heading", name="Step 2 of 3 Decline")).to_be_visible()


def outline_mark(surface: Page | FrameLocator, title: str) -> Locator:
    return (
        surface.get_by_role("navigation", name="Course outline")
        .get_by_role("listitem")
        .filter(has_text=title)
    )


def test_state_is_kept_across_resume_and_the_process_must_be_finished(
    page: Page, serve: Callable[[str], PlayerServer], blocks_course: Path
) -> None:
    course = load_course(blocks_course)
    player = serve("scorm2004-4th")
    learner = launch(page, player, course)
    learner.heading()
    frame = page.frame_locator("#content-frame")
    view = frame.locator("[data-view='lesson:blocks']")
    expect(outline_mark(frame, "Working with a former partner")).to_contain_text("has an activity to finish")

    view.get_by_role("button", name="Who to tell").click()
    view.get_by_role("button", name="Loss of objectivity").click()
    view.get_by_role("button", name="Next step").click()
    expect(view.get_by_role("heading", name="Step 2 of 3 Decline")).to_be_visible()
    # Visited, but its process is not finished: the lesson is not viewed yet.
    expect(outline_mark(frame, "Working with a former partner")).not_to_contain_text("(viewed)")

    page.reload()
    learner.heading()
    frame = page.frame_locator("#content-frame")
    view = frame.locator("[data-view='lesson:blocks']")
    expect(view.get_by_role("button", name="Who to tell")).to_have_attribute("aria-expanded", "true")
    expect(view.get_by_role("button", name="Why not help?")).to_have_attribute("aria-expanded", "false")
    expect(view.get_by_role("button", name="Loss of objectivity")).to_have_attribute("aria-expanded", "true")
    expect(view.get_by_role("button", name="Conflict of interest")).to_have_attribute(
        "aria-expanded", "false"
    )
    expect(view.get_by_role("heading", name="Step 2 of 3 Decline")).to_be_visible()
    entries = [entry["result"] for entry in page.evaluate("player.log()") if entry["args"] == ["cmi.entry"]]
    assert entries == ["ab-initio", "resume"]

    # Every other lesson seen: the course is still incomplete until the process is finished.
    learner.open("Every block")
    # Finished as each block's plug-in says (processes, and any block added from outside).
    for block in frame.locator("[data-view='lesson:every-block'] [data-block]").all():
        kind = block_types()[block.get_attribute("data-block-type") or ""]
        if kind.must_finish:
            perform(kind.finish(block))
    learner.open("After")
    assert page.evaluate("player.live()")["cmi.completion_status"] == "incomplete"
    learner.open("Working with a former partner")
    view.get_by_role("button", name="Next step").click()
    expect(outline_mark(frame, "Working with a former partner")).to_contain_text("(viewed)")
    stored = close_session(page, player)
    assert stored["record"]["cmi"]["cmi.completion_status"] == "completed"


def open_everything(view: Locator) -> None:
    for button in view.locator(".accordion-button, .flipcard-button, .graphic-marker").all():
        button.click()
    for tab in view.get_by_role("tab").all():
        tab.click()


def test_no_axe_violations_in_any_block_state(
    page: Page, serve: Callable[[str], PlayerServer], packages: dict[str, Path]
) -> None:
    axe = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
    page.route(lambda url: url.endswith("/__axe-core.min.js"), lambda route: route.fulfill(path=axe))
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        view = open_web(page, serve)
        scanner = Scanner(page)
        scanner.scan(f"{scheme}: blocks closed")
        open_everything(view)
        view.get_by_role("button", name="Next step").click()
        scanner.scan(f"{scheme}: blocks open, process at step 2")
        page.get_by_role("button", name="Every block").click()
        open_everything(page.locator("[data-view='lesson:every-block']"))
        scanner.scan(f"{scheme}: every installed block's example, open")
        assert not scanner.found, "axe-core found WCAG 2.1 A/AA violations:\n" + scanner.report()


@pytest.mark.parametrize("width", [320, 1280])
def test_blocks_fit_without_sideways_scrolling(
    page: Page, serve: Callable[[str], PlayerServer], width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    view = open_web(page, serve)
    open_everything(view)
    assert page.evaluate(LAYOUT_PROBLEMS) == []
    page.get_by_role("button", name="Every block").click()
    open_everything(page.locator("[data-view='lesson:every-block']"))
    assert page.evaluate(LAYOUT_PROBLEMS) == []


def test_the_sample_course_uses_blocks(sample_course: Course) -> None:
    used = {block.type for lesson in sample_course.lessons for block in lesson.blocks}
    assert {"callout", "accordion", "tabs", "flipcards", "scenario"} <= used


def test_the_plugin_learner_finishes_blocks_that_must_be_finished(
    scorm_player: PlayerSession, packages: dict[str, Path]
) -> None:
    """The pytest plugin's learner knows only the package: it finishes the processes and completes."""
    session = scorm_player.launch(packages["scorm2004-4th"])
    session.learner.complete()
    record = session.end()
    assert record is not None
    assert record["cmi"]["cmi.completion_status"] == "completed"
    assert session.page_errors == []
