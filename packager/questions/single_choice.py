"""Single choice: exactly one option is right (radio buttons)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import model_validator

from packager.questions.base import ChoiceQuestion, QuestionType, located
from packager.questions.choices import CHOICE_TEMPLATE, answer_choice

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from packager.testing.actions import Action


class SingleChoice(ChoiceQuestion):
    """Pick one option."""

    type: Literal["single-choice"]
    control: ClassVar[str] = "radio"
    hint: ClassVar[str] = ""

    def max_response_length(self) -> int:
        # The chosen option's index, one base-36 character.
        return 1

    def longest_response(self) -> Any:
        return self.options[-1].id

    def describe_wrong(self) -> str:
        """The first incorrect option."""
        return self.describe_options([next(o.id for o in self.options if not o.correct and o.id)])

    @model_validator(mode="after")
    def _exactly_one_correct(self) -> SingleChoice:
        count = len(self.correct_ids)
        if count != 1:
            raise located(
                f"a single-choice question needs exactly one option with 'correct: true' (found {count})",
                "options",
            )
        return self


TEMPLATE = CHOICE_TEMPLATE

SCRIPT = r"""/* Single choice: the response is the id of the one checked option. */
window.CoursePackager.addQuestionType("single-choice", {
  isCorrect: function (response, question) { return response === question.key[0]; },
  encode: function (response, question) { return question.options.indexOf(response).toString(36); },
  decode: function (payload, question) { return question.options[parseInt(payload, 36)] || null; },
  learner: function (response) { return [response]; }
});
"""

EXAMPLE = r"""  - id: pick-one
    type: single-choice       # exactly one option is correct
    prompt: "Which file lists the pages of a course?"
    options:
      - text: "course.yaml"
        correct: true
      - text: "index.html"
      - text: "imsmanifest.xml"
    feedback:
      correct: "Right: course.yaml lists the lessons and quizzes in order."
      incorrect: "The pages are listed in course.yaml."
"""


def answer(question: Locator, key: Any, correctly: bool) -> list[Action]:
    """The correct option, or the first wrong one."""
    return answer_choice(question, key, correctly)


QUESTION_TYPE = QuestionType(
    model=SingleChoice, template=TEMPLATE, script=SCRIPT, example=EXAMPLE, answer=answer
)
