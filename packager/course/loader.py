"""Load a course folder: read files safely, parse YAML and Markdown front matter, validate.

Every problem found is collected and reported together as one :class:`PackagerError`: even when
course.yaml has problems, the lesson and quiz files it names validly are still read and checked.
Files are named as the author named the course folder (``course/lessons/01-intro.md``).
"""

from __future__ import annotations

import difflib
import functools
import re
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from packager.course.media import collect_media
from packager.course.models import Course, CourseFile, Lesson, LessonFrontMatter, Quiz, QuizFile
from packager.course.questions import ChoiceQuestion
from packager.course.types import RelativePath
from packager.course.yamlsource import Location, SlowPathNeeded, SourceMap, dotted, fast_parse, parse_yaml
from packager.errors import PackagerError, Problem

COURSE_FILE = "course.yaml"
FILE_NOT_FOUND = "file not found"
NOT_A_FILE = "not a regular file"
QUIZ_SUFFIXES = (".yaml", ".yml")
"""A file with one of these suffixes in the lesson list is a knowledge check."""
MAX_TEXT_FILE_BYTES = 1024 * 1024
"""Larger text files are refused: no real lesson or quiz is this big, and parsing stays quick."""
MAX_PAGES = 1000
"""Most lessons and knowledge checks a course may list: every page is in one HTML file."""

ModelT = TypeVar("ModelT", bound=BaseModel)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.DOTALL | re.MULTILINE)
_LEADING_NUMBER = re.compile(r"^\d+[-_. ]*")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_RELATIVE_PATH: TypeAdapter[str] = TypeAdapter(RelativePath)
PageReuse = Callable[[Callable[..., Any]], Callable[..., Any]]
"""Wraps a page loader, ``load(folder, path, ...)``, into one that returns the same page."""
_CHOICE_ANSWER_FIELDS = frozenset({"answer", "answers", "correct", "correct_answer"})


@dataclass(frozen=True)
class CourseFolder:
    """The course folder: resolved for safety checks, and as the author named it for messages."""

    root: Path
    shown: Path

    @classmethod
    def at(cls, course_dir: Path) -> CourseFolder:
        return cls(root=course_dir.resolve(), shown=course_dir)

    def display(self, path: Path) -> Path:
        """``path`` (inside the folder) as the author would write it: ``course/lessons/01-intro.md``."""
        try:
            return self.shown / path.relative_to(self.root)
        except ValueError:
            return path


def load_course(course_dir: Path, reuse: PageReuse | None = None) -> Course:
    """Load and validate the course in ``course_dir``; raise :class:`PackagerError` on any problem.

    ``reuse`` wraps the page loaders to skip files unchanged since the last build
    (:mod:`packager.incremental`); the course is the same with or without it.
    """
    load_lesson, load_quiz = (reuse(_load_lesson), reuse(_load_quiz)) if reuse else (_load_lesson, _load_quiz)
    folder = CourseFolder.at(course_dir)
    root = folder.root
    if not root.is_dir():
        raise PackagerError("the course folder does not exist or is not a folder", file=course_dir)
    course_path = root / COURSE_FILE
    if not course_path.exists() and not course_path.is_symlink():
        raise PackagerError(
            f"no {COURSE_FILE} in this folder: a course folder holds {COURSE_FILE} (the course's "
            "title, id and lesson list) beside its lessons",
            file=folder.display(course_path),
        )
    course_file = read_yaml(CourseFile, read_text(folder, course_path), folder.display(course_path))
    data, settings, problems, source_map = (
        course_file.data,
        course_file.model,
        course_file.problems,
        course_file.source_map,
    )

    pages: list[tuple[Location, Lesson | Quiz]] = []
    lessons = _page_references(data, settings)
    if len(lessons) > MAX_PAGES:
        problems.append(
            _problem_at(
                source_map,
                ("lessons",),
                f"the course lists {len(lessons)} lessons; the limit is {MAX_PAGES} (split it into "
                "several courses)",
            )
        )
        lessons = []
    for location, relative in lessons:
        try:
            if relative.endswith(QUIZ_SUFFIXES):
                pages.append((location, load_quiz(folder, root / relative, graded=False)))
            else:
                pages.append((location, load_lesson(folder, root / relative)))
        except PackagerError as error:
            problems.extend(_at_reference(error, source_map, location))
    if lessons and not any(isinstance(page, Lesson) for _, page in pages) and not problems:
        problems.append(
            _problem_at(source_map, ("lessons",), "the course needs at least one Markdown lesson")
        )

    quiz = None
    quiz_reference = _quiz_reference(data, settings)
    if quiz_reference is not None:
        try:
            quiz = load_quiz(folder, root / quiz_reference, graded=True)
            pages.append((("quiz",), quiz))
        except PackagerError as error:
            problems.extend(_at_reference(error, source_map, ("quiz",)))
    seen: dict[str, Lesson | Quiz] = {}
    for location, page in pages:
        first = seen.setdefault(page.id, page)
        if first is page:
            continue
        if first.source == page.source:
            message = f"'{_relative(folder, page.source)}' is listed twice"
        else:
            message = (
                f"two pages have the id '{page.id}' ({_relative(folder, first.source)} "
                f"and {_relative(folder, page.source)}); give one an 'id' of its own"
            )
        problems.append(_problem_at(source_map, location, message))
    if problems or settings is None:
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


def _relative(folder: CourseFolder, path: Path) -> str:
    """A path inside the course folder, as course.yaml would name it."""
    return path.relative_to(folder.root).as_posix() if path.is_relative_to(folder.root) else str(path)


def _page_references(data: Any, settings: CourseFile | None) -> list[tuple[Location, str]]:
    """The lesson list, or, when course.yaml is invalid, the entries of it that are valid paths."""
    if settings is not None:
        return [(("lessons", index), relative) for index, relative in enumerate(settings.lessons)]
    listed = data.get("lessons") if isinstance(data, dict) else None
    if not isinstance(listed, list):
        return []
    return [
        (("lessons", index), relative) for index, relative in enumerate(listed) if _is_relative_path(relative)
    ]


def _quiz_reference(data: Any, settings: CourseFile | None) -> str | None:
    """The quiz file, read from the raw data when course.yaml is invalid elsewhere."""
    if settings is not None:
        return settings.quiz
    named = data.get("quiz") if isinstance(data, dict) else None
    return named if isinstance(named, str) and _is_relative_path(named) else None


def _is_relative_path(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        _RELATIVE_PATH.validate_python(value)
    except ValidationError:
        return False
    return True


def read_text(folder: CourseFolder, path: Path) -> str:
    """Read a UTF-8 text file that must lie inside the course folder (symlinks included)."""
    display = folder.display(path)
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        raise PackagerError(FILE_NOT_FOUND, file=display) from None
    except RuntimeError:
        raise PackagerError("the file is a symbolic link that points to itself", file=display) from None
    except OSError as error:
        raise PackagerError(f"cannot read the file: {error.strerror}", file=display) from None
    except ValueError:
        raise PackagerError("the path holds a character no file name can hold", file=display) from None
    if not resolved.is_relative_to(folder.root):
        raise PackagerError("the file lies outside the course folder (through a link)", file=display)
    if not resolved.is_file():
        raise PackagerError(NOT_A_FILE, file=display)
    try:
        size = resolved.stat().st_size
        if size > MAX_TEXT_FILE_BYTES:
            raise PackagerError(
                f"the file is too large ({size} bytes; the limit is {MAX_TEXT_FILE_BYTES // 1024} KiB)",
                file=display,
            )
        raw = resolved.read_bytes()
    except OSError as error:
        raise PackagerError(f"cannot read the file: {error.strerror}", file=display) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        found = "UTF-16 text" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else "not valid UTF-8 text"
        raise PackagerError(
            f"the file is {found} (bad byte at offset {error.start}); save it as UTF-8",
            file=display,
            line=line,
        ) from None
    return text.removeprefix("\ufeff")


def _load_lesson(folder: CourseFolder, path: Path) -> Lesson:
    display = folder.display(path)
    text = read_text(folder, path)
    match = _FRONT_MATTER.match(text)
    if match is None and re.match(r"---[ \t]*\r?\n", text):
        raise PackagerError(
            "the front matter has no closing '---' line (a '---' line after 'title: ...')",
            file=display,
            line=1,
        )
    if match is None:
        raise PackagerError(
            "a lesson starts with front matter: a '---' line, 'title: ...', and another '---' line",
            file=display,
            line=1,
            field="title",
        )
    front_matter = read_yaml(LessonFrontMatter, match.group(1), display, line_offset=1, empty={})
    front, problems = front_matter.model, front_matter.problems
    body = text[match.end() :]
    if not body.strip():
        problems.append(Problem("the lesson has no text after its front matter", file=display))
    first_body_line = text[: match.end()].count("\n") + 1
    media = collect_media(folder.root, path, display, body, first_body_line)
    problems.extend(media.problems)
    if problems or front is None:
        raise PackagerError(problems=problems)
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
    return slug[:64].rstrip("-")


def _load_quiz(folder: CourseFolder, path: Path, graded: bool) -> Quiz:
    display = folder.display(path)
    read = read_yaml(QuizFile, read_text(folder, path), display)
    quiz_file, problems = read.model, read.problems
    if quiz_file is None or problems:
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


def _at_reference(
    error: PackagerError, source_map: Callable[[], SourceMap], location: Location
) -> list[Problem]:
    """Problems of a referenced file; a missing file is reported where course.yaml names it."""
    reported = []
    for problem in error.problems:
        if problem.message == FILE_NOT_FOUND and problem.line is None:
            reported.append(_problem_at(source_map, location, f"the file '{problem.file}' does not exist"))
        elif problem.message == NOT_A_FILE and problem.line is None:
            reported.append(
                _problem_at(source_map, location, f"'{problem.file}' is not a file (a folder, or a device)")
            )
        else:
            reported.append(problem)
    return reported


def _problem_at(source_map: Callable[[], SourceMap], location: Location, message: str) -> Problem:
    located = source_map()
    _, position = located.locate(location)
    return Problem(
        message,
        file=located.file,
        line=position[0] if position else None,
        column=position[1] if position else None,
        field=dotted(location),
    )


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
        found = "an empty file" if data is None else _kind_of(data)
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


def _kind_of(value: Any) -> str:
    """What a YAML value is, in words: "text", "a number", "a list"..."""
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "a true/false value"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


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
        message = _unknown_field_message(model, location)
    elif kind == "union_tag_invalid":
        message = _unknown_tag_message(item)
    elif kind == "union_tag_not_found":
        discriminator = str(item["ctx"]["discriminator"]).strip("'")
        tags = ", ".join(_union_tags(model, location))
        message = f"required field '{discriminator}' is missing; expected one of: {tags}"
        field_path = dotted((*_known_path(location, source_map), discriminator))
    elif kind in ("string_type", "string_unicode"):
        written = source_map.plain_scalars.get(_known_path(location, source_map))
        message = _not_text_message(item["input"], written)
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
        return f"expected text, found {_kind_of(value)}"
    if isinstance(value, bool):
        reading = f"the boolean {str(value).lower()}"
    elif isinstance(value, date):
        reading = "a date"
    else:
        reading = "a number"
    return f'YAML reads the unquoted {written} as {reading}, not text; put it in quotes: "{written}"'


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
