"""Multiple response: every correct option, and no other, must be selected."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import model_validator

from packager.course.questions.base import ChoiceQuestion


class MultipleResponse(ChoiceQuestion):
    """Pick all that apply (checkboxes)."""

    type_name: ClassVar[str] = "multiple-response"
    type: Literal["multiple-response"]

    @model_validator(mode="after")
    def _some_correct(self) -> MultipleResponse:
        if not self.correct_ids:
            raise ValueError("a multiple-response question needs at least one option with 'correct: true'")
        return self

    def describe_wrong(self) -> str:
        """Every correct option plus the first incorrect one (or, if all are correct, all but one)."""
        incorrect = [option.id for option in self.options if not option.correct and option.id]
        chosen = self.correct_ids + incorrect[:1] if incorrect else self.correct_ids[:-1]
        return self.describe_options(chosen)
