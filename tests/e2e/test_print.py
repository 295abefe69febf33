"""Printing a lesson (or saving it as PDF): the content alone at full width, every collapsed block item
shown, links followed by their address, and the controls gone.

Measured with print media emulated (computed styles), and printed to PDF once.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from packager.course import Course, load_course
from packager.player import PlayerServer
from tests.conftest import build_package
from tests.e2e.blocks_course import write_blocks_course
from tests.e2e.conftest import SCORM_AGAIN
from tests.e2e.learner import Learner

pytestmark = pytest.mark.browser

# How each thing on the page would print: hidden (display none) or not, and its width.
PRINTED = """selector => [...document.querySelectorAll(selector)].map(element => ({
  shown: getComputedStyle(element).display !== "none" && element.getClientRects().length > 0,
  width: element.getBoundingClientRect().width,
}))"""
CONTROLS = (".skip-link", "#outline-toggle", "nav.course-outline", ".course-footer", "progress")


def printed(page: Page, selector: str) -> list[dict[str, float]]:
    found: list[dict[str, float]] = page.evaluate(PRINTED, selector)
    assert found, f"nothing matches {selector}"
    return found


def test_a_lesson_prints_with_every_block_item_open_and_no_controls(
    page: Page, web_learner: Learner, sample_course: Course, tmp_path: Path
) -> None:
    page.emulate_media(media="print")
    body_width = page.evaluate("document.body.getBoundingClientRect().width")
    for lesson_id, items in (
        ("role-and-trust", ".accordion-panel"),
        ("former-partners", ".flipcard-back"),
        ("dual-relationships", ".tab-panel"),
    ):
        lesson = next(lesson for lesson in sample_course.lessons if lesson.id == lesson_id)
        page.emulate_media(media="screen")
        web_learner.open(lesson.title)
        page.emulate_media(media="print")
        view = f"[data-view='lesson:{lesson.id}']"
        shown = printed(page, f"{view} {items}")
        assert all(item["shown"] for item in shown), f"{lesson.title}: every {items} prints"
        for control in CONTROLS:
            assert not any(found["shown"] for found in printed(page, control)), f"{control} does not print"
        main = printed(page, "main")[0]
        assert main["width"] >= body_width - 40, "the content takes the page's width"
    # Tabs print as a title before each panel, in the tabs' order.
    order = page.evaluate(
        """() => [...document.querySelectorAll("[data-view]:not([hidden]) .tabs .tab, "
          + "[data-view]:not([hidden]) .tab-panel")]
          .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
          .map(element => element.getAttribute("role"))"""
    )
    assert order == ["tab", "tabpanel"] * (len(order) // 2) and order
    pdf = tmp_path / "lesson.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.read_bytes().startswith(b"%PDF")

    # On screen again: the collapsed items are collapsed, the outline back.
    page.emulate_media(media="screen")
    assert not all(item["shown"] for item in printed(page, ".tab-panel"))
    assert printed(page, "nav.course-outline")[0]["shown"]


def test_links_print_with_their_address_and_every_process_step_prints(page: Page, tmp_path: Path) -> None:
    folder = write_blocks_course(tmp_path / "blocks-course")
    lesson = folder / "lessons" / next(path.name for path in sorted((folder / "lessons").iterdir()))
    lesson.write_text(
        lesson.read_text(encoding="utf-8") + "\nRead [the code of ethics](https://example.org/ethics).\n",
        encoding="utf-8",
    )
    course = load_course(folder)
    package = build_package(folder, tmp_path / "out", "web")
    with PlayerServer(package, scorm_again=SCORM_AGAIN) as player:
        page.goto(player.url + "content/index.html")
        Learner(page, course).heading()
        page.emulate_media(media="print")
        steps = printed(page, "[data-view]:not([hidden]) .process-step")
        assert len(steps) == 3 and all(step["shown"] for step in steps)
        assert not any(found["shown"] for found in printed(page, ".process-nav"))
        after = page.evaluate(
            """() => getComputedStyle(document.querySelector(
                 "[data-view]:not([hidden]) a[href^='https:']"), "::after").content"""
        )
        assert "https://example.org/ethics" in after
        page.emulate_media(media="screen")
        assert sum(step["shown"] for step in printed(page, "[data-view]:not([hidden]) .process-step")) == 1
