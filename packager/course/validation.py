"""Reading one YAML document into a model, and wording pydantic's errors for authors.

:func:`read_yaml` parses with positions (:mod:`packager.course.yamlsource`) and validates; every
problem becomes a :class:`~packager.errors.Problem` at the file, line and column of the value, named
by its field as it reads in the author's file, in words an author understands ("unknown field
'promt'; did you mean 'prompt'?").
"""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from packager.course.wording import WRONG_TYPES, kind_of, wrong_type_message
from packager.course.yamlfast import SlowPathNeeded, fast_parse
from packager.course.yamlsource import Location, SourceMap, parse_yaml
from packager.errors import Problem
from packager.questions.base import ChoiceQuestion
from packager.types import Slug

ModelT = TypeVar("ModelT", bound=BaseModel)
_CHOICE_ANSWER_FIELDS = frozenset({"answer", "answers", "correct", "correct_answer"})
"""Fields authors add to choice questions, meaning 'correct: true' on an option."""

SLUG = re.compile(typing.get_args(Slug)[1].pattern)
"""What a valid id looks like (the pattern of :data:`packager.types.Slug`)."""


class ReadYaml(Generic[ModelT]):
    """A YAML file read and validated: its data, its model (None if invalid) and its problems."""

    def __init__(
        self, data: Any, model: ModelT | None, problems: list[Problem], source_map: Callable[[], SourceMap]
    ) -> None:
        self.data = data
        self.model = model
        self.problems = problems
        self.source_map = source_map
        """Where each value came from; read again on demand when the fast path was taken."""


def read_yaml(
    model: type[ModelT], text: str, file: Path, line_offset: int = 0, empty: Any = None
) -> ReadYaml[ModelT]:
    """Parse and validate one YAML document (``empty`` stands for an empty one).

    A valid file is read with libyaml (:func:`fast_parse`), without positions. Anything else,
    any problem included, is read again by PyYAML's pure-Python parser, whose source map words
    and locates every problem: the result, messages included, is the same either way.
    """

    @functools.cache
    def slow() -> tuple[Any, SourceMap]:
        return parse_yaml(text, file, line_offset)

    try:
        data = fast_parse(text)
        if data is None:
            data = empty
        if isinstance(data, dict):
            return ReadYaml(data, model.model_validate(data), [], lambda: slow()[1])
    except (SlowPathNeeded, ValidationError):
        pass
    data, source_map = slow()
    if data is None:
        data = empty
    checked, problems = validate(model, data, source_map)
    return ReadYaml(data, checked, [*source_map.problems, *problems], lambda: source_map)


def validate(model: type[ModelT], data: Any, source_map: SourceMap) -> tuple[ModelT | None, list[Problem]]:
    """Validate ``data`` against ``model``; turn pydantic's errors into located problems."""
    if not isinstance(data, dict):
        found = "an empty file" if data is None else kind_of(data)
        return None, [
            Problem(
                f"expected a mapping of fields (name: value), found {found}",
                file=source_map.file,
                line=1 + source_map.line_offset,
            )
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as error:
        return None, [_problem(model, item, source_map, data) for item in error.errors()]


def _problem(model: type[BaseModel], item: Any, source_map: SourceMap, data: Any = None) -> Problem:
    # A model-level check may name the offending value in its context (see QuizFile).
    location: Location = (*item["loc"], *item.get("ctx", {}).get("location", ()))
    kind = item["type"]
    _, position = source_map.locate(location)
    field_path = _data_path(location, source_map, kind, data)
    message = str(item["msg"])
    if kind == "missing":
        message = "required field is missing"
    elif kind == "extra_forbidden":
        message = _unknown_field_message(model, location)
    elif kind == "union_tag_invalid":
        message = _unknown_tag_message(item)
    elif kind == "union_tag_not_found":
        discriminator = str(item["ctx"]["discriminator"]).strip("'")
        tags = ", ".join(_union_tags(model, location))
        message = f"required field '{discriminator}' is missing; expected one of: {tags}"
        field_path = _named((*_known_path(location, source_map), discriminator), data)
    elif kind in ("string_type", "string_unicode"):
        written = source_map.plain_scalars.get(_known_path(location, source_map))
        message = _not_text_message(item["input"], written)
    elif kind in WRONG_TYPES:
        written = source_map.plain_scalars.get(_known_path(location, source_map))
        message = wrong_type_message(kind, item["input"], written) or message
    elif kind == "string_pattern_mismatch" and field_path.endswith("id"):
        message = "ids use lower-case letters, digits and single hyphens, starting with a letter"
    elif kind == "string_pattern_mismatch" and field_path == "language":
        message = f"{item['input']!r} is not a language tag: write a BCP 47 tag such as en, de-CH or pt-BR"
    elif kind == "string_pattern_mismatch":
        message = f"{item['input']!r} is not written as this field expects"
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return Problem(
        message,
        file=source_map.file,
        line=position[0] if position else None,
        column=position[1] if position else None,
        field=field_path or None,
    )


def _unknown_field_message(model: type[BaseModel], location: Location) -> str:
    name = str(location[-1])
    owner = _model_at(model, location[:-1])
    allowed = list(owner.model_fields) if owner else []
    message = f"unknown field '{name}'"
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if owner is not None and issubclass(owner, ChoiceQuestion) and name in _CHOICE_ANSWER_FIELDS:
        return message + "; mark the right option (or options) with 'correct: true' under 'options'"
    if close:
        return message + f"; did you mean '{close[0]}'?"
    if allowed:
        return message + f"; expected one of: {', '.join(sorted(allowed))}"
    return message


def _unknown_tag_message(item: Any) -> str:
    given = str(item["ctx"].get("tag", ""))
    expected = str(item["ctx"]["expected_tags"])
    message = f"unknown type '{given}'; expected one of: {expected}"
    tags = [tag.strip().strip("'") for tag in expected.split(",")]
    close = difflib.get_close_matches(given, tags, n=1, cutoff=0.6)
    if close:
        message = f"unknown type '{given}'; did you mean '{close[0]}'?"
    return message


def _not_text_message(value: Any, written: str | None) -> str:
    """Why a value is not text; YAML reads unquoted No, yes, on, 1.10 or 2024-01-01 as other types."""
    if value is None:
        return "expected text, found nothing: write the text after the colon"
    if written is None or isinstance(value, dict | list):
        return f"expected text, found {kind_of(value)}"
    if isinstance(value, bool):
        reading = f"the boolean {str(value).lower()}"
    elif isinstance(value, date):
        reading = "a date"
    else:
        reading = "a number"
    return f'YAML reads the unquoted {written} as {reading}, not text; put it in quotes: "{written}"'


def _data_path(location: Location, source_map: SourceMap, kind: str, data: Any = None) -> str:
    """The error's path as it reads in the author's file (union tags removed), questions named
    by their id.

    A segment absent from the file is kept only when it names a missing field.
    """
    kept: list[str | int] = []
    for index, segment in enumerate(location):
        missing_field = kind == "missing" and index == len(location) - 1
        if (*kept, segment) in source_map.positions or isinstance(segment, int) or missing_field:
            kept.append(segment)
    return _named(tuple(kept), data)


def _named(location: Location, data: Any) -> str:
    """``dotted`` with each question named by its id where it has a valid one: ``questions[sky].answer``
    rather than ``questions[0].answer`` (authors know their questions by id, not by position)."""
    node, shown = data, ""
    for segment in location:
        child = _child(node, segment)
        if isinstance(segment, int):
            name = child.get("id") if isinstance(child, dict) else None
            ids = [sibling.get("id") for sibling in node if isinstance(sibling, dict)] if child else []
            valid = isinstance(name, str) and SLUG.fullmatch(name) is not None
            own = shown.endswith("questions") and valid and ids.count(name) == 1  # repeated: no one question
            shown += f"[{name}]" if own else f"[{segment}]"
        else:
            shown += f".{segment}" if shown else str(segment)
        node = child
    return shown


def _child(node: Any, segment: str | int) -> Any:
    if isinstance(node, list) and isinstance(segment, int) and 0 <= segment < len(node):
        return node[segment]
    if isinstance(node, dict) and isinstance(segment, str):
        return node.get(segment)
    return None


def _known_path(location: Location, source_map: SourceMap) -> Location:
    kept: Location = ()
    for segment in location:
        if (*kept, segment) in source_map.positions:
            kept = (*kept, segment)
    return kept


def _model_at(model: type[BaseModel], location: Location) -> type[BaseModel] | None:
    """The model found at ``location`` inside ``model`` (union tags pick the member)."""
    current: Any = model
    for segment in location:
        current = _step(current, segment)
        if current is None:
            return None
    for option in _members(current):
        if isinstance(option, type) and issubclass(option, BaseModel):
            return option
    return None


def _union_tags(model: type[BaseModel], location: Location) -> list[str]:
    """The ``type`` values a discriminated union at ``location`` accepts, in order."""
    current: Any = model
    for segment in location:
        current = _step(current, segment)
        if current is None:
            return []
    tags: list[str] = []
    for option in _members(current):
        if isinstance(option, type) and issubclass(option, BaseModel) and "type" in option.model_fields:
            tags.extend(f"'{tag}'" for tag in typing.get_args(option.model_fields["type"].annotation))
    return tags


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _members(annotation: Any) -> list[Any]:
    """The options of a union (``X | None`` included), or the annotation itself."""
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return [_unwrap(option) for option in typing.get_args(annotation)]
    return [annotation]


def _step(annotation: Any, segment: str | int) -> Any:
    members = _members(annotation)
    if len(members) > 1:
        for option in members:
            if isinstance(segment, str) and isinstance(option, type) and issubclass(option, BaseModel):
                type_field = option.model_fields.get("type")
                if type_field is not None and segment in typing.get_args(type_field.annotation):
                    return option
                if segment in option.model_fields:
                    return option.model_fields[segment].annotation
            if isinstance(segment, int) and typing.get_origin(option) is list:
                return typing.get_args(option)[0]
        return None
    annotation = members[0]
    if typing.get_origin(annotation) is list and isinstance(segment, int):
        return typing.get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(segment, str):
        field = annotation.model_fields.get(segment)
        return field.annotation if field else None
    return None
