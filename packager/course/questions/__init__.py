"""Question types. To add one: write its module, then list its model in ``QUESTION_TYPES``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Union

from pydantic import Field

from packager.course.questions.base import ChoiceQuestion, Option, QuestionBase
from packager.course.questions.multiple_response import MultipleResponse
from packager.course.questions.single_choice import SingleChoice
from packager.course.questions.true_false import TrueFalse

QUESTION_TYPES: tuple[type[QuestionBase], ...] = (SingleChoice, MultipleResponse, TrueFalse)

if TYPE_CHECKING:
    Question = QuestionBase
else:
    # The tagged union pydantic validates against, built from the registry above.
    Question = Annotated[Union[QUESTION_TYPES], Field(discriminator="type")]  # noqa: UP007

__all__ = [
    "QUESTION_TYPES",
    "ChoiceQuestion",
    "MultipleResponse",
    "Option",
    "Question",
    "QuestionBase",
    "SingleChoice",
    "TrueFalse",
]
