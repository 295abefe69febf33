"""Sequencing: put the items in the right order."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, Field

from packager.questions.base import QuestionBase, QuestionType, letters
from packager.testing.actions import Choose
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
  <legend><span class="question-number" data-question-number></span> {{ question.prompt }} <span class="hint">({{ t("question.order_hint", count=question.items|length) }})</span></legend>
{% for item_id, item in question.display_items %}
  <div class="option sequence-item" data-shuffle-item>
    <select id="q-{{ quiz.id }}-{{ question.id }}-{{ item_id }}" data-item="{{ item_id }}">
      <option value="">{{ t("question.position") }}</option>
{% for position in range(1, question.items|length + 1) %}
      <option value="{{ position }}">{{ position }}</option>
{% endfor %}
    </select>
    <label for="q-{{ quiz.id }}-{{ question.id }}-{{ item_id }}">{{ item }}</label>
  </div>
{% endfor %}
</fieldset>
"""

SCRIPT = r"""/* Sequencing: the response lists the item ids in the order the learner gave them positions. */
(function (ns) {
  "use strict";
  ns.questionTypes.sequencing = {
    read: function (item) {
      var selects = Array.prototype.slice.call(item.querySelectorAll("select[data-item]"));
      var byPosition = [];
      selects.forEach(function (select) {
        if (select.value) { byPosition[Number(select.value) - 1] = select.getAttribute("data-item"); }
      });
      var complete = byPosition.length === selects.length && selects.every(function (select, index) {
        return Boolean(byPosition[index]);
      });
      return complete ? byPosition : null;
    },
    write: function (item, response) {
      item.querySelectorAll("select[data-item]").forEach(function (select) {
        var position = Array.isArray(response) ? response.indexOf(select.getAttribute("data-item")) : -1;
        select.value = position === -1 ? "" : String(position + 1);
      });
    },
    isCorrect: function (response, question) {
      return response.join(",") === question.key.join(",");
    },
    encode: function (response, question) {
      return response.map(function (id) { return question.key.indexOf(id).toString(36); }).join("");
    },
    decode: function (payload, question) {
      var ids = payload.split("").map(function (digit) { return question.key[parseInt(digit, 36)]; });
      return ids.length === question.key.length && ids.every(Boolean) ? ids : null;
    },
    learner: function (response) { return response; }
  };
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
    """The key lists the item ids in order: each gets its position, or the order moved one along."""
    order = [str(item) for item in key]
    if not correctly:
        order = order[1:] + order[:1]
    return [
        Choose(question.locator(f"select[data-item={json.dumps(item)}]"), str(position))
        for position, item in enumerate(order, start=1)
    ]


QUESTION_TYPE = QuestionType(
    model=Sequencing, template=TEMPLATE, script=SCRIPT, example=EXAMPLE, answer=answer
)
