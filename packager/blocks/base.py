"""What every lesson block shares, and the plug-in object that registers one.

A block is one module (``packager/blocks/<name>.py``, or a module of another package) that
defines a pydantic model and registers one :class:`BlockType` through the entry-point group
``scorm_course_packager.lesson_blocks`` (see :mod:`packager.blocks.registry`). The object holds
everything the packager needs: the block's model (which checks what the author wrote), its
template, its runtime script and stylesheet, its scaffold example, and whether the learner must
finish it for the lesson to count as viewed.

A block is written as a container: ``::: <name> <options>`` on a line, its content, and ``:::``.
Most blocks are made of items, each starting with a heading (``## Item title``): the level of the
block's first heading is the level of its items. The model receives ``options`` (the rest of the
opening line) and ``items`` (each item's heading text); the template receives the model and the
items' rendered HTML.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pydantic import Field, model_validator

from packager.plugins import PluginKind
from packager.types import StrictModel, Text

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from packager.testing.actions import Action


class BlockItem(StrictModel):
    """One item of a block: the text of its heading (the item's content is rendered Markdown)."""

    title: Text
    parts: list[BlockItem] = Field(
        default=[], description="One per heading a level below (blocks that take parts)."
    )


class ItemProblem(ValueError):
    """A problem with one item (``item``, 0-based) or one of its parts (``part``): it is reported at
    that item's or part's heading rather than at the block's opening line."""

    def __init__(self, message: str, item: int, part: int | None = None) -> None:
        super().__init__(message)
        self.item = item
        self.part = part


class BlockBase(StrictModel):
    """Fields every block has. A block narrows ``type`` to its own name (a ``Literal``)."""

    type: str
    options: str = Field(default="", description="The rest of the opening line: '::: callout tip'.")
    items: list[BlockItem] = Field(default=[], description="One per heading inside the block.")
    lead: str = Field(default="", description="The Markdown before the first heading (blocks that take one).")

    min_items: typing.ClassVar[int] = 1
    """The fewest items the block makes sense with (0: the block has no items)."""
    item_word: typing.ClassVar[str] = "item"
    """What the block calls an item in messages ("tab", "card", "step")."""
    takes_options: typing.ClassVar[bool] = False
    takes_lead: typing.ClassVar[bool] = False
    """Whether content may come before the first heading (an image the items point at...)."""
    takes_parts: typing.ClassVar[bool] = False
    """Whether each item is cut into its own text and parts, at its headings a level below its own
    (a scenario's situations and their choices)."""

    @model_validator(mode="after")
    def _check_shape(self) -> BlockBase:
        if self.options and not self.takes_options:
            raise ValueError(f"'::: {self.type}' takes nothing after its name; remove '{self.options}'")
        if self.min_items and len(self.items) < self.min_items:
            raise ValueError(
                f"the {self.type} block needs at least {self.min_items} {self.item_word}"
                f"{'s' if self.min_items > 1 else ''}, each starting with a heading "
                f"('## {self.item_word.capitalize()} title' and its text below)"
            )
        return self

    @property
    def shown_text(self) -> str:
        """The end of ``options`` the learner reads (a title, a label), which a translator translates;
        empty when the opening line holds only words the packager reads (a callout's kind)."""
        return ""

    def state_size(self) -> int:
        """How many on/off facts the runtime keeps for this block across resume (one per item that
        was opened, flipped or reached); 0 when nothing about it needs keeping."""
        return 0

    def finished_by(self) -> int | None:
        """The one fact that says the block is finished (a scenario's ending reached), or None when
        it is finished once all its facts are on."""
        return None


Finish = Callable[["Locator"], "list[Action]"]
"""How the test learner finishes a block: (the block's element on the page) -> the actions."""


def no_actions(block: Locator) -> list[Action]:
    """A block with nothing to finish."""
    return []


@dataclass(frozen=True)
class BlockType(PluginKind):
    """One kind of lesson block, as its plug-in registers it."""

    folder: typing.ClassVar[str] = "blocks"

    model: type[BlockBase]
    """Checks what the author wrote (options, the items' headings)."""
    template: str
    """Jinja2 source of the block's HTML (autoescaped), with ``block`` (the model), ``items``
    (each with ``title`` and ``body`` as HTML, ``id`` and ``index``), ``body`` (the whole content as
    HTML, for blocks without items), ``lead`` (the content before the first heading, as HTML), ``level`` (the items' heading level) and ``id`` in scope."""
    script: str
    """Runtime JavaScript registering ``ns.blockTypes[<name>] = function (element, progress)``
    (see ``templates/runtime/blocks.js``); empty for a block with no behaviour."""
    css: str
    """The block's stylesheet (CSS logical properties, light and dark through the theme's colours)."""
    example: str
    """The block as an author writes it in a lesson (``packager new``, the README)."""
    example_files: Mapping[str, str] = field(default_factory=dict)
    """Files the example refers to, by path relative to the lesson (an image...), with their text."""
    must_finish: bool = False
    """The lesson counts as viewed only once this block is finished: all its facts on, or the one its
    model's ``finished_by()`` names (a scenario's ending reached)."""
    finish: Finish = no_actions
    """How the test learner finishes the block (:mod:`packager.testing.actions`)."""
