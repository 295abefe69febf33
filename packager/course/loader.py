"""Load a course folder: read files safely, parse YAML and Markdown front matter, validate.

Every problem found is collected and reported together as one :class:`PackagerError`: even when
course.yaml has problems, the lesson and quiz files it names validly are still read and checked.
Files are named as the author named the course folder (``course/lessons/01-intro.md``).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import TypeAdapter, ValidationError

from packager.course.crosscheck import case_clashes, link_pages, resolved
from packager.course.media import LESSON_SUFFIXES
from packager.course.models import Course, CourseFile, Lesson, Quiz
from packager.course.pages import (
    FILE_NOT_FOUND,
    NOT_A_FILE,
    CourseFolder,
    KeptPages,
    load_lesson,
    load_quiz,
    read_text,
)
from packager.course.validation import read_yaml
from packager.course.yamlsource import Location, SourceMap, dotted
from packager.errors import PackagerError, Problem
from packager.standards import SCORM_VERSIONS
from packager.theme.files import ThemeFiles, load_theme
from packager.types import RelativePath, carried

COURSE_FILE = "course.yaml"
QUIZ_SUFFIXES = (".yaml", ".yml")
"""A file with one of these suffixes in the lesson list is a knowledge check."""
MAX_PAGES = 1000
"""Most lessons and knowledge checks a course may list: every page is in one HTML file."""
_RELATIVE_PATH: TypeAdapter[str] = TypeAdapter(RelativePath)


def load_course(
    course_dir: Path, kept: KeptPages | None = None, targets: Collection[str] | None = None
) -> Course:
    """Load and validate the course in ``course_dir``; raise :class:`PackagerError` on any problem.

    Pages that an earlier build loaded from the same files are taken from ``kept``, not parsed
    again; the course is the same with or without it. The limits of the output ``targets``
    (default: every target) are checked too, such as SCORM 1.2's 20-character version.
    """
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

    theme = ThemeFiles()
    if settings is not None:
        problems.extend(_target_limits(settings, source_map, targets))
        if settings.theme is not None:
            theme = load_theme(root, settings.theme, folder.shown, lambda path: read_text(folder, path))
            problems.extend(_problem_at(source_map, where, message) for where, message in theme.problems)
            problems.extend(theme.located)
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
        wrong = _wrong_kind(
            relative,
            LESSON_SUFFIXES + QUIZ_SUFFIXES,
            "a lesson: list Markdown lessons (.md) and YAML knowledge checks (.yaml)",
        )
        if wrong:
            problems.append(_problem_at(source_map, location, wrong))
            continue
        try:
            if relative.lower().endswith(QUIZ_SUFFIXES):
                pages.append((location, load_quiz(folder, root / relative, graded=False, kept=kept)))
            else:
                pages.append((location, load_lesson(folder, root / relative, kept)))
        except PackagerError as error:
            problems.extend(_at_reference(error, source_map, location))
    if lessons and not any(isinstance(page, Lesson) for _, page in pages) and not problems:
        problems.append(
            _problem_at(source_map, ("lessons",), "the course needs at least one Markdown lesson")
        )

    quiz = None
    quiz_reference = _quiz_reference(data, settings)
    wrong = quiz_reference and _wrong_kind(
        quiz_reference, QUIZ_SUFFIXES, "a quiz: the quiz is a YAML file (.yaml)"
    )
    if wrong:
        problems.append(_problem_at(source_map, ("quiz",), wrong))
    elif quiz_reference is not None:
        try:
            quiz = load_quiz(folder, root / quiz_reference, graded=True, kept=kept)
            pages.append((("quiz",), quiz))
        except PackagerError as error:
            problems.extend(_at_reference(error, source_map, ("quiz",)))
    seen: dict[str, Lesson | Quiz] = {}
    for location, page in pages:
        if page.id not in seen:
            seen[page.id] = page
            continue
        first = seen[page.id]
        if first.source == page.source:
            message = f"'{_relative(folder, page.source)}' is listed twice"
        else:
            message = (
                f"two pages have the id '{page.id}' ({_relative(folder, first.source)} "
                f"and {_relative(folder, page.source)}); give one an 'id' of its own"
            )
        problems.append(_problem_at(source_map, location, message))
    problems.extend(case_clashes(folder, [page for _, page in pages]))
    listed = {resolved(root / relative) for _, relative in lessons}
    pages = link_pages(folder, pages, listed, problems)
    if problems or settings is None:
        raise PackagerError(problems=problems)

    completion = settings.completion or ("lessons-and-quiz" if quiz else "lessons")
    return carried(
        settings,
        Course,
        completion=completion,
        pages=[page for _, page in pages],
        source_dir=root,
        shown_dir=folder.shown,
        theme_files=theme.files,
    )


def course_file_problem(course: Course, location: Location, message: str) -> Problem:
    """A problem at a field of a loaded course's course.yaml (read again: only errors need where)."""
    folder = CourseFolder(root=course.source_dir, shown=course.shown_dir or course.source_dir)
    path = folder.root / COURSE_FILE
    read = read_yaml(CourseFile, read_text(folder, path), folder.display(path))
    return _problem_at(read.source_map, location, message)


def _wrong_kind(relative: str, suffixes: tuple[str, ...], kind: str) -> str | None:
    """Why a listed file is of the wrong kind by its name (one without a suffix is read to see)."""
    suffix = PurePosixPath(relative).suffix.lower()
    if suffix and suffix not in suffixes:
        return f"'{relative}' is not {kind}"
    return None


def _target_limits(
    settings: CourseFile, source_map: Callable[[], SourceMap], targets: Collection[str] | None
) -> list[Problem]:
    """What the course's settings break of the targets' own limits (:mod:`packager.standards`)."""
    for version in SCORM_VERSIONS:
        limit = version.version_length
        if (targets is None or version.edition in targets) and limit and len(settings.version) > limit:
            return [
                _problem_at(
                    source_map,
                    ("version",),
                    f"SCORM {version.schemaversion} allows at most {limit} characters here "
                    f"(this has {len(settings.version)}); shorten it, or build only other targets "
                    "(--target)",
                )
            ]
    return []


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
