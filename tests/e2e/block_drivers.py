"""How a learner uses each lesson block of the first lesson of tests/e2e/blocks_course.py, and what
must still show when they come back: one driver per block, by keyboard alone or by pointer.

A driver's ``use`` works the block and checks what the learner sees at each step, and leaves it in
the middle (an item open, a tab chosen, a process or a scenario part-way, not finished); ``kept``
checks, after a resume, that the block shows that same state; ``finish`` goes on from the middle to
the end (the last step, an ending, a restart).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

MAX_TABS = 80
"""More Tab presses than the first lesson has controls: reaching it means the control cannot be reached."""


@dataclass(frozen=True)
class Hands:
    """Works controls with the keyboard alone (Tab to the control, then Enter or Space) or the pointer."""

    page: Page
    keyboard: bool

    def press(self, control: Locator, key: str = "Enter", disabled: bool = False) -> None:
        """Press the control (``disabled``: one marked aria-disabled, which a pointer can still click)."""
        if not self.keyboard:
            control.click(force=disabled)
            return
        for _ in range(MAX_TABS):
            if control.evaluate("element => element === document.activeElement"):
                self.page.keyboard.press(key)
                return
            self.page.keyboard.press("Tab")
        raise AssertionError(f"Tab never reaches {control}")

    def key(self, key: str) -> None:
        assert self.keyboard
        self.page.keyboard.press(key)


def use_callout(view: Locator, hands: Hands) -> None:
    note = view.get_by_role("note").filter(has_text="Before you reply")
    expect(note).to_contain_text("Do not agree to anything on the spot.")
    # Nothing in it takes the focus (Tab goes past it) or reacts to the pointer.
    assert note.locator("a, button, input, [tabindex]").count() == 0
    if not hands.keyboard:
        note.click()
    expect(note).to_be_visible()


def kept_callout(view: Locator) -> None:
    expect(view.get_by_role("note").filter(has_text="Before you reply")).to_be_visible()


def use_accordion(view: Locator, hands: Hands) -> None:
    why = view.get_by_role("button", name="Why not help?")
    hands.press(why)
    expect(why).to_have_attribute("aria-expanded", "true")
    expect(view.get_by_role("region", name="Why not help?")).to_contain_text("A shared history")
    hands.press(why, "Space")
    expect(why).to_have_attribute("aria-expanded", "false")
    expect(view.get_by_text("A shared history")).to_be_hidden()
    hands.press(view.get_by_role("button", name="Who to tell"))
    expect(view.get_by_role("region", name="Who to tell")).to_contain_text("Your supervisor.")


def kept_accordion(view: Locator) -> None:
    expect(view.get_by_role("button", name="Who to tell")).to_have_attribute("aria-expanded", "true")
    expect(view.get_by_role("button", name="Why not help?")).to_have_attribute("aria-expanded", "false")


def use_tabs(view: Locator, hands: Hands) -> None:
    tabs = view.get_by_role("tablist", name="Ways to respond")
    tab = tabs.get_by_role("tab")
    if not hands.keyboard:
        tab.filter(has_text="By message").click()
    else:
        # One tab stop; the arrows move and select, Home and End jump, and the arrows wrap.
        hands.press(tabs.locator("[aria-selected='true']"), "ArrowRight")
        expect(tab.filter(has_text="By message")).to_be_focused()
        hands.key("End")
        expect(tab.filter(has_text="By phone")).to_be_focused()
        hands.key("Home")
        hands.key("ArrowLeft")
        expect(tab.filter(has_text="By phone")).to_have_attribute("aria-selected", "true")
        hands.key("ArrowLeft")
        assert tabs.locator("[tabindex='0']").count() == 1
    expect(tab.filter(has_text="By message")).to_have_attribute("aria-selected", "true")
    expect(view.get_by_role("tabpanel", name="By message")).to_contain_text("Reply the same day.")
    expect(view.get_by_text("Be brief and kind.")).to_be_hidden()


def kept_tabs(view: Locator) -> None:
    expect(view.get_by_role("tab", name="By message")).to_have_attribute("aria-selected", "true")
    expect(view.get_by_role("tabpanel", name="By message")).to_be_visible()
    expect(view.get_by_role("tab", name="In person")).to_have_attribute("tabindex", "-1")


def use_flipcards(view: Locator, hands: Hands) -> None:
    conflict = view.get_by_role("button", name="Conflict of interest")
    hands.press(conflict)
    expect(conflict).to_have_attribute("aria-expanded", "true")  # the front stays the button's name
    expect(view.get_by_text("Your feelings compete")).to_be_visible()
    hands.press(conflict, "Space")
    expect(view.get_by_text("Your feelings compete")).to_be_hidden()
    hands.press(view.get_by_role("button", name="Loss of objectivity"))
    expect(view.get_by_text("Honest feedback gets hard.")).to_be_visible()


def kept_flipcards(view: Locator) -> None:
    expect(view.get_by_role("button", name="Loss of objectivity")).to_have_attribute("aria-expanded", "true")
    expect(view.get_by_role("button", name="Conflict of interest")).to_have_attribute(
        "aria-expanded", "false"
    )


def use_process(view: Locator, hands: Hands) -> None:
    following = view.get_by_role("button", name="Next step")
    hands.press(following)
    expect(view.get_by_role("heading", name="Step 2 of 3 Decline")).to_be_visible()
    expect(view.locator(".process-status")).to_have_text("Step 2 of 3 Decline")
    expect(view.get_by_text("Hear the request out.")).to_be_hidden()
    hands.press(view.get_by_role("button", name="Previous step"), "Space")
    expect(view.get_by_role("heading", name="Step 1 of 3 Listen")).to_be_visible()
    hands.press(following)


def kept_process(view: Locator) -> None:
    expect(view.get_by_role("heading", name="Step 2 of 3 Decline")).to_be_visible()


def finish_process(view: Locator, hands: Hands) -> None:
    following = view.get_by_role("button", name="Next step")
    hands.press(following)
    expect(view.get_by_role("heading", name="Step 3 of 3 Refer")).to_be_visible()
    expect(following).to_have_attribute("aria-disabled", "true")
    hands.press(following, disabled=True)  # nothing after the last step
    expect(view.get_by_role("heading", name="Step 3 of 3 Refer")).to_be_visible()


def use_graphic(view: Locator, hands: Hands) -> None:
    circle = view.get_by_role("button", name="The circle")
    square = view.get_by_role("button", name="The square")
    image = view.locator(".graphic-figure img").bounding_box()
    assert image is not None
    for marker, share in ((circle, 0.25), (square, 0.75)):  # each marker on its place on the image
        box = marker.bounding_box()
        assert box is not None
        assert abs(box["x"] + box["width"] / 2 - (image["x"] + share * image["width"])) < 2
        assert abs(box["y"] + box["height"] / 2 - (image["y"] + share * image["height"])) < 2
    hands.press(circle)
    expect(circle).to_have_attribute("aria-expanded", "true")
    expect(view.get_by_role("region", name="The circle")).to_contain_text("Round and small.")
    hands.press(square, "Space")
    expect(view.get_by_role("region", name="The square")).to_contain_text("Square and brown.")
    hands.press(circle)
    expect(view.get_by_role("region", name="The circle")).to_be_hidden()


def kept_graphic(view: Locator) -> None:
    expect(view.get_by_role("button", name="The square")).to_have_attribute("aria-expanded", "true")
    expect(view.get_by_role("button", name="The circle")).to_have_attribute("aria-expanded", "false")


def choose(view: Locator, hands: Hands, choice: str, consequence: str) -> None:
    """Take a choice: it is marked as taken, the others no longer react, its consequence has the focus."""
    button = view.get_by_role("button", name=choice, exact=True)
    hands.press(button)
    expect(button).to_have_attribute("aria-pressed", "true")
    shown = view.locator(".scenario-consequence:visible")
    expect(shown).to_be_focused()
    expect(shown).to_contain_text(f"You chose: {choice}")
    expect(shown).to_contain_text(consequence)
    others = button.locator("xpath=ancestor::ul").get_by_role("button").filter(has_not_text=choice)
    expect(others.first).to_have_attribute("aria-disabled", "true")


def go_on(view: Locator, hands: Hands, title: str) -> None:
    """Continue: the situation it leads to is the only one shown, and its heading has the focus."""
    hands.press(view.locator(".scenario-consequence:visible").get_by_role("button", name="Continue"))
    heading = view.get_by_role("heading", name=title)
    expect(heading).to_be_focused()
    expect(view.locator(".scenario-situation:visible")).to_have_count(1)


def use_scenario(view: Locator, hands: Hands) -> None:
    choose(view, hands, "Ask for a day to think", "You promise an answer tomorrow.")
    go_on(view, hands, "The next day")
    expect(view.get_by_role("heading", name="Sam calls")).to_be_hidden()
    choose(view, hands, "Refer Sam to a colleague", "can see Sam this week")


def kept_scenario(view: Locator) -> None:
    # The path taken: the second situation, its choice taken and its consequence shown.
    expect(view.get_by_role("heading", name="The next day")).to_be_visible()
    expect(view.get_by_role("heading", name="Sam calls")).to_be_hidden()
    expect(view.get_by_role("button", name="Refer Sam to a colleague")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(view.get_by_text("can see Sam this week")).to_be_visible()


def finish_scenario(view: Locator, hands: Hands) -> None:
    go_on(view, hands, "A good ending Sam is referred")
    hands.press(view.get_by_role("button", name="Restart scenario"))
    expect(view.get_by_role("heading", name="Sam calls")).to_be_focused()
    for choice in ("Say yes", "Ask for a day to think"):
        expect(view.get_by_role("button", name=choice)).to_have_attribute("aria-pressed", "false")
        expect(view.get_by_role("button", name=choice)).not_to_have_attribute("aria-disabled", "true")
    expect(view.get_by_text("You promise an answer tomorrow.")).to_be_hidden()
    choose(view, hands, "Say yes", "You agree on the spot.")
    go_on(view, hands, "A poor ending Working together")
    expect(view.get_by_text("Your shared history gets in the way.")).to_be_visible()


def nothing_more(view: Locator, hands: Hands) -> None:
    """A block with no end to reach."""


@dataclass(frozen=True)
class Driver:
    use: Callable[[Locator, Hands], None]
    kept: Callable[[Locator], None]
    finish: Callable[[Locator, Hands], None] = nothing_more


DRIVERS = {
    "callout": Driver(use_callout, kept_callout),
    "accordion": Driver(use_accordion, kept_accordion),
    "tabs": Driver(use_tabs, kept_tabs),
    "flipcards": Driver(use_flipcards, kept_flipcards),
    "process": Driver(use_process, kept_process, finish_process),
    "graphic": Driver(use_graphic, kept_graphic),
    "scenario": Driver(use_scenario, kept_scenario, finish_scenario),
}
"""Every block of the packager, in the order the first lesson has them."""
