"""What a test learner does to answer a question: actions on the question's controls.

A question type's plug-in says how to answer it right or wrong as a list of actions
(:attr:`packager.questions.base.QuestionType.answer`); a learner performs them, with the pointer
(:func:`perform`) or with the keyboard (the keyboard test in this repository's suite). Playwright is
not imported here: the controls are Playwright locators, used only by the learner that performs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Locator


@dataclass(frozen=True)
class Check:
    """Tick a checkbox or select a radio button (``checked=False``: untick a checkbox)."""

    control: Locator
    checked: bool = True


@dataclass(frozen=True)
class Fill:
    """Type ``text`` into a text field, replacing what it holds."""

    control: Locator
    text: str


@dataclass(frozen=True)
class Choose:
    """Pick the option whose value is ``value`` in a drop-down list."""

    control: Locator
    value: str


@dataclass(frozen=True)
class Press:
    """Press a button (a lesson block's control: open, turn, next step...)."""

    control: Locator


@dataclass(frozen=True)
class Keys:
    """Focus a control and press keys on it, in turn (Playwright key names: "Space", "ArrowUp")."""

    control: Locator
    keys: tuple[str, ...]


Action = Check | Fill | Choose | Press | Keys

_TEXT = "(element, asked) => window.CoursePackager.t(asked.key, asked.values)"


def interface_text(within: Locator, key: str, **values: object) -> str:
    """An interface string (``block.next_step``...) as the page of ``within`` shows it: in the
    course's language, with the author's overrides (the page's own runtime ``t``), so a control is
    found by the name the learner sees."""
    return str(within.evaluate(_TEXT, {"key": key, "values": values}))


def perform(actions: list[Action]) -> None:
    """Do the actions as a person with a mouse would."""
    for action in actions:
        if isinstance(action, Check):
            action.control.set_checked(action.checked)
        elif isinstance(action, Fill):
            action.control.fill(action.text)
        elif isinstance(action, Press):
            action.control.click()
        elif isinstance(action, Keys):
            for key in action.keys:
                action.control.press(key)
        else:
            action.control.select_option(action.value)
