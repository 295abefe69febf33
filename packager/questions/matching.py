"""Matching: pair each prompt with its match (drag and drop, press and place, or a drop-down list per prompt)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field, model_validator

from packager.questions.base import DRAG_HELPERS, QuestionBase, QuestionType, first_repeat, letters, located
from packager.testing.actions import Press
from packager.types import StrictModel, Text

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from packager.i18n.catalogue import Messages
    from packager.testing.actions import Action


class Pair(StrictModel):
    """One prompt and the match that belongs to it."""

    prompt: Text
    match: Text


class Matching(QuestionBase):
    """Match each prompt to one of the matches; every pair must be right."""

    interaction_type: ClassVar[str] = "matching"
    type: Literal["matching"]
    pairs: list[Pair] = Field(min_length=2, max_length=26)

    @model_validator(mode="after")
    def _distinct(self) -> Matching:
        for name in ("prompt", "match"):
            repeated = first_repeat([getattr(pair, name) for pair in self.pairs])
            if repeated is not None:
                raise located("each prompt and each match must appear only once", "pairs", repeated, name)
        return self

    @property
    def prompt_ids(self) -> list[str]:
        """Prompts are a, b, c...; their matches are 1, 2, 3... (the same position)."""
        return letters(len(self.pairs))

    @property
    def match_ids(self) -> list[str]:
        return [str(index + 1) for index in range(len(self.pairs))]

    @property
    def match_choices(self) -> list[tuple[str, str]]:
        """(match id, text) sorted by text: the drop-down order, which gives nothing away."""
        choices = zip(self.match_ids, (pair.match for pair in self.pairs), strict=True)
        return sorted(choices, key=lambda choice: choice[1])

    def answer_key(self) -> Any:
        return dict(zip(self.prompt_ids, self.match_ids, strict=True))

    def correct_responses(self) -> list[Any]:
        return [[[prompt, match] for prompt, match in zip(self.prompt_ids, self.match_ids, strict=True)]]

    def max_response_length(self) -> int:
        # One base-36 character (match index, or '_' for none) per prompt.
        return len(self.pairs)

    def longest_response(self) -> Any:
        return [self.match_ids[-1]] * len(self.pairs)

    def describe_correct(self) -> str:
        return "; ".join(f"{pair.prompt} → {pair.match}" for pair in self.pairs)

    def shown_answer(self, words: Messages) -> list[str]:
        return [words.text("answer.pair", prompt=pair.prompt, match=pair.match) for pair in self.pairs]

    def describe_wrong(self) -> str:
        """The first two matches swapped."""
        matches = [pair.match for pair in self.pairs]
        matches[0], matches[1] = matches[1], matches[0]
        return "; ".join(f"{pair.prompt} → {match}" for pair, match in zip(self.pairs, matches, strict=True))


TEMPLATE = r"""<fieldset class="question">
{% set base = "q-" ~ quiz.id ~ "-" ~ question.id %}
  <legend><span class="question-number" data-question-number></span> {{ question.prompt }} <span class="hint">({{ t("question.match_hint") }})</span></legend>
  <p class="hint">{{ t("question.match_drag_hint") }}</p>
  <ul class="chips">
{% for match_id, match in question.match_choices %}
    <li><button type="button" class="chip" id="{{ base }}-m{{ match_id }}" data-chip="{{ match_id }}" aria-pressed="false">{{ match }}</button></li>
{% endfor %}
  </ul>
{% for pair in question.pairs %}
{% set prompt_id = question.prompt_ids[loop.index0] %}
  <div class="pair" data-drop="{{ prompt_id }}">
    <label for="{{ base }}-{{ prompt_id }}">{{ pair.prompt }}</label>
    <select id="{{ base }}-{{ prompt_id }}" data-prompt="{{ prompt_id }}">
      <option value="">{{ t("question.match_choose") }}</option>
{% for match_id, match in question.match_choices %}
      <option value="{{ match_id }}">{{ match }}</option>
{% endfor %}
    </select>
    <button type="button" class="place" id="{{ base }}-{{ prompt_id }}-place" data-place hidden>{{ t("question.place_here") }}<span class="vh"> {{ pair.prompt }}</span></button>
  </div>
{% endfor %}
  <div class="vh" aria-live="polite" data-announce></div>
</fieldset>
"""

SCRIPT = r"""/* Matching: the response lists the match id (1, 2...) chosen for each prompt (a, b...), "" for none.
   A match may also be dragged onto its prompt, or pressed and placed (Place here). */
(function (ns) {
  "use strict";
  function prompts(question) { return Object.keys(question.key).sort(); }
  function lists(item) { return item.querySelectorAll("select"); }

  document.querySelectorAll('[data-type="matching"]').forEach(function (item) {
    var chips = item.querySelectorAll("[data-chip]");
    var picked = null;
    function pick(chip) {
      picked = chip;
      chips.forEach(function (other) { other.setAttribute("aria-pressed", String(other === chip)); });
      item.querySelectorAll("[data-place]").forEach(function (button) { button.hidden = !chip; });
      if (chip) { ns.announce(item, ns.t("dnd.picked", { item: chip.textContent })); }
    }
    function match(chip, pair) {
      var select = pair.querySelector("select");
      select.value = chip.dataset.chip;
      ns.changed(select);
      ns.announce(item, ns.t("dnd.matched", { item: chip.textContent, prompt: pair.querySelector("label").textContent }));
    }
    chips.forEach(function (chip) {
      var ghost = null;
      var over = null;
      chip.addEventListener("click", function () { if (!ns.dragJustEnded()) { pick(picked === chip ? null : chip); } });
      ns.drag(chip, {
        start: function () {
          pick(null);
          ghost = chip.parentNode.appendChild(chip.cloneNode(true));
          ghost.removeAttribute("id");
          ghost.setAttribute("aria-hidden", "true");
          ghost.tabIndex = -1;
          ghost.classList.add("is-ghost");
        },
        move: function (x, y) {
          ghost.style.left = x - ghost.offsetWidth / 2 + "px";
          ghost.style.top = y - ghost.offsetHeight / 2 + "px";
          if (over) { over.classList.remove("is-over"); }
          over = ns.under(x, y, "[data-drop]", item);
          if (over) { over.classList.add("is-over"); }
        },
        end: function (dropped) {
          ghost.remove();
          if (over) { over.classList.remove("is-over"); }
          if (over && dropped) { match(chip, over); }
          over = null;
        }
      });
    });
    item.querySelectorAll("[data-place]").forEach(function (button) {
      button.addEventListener("click", function () {
        var chip = picked;
        pick(null);
        chip.focus();
        match(chip, button.parentNode);
      });
    });
    item.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && picked) { picked.focus(); pick(null); }
    });
  });

  ns.addQuestionType("matching", {
    read: function (item) {
      var response = Array.from(lists(item), function (select) { return select.value; });
      return response.join("") ? response : null;
    },
    write: function (item, response) {
      lists(item).forEach(function (select, index) { select.value = (response || [])[index] || ""; });
    },
    // Matched part-way, it is kept (across resume too) but not yet an answer to submit or check.
    complete: function (response) { return response.indexOf("") === -1; },
    isCorrect: function (response, question) {
      return prompts(question).every(function (id, index) { return response[index] === question.key[id]; });
    },
    encode: function (response) {
      return response.map(function (match) { return match ? (match - 1).toString(36) : "_"; }).join("");
    },
    decode: function (payload, question) {
      var response = payload.split("").map(function (digit) { return digit === "_" ? "" : String(parseInt(digit, 36) + 1); });
      return response.length === prompts(question).length ? response : null;
    },
    learner: function (response, question) {
      return prompts(question).map(function (id, index) { return [id, response[index]]; });
    }
  });
})(window.CoursePackager);
"""

EXAMPLE = r"""  - id: match-pairs
    type: matching            # the learner picks a match for each prompt
    prompt: "Match each command to what it does."
    pairs:
      - { prompt: "build", match: "Writes the packages" }
      - { prompt: "key", match: "Prints the answer key" }
      - { prompt: "lint", match: "Checks a package" }
"""


def answer(question: Locator, key: Any, correctly: bool) -> list[Action]:
    """The key maps each prompt id to its match id: press that match, then Place here beside the
    prompt (by keyboard: Enter on each), or match each prompt with the match one prompt along."""
    prompts = [str(prompt) for prompt in key]
    matches = [str(key[prompt]) for prompt in prompts]
    if not correctly:
        matches = matches[1:] + matches[:1]
    actions: list[Action] = []
    for prompt, match in zip(prompts, matches, strict=True):
        actions.append(Press(question.locator(f"[data-chip={json.dumps(match)}]")))
        actions.append(Press(question.locator(f"[data-drop={json.dumps(prompt)}] [data-place]")))
    return actions


QUESTION_TYPE = QuestionType(
    model=Matching, template=TEMPLATE, script=SCRIPT, example=EXAMPLE, answer=answer, helpers=DRAG_HELPERS
)
