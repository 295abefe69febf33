"""Load a course folder: read files safely, parse YAML and Markdown front matter, validate.

Every problem found is collected and reported together as one :class:`PackagerError`.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from packager.course.media import collect_media
from packager.course.models import Course, CourseFile, Lesson, LessonFrontMatter, Quiz, QuizFile
from packager.course.yamlsource import Location, SourceMap, dotted, parse_yaml
from packager.errors import PackagerError, Problem

COURSE_FILE = "course.yaml"
QUIZ_SUFFIXES = (".yaml", ".yml")
"""A file with one of these suffixes in the lesson list is a knowledge check."""
MAX_TEXT_FILE_BYTES = 2 * 1024 * 1024
"""Larger text files are refused: no real lesson or quiz is this big."""

ModelT = TypeVar("ModelT", bound=BaseModel)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.DOTALL | re.MULTILINE)
_LEADING_NUMBER = re.compile(r"^\d+[-_. ]*")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def load_course(course_dir: Path) -> Course:
    """Load and validate the course in ``course_dir``; raise :class:`PackagerError` on any problem."""
    root = course_dir.resolve()
    if not root.is_dir():
        raise PackagerError("the course folder does not exist or is not a folder", file=course_dir)
    course_path = root / COURSE_FILE
    data, source_map = parse_yaml(read_text(root, course_path), course_path)
    settings, problems = validate(CourseFile, data, source_map)
    if settings is None:
        raise PackagerError(problems=problems)

    pages: list[tuple[Location, Lesson | Quiz]] = []
    for index, relative in enumerate(settings.lessons):
        try:
            if relative.endswith(QUIZ_SUFFIXES):
                pages.append((("lessons", index), _load_quiz(root, root / relative, graded=False)))
            else:
                pages.append((("lessons", index), _load_lesson(root, root / relative)))
        except PackagerError as error:
            problems.extend(_at_reference(error, source_map, ("lessons", index)))
    if not any(isinstance(page, Lesson) for _, page in pages) and not problems:
        problems.append(_problem_at(source_map, ("lessons",), "the course needs at least one Markdown lesson"))

    quiz = None
    if settings.quiz is not None:
        try:
            quiz = _load_quiz(root, root / settings.quiz, graded=True)
            pages.append((("quiz",), quiz))
        except PackagerError as error:
            problems.extend(_at_reference(error, source_map, ("quiz",)))
    seen: dict[str, Lesson | Quiz] = {}
    for location, page in pages:
        if page.id in seen:
            problems.append(
                _problem_at(
                    source_map,
                    location,
                    f"two pages have the id '{page.id}' ({seen[page.id].source.name} "
                    f"and {page.source.name}); give one an 'id' of its own",
                )
            )
        seen.setdefault(page.id, page)
    if problems:
        raise PackagerError(problems=problems)

    completion = settings.completion or ("lessons-and-quiz" if quiz else "lessons")
    return Course(
        id=settings.id,
        title=settings.title,
        description=settings.description,
        language=settings.language,
        version=settings.version,
        mastery_score=settings.mastery_score,
        completion=completion,
        pages=[page for _, page in pages],
        source_dir=root,
    )


def read_text(root: Path, path: Path) -> str:
    """Read a UTF-8 text file that must lie inside ``root`` (symlinks included)."""
    display = _display(root, path)
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        raise PackagerError("file not found", file=display) from None
    except (OSError, RuntimeError) as error:
        raise PackagerError(f"cannot read the file: {error}", file=display) from None
    if not resolved.is_relative_to(root):
        raise PackagerError("the file lies outside the course folder (through a link)", file=display)
    if not resolved.is_file():
        raise PackagerError("not a regular file", file=display)
    try:
        size = resolved.stat().st_size
        if size > MAX_TEXT_FILE_BYTES:
            raise PackagerError(
                f"the file is too large ({size} bytes; the limit is {MAX_TEXT_FILE_BYTES})", file=display
            )
        raw = resolved.read_bytes()
    except OSError as error:
        raise PackagerError(f"cannot read the file: {error.strerror}", file=display) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PackagerError(
            f"the file is not valid UTF-8 text (bad byte at offset {error.start}); save it as UTF-8",
            file=display,
            line=line,
        ) from None
    return text.removeprefix("\ufeff")


def _display(root: Path, path: Path) -> Path:
    """The path as the author knows it: relative to the course folder's parent when possible."""
    try:
        return path.relative_to(root.parent)
    except ValueError:
        return path


def _load_lesson(root: Path, path: Path) -> Lesson:
    display = _display(root, path)
    text = read_text(root, path)
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise PackagerError(
            "a lesson starts with front matter: a '---' line, 'title: ...', and another '---' line",
            file=display,
            line=1,
            field="title",
        )
    data, source_map = parse_yaml(match.group(1), display, line_offset=1)
    front, problems = validate(LessonFrontMatter, data if data is not None else {}, source_map)
    if front is None:
        raise PackagerError(problems=problems)
    body = text[match.end() :]
    if not body.strip():
        raise PackagerError("the lesson has no text after its front matter", file=display)
    first_body_line = text[: match.end()].count("\n") + 1
    media = collect_media(root, path, display, body, first_body_line)
    if media.problems:
        raise PackagerError(problems=media.problems)
    lesson_id = front.id or id_from_file_name(path, display)
    return Lesson(
        id=lesson_id,
        title=front.title,
        markdown=body,
        source=path,
        media_references=media.references,
        media_files=media.files,
    )


def id_from_file_name(path: Path, display: Path) -> str:
    """A page's default id: its file name without a leading number, as a slug."""
    words = _NOT_SLUG.split(_LEADING_NUMBER.sub("", path.stem).lower())
    slug = "-".join(word for word in words if word)
    if not slug or not slug[0].isalpha():
        raise PackagerError(
            "cannot make an id from this file name: give the page an 'id' (lower-case letters, "
            "digits and hyphens, starting with a letter)",
            file=display,
            field="id",
        )
    return slug[:64]


def _load_quiz(root: Path, path: Path, graded: bool) -> Quiz:
    display = _display(root, path)
    data, source_map = parse_yaml(read_text(root, path), display)
    quiz_file, problems = validate(QuizFile, data, source_map)
    if quiz_file is None:
        raise PackagerError(problems=problems)
    return Quiz(
        id=quiz_file.id or id_from_file_name(path, display),
        title=quiz_file.title,
        questions=list(quiz_file.questions),
        draw=quiz_file.draw,
        shuffle_questions=quiz_file.shuffle_questions,
        shuffle_options=quiz_file.shuffle_options,
        attempts=quiz_file.attempts,
        graded=graded,
        source=path,
    )


def _at_reference(error: PackagerError, source_map: SourceMap, location: Location) -> list[Problem]:
    """Problems of a referenced file; a missing file is reported where course.yaml names it."""
    reported = []
    for problem in error.problems:
        if problem.message == "file not found" and problem.line is None:
            reported.append(
                _problem_at(source_map, location, f"the file '{problem.file}' does not exist")
            )
        else:
            reported.append(problem)
    return reported


def _problem_at(source_map: SourceMap, location: Location, message: str) -> Problem:
    _, position = source_map.locate(location)
    return Problem(
        message,
        file=source_map.file,
        line=position[0] if position else None,
        column=position[1] if position else None,
        field=dotted(location),
    )


def validate(
    model: type[ModelT], data: Any, source_map: SourceMap
) -> tuple[ModelT | None, list[Problem]]:
    """Validate ``data`` against ``model``; turn pydantic's errors into located problems."""
    if not isinstance(data, dict):
        found = "an empty file" if data is None else f"a {type(data).__name__}"
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
        return None, [_problem(model, item, source_map) for item in error.errors()]


def _problem(model: type[BaseModel], item: Any, source_map: SourceMap) -> Problem:
    # A model-level check may name the offending value in its context (see QuizFile).
    location: Location = (*item["loc"], *item.get("ctx", {}).get("location", ()))
    kind = item["type"]
    _, position = source_map.locate(location)
    field_path = _data_path(location, source_map, kind)
    message = str(item["msg"])
    if kind == "missing":
        message = "required field is missing"
    elif kind == "extra_forbidden":
        name = str(location[-1])
        allowed = _allowed_fields(model, location[:-1])
        close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        message = f"unknown field '{name}'"
        if close:
            message += f"; did you mean '{close[0]}'?"
        elif allowed:
            message += f"; expected one of: {', '.join(sorted(allowed))}"
    elif kind == "union_tag_invalid":
        message = f"unknown type; expected one of: {item['ctx']['expected_tags']}"
    elif kind == "string_pattern_mismatch" and field_path.endswith("id"):
        message = "ids use lower-case letters, digits and single hyphens, starting with a letter"
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return Problem(
        message,
        file=source_map.file,
        line=position[0] if position else None,
        column=position[1] if position else None,
        field=field_path or None,
    )


def _data_path(location: Location, source_map: SourceMap, kind: str) -> str:
    """The error's path as it reads in the author's file (union tags removed).

    A segment absent from the file is kept only when it names a missing field.
    """
    kept: list[str | int] = []
    for index, segment in enumerate(location):
        missing_field = kind == "missing" and index == len(location) - 1
        if (*kept, segment) in source_map.positions or isinstance(segment, int) or missing_field:
            kept.append(segment)
    return dotted(tuple(kept))


def _allowed_fields(model: type[BaseModel], location: Location) -> list[str]:
    """Field names of the model found at ``location`` inside ``model`` (for suggestions)."""
    current: Any = model
    for segment in location:
        current = _step(current, segment)
        if current is None:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _step(annotation: Any, segment: str | int) -> Any:
    annotation = _unwrap(annotation)
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        for option in typing.get_args(annotation):
            option = _unwrap(option)
            if isinstance(segment, str) and isinstance(option, type) and issubclass(option, BaseModel):
                type_field = option.model_fields.get("type")
                if type_field is not None and segment in typing.get_args(type_field.annotation):
                    return option
                if segment in option.model_fields:
                    return option.model_fields[segment].annotation
        return None
    if origin is list and isinstance(segment, int):
        return typing.get_args(annotation)[0]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(segment, str):
        field = annotation.model_fields.get(segment)
        return field.annotation if field else None
    return None
