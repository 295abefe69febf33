"""The pydantic models: the single source of truth for what a course is."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from packager.course.quiz_file import Presentation, QuizFile, ShowAnswers
from packager.i18n.overrides import InterfaceStrings
from packager.i18n.page import Direction, direction
from packager.questions.registry import Question
from packager.theme.models import Theme
from packager.types import LanguageTag, RelativePath, Slug, StrictModel, Title

CompletionRule = Literal["lessons", "quiz", "lessons-and-quiz"]
"""What "complete" means: every lesson viewed, the quiz submitted, or both."""


class CourseFile(StrictModel):
    """``course.yaml``: the course's identity, rules and lesson order."""

    id: Slug = Field(description="Stable id; package identifiers and file names derive from it.")
    title: Title
    description: str = Field(default="", max_length=2000)
    language: LanguageTag = Field(default="en", description="BCP 47 language tag, e.g. en or en-US.")
    version: str = Field(
        default="1.0",
        min_length=1,
        max_length=32,
        description='Quote it when it looks like a number: "1.10".',
    )
    mastery_score: int = Field(
        default=80, ge=0, le=100, description="Percentage of the quiz score needed to pass."
    )
    completion: CompletionRule | None = Field(
        default=None,
        description="lessons | quiz | lessons-and-quiz. Default: lessons-and-quiz with a quiz, else lessons.",
    )
    lessons: list[RelativePath] = Field(
        min_length=1,
        description="Lesson Markdown files in order; quiz YAML files among them are knowledge checks.",
    )
    quiz: RelativePath | None = Field(default=None, description="The assessment's YAML file, if any.")
    dir: Direction | None = Field(
        default=None, description="ltr | rtl. Default: the language's own direction (rtl for ar, he, fa, ur)."
    )
    strings: InterfaceStrings
    duration: int | None = Field(
        default=None,
        ge=1,
        le=6000,
        description="Minutes the course takes, shown on the cover. Default: estimated.",
    )
    theme: Theme | None = Field(default=None, description="Brand colours, logo, cover image and fonts.")

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


class LessonBlock(BaseModel):
    """What the runtime needs about one block of a lesson (:mod:`packager.blocks`)."""

    model_config = ConfigDict(frozen=True)

    type: str
    size: int
    """How many on/off facts about it are kept across resume (items opened, steps reached...)."""
    finish: bool
    """The lesson counts as viewed only once every one of them is on (or the one ``done`` names)."""
    done: int | None = None
    """The one fact that says the block is finished, for a block that says so (a scenario)."""


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
    lesson_links: dict[str, Path] = {}
    """Each link to a lesson file (``[see](02-media.md)``) as written -> that file, resolved."""
    page_links: dict[str, str] = {}
    """Each link to another page as written -> that page's location (``lesson:<id>``)."""
    blocks: list[LessonBlock] = []
    """The lesson's blocks, in document order (nested ones after the block holding them)."""

    @property
    def must_finish(self) -> bool:
        """Whether a block of the lesson must be finished for the lesson to count as viewed."""
        return any(block.finish for block in self.blocks)

    def runtime(self) -> dict[str, Any]:
        """What the runtime needs about this lesson."""
        found: dict[str, Any] = {"kind": "lesson", "id": self.id, "title": self.title}
        if self.blocks:
            found["blocks"] = [block.model_dump(exclude_none=True) for block in self.blocks]
        return found


class Quiz(BaseModel):
    """A quiz, loaded and validated."""

    model_config = ConfigDict(frozen=True)

    id: Slug
    title: Title
    questions: list[Question]
    draw: int | None = None
    shuffle_questions: bool = False
    shuffle_options: bool = False
    attempts: int = 0
    presentation: Presentation = "all-on-one-page"
    show_answers: ShowAnswers = "at-end"
    locked_until_lessons_viewed: bool = False
    graded: bool = True
    """The assessment decides pass or fail; knowledge checks do not count."""
    source: Path

    @property
    def asked(self) -> int:
        """How many questions one attempt asks."""
        return self.draw or len(self.questions)

    def runtime(self) -> dict[str, Any]:
        """What the runtime needs about this quiz and its questions."""
        return {
            "kind": "quiz",
            "id": self.id,
            "title": self.title,
            "graded": self.graded,
            "draw": self.asked,
            "shuffleQuestions": self.shuffle_questions,
            "shuffleOptions": self.shuffle_options,
            "attempts": self.attempts,
            "onePerScreen": self.presentation == "one-per-screen",
            "showAnswers": self.show_answers,
            "locked": self.locked_until_lessons_viewed,
            "questions": [question.runtime() for question in self.questions],
        }


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
    pages: list[Lesson | Quiz]
    """Lessons and knowledge checks in order, then the assessment (if any)."""
    source_dir: Path
    dir: Direction | None = None
    """The author's writing direction, if given (else the language's: :attr:`direction`)."""
    strings: dict[str, str | list[str]] = {}
    """The author's interface text, by message key (see :mod:`packager.i18n`)."""

    @property
    def direction(self) -> Direction:
        """The page's writing direction."""
        return direction(self.language, self.dir)

    shown_dir: Path | None = None
    """The course folder as the author named it, for messages (``source_dir`` is resolved)."""
    duration: int | None = None
    """Minutes, as the author gives them (else :attr:`minutes` estimates them)."""
    theme: Theme | None = None
    theme_files: dict[str, Path] = {}
    """Package path -> source file of the theme's logo, cover, fonts and stylesheet."""

    @property
    def minutes(self) -> int:
        """How long the course takes: as given, else about 200 words a minute and a minute a question."""
        if self.duration:
            return self.duration
        words = sum(len(lesson.markdown.split()) for lesson in self.lessons)
        questions = sum(quiz.asked for quiz in self.quizzes)
        return max(1, round(words / 200 + questions))

    @property
    def lessons(self) -> list[Lesson]:
        """The lessons, in order."""
        return [page for page in self.pages if isinstance(page, Lesson)]

    @property
    def quizzes(self) -> list[Quiz]:
        """Knowledge checks and the assessment, in order."""
        return [page for page in self.pages if isinstance(page, Quiz)]

    @property
    def quiz(self) -> Quiz | None:
        """The assessment: the quiz that decides pass or fail."""
        return next((quiz for quiz in self.quizzes if quiz.graded), None)

    @property
    def media_files(self) -> dict[str, Path]:
        """Every media file of every lesson, by package path."""
        files: dict[str, Path] = {}
        for lesson in self.lessons:
            files.update(lesson.media_files)
        return files

    @cached_property
    def runtime_pages(self) -> list[dict[str, Any]]:
        """Every page's runtime entry, made once: each target's runtime configuration holds them."""
        return [page.runtime() for page in self.pages]

    @property
    def passing_fraction(self) -> float:
        """Mastery score as a fraction in 0..1."""
        return self.mastery_score / 100


__all__ = ["CompletionRule", "Course", "CourseFile", "Lesson", "LessonFrontMatter", "Quiz", "QuizFile"]
