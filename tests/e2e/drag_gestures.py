"""Gestures of the drag-and-drop browser tests: where a control is, a mouse or finger drag between
two points, and the order a sortable list shows."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

from packager.course import Course
from tests.e2e.learner import Learner

ORDER = "rows => rows.map(row => row.getAttribute('data-item'))"


def order(item: Locator) -> list[str]:
    shown: list[str] = item.locator("[data-item]").evaluate_all(ORDER)
    return shown


def centre(control: Locator) -> tuple[float, float]:
    box = control.bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def top_of(control: Locator) -> tuple[float, float]:
    box = control.bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + 4


def bottom_of(control: Locator) -> tuple[float, float]:
    box = control.bounding_box()
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] - 4


def mouse_drag(page: Page, start: tuple[float, float], end: tuple[float, float]) -> None:
    page.mouse.move(*start)
    page.mouse.down()
    page.mouse.move(*end, steps=12)
    page.mouse.up()


def touch_drag(page: Page, start: tuple[float, float], end: tuple[float, float]) -> None:
    """A finger on the screen: Chromium turns these touch events into pointer events of type touch."""
    cdp = page.context.new_cdp_session(page)
    cdp.send(
        "Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": start[0], "y": start[1]}]}
    )
    for step in range(1, 13):
        x = start[0] + (end[0] - start[0]) * step / 12
        y = start[1] + (end[1] - start[1]) * step / 12
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def drag_into_order(page: Page, item: Locator, wanted: list[str]) -> None:
    """Drag each item in turn, with the mouse, onto the top of the row where it belongs."""
    item.scroll_into_view_if_needed()
    for index, item_id in enumerate(wanted):
        if order(item)[index] != item_id:
            grab = item.locator(f"[data-item='{item_id}'] [data-grab]")
            mouse_drag(page, centre(grab), top_of(item.locator("[data-item]").nth(index)))
        assert order(item)[index] == item_id


def answer_the_rest(learner: Learner, course: Course, *left: str) -> str:
    """Answer every question but ``left`` correctly, and submit; the result summary."""
    assert course.quiz is not None
    for asked in learner.asked(course.quiz):
        if asked.id not in left:
            learner.answer(asked, correctly=True)
    return learner.submit()
