"""Shared by the loader's tests: locating the one problem a broken course folder gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from packager.course import load_course
from packager.errors import PackagerError, Problem

QUIZ_COURSE = "id: demo-course\ntitle: Demo course\nlessons:\n  - lessons/01-intro.md\nquiz: quiz.yaml\n"
TRUE_FALSE = "  - id: tf\n    type: true-false\n    prompt: The sky is blue.\n    answer: true\n"


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based number of the line holding the ``occurrence``-th ``needle``."""
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{needle!r} not found {occurrence} time(s)")


def replace_in(path: Path, old: str, new: str) -> str:
    """Replace ``old`` (which must be there) once in a file; returns the new text."""
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    text = text.replace(old, new, 1)
    path.write_text(text, "utf-8")
    return text


def load_error(course_dir: Path) -> PackagerError:
    with pytest.raises(PackagerError) as caught:
        load_course(course_dir)
    return caught.value


def single_problem(course_dir: Path) -> Problem:
    problems = load_error(course_dir).problems
    assert len(problems) == 1, problems
    return problems[0]


def edit_problem(course_dir: Path, old: str, new: str, at: str) -> Problem:
    """Replace ``old`` with ``new`` in course.yaml: the one problem, checked to be in course.yaml on
    the line that holds ``at``."""
    text = replace_in(course_dir / "course.yaml", old, new)
    problem = single_problem(course_dir)
    assert is_file(problem, "course.yaml")
    assert problem.line == line_of(text, at)
    return problem


def is_file(problem: Problem, *tail: str) -> bool:
    """Whether the problem names the file whose path ends with ``tail``."""
    return problem.file is not None and Path(problem.file).parts[-len(tail) :] == tail
