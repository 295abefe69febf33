"""The Jinja2 environment every page is rendered with, and the interface text templates write.

Templates come from ``templates/`` and, for ``questions/<type>.html`` and ``blocks/<name>.html``,
from each question type's and lesson block's plug-in.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

from packager.blocks.base import BlockType
from packager.blocks.registry import block_types
from packager.course.models import Course
from packager.i18n.catalogue import Messages, messages_for
from packager.questions.base import QuestionType
from packager.questions.registry import question_types
from packager.resources import templates_dir


@cache
def environment() -> jinja2.Environment:
    """The Jinja2 environment: autoescape on, undefined names are errors. ``questions/<type>.html``
    and ``blocks/<name>.html`` are each question type's and lesson block's template, from its plug-in."""
    return jinja2.Environment(
        loader=jinja2.ChoiceLoader(
            [jinja2.FileSystemLoader(str(templates_dir())), jinja2.FunctionLoader(_plugin_template)]
        ),
        auto_reload=False,  # the templates do not change while the packager runs
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def messages(course: Course) -> Messages:
    """The course's interface strings: its language's catalogue and the author's overrides."""
    return messages_for(course.language, course.strings)


def text_helpers(course: Course) -> dict[str, Any]:
    """What templates call to write interface text: ``t``, ``tn`` (plurals) and ``percent``."""
    found = messages(course)
    return {"t": found.text, "tn": found.plural, "percent": found.percent}


def _plugin_template(name: str) -> str | None:
    kinds: list[QuestionType | BlockType] = [*question_types().values(), *block_types().values()]
    return next((kind.template for kind in kinds if kind.template_name == name), None)
