"""Loading course.yaml: its fields, and the files it names, every bad value located exactly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from packager.course import load_course
from tests.conftest import CourseMaker
from tests.loader_problems import edit_problem, is_file, line_of, load_error, replace_in, single_problem

# --- course.yaml fields ------------------------------------------------------------------------


def test_unknown_field_suggests_the_right_name(write_course: Path) -> None:
    text = replace_in(write_course / "course.yaml", "mastery_score: 80", "mastery_scor: 80")
    problem = single_problem(write_course)
    assert is_file(problem, "course", "course.yaml")
    assert problem.line == line_of(text, "mastery_scor:") == 6
    assert problem.column == 1
    assert problem.field == "mastery_scor"
    assert problem.message == "unknown field 'mastery_scor'; did you mean 'mastery_score'?"


def test_unknown_field_without_a_close_match_lists_the_fields(write_course: Path) -> None:
    problem = edit_problem(write_course, "language: en\n", "language: en\nxyzzy: 1\n", "xyzzy:")
    assert problem.field == "xyzzy"
    assert "expected one of:" in problem.message
    assert "mastery_score" in problem.message and "lessons" in problem.message


def test_wrong_type(write_course: Path) -> None:
    problem = edit_problem(write_course, "mastery_score: 80", "mastery_score: lots", "mastery_score:")
    assert problem.line == 6
    assert problem.field == "mastery_score"
    assert problem.message == 'expected a whole number, found the text "lots"'


@pytest.mark.parametrize(
    ("text", "line", "field", "message"),
    [
        ("id: demo-course\ntitle: Demo\nlessons: lessons/01-intro.md\n", 3, "lessons", "valid list"),
        (
            "title: Demo\nid: Demo_Course\nlessons:\n  - lessons/01-intro.md\n",
            2,
            "id",
            "lower-case letters, digits and single hyphens",
        ),
        (
            "id: demo-course\ntitle: Demo\ncompletion: quiz\nlessons:\n  - lessons/01-intro.md\n",
            3,
            "completion",
            "needs a quiz",
        ),
        (
            "id: demo-course\ntitle: Demo\nmastery_score: 150\nlessons:\n  - lessons/01-intro.md\n",
            3,
            "mastery_score",
            "less than or equal to 100",
        ),
    ],
    ids=["lessons-not-a-list", "bad-id", "completion-needs-a-quiz", "mastery-score-above-100"],
)
def test_a_bad_course_field_is_located(
    make_course: CourseMaker, text: str, line: int, field: str, message: str
) -> None:
    problem = single_problem(make_course(text))
    assert is_file(problem, "course.yaml")
    assert (problem.line, problem.field) == (line, field)
    assert message in problem.message


def test_missing_required_field(write_course: Path) -> None:
    replace_in(
        write_course / "course.yaml",
        "title: Professional Boundaries for Certified Recovery Support Specialists\n",
        "",
    )
    problem = single_problem(write_course)
    assert is_file(problem, "course", "course.yaml")
    # A missing field is reported at the mapping that should hold it: the top of the file.
    assert problem.line == 1
    assert problem.field == "title"
    assert problem.message == "required field is missing"


def test_empty_lessons_list(write_course: Path) -> None:
    path = write_course / "course.yaml"
    text = path.read_text("utf-8")
    start = text.index("lessons:\n")
    text = text[:start] + "lessons: []\n" + text[text.index("quiz:") :]
    path.write_text(text, "utf-8")
    problem = single_problem(write_course)
    assert problem.line == line_of(text, "lessons:") == 8
    assert problem.field == "lessons"
    assert "at least 1 item" in problem.message


def test_missing_course_folder(tmp_path: Path) -> None:
    error = load_error(tmp_path / "nowhere")
    assert "does not exist" in error.problems[0].message


def test_missing_course_yaml(make_course: CourseMaker) -> None:
    root = make_course()
    (root / "course.yaml").unlink()
    problem = single_problem(root)
    assert is_file(problem, "course", "course.yaml")
    assert problem.message.startswith("no course.yaml in this folder")


# --- referenced files --------------------------------------------------------------------------


def test_missing_lesson_is_reported_where_course_yaml_names_it(write_course: Path) -> None:
    (write_course / "lessons" / "02-former-partners.md").unlink()
    text = (write_course / "course.yaml").read_text("utf-8")
    problem = single_problem(write_course)
    assert is_file(problem, "course", "course.yaml")
    assert problem.line == line_of(text, "lessons/02-former-partners.md") == 10
    assert problem.column == 5
    assert problem.field == "lessons[1]"
    assert "02-former-partners.md" in problem.message
    assert "does not exist" in problem.message


def test_missing_quiz_is_reported_where_course_yaml_names_it(write_course: Path) -> None:
    (write_course / "quizzes" / "final.yaml").unlink()
    text = (write_course / "course.yaml").read_text("utf-8")
    problem = single_problem(write_course)
    assert is_file(problem, "course", "course.yaml")
    assert problem.line == line_of(text, "quiz:")
    assert problem.field == "quiz"
    assert "final.yaml" in problem.message


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("../outside.md", "no '..'"),
        ("lessons/../../outside.md", "no '..'"),
        ("/etc/passwd", "relative to the course folder"),
        ("C:/lessons/intro.md", "relative to the course folder"),
        ("lessons\\02-former-partners.md", "forward slashes"),
        ("lessons//02-former-partners.md", "empty segment"),
    ],
)
def test_lesson_path_must_stay_inside(write_course: Path, path: str, message: str) -> None:
    (write_course.parent / "outside.md").write_text("---\ntitle: Outside\n---\nSecret\n", "utf-8")
    problem = edit_problem(write_course, "lessons/02-former-partners.md", path, path)
    assert is_file(problem, "course", "course.yaml")
    assert problem.line == 10
    assert problem.field == "lessons[1]"
    assert message in problem.message


def test_quiz_path_with_dotdot(write_course: Path) -> None:
    problem = edit_problem(write_course, "quiz: quizzes/final.yaml", "quiz: ../final.yaml", "quiz:")
    assert problem.field == "quiz"
    assert "no '..'" in problem.message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_out_of_the_course_folder_is_refused(write_course: Path) -> None:
    secret = write_course.parent / "secret.md"
    secret.write_text("---\ntitle: Secret\n---\nNot part of the course.\n", "utf-8")
    lesson = write_course / "lessons" / "02-former-partners.md"
    lesson.unlink()
    lesson.symlink_to(secret)
    problem = single_problem(write_course)
    assert is_file(problem, "course", "lessons", "02-former-partners.md")
    assert "outside the course folder" in problem.message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_inside_the_course_folder_is_followed(write_course: Path) -> None:
    lesson = write_course / "lessons" / "02-former-partners.md"
    lesson.rename(write_course / "shared.md")
    lesson.symlink_to(Path("..") / "shared.md")
    course = load_course(write_course)
    assert course.lessons[1].title == "Why you should not serve a former romantic partner"


def test_lesson_that_is_a_folder(write_course: Path) -> None:
    lesson = write_course / "lessons" / "02-former-partners.md"
    lesson.unlink()
    lesson.mkdir()
    problem = single_problem(write_course)
    # Reported where course.yaml names it, like a missing file.
    assert is_file(problem, "course", "course.yaml")
    assert problem.field == "lessons[1]"
    assert "02-former-partners.md' is not a file" in problem.message
