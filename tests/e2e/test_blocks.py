"""Lesson blocks in the browser: each by keyboard alone and by pointer, kept across resume, finished
before the lesson counts, no axe-core violation in light and dark, no sideways scrolling from 320 to
1280 px. Each block is worked as tests/e2e/block_drivers.py says.

The course is tests/e2e/blocks_course.py's: a lesson of known blocks, and every installed block's
own example.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import FrameLocator, Locator, Page, expect

from packager.blocks import ENTRY_POINT_GROUP
from packager.blocks.registry import block_types
from packager.course import Course, load_course
from packager.player import PlayerServer
from packager.testing.actions import perform
from packager.testing.session import PlayerSession
from tests.conftest import build_package
from tests.e2e.block_drivers import DRIVERS, Hands
from tests.e2e.blocks_course import write_blocks_course
from tests.e2e.conftest import SCORM_AGAIN
from tests.e2e.lms import close_session, launch
from tests.e2e.test_accessibility import Scanner
from tests.e2e.test_responsive import WIDTHS, LayoutCheck

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
TITLE = "Working with a former partner"


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


@pytest.mark.parametrize("keyboard", [True, False], ids=["keyboard", "pointer"])
@pytest.mark.parametrize("name", list(DRIVERS))
def test_each_block_by_keyboard_alone_and_by_pointer(
    page: Page, serve: Callable[[str], PlayerServer], name: str, keyboard: bool
) -> None:
    view = open_web(page, serve)
    hands = Hands(page, keyboard)
    DRIVERS[name].use(view, hands)
    DRIVERS[name].finish(view, hands)


def test_every_block_of_the_packager_has_a_driver() -> None:
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
    assert set(DRIVERS) == set(declared[ENTRY_POINT_GROUP])


def outline_mark(surface: Page | FrameLocator, title: str) -> Locator:
    return surface.locator("nav[aria-label='Course outline'] li").filter(has_text=title)


def test_every_block_keeps_its_state_across_resume_and_must_be_finished(
    page: Page, serve: Callable[[str], PlayerServer], blocks_course: Path
) -> None:
    course = load_course(blocks_course)
    player = serve("scorm2004-4th")
    learner = launch(page, player, course)
    learner.heading()
    frame = page.frame_locator("#content-frame")
    view = frame.locator("[data-view='lesson:blocks']")
    expect(outline_mark(frame, TITLE)).to_contain_text("has an activity to finish")
    hands = Hands(page, keyboard=False)
    for driver in DRIVERS.values():
        driver.use(view, hands)
    # Visited, but its process and its scenario are not finished: the lesson is not viewed yet.
    expect(outline_mark(frame, TITLE)).not_to_contain_text("(viewed)")

    page.reload()
    learner.heading()
    for driver in DRIVERS.values():
        driver.kept(view)
    entries = [entry["result"] for entry in page.evaluate("player.log()") if entry["args"] == ["cmi.entry"]]
    assert entries == ["ab-initio", "resume"]

    # Every other lesson seen: the course is still incomplete until both are finished.
    learner.open("Every block")
    # Finished as each block's plug-in says (processes, scenarios, and any block added from outside).
    for block in frame.locator("[data-view='lesson:every-block'] [data-block]").all():
        kind = block_types()[block.get_attribute("data-block-type") or ""]
        if kind.must_finish:
            perform(kind.finish(block))
    learner.open("After")
    assert page.evaluate("player.live()")["cmi.completion_status"] == "incomplete"
    learner.open(TITLE)
    DRIVERS["process"].finish(view, hands)
    expect(outline_mark(frame, TITLE)).not_to_contain_text("(viewed)")
    DRIVERS["scenario"].finish(view, hands)
    expect(outline_mark(frame, TITLE)).to_contain_text("(viewed)")
    stored = close_session(page, player)
    assert stored["record"]["cmi"]["cmi.completion_status"] == "completed"


def open_everything(view: Locator) -> None:
    """Open every item of the blocks, turn every card, choose in every scenario's first situation."""
    shown = ".scenario-situation:not([hidden]) li:first-child .scenario-choice"
    for button in view.locator(f".accordion-button, .flipcard-button, .graphic-marker, {shown}").all():
        button.click()
    for tab in view.get_by_role("tab").all():
        tab.click()


def use_every_block(view: Locator, finish: bool = False) -> None:
    """Leave every block of the first lesson in the middle, or (``finish``) at its end."""
    hands = Hands(view.page, keyboard=False)
    for driver in DRIVERS.values():
        (driver.finish if finish else driver.use)(view, hands)


def test_no_axe_violations_in_any_block_state(
    page: Page, serve: Callable[[str], PlayerServer], packages: dict[str, Path]
) -> None:
    axe = REPO / "node_modules" / "axe-core" / "axe.min.js"
    page.route(lambda url: url.endswith("/__axe-core.min.js"), lambda route: route.fulfill(path=axe))
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        view = open_web(page, serve)
        scanner = Scanner(page)
        scanner.scan(f"{scheme}: blocks closed")
        use_every_block(view)
        scanner.scan(f"{scheme}: blocks open, process at step 2, a scenario's consequence shown")
        use_every_block(view, finish=True)
        scanner.scan(f"{scheme}: process at its last step, scenario at an ending")
        page.get_by_role("button", name="Every block").click()
        open_everything(page.locator("[data-view='lesson:every-block']"))
        scanner.scan(f"{scheme}: every installed block's example, open")
        assert not scanner.found, "axe-core found WCAG 2.1 A/AA violations:\n" + scanner.report()


def test_blocks_fit_without_sideways_scrolling(page: Page, serve: Callable[[str], PlayerServer]) -> None:
    view = open_web(page, serve)
    check = LayoutCheck(page)
    check.at_every_width("blocks closed")
    use_every_block(view)
    check.at_every_width("blocks in the middle")
    use_every_block(view, finish=True)
    check.at_every_width("blocks finished")
    page.get_by_role("button", name="Every block").click()
    open_everything(page.locator("[data-view='lesson:every-block']"))
    check.at_every_width("every installed block's example, open")
    assert check.checked == 4 * len(WIDTHS) and WIDTHS[0] == 320 and WIDTHS[-1] == 1280
    assert not check.problems, "layout problems:\n" + "\n".join(check.problems)


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
