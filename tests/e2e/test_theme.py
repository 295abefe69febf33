"""A themed course in the browser: its colours, logo and fonts show (light and dark); the cover's
Start and the completion screen work by keyboard; axe-core finds nothing on either, light or dark;
neither scrolls sideways from 320 to 1280 px."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect

from packager.course import Course, load_course
from packager.player import PlayerServer
from packager.theme.contrast import rgb
from packager.theme.palette import schemes
from tests.conftest import build_package
from tests.e2e.conftest import SCORM_AGAIN
from tests.e2e.learner import Learner
from tests.e2e.test_accessibility import Scanner, axe_page
from tests.e2e.test_responsive import LayoutCheck
from tests.theme_course import BACKGROUND, FONT_FAMILY, PRIMARY, TEXT, write_branded_course

pytestmark = pytest.mark.browser
__all__ = ["axe_page"]  # the fixture, shared with the accessibility tests


def css_rgb(colour: str) -> str:
    red, green, blue = rgb(colour)
    return f"rgb({red}, {green}, {blue})"


@pytest.fixture(params=["branded", "built-in"])
def themed(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Course, str]]:
    """The branded test course (or the same without its theme) served as a web package: (course, url)."""
    folder = write_branded_course(tmp_path / "course")
    if request.param == "built-in":
        settings = yaml.safe_load((folder / "course.yaml").read_text("utf-8"))
        del settings["theme"]
        (folder / "course.yaml").write_text(yaml.safe_dump(settings), "utf-8")
    package = build_package(folder, tmp_path / "out", "web")
    with PlayerServer(package, scorm_again=SCORM_AGAIN) as player:
        yield load_course(folder), player.url + "content/index.html"


def style(page: Page, selector: str, prop: str) -> str:
    value: str = page.eval_on_selector(selector, f"node => getComputedStyle(node)[{prop!r}]")
    return value


def test_the_brand_shows_light_and_dark(browser: Browser, tmp_path: Path) -> None:
    folder = write_branded_course(tmp_path / "course")
    package = build_package(folder, tmp_path / "out", "web")
    light, dark = schemes(load_course(folder).theme)
    with PlayerServer(package, scorm_again=SCORM_AGAIN) as player:
        for scheme, colours in (("light", light), ("dark", dark)):
            context = browser.new_context(color_scheme=scheme)  # type: ignore[arg-type]
            page = context.new_page()
            page.goto(player.url + "content/index.html")
            page.locator("main:not([aria-busy])").wait_for(state="attached")
            assert style(page, "#cover-start", "backgroundColor") == css_rgb(colours.primary.value)
            assert style(page, "#cover-start", "color") == css_rgb(colours.button_text.value)
            assert style(page, "body", "color") == css_rgb(colours.text.value)
            assert style(page, "html", "backgroundColor") == css_rgb(colours.background.value)
            if scheme == "light":
                assert (colours.primary.value, colours.text.value, colours.background.value) == (
                    PRIMARY,
                    TEXT,
                    BACKGROUND,
                )
            assert style(page, "body", "fontFamily").startswith(f'"{FONT_FAMILY}"')
            assert style(page, "#cover-title", "fontFamily").startswith("Charter")
            loaded = page.evaluate(
                """family => document.fonts.ready.then(() =>
                  [...document.fonts].some(face => face.family.replace(/"/g, "") === family
                    && face.status === "loaded"))""",
                FONT_FAMILY,
            )
            assert loaded, "the shipped font was not loaded"
            for image in ("img.logo", "img.cover-image"):
                assert page.eval_on_selector(image, "node => node.complete && node.naturalWidth > 0"), image
            assert page.get_by_role("img", name="Brand logo").is_visible()
            context.close()


def test_cover_and_completion_work_by_keyboard(page: Page, themed: tuple[Course, str]) -> None:
    course, url = themed
    page.goto(url)
    learner = Learner(page, course)
    learner.heading()
    start = page.locator("#cover-start")
    expect(start).to_have_text("Start")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")
    expect(start).to_be_focused()
    page.keyboard.press("Enter")
    first = page.get_by_role("heading", name="First lesson", level=1)
    expect(first).to_be_focused()
    expect(page.locator("#cover")).to_be_hidden()

    learner.open("Second lesson")
    assert course.quiz is not None
    learner.open(course.quiz.title)
    learner.answer_all(correctly=True)
    assert "You passed" in learner.submit()
    expect(page.locator("#next-button")).to_be_hidden()
    page.locator("#finish-button").focus()
    page.keyboard.press("Enter")
    done = page.get_by_role("heading", name="Course complete", level=1)
    expect(done).to_be_focused()
    expect(page.locator("[data-done-score]")).to_have_text("Your score: 100%. You passed.")
    expect(page.locator("#finish-button")).to_be_hidden()
    expect(page.locator("#completion .done-mark")).to_be_visible()
    assert page.locator("main [data-view]:not([hidden])").count() == 0
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Review the course")).to_be_focused()
    page.keyboard.press("Enter")
    expect(first).to_be_focused()
    expect(page.locator("#completion")).to_be_hidden()

    page.reload()
    Learner(page, course).heading()
    expect(page.locator("#cover-start")).to_have_text("Resume")


def test_an_unfinished_course_says_so_on_the_completion_screen(
    page: Page, themed: tuple[Course, str]
) -> None:
    course, url = themed
    page.goto(url)
    learner = Learner(page, course)
    assert course.quiz is not None
    learner.open(course.quiz.title)
    page.get_by_role("button", name="Finish", exact=True).click()
    expect(page.get_by_role("heading", name="Not finished yet", level=1)).to_be_focused()
    expect(page.locator("[data-done-score]")).to_be_hidden()
    expect(page.locator("#completion .done-mark")).to_be_hidden()
    expect(page.locator("#completion .todo-mark")).to_be_visible()
    page.get_by_role("button", name="Previous", exact=True).click()
    learner.expect_heading(course.quiz.title)
    expect(page.get_by_role("button", name="Finish", exact=True)).to_be_visible()


def test_cover_and_completion_pass_axe_and_fit_every_width(
    axe_page: Page, themed: tuple[Course, str]
) -> None:
    course, url = themed
    page = axe_page
    page.goto(url)
    learner = Learner(page, course)
    learner.heading()
    scanner = Scanner(page)
    layout = LayoutCheck(page)
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        scanner.scan(f"cover, {scheme}")
    layout.at_every_width("the cover")
    learner.read_all_lessons()
    learner.answer_all(correctly=False)
    learner.submit()
    page.get_by_role("button", name="Finish", exact=True).click()
    page.locator("#completion").wait_for()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        scanner.scan(f"completion screen, {scheme}")
    layout.at_every_width("the completion screen")
    assert scanner.states == [
        "cover, light",
        "cover, dark",
        "completion screen, light",
        "completion screen, dark",
    ]
    assert not scanner.found, "axe-core found WCAG 2.1 A/AA violations:\n" + scanner.report()
    assert not layout.problems, "layout problems:\n" + "\n".join(layout.problems)
