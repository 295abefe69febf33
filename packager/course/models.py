"""The pydantic models: the single source of truth for what a course is."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from packager.course.questions import Question, QuestionBase
from packager.course.types import LanguageTag, RelativePath, Slug, StrictModel, Title

CompletionRule = Literal["lessons", "quiz", "lessons-and-quiz"]
"""What "complete" means: every lesson viewed, the quiz submitted, or both."""


def _number_as_text(value: object) -> object:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


class CourseFile(StrictModel):
    """``course.yaml``: the course's identity, rules and lesson order."""

    id: Slug = Field(description="Stable id; package identifiers and file names derive from it.")
    title: Title
    description: str = Field(default="", max_length=2000)
    language: LanguageTag = Field(default="en", description="BCP 47 language tag, e.g. en or en-US.")
    version: Annotated[str, BeforeValidator(_number_as_text)] = Field(
        default="1.0", min_length=1, max_length=32
    )
    mastery_score: int = Field(
        default=80, ge=0, le=100, description="Percentage of the quiz score needed to pass."
    )
    completion: CompletionRule | None = Field(
        default=None,
        description="lessons | quiz | lessons-and-quiz. Default: lessons-and-quiz with a quiz, else lessons.",
    )
    lessons: list[RelativePath] = Field(min_length=1, description="Lesson Markdown files, in order.")
    quiz: RelativePath | None = Field(default=None, description="The quiz YAML file, if any.")

    @model_validator(mode="after")
    def _completion_needs_quiz(self) -> CourseFile:
        if self.completion in ("quiz", "lessons-and-quiz") and self.quiz is None:
            raise PydanticCustomError(
                "completion_needs_quiz",
                "completion '{completion}' needs a quiz, but no 'quiz' file is given",
                {"completion": self.completion, "location": ("completion",)},
            )
        return self


class LessonFrontMatter(StrictModel):
    """The YAML block at the top of a lesson file."""

    title: Title
    id: Slug | None = Field(default=None, description="Defaults to the file name without its number.")


class QuizFile(StrictModel):
    """A quiz YAML file."""

    title: Title = "Quiz"
    questions: list[Question] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_question_ids(self) -> QuizFile:
        first: dict[str, int] = {}
        for index, question in enumerate(self.questions):
            if question.id in first:
                # ``location`` points the loader at the repeated id, relative to this model.
                raise PydanticCustomError(
                    "duplicate_id",
                    "question ids must be unique; '{id}' is already the id of questions[{first}]",
                    {"id": question.id, "first": first[question.id], "location": ("questions", index, "id")},
                )
            first[question.id] = index
        return self


class Lesson(BaseModel):
    """One lesson, loaded and validated."""

    model_config = ConfigDict(frozen=True)

    id: Slug
    title: Title
    markdown: str
    source: Path
    media_references: dict[str, str] = {}
    """Each local file reference as written in the Markdown -> its path in the package."""
    media_files: dict[str, Path] = {}
    """Package path -> source file, for every file the lesson needs (captions included)."""


class Quiz(BaseModel):
    """The quiz, loaded and validated."""

    model_config = ConfigDict(frozen=True)

    title: Title
    questions: list[QuestionBase]
    source: Path


class Course(BaseModel):
    """A whole course, ready to render."""

    model_config = ConfigDict(frozen=True)

    id: Slug
    title: Title
    description: str
    language: LanguageTag
    version: str
    mastery_score: int
    completion: CompletionRule
    lessons: list[Lesson]
    quiz: Quiz | None
    source_dir: Path

    @property
    def media_files(self) -> dict[str, Path]:
        """Every media file of every lesson, by package path."""
        files: dict[str, Path] = {}
        for lesson in self.lessons:
            files.update(lesson.media_files)
        return files

    @property
    def passing_fraction(self) -> float:
        """Mastery score as a fraction in 0..1."""
        return self.mastery_score / 100


__all__ = ["CompletionRule", "Course", "CourseFile", "Lesson", "LessonFrontMatter", "Quiz", "QuizFile"]
