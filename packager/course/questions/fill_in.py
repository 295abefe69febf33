"""Fill-in: the learner types a short answer; one or more answers are accepted."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, StringConstraints

from packager.course.questions.base import QuestionBase

MAX_ANSWER = 255
"""SCORM 1.2 caps a fill-in response at 255 characters; the input field does too."""

Answer = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_ANSWER)]


def normalize(text: str, case_sensitive: bool) -> str:
    """How answers are compared: surrounding space trimmed, inner runs of space made one."""
    collapsed = " ".join(text.split())
    return collapsed if case_sensitive else collapsed.casefold()


class FillIn(QuestionBase):
    """Type a word or phrase. Whitespace is trimmed and collapsed; case is ignored unless asked."""

    type_name: ClassVar[str] = "fill-in"
    type: Literal["fill-in"]
    answers: list[Answer] = Field(min_length=1, max_length=10, description="Every accepted answer.")
    case_sensitive: bool = Field(default=False, description="Whether 'Trust' and 'trust' differ.")

    def answer_key(self) -> Any:
        return {
            "answers": [normalize(answer, self.case_sensitive) for answer in self.answers],
            "caseSensitive": self.case_sensitive,
        }

    def interaction(self) -> dict[str, Any]:
        return {"type": "fill-in", "correct": list(self.answers), "caseMatters": self.case_sensitive}

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

    def max_response_length(self) -> int:
        return MAX_ANSWER
