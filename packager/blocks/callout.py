"""A callout: a short passage set apart as a tip, a note, a warning or something important.

    ::: callout warning Before you reply
    Text of the callout, any Markdown.
    :::

The first word after ``callout`` is its kind; the rest, if any, is its title (the kind's name
otherwise). It is a note (not a landmark) with a visible label, so its meaning never rests on colour.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import model_validator

from packager.blocks.base import BlockBase, BlockType

KINDS = ("note", "tip", "warning", "important")
"""The kinds of callout; each one's name is an interface string (``block.callout_<kind>``)."""


class Callout(BlockBase):
    type: Literal["callout"]
    min_items: ClassVar[int] = 0
    takes_options: ClassVar[bool] = True

    @model_validator(mode="after")
    def _known_kind(self) -> Callout:
        if self.kind not in KINDS:
            raise ValueError(
                f"'::: callout' is followed by its kind, one of: {', '.join(KINDS)} "
                f"(then an optional title); found '{self.kind}'"
            )
        return self

    @property
    def kind(self) -> str:
        """note, tip, warning or important (note when the opening line names none)."""
        return self.options.split(" ", 1)[0] or "note"

    @property
    def title(self) -> str:
        """The title the author gave; empty when the kind's name (in the course's language) stands for it."""
        rest = self.options.split(" ", 1)[1:]
        return rest[0].strip() if rest else ""

    @property
    def shown_text(self) -> str:
        return self.title


TEMPLATE = """\
<div class="block callout callout-{{ block.kind }} panel" role="note" aria-labelledby="{{ id }}-title">
  {% set names = {"note": t("block.callout_note"), "tip": t("block.callout_tip"), "warning": t("block.callout_warning"), "important": t("block.callout_important")} %}
  <p class="callout-title" id="{{ id }}-title"><span class="callout-icon" aria-hidden="true"></span>{{ block.title or names[block.kind] }}</p>
  <div class="trim">
{{ body }}
  </div>
</div>
"""

CSS = """\
.callout { border-inline-start: 6px solid var(--accent); }
.callout-title { margin: 0 0 0.25rem; font-weight: 700; display: flex; gap: 0.5rem; align-items: center; }
.callout-icon { inline-size: 1.3rem; block-size: 1.3rem; border-radius: 50%; background: var(--accent); color: var(--accent-text); display: inline-grid; place-items: center; font-size: 0.85rem; flex: none; }
.callout-icon::before { content: "i"; font-weight: 700; }
.callout-tip .callout-icon::before { content: "\\2713"; }
.callout-warning { border-inline-start-color: var(--bad); }
.callout-warning .callout-icon { background: var(--bad); color: var(--background); }
.callout-warning .callout-icon::before, .callout-important .callout-icon::before { content: "!"; }
"""

EXAMPLE = """\
::: callout tip Ask before you assume
A callout sets a passage apart: write `note`, `tip`, `warning` or `important` after
`callout`, then an optional title.
:::
"""

BLOCK_TYPE = BlockType(model=Callout, template=TEMPLATE, script="", css=CSS, example=EXAMPLE)
