"""On a phone (under 768 px) the course outline is a menu button (the WAI-ARIA disclosure pattern);
wider, the outline stays beside the page as before.

The sample course's web package, at 390 px (a common phone) unless a test says otherwise.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from packager.course import Course
from tests.e2e.learner import Learner
from tests.e2e.test_accessibility import AXE_SCRIPT, Scanner
from tests.e2e.test_responsive import LAYOUT_PROBLEMS

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def menu(page: Page, learner: Learner) -> Locator:
    return page.get_by_role("button", name=learner.text("layout.menu"), include_hidden=True)


def outline(page: Page, learner: Learner) -> Locator:
    """The outline the menu button controls (found by aria-controls: when hidden it has no role)."""
    controlled = menu(page, learner).get_attribute("aria-controls")
    assert controlled, "the menu button names what it controls"
    nav = page.locator(f"#{controlled}")
    expect(nav).to_have_attribute("aria-label", learner.text("layout.outline"))
    return nav


def test_the_menu_opens_and_closes_by_pointer_and_a_chosen_page_closes_it(
    page: Page, web_learner: Learner, sample_course: Course
) -> None:
    page.set_viewport_size(PHONE)
    button, nav = menu(page, web_learner), outline(page, web_learner)
    expect(button).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    # Closed, the menu takes one line: below the cover, the page's heading follows it closely.
    heading = page.locator("main section:not([hidden]) h1")
    heading_box, button_box = heading.bounding_box(), button.bounding_box()
    assert heading_box and button_box and 0 < heading_box["y"] - button_box["y"] < 150

    button.click()
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(nav).to_be_visible()
    expect(page.get_by_role("navigation", name=web_learner.text("layout.outline"))).to_be_visible()
    button.click()
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()

    second = sample_course.pages[1]
    button.click()
    nav.get_by_role("button", name=second.title).click()
    web_learner.expect_heading(second.title)
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(nav).to_be_hidden()
    expect(page.locator("main section:not([hidden]) h1")).to_be_focused()


def test_the_menu_works_by_keyboard_alone(page: Page, web_learner: Learner, sample_course: Course) -> None:
    page.set_viewport_size(PHONE)
    button, nav = menu(page, web_learner), outline(page, web_learner)
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the cover's Start
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    # The outline follows the button in focus order.
    page.keyboard.press("Tab")
    first = nav.get_by_role("button").first
    expect(first).to_be_focused()
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_be_focused()
    expect(nav).to_be_hidden()

    page.keyboard.press("Space")
    expect(nav).to_be_visible()
    third = sample_course.pages[2]
    nav.get_by_role("button", name=third.title).focus()
    page.keyboard.press("Enter")
    web_learner.expect_heading(third.title)
    expect(nav).to_be_hidden()
    # Closed, the next Tab after the page's heading reaches the page, not the hidden outline.
    page.keyboard.press("Shift+Tab")
    expect(button).to_be_focused()


def test_above_768px_the_outline_stays_open_and_there_is_no_menu(page: Page, web_learner: Learner) -> None:
    for width in (768, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        expect(menu(page, web_learner)).to_be_hidden()
        expect(outline(page, web_learner)).to_be_visible()
    # Opened on a phone, then widened: still the ordinary outline.
    page.set_viewport_size(PHONE)
    menu(page, web_learner).click()
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(outline(page, web_learner)).to_be_visible()
    expect(menu(page, web_learner)).to_be_hidden()


def test_no_sideways_scrolling_from_320_to_1280px_with_the_menu_open_or_closed(
    page: Page, web_learner: Learner
) -> None:
    problems: list[str] = []
    for width in (320, 390, 767, 768, 1024, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        for state in ("closed", "open"):
            button = menu(page, web_learner)
            if button.is_visible() and (button.get_attribute("aria-expanded") == "true") != (state == "open"):
                button.click()
            found: list[str] = page.evaluate(LAYOUT_PROBLEMS)
            problems += [f"{width}px, menu {state}: {problem}" for problem in found]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_with_the_menu_open_or_closed(
    page: Page, web_learner: Learner, scheme: str
) -> None:
    page.route(lambda url: url.endswith("/__axe-core.min.js"), lambda route: route.fulfill(path=AXE_SCRIPT))
    page.emulate_media(color_scheme=scheme)
    page.set_viewport_size(PHONE)
    scanner = Scanner(page)
    scanner.scan(f"{scheme}: menu closed")
    menu(page, web_learner).click()
    scanner.scan(f"{scheme}: menu open")
    assert len(scanner.states) == 2
    assert not scanner.found, "axe-core found WCAG 2.1 A/AA violations:\n" + scanner.report()
