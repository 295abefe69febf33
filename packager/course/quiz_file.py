"""A quiz YAML file as the author writes it: its questions, how they are drawn and shown, and when
it opens (the model behind ``packager schema``'s quiz file)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from packager.questions.registry import Question
from packager.types import Slug, StrictModel, Title

Presentation = Literal["one-per-screen", "all-on-one-page"]
ShowAnswers = Literal["after-each", "at-end", "never"]


class QuizFile(StrictModel):
    """A quiz YAML file: the assessment (``quiz:`` in course.yaml) or a knowledge check (listed
    among the lessons; it does not count toward the score)."""

    id: Slug | None = Field(default=None, description="Defaults to the file name without its number.")
    title: Title = "Quiz"
    questions: list[Question] = Field(min_length=1)
    draw: int | None = Field(
        default=None, ge=1, description="Ask this many questions, drawn at random for each attempt."
    )
    shuffle_questions: bool = Field(default=False, description="Ask the questions in a random order.")
    shuffle_options: bool = Field(default=False, description="Show choice options in a random order.")
    attempts: int = Field(default=0, ge=0, description="How many attempts the learner gets; 0: no limit.")
    presentation: Presentation = Field(
        default="all-on-one-page", description="One question per screen, or every question on one page."
    )
    show_answers: ShowAnswers = Field(
        default="at-end",
        description="When the right answers show: after each question (checked one by one), "
        "after submitting, or never (the learner still sees right or wrong).",
    )
    locked_until_lessons_viewed: bool = Field(
        default=False, description="The quiz opens only once every lesson counts as viewed."
    )

    @model_validator(mode="after")
    def _draw_within_pool(self) -> QuizFile:
        if self.draw is not None and self.draw > len(self.questions):
            raise PydanticCustomError(
                "draw_too_large",
                "'draw' is {draw} but the quiz has only {count} questions",
                {"draw": self.draw, "count": len(self.questions), "location": ("draw",)},
            )
        return self

    @model_validator(mode="after")
    def _unique_question_ids(self) -> QuizFile:
        seen: set[str] = set()
        for index, question in enumerate(self.questions):
            if question.id in seen:
                # ``location`` points the loader at the repeated id, relative to this model.
                raise PydanticCustomError(
                    "duplicate_id",
                    "question ids must be unique; an earlier question already has the id '{id}'",
                    {"id": question.id, "location": ("questions", index, "id")},
                )
            seen.add(question.id)
        return self
