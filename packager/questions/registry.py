"""The question types installed: every :class:`QuestionType` registered under the entry-point group.

The packager's own types register themselves in its ``pyproject.toml``, exactly as another package
adds one (as Sphinx and MkDocs extensions do)::

    [project.entry-points."scorm_course_packager.question_types"]
    likert = "my_package.likert:QUESTION_TYPE"

The entry point's name is the type's name (the value of ``type:`` in a quiz file). Everything that
differs by question type (validation, the page, the runtime, the key, the schema, ``packager new``,
the test learner) loops over :func:`question_types`.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import Field

from packager.errors import PackagerError
from packager.plugins import load_plugins, model_problem
from packager.questions import ENTRY_POINT_GROUP
from packager.questions.base import QuestionBase, QuestionType
from packager.standards import INTERACTION_TYPES


@functools.cache
def question_types() -> Mapping[str, QuestionType]:
    """Every installed question type, by name, in name order; loaded once per process."""
    found = load_plugins(ENTRY_POINT_GROUP, "question type", QuestionType, _problem)
    if not found:
        raise PackagerError(
            f"no question types are installed (entry-point group {ENTRY_POINT_GROUP}): "
            "install the packager with pip (pip install -e . in a checkout)"
        )
    return found


def _problem(plugin: QuestionType, name: str) -> str | None:
    """Why a registered question type cannot serve as the type ``name``, if it cannot."""
    found = model_problem(plugin, name, QuestionBase)
    if found is None and plugin.model.interaction_type not in INTERACTION_TYPES:
        return f"reports the interaction type {plugin.model.interaction_type!r}, which no standard has"
    return found


def question_union() -> Any:
    """The tagged union of every question model, which quiz files are validated against."""
    models = tuple(question_type.model for question_type in question_types().values())
    return Annotated[Union[models], Field(discriminator="type")]  # noqa: UP007 (a runtime tuple)


if TYPE_CHECKING:
    Question = QuestionBase
else:
    Question = question_union()
"""Any question: the type the course models use for a quiz's questions."""
