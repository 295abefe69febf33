"""True/false: a statement the learner judges."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field, StrictBool

from packager.questions.base import QuestionBase, QuestionType
from packager.testing.actions import Check

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from packager.i18n.catalogue import Messages
    from packager.testing.actions import Action


class TrueFalse(QuestionBase):
    """A statement that is either true or false."""

    interaction_type: ClassVar[str] = "true-false"
    type: Literal["true-false"]
    answer: StrictBool = Field(description="Whether the statement is true.")

    def answer_key(self) -> Any:
        return "true" if self.answer else "false"

    def correct_responses(self) -> list[Any]:
        return [self.answer_key()]

    def max_response_length(self) -> int:
        return 1

    def longest_response(self) -> Any:
        return "true"

    def describe_correct(self) -> str:
        return "True" if self.answer else "False"

    def describe_wrong(self) -> str:
        return "False" if self.answer else "True"

    def shown_answer(self, words: Messages) -> list[str]:
        return [words.text("question.true" if self.answer else "question.false")]


TEMPLATE = r"""<fieldset class="question">
  <legend><span class="question-number" data-question-number></span> {{ question.prompt }}</legend>
  <div class="option">
    <input type="radio" name="q-{{ quiz.id }}-{{ question.id }}" id="q-{{ quiz.id }}-{{ question.id }}-true" value="true">
    <label for="q-{{ quiz.id }}-{{ question.id }}-true">{{ t("question.true") }}</label>
  </div>
  <div class="option">
    <input type="radio" name="q-{{ quiz.id }}-{{ question.id }}" id="q-{{ quiz.id }}-{{ question.id }}-false" value="false">
    <label for="q-{{ quiz.id }}-{{ question.id }}-false">{{ t("question.false") }}</label>
  </div>
</fieldset>
"""

SCRIPT = r"""/* True/false: the response is "true" or "false", kept as "t" or "f". */
window.CoursePackager.addQuestionType("true-false", {
  isCorrect: function (response, question) { return response === question.key; },
  encode: function (response) { return response.charAt(0); },
  decode: function (payload) { return payload === "t" ? "true" : payload === "f" ? "false" : null; }
});
"""

EXAMPLE = r"""  - id: true-or-false
    type: true-false
    prompt: "Building the same course twice gives byte-identical packages."
    answer: true
"""


def answer(question: Locator, key: Any, correctly: bool) -> list[Action]:
    """The key is "true" or "false": that button, or the other one."""
    truth = str(key).lower() == "true"
    wanted = "true" if truth == correctly else "false"
    return [Check(question.locator(f"input[value={wanted}]"))]


QUESTION_TYPE = QuestionType(
    model=TrueFalse, template=TEMPLATE, script=SCRIPT, example=EXAMPLE, answer=answer
)
