"""A Likert-scale question: the learner rates a statement on a scale (Strongly disagree ... Strongly agree).

This module lives outside the packager on purpose: the test suite installs it as a package of its own
(tests/plugins/likert/pyproject.toml registers it under ``scorm_course_packager.question_types``), so it
proves that one module adds a question type with no change to the packager. The expected rating makes it
gradable; the LMS hears of it as a ``likert`` interaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field, model_validator

from packager.questions.base import QuestionBase, QuestionType
from packager.testing.actions import Check
from packager.types import Text

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from packager.testing.actions import Action

AGREEMENT = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]


class Likert(QuestionBase):
    """Rate the prompt on ``scale``; ``answer`` is the rating the course expects."""

    interaction_type: ClassVar[str] = "likert"
    type: Literal["likert"]
    scale: list[Text] = Field(default=AGREEMENT, min_length=2, max_length=10, description="Lowest first.")
    answer: Text = Field(description="The expected rating: one of the scale's labels.")

    @model_validator(mode="after")
    def _answer_on_the_scale(self) -> Likert:
        if len(set(self.scale)) != len(self.scale):
            raise ValueError("each point of the scale must appear only once")
        if self.answer not in self.scale:
            raise ValueError(f"'answer' must be one of the scale: {', '.join(self.scale)}")
        return self

    @property
    def points(self) -> list[tuple[str, str]]:
        """(id, label) of each point: 1, 2, 3... from the lowest."""
        return [(str(number), label) for number, label in enumerate(self.scale, start=1)]

    def answer_key(self) -> Any:
        return str(self.scale.index(self.answer) + 1)

    def correct_responses(self) -> list[Any]:
        return [self.answer_key()]

    def max_response_length(self) -> int:
        return 1  # the point's number, one base-36 character

    def longest_response(self) -> Any:
        return str(len(self.scale))

    def describe_correct(self) -> str:
        return self.answer

    def describe_wrong(self) -> str:
        """The point furthest from the expected one."""
        expected = self.scale.index(self.answer)
        return self.scale[0] if expected >= len(self.scale) / 2 else self.scale[-1]


TEMPLATE = """<fieldset class="question likert">
  <legend><span class="question-number" data-question-number></span> {{ question.prompt }}</legend>
{% for point, label in question.points %}
  <div class="option">
    <input type="radio" name="q-{{ quiz.id }}-{{ question.id }}"
      id="q-{{ quiz.id }}-{{ question.id }}-{{ point }}" value="{{ point }}">
    <label for="q-{{ quiz.id }}-{{ question.id }}-{{ point }}">{{ label }}</label>
  </div>
{% endfor %}
</fieldset>
"""

SCRIPT = """/* Likert: the response is the number of the chosen point of the scale, from "1". */
(function (ns) {
  "use strict";
  ns.questionTypes.likert = {
    read: ns.radioGroup.read,
    write: ns.radioGroup.write,
    isCorrect: function (response, question) { return response === question.key; },
    encode: function (response) { return Number(response).toString(36); },
    decode: function (payload) {
      var point = parseInt(payload, 36);
      return point > 0 ? String(point) : null;
    },
    learner: function (response) { return response; }
  };
})(window.CoursePackager);
"""

EXAMPLE = """  - id: rate-the-statement
    type: likert              # a rating scale; 'answer' is the rating the course expects
    prompt: "Courses should be rebuilt after every edit."
    answer: "Agree"
"""


def answer(question: Locator, key: Any, correctly: bool) -> list[Action]:
    """The expected point, or the one furthest from it."""
    points = [control.get_attribute("value") or "" for control in question.locator("input").all()]
    wanted = str(key)
    if not correctly:
        wanted = points[0] if points.index(wanted) >= len(points) / 2 else points[-1]
    return [Check(question.locator(f"input[value='{wanted}']"))]


QUESTION_TYPE = QuestionType(model=Likert, template=TEMPLATE, script=SCRIPT, example=EXAMPLE, answer=answer)
