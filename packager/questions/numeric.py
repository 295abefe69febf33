"""Numeric: a number, right when exact, within a tolerance, or inside a range."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field, model_validator

from packager.questions.base import QuestionBase, QuestionType, located
from packager.testing.actions import Fill

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from packager.i18n.catalogue import Messages
    from packager.testing.actions import Action

MAX_INPUT = 32


class Numeric(QuestionBase):
    """Give ``answer`` (with an optional ``tolerance``), or a ``minimum`` and ``maximum``."""

    interaction_type: ClassVar[str] = "numeric"
    type: Literal["numeric"]
    answer: float | None = Field(default=None, allow_inf_nan=False)
    tolerance: float = Field(
        default=0, ge=0, allow_inf_nan=False, description="Accepted distance from the answer."
    )
    minimum: float | None = Field(default=None, allow_inf_nan=False)
    maximum: float | None = Field(default=None, allow_inf_nan=False)

    @model_validator(mode="after")
    def _one_way_to_be_right(self) -> Numeric:
        has_range = self.minimum is not None or self.maximum is not None
        if (self.answer is None) == (not has_range) or (has_range and None in (self.minimum, self.maximum)):
            where = (
                ("minimum",) if self.minimum is not None else ("maximum",) if self.maximum is not None else ()
            )
            raise located(
                "give either 'answer' (with an optional 'tolerance') or 'minimum' and 'maximum'", *where
            )
        if has_range and "tolerance" in self.model_fields_set:
            raise located(
                "'tolerance' goes with 'answer'; with 'minimum' and 'maximum' the range is exact", "tolerance"
            )
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise located("'minimum' must not be greater than 'maximum'", "minimum")
        return self

    @property
    def bounds(self) -> tuple[float, float]:
        """The accepted range, inclusive."""
        if self.answer is not None:
            return (self.answer - self.tolerance, self.answer + self.tolerance)
        assert self.minimum is not None and self.maximum is not None
        return (self.minimum, self.maximum)

    def answer_key(self) -> Any:
        low, high = self.bounds
        return {"min": low, "max": high}

    def correct_responses(self) -> list[Any]:
        return [self.answer_key()]

    def max_response_length(self) -> int:
        return MAX_INPUT

    def longest_response(self) -> Any:
        return "9" * MAX_INPUT

    def describe_correct(self) -> str:
        if self.answer is None:
            low, high = self.bounds
            return f"from {_number(low)} to {_number(high)}"
        answer = _number(self.answer)
        return f"{answer} (± {_number(self.tolerance)})" if self.tolerance else answer

    def shown_answer(self, words: Messages) -> list[str]:
        if self.answer is None:
            low, high = self.bounds
            return [words.text("answer.range", low=low, high=high)]
        if self.tolerance:
            return [words.text("answer.tolerance", answer=self.answer, tolerance=self.tolerance)]
        return [words.number(self.answer)]

    def describe_wrong(self) -> str:
        """A number just above the accepted range."""
        high = self.bounds[1]
        return _number(high + 1 if high + 1 > high else math.nextafter(high, math.inf))


def _number(value: float) -> str:
    """A number as an author writes it: 3, 0.5, 1e+20."""
    short = format(value, "g")
    return short if float(short) == value else repr(value)


TEMPLATE = r"""<div class="question">
  <label class="question-prompt" for="q-{{ quiz.id }}-{{ question.id }}-number"><span class="question-number" data-question-number></span> {{ question.prompt }}</label>
  <input type="text" class="text-answer number-answer" id="q-{{ quiz.id }}-{{ question.id }}-number" inputmode="decimal" maxlength="32" autocomplete="off">
</div>
"""

SCRIPT = r"""/* Numeric: the response is the typed number as text; right inside the key's range (inclusive). */
(function (ns) {
  "use strict";
  function parse(text) {
    var cleaned = text.trim().replace(",", ".");
    return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cleaned) ? Number(cleaned) : NaN;
  }
  ns.addQuestionType("numeric", {
    isCorrect: function (response, question) {
      var value = parse(response);
      var margin = 1e-9 * Math.max(1, Math.abs(question.key.min), Math.abs(question.key.max));
      return value >= question.key.min - margin && value <= question.key.max + margin;
    },
    learner: function (response) {
      var value = parse(response);
      return isNaN(value) ? "" : String(value);
    }
  });
})(window.CoursePackager);
"""

EXAMPLE = r"""  - id: give-a-number
    type: numeric             # an exact answer, an answer with a tolerance, or a minimum and maximum
    prompt: "How many lessons does this course have?"
    answer: 2
"""


def answer(question: Locator, key: Any, correctly: bool) -> list[Action]:
    """The middle of the accepted range (as a person would write it), or a number well above it."""
    low, high = float(key["min"]), float(key["max"])
    middle = float(f"{low / 2 + high / 2:.12g}")
    right = middle if low <= middle <= high else low
    return [Fill(question.locator("input[type=text]"), _number(right if correctly else high + abs(high) + 1))]


QUESTION_TYPE = QuestionType(model=Numeric, template=TEMPLATE, script=SCRIPT, example=EXAMPLE, answer=answer)
