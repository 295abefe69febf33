"""An accordion: headed sections the learner opens and closes (the WAI-ARIA accordion pattern).

    ::: accordion
    ## First section
    Its text.
    ## Second section
    Its text.
    :::

Each heading holds a button with ``aria-expanded`` and ``aria-controls``; the panel it controls
is a region labelled by the button. Opened sections stay open across resume.
"""

from __future__ import annotations

from typing import Literal

from packager.blocks.base import BlockBase, BlockType


class Accordion(BlockBase):
    type: Literal["accordion"]

    def state_size(self) -> int:
        return len(self.items)


TEMPLATE = """\
{% from "block_panels.html" import panel %}
<div class="block accordion" data-block="{{ number }}" data-block-type="accordion">
{% for item in items %}
  <h{{ level }} class="accordion-heading"><button type="button" class="accordion-button" id="{{ item.id }}-button" aria-expanded="false" aria-controls="{{ item.id }}-panel"><span class="accordion-title">{{ item.title }}</span><span class="accordion-icon" aria-hidden="true"></span></button></h{{ level }}>
{{ panel(item, "accordion-panel", "button") }}
{% endfor %}
</div>
"""

SCRIPT = """\
/* Accordion block: a heading's button opens or closes its panel; open panels are kept. */
window.CoursePackager.blockTypes.accordion = function (element, progress) {
  window.CoursePackager.toggleItems(element, ".accordion-button", progress);
};
"""

CSS = """\
.accordion { border-block-start: var(--line); }
.accordion-heading { margin: 0; font-size: 1.05rem; border-block-end: var(--line); }
.accordion-button { inline-size: 100%; display: flex; justify-content: space-between; align-items: center; gap: 1rem; padding: 0.75rem 0.5rem; border: 0; background: none; color: var(--text); font-weight: 600; text-align: start; }
.accordion-button:hover { background: var(--surface); }
.accordion-icon { flex: none; inline-size: 0.6rem; block-size: 0.6rem; border-block-end: 2px solid; border-inline-end: 2px solid; transform: rotate(45deg); transition: transform 0.15s; }
[aria-expanded="true"] > .accordion-icon { transform: rotate(-135deg); }
.accordion-panel { padding: 0.5rem 0.5rem 0.75rem; border-block-end: var(--line); }
"""

EXAMPLE = """\
::: accordion
## What the block is
Headed sections the learner opens one by one.
## How to write it
A heading (`##`) starts each section; its text follows.
:::
"""

BLOCK_TYPE = BlockType(model=Accordion, template=TEMPLATE, script=SCRIPT, css=CSS, example=EXAMPLE)
