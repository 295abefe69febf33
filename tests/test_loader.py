"""Loading a course folder: the sample course, YAML itself, and several problems reported at once.

Each kind of bad input, located exactly: test_loader_course_yaml.py, test_loader_lessons.py and
test_loader_quizzes.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from packager.course import Course, load_course
from packager.errors import PackagerError, Problem
from tests.conftest import CourseMaker
from tests.loader_problems import QUIZ_COURSE, is_file, line_of, load_error, replace_in, single_problem

# --- the sample course -------------------------------------------------------------------------


def test_sample_course_has_three_lessons_in_order(sample_course: Course) -> None:
    assert [lesson.id for lesson in sample_course.lessons] == [
        "role-and-trust",
        "former-partners",
        "dual-relationships",
    ]
    assert sample_course.lessons[0].title == "The CRSS role and why trust matters"
    for lesson in sample_course.lessons:
        assert lesson.markdown.strip()
        assert not lesson.markdown.startswith("---"), "front matter must not leak into the body"
        assert "title:" not in lesson.markdown.splitlines()[0]


def test_sample_course_settings(sample_course: Course) -> None:
    assert sample_course.id == "crss-professional-boundaries"
    assert sample_course.title == "Professional Boundaries for Certified Recovery Support Specialists"
    assert sample_course.language == "en"
    assert sample_course.version == "1.0.0"
    assert sample_course.mastery_score == 80
    assert sample_course.passing_fraction == pytest.approx(0.8)
    assert sample_course.completion == "lessons-and-quiz"


def test_sample_quiz_covers_every_question_type(sample_course: Course) -> None:
    quiz = sample_course.quiz
    assert quiz is not None
    assert quiz.title == "Final assessment"
    assert len(quiz.questions) >= 5
    types = [question.type for question in quiz.questions]
    assert {"single-choice", "multiple-response", "true-false"} <= set(types)
    ids = [question.id for question in quiz.questions]
    assert len(ids) == len(set(ids))


def test_sample_quiz_answer_keys(sample_course: Course) -> None:
    assert sample_course.quiz is not None
    questions = {question.id: question for question in sample_course.quiz.questions}
    # Options without an id are named a, b, c... by position.
    assert questions["former-partner-request"].answer_key() == ["a"]
    assert questions["former-partner-risks"].answer_key() == ["a", "b", "c"]
    assert questions["boundaries-optional-extra"].answer_key() == "false"
    assert questions["boundaries-protect-specialist"].answer_key() == "true"


def test_minimal_course_uses_defaults(make_course: CourseMaker) -> None:
    course = load_course(make_course())
    assert course.id == "demo-course"
    assert course.language == "en"
    assert course.version == "1.0"
    assert course.mastery_score == 80
    assert course.quiz is None
    assert course.completion == "lessons"
    # The lesson id is the file name without its leading number.
    assert [lesson.id for lesson in course.lessons] == ["intro"]
    assert course.lessons[0].markdown == "Hello, learner.\n"


def test_front_matter_id_and_quoted_version(make_course: CourseMaker) -> None:
    root = make_course(
        {"id": "demo-course", "title": "Demo", "version": "2", "lessons": ["lessons/01-intro.md"]},
        {"lessons/01-intro.md": "---\ntitle: Intro\nid: welcome\n---\nBody\n"},
    )
    course = load_course(root)
    assert course.version == "2"
    assert course.lessons[0].id == "welcome"


def test_a_numeric_version_is_not_converted(make_course: CourseMaker) -> None:
    """YAML reads 1.10 as the number 1.1: the author is asked to quote it, never given "1.1"."""
    root = make_course(
        {"id": "demo-course", "title": "Demo", "version": 2, "lessons": ["lessons/01-intro.md"]}
    )
    problem = single_problem(root)
    assert problem.field == "version"
    assert problem.message == 'YAML reads the unquoted 2 as a number, not text; put it in quotes: "2"'


def test_utf8_bom_and_crlf_are_accepted(make_course: CourseMaker) -> None:
    root = make_course(files={"lessons/01-intro.md": "\ufeff---\r\ntitle: Intro\r\n---\r\nBody\r\n".encode()})
    assert load_course(root).lessons[0].title == "Intro"


# --- YAML itself -------------------------------------------------------------------------------


def test_yaml_syntax_error_has_line_and_column(make_course: CourseMaker) -> None:
    text = "id: demo-course\ntitle: Demo: part two\nlessons:\n  - lessons/01-intro.md\n"
    problem = single_problem(make_course(text))
    assert is_file(problem, "course", "course.yaml")
    assert problem.line == 2
    # The second ': ' on the line is the error: "title: Demo" is 11 characters.
    assert problem.column == text.splitlines()[1].index(": part") + 1 == 12
    assert "YAML syntax error" in problem.message
    assert "mapping values are not allowed" in problem.message


def test_yaml_syntax_error_in_front_matter_counts_the_opening_line(make_course: CourseMaker) -> None:
    lesson = "---\nid: intro\ntitle: Intro: part one\n---\nBody\n"
    problem = single_problem(make_course(files={"lessons/01-intro.md": lesson}))
    assert is_file(problem, "course", "lessons", "01-intro.md")
    assert problem.line == line_of(lesson, "title:") == 3
    assert problem.column == len("title: Intro") + 1
    assert "YAML syntax error" in problem.message


def test_duplicate_yaml_keys(make_course: CourseMaker) -> None:
    text = "id: demo-course\ntitle: Demo\nlanguage: en\nlanguage: fr\nlessons:\n  - lessons/01-intro.md\n"
    problem = single_problem(make_course(text))
    assert is_file(problem, "course", "course.yaml")
    assert problem.line == line_of(text, "language:", occurrence=2) == 4
    assert problem.column == 1
    assert problem.field == "language"
    assert "'language' appears twice" in problem.message


def test_duplicate_keys_inside_a_question(make_course: CourseMaker) -> None:
    quiz = (
        "questions:\n  - id: tf\n    type: true-false\n    prompt: One\n    prompt: Two\n    answer: true\n"
    )
    problem = single_problem(make_course(QUIZ_COURSE, {"quiz.yaml": quiz}))
    assert is_file(problem, "course", "quiz.yaml")
    assert problem.line == line_of(quiz, "prompt:", occurrence=2) == 5
    assert problem.field == "questions[0].prompt"


def test_empty_course_file(make_course: CourseMaker) -> None:
    problem = single_problem(make_course(""))
    assert is_file(problem, "course", "course.yaml")
    assert problem.line == 1
    assert "found an empty file" in problem.message


def test_course_file_that_is_a_list(make_course: CourseMaker) -> None:
    problem = single_problem(make_course("- id: demo\n"))
    assert "expected a mapping" in problem.message
    assert "found a list" in problem.message


# --- several problems at once ------------------------------------------------------------------


def test_two_bad_lessons_are_reported_together(write_course: Path) -> None:
    (write_course / "lessons" / "01-role-and-trust.md").write_text("No front matter here.\n", "utf-8")
    third = "---\ntitle: Dual relationships\nbogus: 1\n---\nBody\n"
    (write_course / "lessons" / "03-dual-relationships.md").write_text(third, "utf-8")
    error = load_error(write_course)
    assert len(error.problems) == 2
    first, second = error.problems
    assert is_file(first, "course", "lessons", "01-role-and-trust.md")
    assert (first.line, first.field) == (1, "title")
    assert is_file(second, "course", "lessons", "03-dual-relationships.md")
    assert (second.line, second.field) == (line_of(third, "bogus:"), "bogus")
    # The error's text lists both, one per line.
    text = str(error)
    assert len(text.splitlines()) == 2
    assert "01-role-and-trust.md:1" in text
    assert "03-dual-relationships.md:3:1 bogus:" in text


def test_lesson_and_quiz_problems_are_reported_together(write_course: Path) -> None:
    (write_course / "lessons" / "02-former-partners.md").unlink()
    replace_in(write_course / "quizzes" / "final.yaml", "answer: false", "answer: maybe")
    fields = [problem.field for problem in load_error(write_course).problems]
    assert fields == ["lessons[1]", "questions[boundaries-optional-extra].answer"]


def test_several_course_yaml_problems_are_reported_together(write_course: Path) -> None:
    replace_in(write_course / "course.yaml", "mastery_score: 80", "mastery_score: 150")
    text = replace_in(write_course / "course.yaml", "language: en", "langauge: en")
    problems = load_error(write_course).problems
    located = sorted((problem.line, problem.field) for problem in problems)
    assert located == [
        (line_of(text, "langauge:"), "langauge"),
        (line_of(text, "mastery_score:"), "mastery_score"),
    ]


def test_problem_text_names_file_line_column_and_field() -> None:
    problem = Problem("bad value", file=Path("course/course.yaml"), line=6, column=1, field="mastery_score")
    assert str(problem) == "course/course.yaml:6:1 mastery_score: bad value"
    assert str(Problem("bad", file=Path("a.md"))) == "a.md: bad"
    assert str(Problem("bad")) == "bad"
    with pytest.raises(ValueError):
        PackagerError()
