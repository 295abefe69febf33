"""Process steps: a sequence the learner goes through one step at a time, with Next and Previous.

    ::: process
    ## First step
    What happens first.
    ## Second step
    What happens next.
    :::

Each step shows its position ("Step 2 of 4"), which a polite live region announces as the learner
moves. The learner must reach the last step for the lesson to count as viewed; the furthest step
reached is kept across resume, and the block opens there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from packager.blocks.base import BlockBase, BlockType
from packager.testing.actions import Press, interface_text

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from packager.testing.actions import Action


class Process(BlockBase):
    type: Literal["process"]
    min_items: ClassVar[int] = 2
    item_word: ClassVar[str] = "step"

    def state_size(self) -> int:
        # Whether each step after the first was reached (the first is on screen from the start).
        return len(self.items) - 1


TEMPLATE = """\
<div class="block process panel" data-block="{{ number }}" data-block-type="process">
  <p class="process-note muted">{{ tn("block.process_note", items|length) }}</p>
  <ol class="process-steps bare">
{% for item in items %}
    <li class="process-step" id="{{ item.id }}"{% if not loop.first %} hidden{% endif %}>
      <h{{ level }} class="process-heading"><span class="process-position">{{ tn("block.step_of", loop.length, number=loop.index) }}</span> <span class="process-title">{{ item.title }}</span></h{{ level }}>
{{ item.body }}
    </li>
{% endfor %}
  </ol>
  <p class="process-status vh" aria-live="polite"></p>
  <div class="process-nav">
    <button type="button" class="process-button secondary" id="{{ id }}-previous" data-move="-1" aria-disabled="true">{{ t("block.previous_step") }}</button>
    <button type="button" class="process-button primary" id="{{ id }}-next" data-move="1">{{ t("block.next_step") }}</button>
  </div>
</div>
"""

SCRIPT = """\
/* Process block: one step at a time; the live region says where the learner is. */
window.CoursePackager.blockTypes.process = function (element, progress) {
  const steps = element.querySelectorAll(".process-step");
  const buttons = element.querySelectorAll("[data-move]");
  let current = 0;
  function show(index, announce) {
    current = index;
    steps.forEach((step, at) => { step.hidden = at !== index; });
    buttons[0].setAttribute("aria-disabled", index === 0);
    buttons[1].setAttribute("aria-disabled", index === steps.length - 1);
    if (announce) { element.querySelector(".process-status").textContent = steps[index].querySelector(".process-heading").textContent; }
    if (index > 0) { progress.set(index - 1, true); }
  }
  let reached = 0;
  for (let step = 1; step < steps.length; step++) { if (progress.seen(step - 1)) { reached = step; } }
  show(reached, false);
  buttons.forEach((button) => {
    button.addEventListener("click", () => {
      const next = current + Number(button.getAttribute("data-move"));
      if (next >= 0 && next < steps.length) { show(next, true); }
    });
  });
};
"""

CSS = """\
.process-note { margin-block-start: 0; }
.process-step { padding: var(--pad); border-inline-start: 4px solid var(--accent); background: var(--background); }
.process-step > :last-child { margin-block-end: 0; }
.process-heading { margin-block: 0 0.5rem; font-size: 1.1rem; }
.process-position { display: block; font-size: 0.85rem; font-weight: 600; color: var(--muted); text-transform: uppercase; letter-spacing: 0.03em; }
.process-nav { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0.5rem; margin-block-start: 0.75rem; }
"""

EXAMPLE = """\
::: process
## First step
A process shows one step at a time, with Next step and Previous step.
## Second step
The learner reaches the last step for the lesson to count as viewed.
:::
"""


def finish(block: Locator) -> list[Action]:
    """Press Next step (by its name in the course's language) until the last step is on screen."""
    steps = block.locator(".process-step").count()
    following = block.get_by_role("button", name=interface_text(block, "block.next_step"), exact=True)
    return [Press(following)] * max(0, steps - 1)


BLOCK_TYPE = BlockType(
    model=Process, template=TEMPLATE, script=SCRIPT, css=CSS, example=EXAMPLE, must_finish=True, finish=finish
)
