"""A "reveal" lesson block: the learner thinks first, then presses a button to see the answer.

    ::: reveal What would you say?
    The answer, any Markdown.
    :::

This module lives outside the packager on purpose: the test suite installs it as a package of its
own (tests/plugins/reveal/pyproject.toml registers it under ``scorm_course_packager.lesson_blocks``),
so it proves that one module adds a block with no change to the packager. It keeps whether the
answer was revealed across resume, and the lesson counts as viewed only once it was.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from packager.blocks.base import BlockBase, BlockType
from packager.testing.actions import Press

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from packager.testing.actions import Action


class Reveal(BlockBase):
    type: Literal["reveal"]
    min_items: ClassVar[int] = 0
    takes_options: ClassVar[bool] = True

    def state_size(self) -> int:
        return 1


TEMPLATE = """\
<div class="block reveal" data-block="{{ number }}" data-block-type="reveal">
  <p class="reveal-question">{{ block.options or "Think about it first." }}</p>
  <button type="button" class="reveal-button" id="{{ id }}-button" aria-expanded="false" aria-controls="{{ id }}-answer">Show the answer</button>
  <div class="reveal-answer" id="{{ id }}-answer" hidden>
{{ body }}
  </div>
</div>
"""

SCRIPT = """\
/* Reveal block: the button shows the answer, once and for good. */
(function (ns) {
  "use strict";
  ns.blockTypes.reveal = function (element, progress) {
    var button = element.querySelector(".reveal-button");
    var answer = document.getElementById(button.getAttribute("aria-controls"));
    function show() { button.setAttribute("aria-expanded", "true"); answer.hidden = false; }
    if (progress.seen(0)) { show(); }
    button.addEventListener("click", function () { show(); progress.set(0, true); });
  };
})(window.CoursePackager = window.CoursePackager || {});
"""

CSS = """\
.reveal { margin-block: 1.25rem; padding: 0.75rem 1rem; border: 1px dashed var(--border); border-radius: 0.4rem; }
.reveal-question { margin-block-start: 0; font-weight: 600; }
.reveal-button { min-block-size: 44px; padding: 0.5rem 1rem; border: 2px solid var(--accent); border-radius: 0.3rem; background: var(--background); color: var(--accent); cursor: pointer; }
"""

EXAMPLE = """\
::: reveal What would you say?
Press the button to see the answer: the lesson counts once you have.
:::
"""


def finish(block: Locator) -> list[Action]:
    return [Press(block.get_by_role("button", name="Show the answer"))]


BLOCK_TYPE = BlockType(
    model=Reveal, template=TEMPLATE, script=SCRIPT, css=CSS, example=EXAMPLE, must_finish=True, finish=finish
)
