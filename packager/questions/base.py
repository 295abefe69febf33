"""What every question type shares, and the plug-in object that registers one.

A question type is one module (``packager/questions/<type>.py``, or a module of another package)
that defines a pydantic model and registers one :class:`QuestionType` through the entry-point group
``scorm_course_packager.question_types`` (see :mod:`packager.questions.registry`). The object holds
everything the packager needs to know about the type: its model (which validates the author's YAML,
gives the answer key, the interaction and the answer-key text), its template, its runtime script,
its scaffold example, and how the test learner answers it.

Every question is reported to the LMS as an interaction of one of the standards' interaction types
(:data:`packager.standards.INTERACTION_TYPES`); :meth:`QuestionBase.interaction` gives the type and
the correct responses in a standard-neutral form that each runtime adapter writes in its own syntax.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from packager.plugins import PluginKind
from packager.types import Slug, StrictModel, Text

if TYPE_CHECKING:
    from playwright.sync_api import Locator

    from packager.i18n.catalogue import Messages
    from packager.testing.actions import Action


def located(message: str, *location: str | int) -> PydanticCustomError:
    """A question's error that points at one of its fields (``"options", 2, "text"``), not at the
    question: raise it from a model validator, and the message names that field's line."""
    # The message goes in as a value, so braces in an author's text stay as written.
    return PydanticCustomError("question_field", "{message}", {"location": location, "message": message})


def first_repeat(values: list[Any]) -> int | None:
    """The index of the first value that repeats an earlier one."""
    seen: set[Any] = set()
    for index, value in enumerate(values):
        if value in seen:
            return index
        seen.add(value)
    return None


def letters(count: int) -> list[str]:
    """Ids by position: a, b, c... (26 at most: every list of a question is bounded so)."""
    return [chr(ord("a") + index) for index in range(count)]


class Feedback(StrictModel):
    """What the learner reads after submitting, depending on their answer."""

    correct: Text | None = None
    incorrect: Text | None = None


class QuestionBase(StrictModel):
    """Fields every question has. A type narrows ``type`` to its own name (a ``Literal``)."""

    interaction_type: ClassVar[str]
    """How the standards report this type (one of :data:`packager.standards.INTERACTION_TYPES`)."""
    type: str
    id: Slug = Field(description="Unique within the quiz; stable across builds.")
    prompt: Text = Field(description="The question as the learner reads it.")
    feedback: Feedback | None = Field(default=None, description="Shown after submitting.")

    def answer_key(self) -> Any:
        """The correct response, in the form the runtime grader compares against."""
        raise NotImplementedError

    def correct_responses(self) -> list[Any]:
        """The correct responses in the standard-neutral form of the interaction type."""
        raise NotImplementedError

    def interaction(self) -> dict[str, Any]:
        """Interaction type and correct responses, standard-neutral (see the module docstring)."""
        return {"type": self.interaction_type, "correct": self.correct_responses()}

    def max_response_length(self) -> int:
        """The most characters this question's encoded response can take in suspend_data."""
        raise NotImplementedError

    def longest_response(self) -> Any:
        """A response (in the runtime's form) whose encoding is that long: the test suite checks
        the bound against the runtime's own encoder with it."""
        raise NotImplementedError

    def describe_correct(self) -> str:
        """The correct answer in words, for the answer key (``packager key``)."""
        return str(self.answer_key())

    def describe_wrong(self) -> str:
        """One answer the quiz marks wrong, in words, for the answer key."""
        raise NotImplementedError

    def shown_answer(self, words: Messages) -> list[str]:
        """The right answer as the learner reads it when the quiz shows it: one line each, in the
        course's language (``words`` gives interface text such as True, and number formats).
        A type that does not say falls back to its answer-key text (:meth:`describe_correct`)."""
        return [self.describe_correct()]

    def runtime(self) -> dict[str, Any]:
        """Everything the runtime needs about this question."""
        return {
            "id": self.id,
            "type": self.type,
            "key": self.answer_key(),
            "interaction": self.interaction(),
            "description": self.prompt[:250],
        }


class Option(StrictModel):
    """One choice of a choice question."""

    id: Slug | None = Field(default=None, description="Defaults to a, b, c... by position.")
    text: Text
    correct: bool = False
    feedback: Text | None = Field(default=None, description="Shown after submitting if chosen.")


class ChoiceQuestion(QuestionBase):
    """Shared shape of single-choice and multiple-response questions."""

    interaction_type: ClassVar[str] = "choice"
    options: list[Option] = Field(min_length=2, max_length=26)

    @model_validator(mode="after")
    def _name_options(self) -> ChoiceQuestion:
        named = [
            option if option.id else option.model_copy(update={"id": letter})
            for letter, option in zip(letters(len(self.options)), self.options, strict=True)
        ]
        repeated = first_repeat([option.id for option in named])
        if repeated is not None:
            raise located(
                f"option ids must be unique; repeated: {named[repeated].id}", "options", repeated, "id"
            )
        repeated = first_repeat([option.text.casefold() for option in named])
        if repeated is not None:
            raise located(
                f"two options read '{named[repeated].text}'; a learner cannot tell them apart",
                "options",
                repeated,
                "text",
            )
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

    def shown_answer(self, words: Messages) -> list[str]:
        return [option.text for option in self.options if option.correct]

    def correct_responses(self) -> list[Any]:
        return [self.correct_ids]

    def runtime(self) -> dict[str, Any]:
        return {**super().runtime(), "options": [option.id for option in self.options]}

    def max_response_length(self) -> int:
        # One base-36 character per chosen option.
        return len(self.options)

    def longest_response(self) -> Any:
        return [option.id for option in self.options]


DRAG_HELPERS = ("runtime/drag.js", "drag.css")
"""The shared runtime of question types the learner drags (pointer, touch) as well as uses by keyboard."""

Answer = Callable[["Locator", Any, bool], "list[Action]"]
"""How the test learner answers a question: (the question's element on the page, its key as the
package holds it, whether to answer correctly) -> the actions to perform."""


@dataclass(frozen=True)
class QuestionType(PluginKind):
    """One kind of question, as its plug-in registers it."""

    folder: ClassVar[str] = "questions"

    model: type[QuestionBase]
    """Validates the author's YAML; gives the key, the interaction and the answer-key text."""
    template: str
    """Jinja2 source of the question's HTML (autoescaped), with ``quiz`` and ``question`` in scope."""
    script: str
    """Runtime JavaScript: registers ``ns.questionTypes[<type>]`` with read, write, isCorrect,
    encode, decode and learner (optionally complete), or calls ``ns.addQuestionType``, which fills in
    what a type whose answer is in its form fields leaves out (see ``templates/runtime/quiz.js``)."""
    example: str
    """One question of this type as YAML, an item of a quiz's ``questions:`` list (``packager new``)."""
    answer: Answer
    """How the test learner answers it right, or wrong (:mod:`packager.testing.actions`)."""
    helpers: tuple[str, ...] = ()
    """Shared runtime files under ``templates/`` the type needs (``runtime/drag.js``, ``drag.css``):
    shipped once, scripts before the question types' scripts, stylesheets after the theme."""
