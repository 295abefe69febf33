"""True/false: a statement the learner judges."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field, StrictBool

from packager.course.questions.base import QuestionBase


class TrueFalse(QuestionBase):
    """A statement that is either true or false."""

    type_name: ClassVar[str] = "true-false"
    type: Literal["true-false"]
    answer: StrictBool = Field(description="Whether the statement is true.")

    def answer_key(self) -> Any:
        return "true" if self.answer else "false"

    def interaction(self) -> dict[str, Any]:
        return {"type": "true-false", "correct": [self.answer_key()]}

    def max_response_length(self) -> int:
        return 1

    def describe_correct(self) -> str:
        return "True" if self.answer else "False"

    def describe_wrong(self) -> str:
        return "False" if self.answer else "True"
