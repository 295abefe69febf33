"""What every question type shares.

A question type is one module in this package: a pydantic model with a ``type`` literal,
and a template ``templates/questions/<type>.html`` plus a runtime piece
``templates/runtime/questions/<type>.js`` that reads, restores and grades the learner's response
and turns it into an interaction response. Register the model in ``__init__.py``.

Every question is reported to the LMS as an interaction of one of the standards' interaction
types (choice, true-false, fill-in, matching, sequencing, numeric); :meth:`QuestionBase.interaction`
gives its type and correct responses in a standard-neutral form that each runtime adapter writes
in its own pattern syntax.
"""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import Field, model_validator

from packager.course.types import Slug, StrictModel, Text


class Feedback(StrictModel):
    """What the learner reads after submitting, depending on their answer."""

    correct: Text | None = None
    incorrect: Text | None = None


class QuestionBase(StrictModel):
    """Fields every question has."""

    type_name: ClassVar[str]
    id: Slug = Field(description="Unique within the quiz; stable across builds.")
    prompt: Text = Field(description="The question as the learner reads it.")
    feedback: Feedback | None = Field(default=None, description="Shown after submitting.")

    def answer_key(self) -> Any:
        """The correct response, in the form the runtime grader compares against."""
        raise NotImplementedError

    def interaction(self) -> dict[str, Any]:
        """Interaction type and correct responses, standard-neutral (see the module docstring)."""
        raise NotImplementedError

    def max_response_length(self) -> int:
        """The most characters this question's encoded response can take in suspend_data."""
        raise NotImplementedError

    def describe_correct(self) -> str:
        """The correct answer in words, for the answer key (``packager key``)."""
        return str(self.answer_key())

    def describe_wrong(self) -> str:
        """One answer the quiz marks wrong, in words, for the answer key. Override it."""
        return "any answer other than the correct one"

    def runtime(self) -> dict[str, Any]:
        """Everything the runtime needs about this question."""
        return {
            "id": self.id,
            "type": self.type_name,
            "key": self.answer_key(),
            "interaction": self.interaction(),
            "description": self.prompt[:250],
        }

    @property
    def template(self) -> str:
        """The Jinja2 template that renders this question."""
        return f"questions/{self.type_name}.html"


class Option(StrictModel):
    """One choice of a choice question."""

    id: Slug | None = Field(default=None, description="Defaults to a, b, c... by position.")
    text: Text
    correct: bool = False
    feedback: Text | None = Field(default=None, description="Shown after submitting if chosen.")


class ChoiceQuestion(QuestionBase):
    """Shared shape of single-choice and multiple-response questions."""

    options: list[Option] = Field(min_length=2, max_length=26)

    @model_validator(mode="after")
    def _name_options(self) -> ChoiceQuestion:
        named = [
            option if option.id else option.model_copy(update={"id": chr(ord("a") + index)})
            for index, option in enumerate(self.options)
        ]
        ids = [option.id for option in named]
        duplicates = sorted({option_id for option_id in ids if ids.count(option_id) > 1 and option_id})
        if duplicates:
            raise ValueError(f"option ids must be unique; repeated: {', '.join(duplicates)}")
        object.__setattr__(self, "options", named)
        return self

    @property
    def correct_ids(self) -> list[str]:
        """Ids of the correct options, in order."""
        return [option.id for option in self.options if option.correct and option.id]

    def answer_key(self) -> Any:
        return self.correct_ids

    def describe_options(self, ids: list[str]) -> str:
        """Chosen options in words: ``a) First; c) Third``."""
        return "; ".join(f"{option.id}) {option.text}" for option in self.options if option.id in ids)

    def describe_correct(self) -> str:
        return self.describe_options(self.correct_ids)

    def interaction(self) -> dict[str, Any]:
        return {"type": "choice", "correct": [self.correct_ids]}

    def runtime(self) -> dict[str, Any]:
        return {**super().runtime(), "options": [option.id for option in self.options]}

    def max_response_length(self) -> int:
        # One base-36 character per chosen option.
        return len(self.options)
