"""Loading quiz files: questions, options and answers, every problem located exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from packager.course import load_course
from tests.conftest import CourseMaker
from tests.loader_problems import (
    QUIZ_COURSE,
    TRUE_FALSE,
    is_file,
    line_of,
    load_error,
    replace_in,
    single_problem,
)

# --- quiz files --------------------------------------------------------------------------------


def test_duplicate_question_ids_point_at_the_repeat(write_course: Path) -> None:
    text = replace_in(
        write_course / "quizzes" / "final.yaml", "id: why-trust-matters", "id: former-partner-request"
    )
    problem = single_problem(write_course)
    assert is_file(problem, "course", "quizzes", "final.yaml")
    assert problem.line == line_of(text, "id: former-partner-request", occurrence=2)
    assert problem.field == "questions[1].id"  # a repeated id names no one question: its position
    assert "unique" in problem.message
    assert "an earlier question already has the id 'former-partner-request'" in problem.message


@pytest.mark.parametrize(("correct_flags", "found"), [((False, False, False), 0), ((True, False, True), 2)])
def test_single_choice_needs_exactly_one_correct_option(
    make_course: CourseMaker, correct_flags: tuple[bool, ...], found: int
) -> None:
    options = "".join(
        f"      - text: Option {index}\n" + ("        correct: true\n" if correct else "")
        for index, correct in enumerate(correct_flags)
    )
    pick_one = "  - id: pick-one\n    type: single-choice\n    prompt: Pick one.\n    options:\n"
    quiz = "questions:\n" + TRUE_FALSE + pick_one + options
    problem = single_problem(make_course(QUIZ_COURSE, {"quiz.yaml": quiz}))
    assert is_file(problem, "course", "quiz.yaml")
    assert problem.line == line_of(quiz, "id: pick-one") + 3  # the options: line
    assert problem.field == "questions[pick-one].options"
    assert f"exactly one option with 'correct: true' (found {found})" in problem.message


def test_multiple_response_needs_a_correct_option(make_course: CourseMaker) -> None:
    quiz = (
        "title: Check\nquestions:\n"
        "  - id: pick-all\n    type: multiple-response\n    prompt: Pick all.\n    options:\n"
        "      - text: One\n      - text: Two\n        correct: false\n"
    )
    problem = single_problem(make_course(QUIZ_COURSE, {"quiz.yaml": quiz}))
    assert problem.line == line_of(quiz, "options:") == 6
    assert problem.field == "questions[pick-all].options"
    assert "at least one option with 'correct: true'" in problem.message


def test_unknown_field_in_a_question_option(make_course: CourseMaker) -> None:
    quiz = (
        "questions:\n  - id: pick-one\n    type: single-choice\n    prompt: Pick one.\n    options:\n"
        "      - text: One\n        corect: true\n      - text: Two\n"
    )
    problem = single_problem(make_course(QUIZ_COURSE, {"quiz.yaml": quiz}))
    assert problem.line == line_of(quiz, "corect:") == 7
    assert problem.column == 9
    assert problem.field == "questions[pick-one].options[0].corect"
    assert "did you mean 'correct'?" in problem.message


def test_missing_prompt_and_misspelt_prompt_are_both_reported(make_course: CourseMaker) -> None:
    quiz = "questions:\n  - id: tf\n    type: true-false\n    promt: Sky is blue.\n    answer: true\n"
    problems = load_error(make_course(QUIZ_COURSE, {"quiz.yaml": quiz})).problems
    by_field = {problem.field: problem for problem in problems}
    assert set(by_field) == {"questions[tf].prompt", "questions[tf].promt"}
    assert by_field["questions[tf].prompt"].line == 2
    assert by_field["questions[tf].prompt"].message == "required field is missing"
    assert by_field["questions[tf].promt"].line == 4
    assert "did you mean 'prompt'?" in by_field["questions[tf].promt"].message


def test_true_false_answer_must_be_a_boolean(make_course: CourseMaker) -> None:
    quiz = "questions:\n" + TRUE_FALSE.replace("answer: true", 'answer: "yes"')
    problem = single_problem(make_course(QUIZ_COURSE, {"quiz.yaml": quiz}))
    assert problem.line == line_of(quiz, "answer:") == 5
    assert problem.field == "questions[tf].answer"
    assert problem.message == 'expected true or false, found the text "yes"'


def test_unknown_question_type(make_course: CourseMaker) -> None:
    quiz = "questions:\n" + TRUE_FALSE.replace("type: true-false", "type: essay")
    problem = single_problem(make_course(QUIZ_COURSE, {"quiz.yaml": quiz}))
    assert problem.line == 2
    assert problem.field == "questions[tf]"
    for name in ("single-choice", "multiple-response", "true-false"):
        assert name in problem.message


def test_quiz_without_questions(make_course: CourseMaker) -> None:
    quiz = "title: Empty\nquestions: []\n"
    problem = single_problem(make_course(QUIZ_COURSE, {"quiz.yaml": quiz}))
    assert is_file(problem, "course", "quiz.yaml")
    assert problem.line == 2
    assert problem.field == "questions"


def test_a_valid_quiz_sets_the_default_completion(make_course: CourseMaker) -> None:
    course = load_course(make_course(QUIZ_COURSE, {"quiz.yaml": "questions:\n" + TRUE_FALSE}))
    assert course.quiz is not None
    assert course.quiz.title == "Quiz"
    assert course.completion == "lessons-and-quiz"
