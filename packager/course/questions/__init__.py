"""Question types. To add one: write its module, then list its model in ``QUESTION_TYPES``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Union

from pydantic import Field

from packager.course.questions.base import ChoiceQuestion, Feedback, Option, QuestionBase
from packager.course.questions.fill_in import FillIn
from packager.course.questions.matching import Matching
from packager.course.questions.multiple_response import MultipleResponse
from packager.course.questions.numeric import Numeric
from packager.course.questions.sequencing import Sequencing
from packager.course.questions.single_choice import SingleChoice
from packager.course.questions.true_false import TrueFalse

QUESTION_TYPES: tuple[type[QuestionBase], ...] = (
    SingleChoice,
    MultipleResponse,
    TrueFalse,
    FillIn,
    Matching,
    Sequencing,
    Numeric,
)

if TYPE_CHECKING:
    Question = QuestionBase
else:
    # The tagged union pydantic validates against, built from the registry above.
    Question = Annotated[Union[QUESTION_TYPES], Field(discriminator="type")]  # noqa: UP007

__all__ = [
    "QUESTION_TYPES",
    "ChoiceQuestion",
    "Feedback",
    "FillIn",
    "Matching",
    "MultipleResponse",
    "Numeric",
    "Option",
    "Question",
    "QuestionBase",
    "Sequencing",
    "SingleChoice",
    "TrueFalse",
]
