"""Fill-in: the learner types a short answer; one or more answers are accepted."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import Field, StringConstraints

from packager.questions.base import QuestionBase, QuestionType
from packager.testing.actions import Fill

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from packager.i18n.catalogue import Messages
    from packager.testing.actions import Action

MAX_ANSWER = 255
"""SCORM 1.2 caps a fill-in response at 255 characters; the input field does too."""

Answer = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_ANSWER)]


def normalize(text: str, case_sensitive: bool) -> str:
    """How answers are compared: surrounding space trimmed, inner runs of space made one."""
    collapsed = " ".join(text.split())
    return collapsed if case_sensitive else collapsed.casefold()


class FillIn(QuestionBase):
    """Type a word or phrase. Whitespace is trimmed and collapsed; case is ignored unless asked."""

    interaction_type: ClassVar[str] = "fill-in"
    type: Literal["fill-in"]
    answers: list[Answer] = Field(min_length=1, max_length=10, description="Every accepted answer.")
    case_sensitive: bool = Field(default=False, description="Whether 'Trust' and 'trust' differ.")

    def answer_key(self) -> Any:
        return {
            "answers": [normalize(answer, self.case_sensitive) for answer in self.answers],
            "caseSensitive": self.case_sensitive,
        }

    def correct_responses(self) -> list[Any]:
        return list(self.answers)

    def interaction(self) -> dict[str, Any]:
        return {**super().interaction(), "caseMatters": self.case_sensitive}

    def describe_correct(self) -> str:
        accepted = " or ".join(f'"{answer}"' for answer in self.answers)
        return f"{accepted} (case matters)" if self.case_sensitive else accepted

    def describe_wrong(self) -> str:
        """A short text no accepted answer matches."""
        accepted = {normalize(answer, self.case_sensitive) for answer in self.answers}
        wrong = "no idea"
        while normalize(wrong, self.case_sensitive) in accepted:
            wrong = f"not {wrong}"
        return f'"{wrong}"'

    def shown_answer(self, words: Messages) -> list[str]:
        """Every accepted answer, one a line."""
        return list(self.answers)

    def max_response_length(self) -> int:
        return MAX_ANSWER

    def longest_response(self) -> Any:
        return "x" * MAX_ANSWER


TEMPLATE = r"""<div class="question">
  <label class="question-prompt" for="q-{{ quiz.id }}-{{ question.id }}-text"><span class="question-number" data-question-number></span> {{ question.prompt }}</label>
  <input type="text" class="text-answer" id="q-{{ quiz.id }}-{{ question.id }}-text" maxlength="255" autocomplete="off" spellcheck="false">
</div>
"""

SCRIPT = r"""/* Fill-in: the response is the typed text; compared with spaces collapsed, case ignored unless asked. */
window.CoursePackager.addQuestionType("fill-in", {
  isCorrect: function (response, question) {
    var text = response.trim().split(/\s+/).join(" ");
    return question.key.answers.indexOf(question.key.caseSensitive ? text : text.toLowerCase()) !== -1;
  }
});
"""

EXAMPLE = r"""  - id: type-a-word
    type: fill-in             # case and extra spaces are ignored unless case_sensitive is true
    prompt: "Which packager command checks a SCORM package? Type one word."
    answers: ["lint"]
"""


def answer(question: Locator, key: Any, correctly: bool) -> list[Action]:
    """The first accepted answer, or a text none of them matches."""
    accepted = [str(answer) for answer in key["answers"]]
    wrong = "no such answer"
    while wrong in accepted:
        wrong += "!"
    return [Fill(question.locator("input[type=text]"), accepted[0] if correctly else wrong)]


QUESTION_TYPE = QuestionType(model=FillIn, template=TEMPLATE, script=SCRIPT, example=EXAMPLE, answer=answer)
