"""Flip cards: cards whose front names something and whose back tells about it.

    ::: flipcards
    ## Front of the first card
    Back of the first card.
    ## Front of the second card
    Back of the second card.
    :::

Each card's heading holds a button that turns it (``aria-expanded``, ``aria-controls``): the front
stays the button's name and the back is shown below it, so a screen reader reaches both faces.
Turned cards stay turned across resume.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from packager.blocks.base import BlockBase, BlockType


class FlipCards(BlockBase):
    type: Literal["flipcards"]
    item_word: ClassVar[str] = "card"

    def state_size(self) -> int:
        return len(self.items)


TEMPLATE = """\
<ul class="block flipcards bare" data-block="{{ number }}" data-block-type="flipcards">
{% for item in items %}
  <li class="flipcard">
    <h{{ level }} class="flipcard-heading"><button type="button" class="flipcard-button" aria-expanded="false" aria-controls="{{ item.id }}-back"><span class="flipcard-front">{{ item.title }}</span> <span class="flipcard-hint flipcard-hint-over">{{ t("block.turn_over") }}</span><span class="flipcard-hint flipcard-hint-back">{{ t("block.turn_back") }}</span></button></h{{ level }}>
    <div class="flipcard-back trim" id="{{ item.id }}-back" hidden>
{{ item.body }}
    </div>
  </li>
{% endfor %}
</ul>
"""

SCRIPT = """\
/* Flip cards block: a card's button turns it to show its back, or back to its front. */
window.CoursePackager.blockTypes.flipcards = function (element, progress) {
  window.CoursePackager.toggleItems(element, ".flipcard-button", progress, (button, over) => {
    button.closest(".flipcard").classList.toggle("flipped", over);
  });
};
"""

CSS = """\
.flipcards { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(100%, 14rem), 1fr)); gap: 1rem; }
.flipcard { display: flex; flex-direction: column; min-block-size: 9rem; border: 2px solid var(--accent); border-radius: 0.6rem; background: var(--surface); overflow: hidden; }
.flipcard-heading { margin: 0; font-size: 1.1rem; flex: 1; display: flex; }
.flipcard-button { flex: 1; display: flex; flex-direction: column; justify-content: center; align-items: center; gap: 0.5rem; padding: 1rem; border: 0; background: none; color: var(--text); font-weight: 700; }
.flipcard-hint { font-size: 0.85rem; font-weight: 400; color: var(--accent); text-decoration: underline; white-space: nowrap; }
[aria-expanded="true"] > .flipcard-hint-over, [aria-expanded="false"] > .flipcard-hint-back { display: none; }
.flipcard.flipped { background: var(--background); animation: flipcard-turn 0.35s ease-out; }
.flipped .flipcard-heading { flex: none; }
.flipped .flipcard-button { flex-direction: row; justify-content: space-between; padding: 0.6rem 1rem; background: var(--accent); color: var(--accent-text); text-align: start; }
.flipped .flipcard-hint { color: inherit; }
.flipcard-back { padding: var(--pad); }
@keyframes flipcard-turn { from { transform: perspective(40rem) rotateY(90deg); } }
@media (prefers-reduced-motion: reduce) { .flipcard.flipped { animation: none; } }
"""

EXAMPLE = """\
::: flipcards
## Front of a card
Its back: the learner turns the card with its button.
## Another card
Each heading (`##`) starts a card.
:::
"""

BLOCK_TYPE = BlockType(model=FlipCards, template=TEMPLATE, script=SCRIPT, css=CSS, example=EXAMPLE)
