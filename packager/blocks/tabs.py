"""Tabs: one panel shown at a time, chosen from a row of tabs (the WAI-ARIA tabs pattern).

    ::: tabs Ways to respond
    ## In person
    Its text.
    ## By message
    Its text.
    :::

Each heading becomes a tab; the optional text after ``tabs`` labels the tab list. The arrow keys
move between the tabs (and select them), Home and End go to the first and last. The selected tab
is kept across resume.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from packager.blocks.base import BlockBase, BlockType


class Tabs(BlockBase):
    type: Literal["tabs"]
    min_items: ClassVar[int] = 2
    item_word: ClassVar[str] = "tab"
    takes_options: ClassVar[bool] = True

    @property
    def shown_text(self) -> str:
        return self.options  # the label (read by screen readers)

    def state_size(self) -> int:
        # Which tab is selected (one fact per tab), so that the learner comes back to it.
        return len(self.items)


TEMPLATE = """\
{% from "block_panels.html" import panel %}
<div class="block tabs" data-block="{{ number }}" data-block-type="tabs">
  <div class="tab-list" role="tablist"{% if block.options %} aria-label="{{ block.options }}"{% endif %}>
{% for item in items %}
    <button type="button" class="tab" role="tab" id="{{ item.id }}-tab" aria-controls="{{ item.id }}-panel" aria-selected="{{ 'true' if loop.first else 'false' }}"{% if not loop.first %} tabindex="-1"{% endif %}>{{ item.title }}</button>
{% endfor %}
  </div>
{% for item in items %}
{{ panel(item, "tab-panel", "tab", role="tabpanel", shown=loop.first, focusable=true) }}
{% endfor %}
</div>
"""

SCRIPT = """\
/* Tabs block: clicking a tab or moving to it with the arrow keys, Home or End shows its panel. */
window.CoursePackager.blockTypes.tabs = function (element, progress) {
  const tabs = Array.from(element.querySelectorAll("[role=tab]"));
  function select(chosen, quiet) {
    tabs.forEach((tab, index) => {
      const on = tab === chosen;
      if (!quiet) { progress.set(index, on); }
      tab.setAttribute("aria-selected", on);
      tab.tabIndex = on ? 0 : -1;
      document.getElementById(tab.getAttribute("aria-controls")).hidden = !on;
    });
  }
  select(tabs.find((tab, index) => progress.seen(index)) || tabs[0], true);
  tabs.forEach((tab, index) => {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (event) => {
      const forward = window.getComputedStyle(element).direction === "rtl" ? -1 : 1;
      const to = { ArrowRight: index + forward, ArrowLeft: index - forward, Home: 0, End: tabs.length - 1 }[event.key];
      if (to === undefined) { return; }
      event.preventDefault();
      const chosen = tabs[(to + tabs.length) % tabs.length];
      select(chosen);
      chosen.focus();
    });
  });
};
"""

CSS = """\
.tab-list { display: flex; flex-wrap: wrap; gap: 0.25rem; border-block-end: 2px solid var(--border); }
.tab { flex: 1 1 auto; padding: 0.5rem 0.9rem; border: var(--line); border-block-end: 0; border-start-start-radius: var(--radius); border-start-end-radius: var(--radius); background: var(--surface); color: var(--text); max-inline-size: 100%; text-align: start; }
.tab[aria-selected="true"] { background: var(--accent); border-color: var(--accent); color: var(--accent-text); font-weight: 700; }
.tab-panel { padding: var(--pad); border: var(--line); border-block-start: 0; }
"""

EXAMPLE = """\
::: tabs Two ways to say it
## Short
Each heading (`##`) becomes a tab.
## Longer
The text under a heading is its tab's panel; the arrow keys move between the tabs.
:::
"""

BLOCK_TYPE = BlockType(model=Tabs, template=TEMPLATE, script=SCRIPT, css=CSS, example=EXAMPLE)
