"""Sequencing: put the items in the right order (a list to drag, or to reorder by keyboard or buttons)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, Field

from packager.questions.base import DRAG_HELPERS, QuestionBase, QuestionType, letters
from packager.testing.actions import Keys
from packager.types import Text

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from packager.i18n.catalogue import Messages
    from packager.testing.actions import Action


def _distinct(items: list[str]) -> list[str]:
    if len(set(items)) != len(items):
        raise ValueError("each item must appear only once")
    return items


class Sequencing(QuestionBase):
    """Items listed in their correct order; the learner sees them shuffled and orders them."""

    interaction_type: ClassVar[str] = "sequencing"
    type: Literal["sequencing"]
    items: Annotated[list[Text], AfterValidator(_distinct)] = Field(
        min_length=2, max_length=26, description="In the correct order."
    )

    @property
    def item_ids(self) -> list[str]:
        """Items are a, b, c... in their correct order."""
        return letters(len(self.items))

    @property
    def display_items(self) -> list[tuple[str, str]]:
        """(item id, text) sorted by text: the order shown before the runtime shuffles them."""
        return sorted(zip(self.item_ids, self.items, strict=True), key=lambda item: item[1])

    def answer_key(self) -> Any:
        return self.item_ids

    def correct_responses(self) -> list[Any]:
        return [self.item_ids]

    def max_response_length(self) -> int:
        return len(self.items)

    def longest_response(self) -> Any:
        return list(reversed(self.item_ids))

    def describe_correct(self) -> str:
        return " → ".join(self.items)

    def shown_answer(self, words: Messages) -> list[str]:
        """The items in order, numbered."""
        return [
            words.text("answer.step", number=place, item=item) for place, item in enumerate(self.items, 1)
        ]

    def describe_wrong(self) -> str:
        """The first two items swapped."""
        return " → ".join([self.items[1], self.items[0], *self.items[2:]])


TEMPLATE = r"""<fieldset class="question">
{% set base = "q-" ~ quiz.id ~ "-" ~ question.id %}
  <legend><span class="question-number" data-question-number></span> {{ question.prompt }} <span class="hint">({{ t("question.sort_hint") }})</span></legend>
  <p class="vh" id="{{ base }}-keys">{{ t("question.sort_keys") }}</p>
  <ol class="sortable" data-sortable>
{% for item_id, item in question.display_items %}
    <li class="sortable-item" data-shuffle-item data-item="{{ item_id }}">
      <button type="button" class="grab" id="{{ base }}-{{ item_id }}" data-grab aria-describedby="{{ base }}-keys"><span class="grip"></span><span data-text>{{ item }}</span></button>
      <button type="button" class="move" data-move="-1">{{ t("question.move_up") }}<span class="vh"> {{ item }}</span></button>
      <button type="button" class="move" data-move="1">{{ t("question.move_down") }}<span class="vh"> {{ item }}</span></button>
    </li>
{% endfor %}
  </ol>
  <div class="vh" aria-live="polite" data-announce></div>
</fieldset>
"""

SCRIPT = r"""/* Sequencing: a list to reorder by dragging, by keyboard (Space/Enter lifts and drops, arrows,
   Home, End move, Escape cancels) or with Move up/down. The response: the item ids in list order. */
(function (ns) {
  "use strict";
  function rows(list) { return Array.from(list.children); }
  function ids(list) { return rows(list).map(function (row) { return row.dataset.item; }); }

  /* Move row to index by moving its neighbours (the row keeps the focus and the pointer); no Move up
     on the first row, no Move down on the last (aria-disabled: the focus stays). */
  function place(row, index) {
    var list = row.parentNode;
    for (var at = rows(list).indexOf(row); at > index; at--) { list.insertBefore(row.previousElementSibling, row.nextSibling); }
    for (; at < index; at++) { list.insertBefore(row.nextElementSibling, row); }
    list.querySelectorAll("[data-move]").forEach(function (button) {
      var next = button.dataset.move < 0 ? "previousElementSibling" : "nextElementSibling";
      button.setAttribute("aria-disabled", !button.parentNode[next]);
    });
  }

  document.querySelectorAll('[data-type="sequencing"]').forEach(function (item) {
    var list = item.querySelector("[data-sortable]");
    var lifted = null;
    var origin = 0;
    function where(row) {
      return { item: row.querySelector("[data-text]").textContent, position: rows(list).indexOf(row) + 1, total: list.children.length };
    }
    function lift(row) {
      lifted = row;
      origin = rows(list).indexOf(row);
      row.classList.add("is-lifted");
    }
    function drop(cancel) {
      var row = lifted;
      lifted = null;
      row.classList.remove("is-lifted");
      if (cancel) { place(row, origin); } else { ns.changed(row); }
      ns.announce(item, cancel ? ns.t("dnd.cancelled", where(row)) : ns.t("dnd.dropped", where(row)));
    }
    function move(row, to) {
      place(row, to);
      ns.announce(item, ns.t("dnd.moved", where(row)));
    }
    rows(list).forEach(function (row) {
      var grab = row.querySelector("[data-grab]");
      grab.addEventListener("keydown", function (event) {
        var at = rows(list).indexOf(row);
        var last = list.children.length - 1;
        var ahead = getComputedStyle(list).direction === "rtl" ? -1 : 1;
        var by = { ArrowUp: -1, ArrowDown: 1, ArrowLeft: -ahead, ArrowRight: ahead, Home: -at, End: last - at }[event.key];
        if (event.key === " " || event.key === "Enter") {
          if (lifted) { drop(false); } else { lift(row); ns.announce(item, ns.t("dnd.lifted", where(row))); }
        } else if (lifted === row && event.key === "Escape") {
          drop(true);
        } else if (lifted === row && by !== undefined) {
          if (by && at + by >= 0 && at + by <= last) { move(row, at + by); }
        } else { return; }
        event.preventDefault();
      });
      grab.addEventListener("blur", function () { if (lifted === row) { drop(false); } });
      ns.drag(grab, {
        start: function () { lift(row); },
        move: function (x, y) {
          var over = ns.under(x, y, "[data-item]", list);
          var box = over && over.getBoundingClientRect();
          if (over && over !== row && (rows(list).indexOf(over) > rows(list).indexOf(row)) === (y > box.top + box.height / 2)) {
            place(row, rows(list).indexOf(over));
          }
        },
        end: function (dropped) { drop(!dropped); }
      });
      row.querySelectorAll("[data-move]").forEach(function (button) {
        button.addEventListener("click", function () {
          if (button.getAttribute("aria-disabled") === "true") { return; }
          move(row, rows(list).indexOf(row) + Number(button.dataset.move));
          ns.changed(row);
        });
      });
    });
  });

  ns.addQuestionType("sequencing", {
    read: function (item) { return ids(item.querySelector("[data-sortable]")); },
    write: function (item, response) {
      var list = item.querySelector("[data-sortable]");
      if (response) {
        response.forEach(function (id) { list.appendChild(list.querySelector('[data-item="' + id + '"]')); });
      } else if (ids(list).join() === ids(list).sort().join()) {
        // Ids a, b, c... are the correct order: never shown before the learner moves something.
        list.appendChild(list.firstElementChild);
      }
      place(list.firstElementChild, 0);
    },
    isCorrect: function (response, question) { return response.join() === question.key.join(); },
    encode: function (response, question) { return ns.toDigits(response, question.key); },
    decode: function (payload, question) {
      var ids = ns.fromDigits(payload, question.key);
      return ids && ids.length === question.key.length ? ids : null;
    }
  });
})(window.CoursePackager);
"""

EXAMPLE = r"""  - id: put-in-order
    type: sequencing          # items in their correct order; the learner sees them shuffled
    prompt: "Put the steps in order."
    items:
      - "Write the lessons"
      - "Build the packages"
      - "Upload a package to the LMS"
"""


def answer(question: Locator, key: Any, correctly: bool) -> list[Action]:
    """By keyboard: each item in turn, from the top, is picked up (Space), moved up (arrow keys) to
    its place in the key's order (or that order moved one along) and dropped (Space)."""
    wanted = [str(item) for item in key]
    if not correctly:
        wanted = wanted[1:] + wanted[:1]
    shown: list[str] = question.locator("[data-item]").evaluate_all(
        "rows => rows.map(row => row.getAttribute('data-item'))"
    )
    actions: list[Action] = []
    for index, item in enumerate(wanted):
        steps = shown.index(item) - index
        if steps or not actions:  # dropping an item in place answers too
            actions.append(
                Keys(
                    question.locator(f"[data-item={json.dumps(item)}] [data-grab]"),
                    ("Space", *["ArrowUp"] * steps, "Space"),
                )
            )
            shown.insert(index, shown.pop(index + steps))
    return actions


QUESTION_TYPE = QuestionType(
    model=Sequencing, template=TEMPLATE, script=SCRIPT, example=EXAMPLE, answer=answer, helpers=DRAG_HELPERS
)
