"""Loading a course folder: the sample course, and every kind of bad input located exactly."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from packager.course import Course, load_course
from packager.errors import PackagerError, Problem

QUIZ_COURSE = "id: demo-course\ntitle: Demo course\nlessons:\n  - lessons/01-intro.md\nquiz: quiz.yaml\n"
CourseMaker = Callable[..., Path]
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
