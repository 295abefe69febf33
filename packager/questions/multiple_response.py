"""Multiple response: every correct option, and no other, must be selected (checkboxes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import model_validator

from packager.questions.base import ChoiceQuestion, QuestionType, located
from packager.questions.choices import CHOICE_TEMPLATE, answer_choice

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from packager.testing.actions import Action


class MultipleResponse(ChoiceQuestion):
    """Pick all that apply."""

    type: Literal["multiple-response"]
    control: ClassVar[str] = "checkbox"
    hint: ClassVar[str] = "question.select_all"

    @model_validator(mode="after")
    def _some_correct(self) -> MultipleResponse:
        if not self.correct_ids:
            raise located(
                "a multiple-response question needs at least one option with 'correct: true'", "options"
            )
        return self

    def describe_wrong(self) -> str:
        """Every correct option plus the first incorrect one (or, if all are correct, all but one)."""
        incorrect = [option.id for option in self.options if not option.correct and option.id]
        chosen = self.correct_ids + incorrect[:1] if incorrect else self.correct_ids[:-1]
        return self.describe_options(chosen)


TEMPLATE = CHOICE_TEMPLATE

SCRIPT = r"""/* Multiple response: the response is the list of checked option ids. */
(function (ns) {
  "use strict";
  function inOrder(response, question) {
    return question.options.filter(function (id) { return response.indexOf(id) !== -1; });
  }
  ns.addQuestionType("multiple-response", {
    isCorrect: function (response, question) { return inOrder(response, question).join() === question.key.join(); },
    encode: function (response, question) { return ns.toDigits(response, question.options); },
    decode: function (payload, question) { return ns.fromDigits(payload, question.options); },
    learner: inOrder
  });
})(window.CoursePackager);
"""

EXAMPLE = r"""  - id: pick-several
    type: multiple-response   # every correct option, and no other, must be chosen
    prompt: "Which of these can a lesson contain?"
    options:
      - { text: "Headings and lists", correct: true }
      - { text: "Tables", correct: true }
      - { text: "Scripts that run in the learner's browser" }
"""


def answer(question: Locator, key: Any, correctly: bool) -> list[Action]:
    """Every correct option; or one wrong option (all but one correct option when all are correct)."""
    return answer_choice(question, key, correctly)


QUESTION_TYPE = QuestionType(
    model=MultipleResponse, template=TEMPLATE, script=SCRIPT, example=EXAMPLE, answer=answer
)
