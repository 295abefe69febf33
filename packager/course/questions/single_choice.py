"""Single choice: exactly one option is right."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import model_validator

from packager.course.questions.base import ChoiceQuestion


class SingleChoice(ChoiceQuestion):
    """Pick one option (radio buttons)."""

    type_name: ClassVar[str] = "single-choice"
    type: Literal["single-choice"]

    def max_response_length(self) -> int:
        # The chosen option's index, one base-36 character.
        return 1

    def describe_wrong(self) -> str:
        """The first incorrect option."""
        return self.describe_options([next(o.id for o in self.options if not o.correct and o.id)])

    @model_validator(mode="after")
    def _exactly_one_correct(self) -> SingleChoice:
        count = len(self.correct_ids)
        if count != 1:
            raise ValueError(
                f"a single-choice question needs exactly one option with 'correct: true' (found {count})"
            )
        return self
