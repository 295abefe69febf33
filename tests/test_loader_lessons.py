"""Loading lesson files: encoding, front matter and body, every problem located exactly."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import CourseMaker
from tests.loader_problems import is_file, line_of, single_problem

# --- lesson files ------------------------------------------------------------------------------


def test_non_utf8_lesson(make_course: CourseMaker) -> None:
    content = "---\ntitle: Café\n---\nLine four\nCafé in Latin-1\n".encode("latin-1")
    problem = single_problem(make_course(files={"lessons/01-intro.md": content}))
    assert is_file(problem, "course", "lessons", "01-intro.md")
    # The first bad byte is the é on line 2.
    assert problem.line == 2
    assert "not valid UTF-8" in problem.message
    bad_byte = content.index("é".encode("latin-1"))
    assert f"offset {bad_byte}" in problem.message


def test_non_utf8_byte_late_in_the_lesson(write_course: Path) -> None:
    lesson = write_course / "lessons" / "03-dual-relationships.md"
    raw = lesson.read_bytes() + b"\nBroken \xff byte\n"
    lesson.write_bytes(raw)
    problem = single_problem(write_course)
    assert is_file(problem, "course", "lessons", "03-dual-relationships.md")
    assert problem.line == raw[: raw.index(b"\xff")].count(b"\n") + 1


def test_lesson_without_front_matter(write_course: Path) -> None:
    (write_course / "lessons" / "02-former-partners.md").write_text("# A heading\n\nSome text.\n", "utf-8")
    problem = single_problem(write_course)
    assert is_file(problem, "course", "lessons", "02-former-partners.md")
    assert problem.line == 1
    assert problem.field == "title"
    assert "front matter" in problem.message and "'---'" in problem.message


def test_front_matter_without_title(make_course: CourseMaker) -> None:
    lesson = "---\nid: intro\n---\nBody\n"
    problem = single_problem(make_course(files={"lessons/01-intro.md": lesson}))
    assert is_file(problem, "course", "lessons", "01-intro.md")
    assert problem.line == 2  # the front matter's first line, after the opening '---'
    assert problem.field == "title"
    assert problem.message == "required field is missing"


def test_unknown_front_matter_field_line_counts_the_opening_dashes(make_course: CourseMaker) -> None:
    lesson = "---\ntitle: Intro\ntitel: Intro again\n---\nBody\n"
    problem = single_problem(make_course(files={"lessons/01-intro.md": lesson}))
    assert problem.line == line_of(lesson, "titel:") == 3
    assert problem.field == "titel"
    assert "did you mean 'title'?" in problem.message


def test_lesson_without_body(make_course: CourseMaker) -> None:
    problem = single_problem(make_course(files={"lessons/01-intro.md": "---\ntitle: Intro\n---\n\n  \n"}))
    assert is_file(problem, "course", "lessons", "01-intro.md")
    assert "no text after its front matter" in problem.message


def test_two_lessons_with_the_same_id(make_course: CourseMaker) -> None:
    text = "id: demo-course\ntitle: Demo\nlessons:\n  - lessons/01-intro.md\n  - more/02-intro.md\n"
    root = make_course(text, {"more/02-intro.md": "---\ntitle: Intro again\n---\nBody\n"})
    problem = single_problem(root)
    assert is_file(problem, "course", "course.yaml")
    assert problem.line == line_of(text, "more/02-intro.md") == 5
    assert problem.field == "lessons[1]"
    assert "two pages have the id 'intro'" in problem.message
