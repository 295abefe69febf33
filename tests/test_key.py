"""``packager key``: every question with its correct answer and one wrong answer, as Markdown or JSON."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from markdown_it import MarkdownIt
from pydantic import TypeAdapter

from packager.cli import main
from packager.course import Course
from packager.questions.base import QuestionBase
from packager.questions.fill_in import normalize
from packager.questions.registry import Question, question_types

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "course"
CourseMaker = Callable[..., Path]


def key_json(course_dir: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert main(["key", str(course_dir), "--format", "json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_json_lists_every_question_of_every_quiz(
    sample_course: Course, capsys: pytest.CaptureFixture[str]
) -> None:
    key = key_json(SAMPLE, capsys)
    assert key["course"]["id"] == sample_course.id
    assert [quiz["id"] for quiz in key["quizzes"]] == [quiz.id for quiz in sample_course.quizzes]
    for quiz_key, quiz in zip(key["quizzes"], sample_course.quizzes, strict=True):
        assert quiz_key["graded"] is quiz.graded
        assert [q["id"] for q in quiz_key["questions"]] == [q.id for q in quiz.questions]
        for entry in quiz_key["questions"]:
            assert entry["correct"] and entry["wrong"]
            assert entry["correct"] != entry["wrong"], entry


def test_markdown_names_each_answer(sample_course: Course, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["key", str(SAMPLE)]) == 0
    text = capsys.readouterr().out
    assert text.startswith(f"# Answer key: {sample_course.title}\n")
    html = MarkdownIt("commonmark").render(text)
    for quiz in sample_course.quizzes:
        assert quiz.title in html
        for question in quiz.questions:
            assert f"<code>{question.id}</code>" in html
    # Sections come in course order, knowledge checks marked as not scored.
    positions = [text.index(f"`{q.id}`") for quiz in sample_course.quizzes for q in quiz.questions]
    assert positions == sorted(positions)
    assert "(knowledge check, not scored)" in text


def test_markdown_shows_author_text_literally(
    make_course: CourseMaker, capsys: pytest.CaptureFixture[str]
) -> None:
    prompt = "Is *this* <script>alert(1)</script> | a [link](x) & more?"
    quiz = (
        "questions:\n  - id: tricky\n    type: true-false\n    prompt: "
        + json.dumps(prompt)
        + "\n    answer: true\n"
    )
    course_dir = make_course(
        {
            "id": "demo",
            "title": "Demo_course **bold**",
            "lessons": ["lessons/01-intro.md"],
            "quiz": "quiz.yaml",
        },
        {"quiz.yaml": quiz},
    )
    assert main(["key", str(course_dir)]) == 0
    html = MarkdownIt("commonmark").render(capsys.readouterr().out)
    assert "<script>" not in html and "<em>" not in html and "<a " not in html
    assert html.count("<strong>") == 2, "only the template's own **Correct:** and **Wrong:**"
    assert "Is *this* &lt;script&gt;alert(1)&lt;/script&gt; | a [link](x) &amp; more?" in html
    assert "Demo_course **bold**" in html


def test_course_without_quiz(make_course: CourseMaker, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["key", str(make_course())]) == 0
    assert "This course has no quiz." in capsys.readouterr().out


def test_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "qa" / "key.json"
    assert main(["key", str(SAMPLE), "--format", "json", "-o", str(target)]) == 0
    assert f"wrote {target}" in capsys.readouterr().out
    assert json.loads(target.read_text("utf-8"))["quizzes"]


def test_bad_course_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["key", str(tmp_path / "missing")]) == 1
    assert "does not exist" in capsys.readouterr().err


# --- each question type's wrong answer really is wrong ------------------------------------------

QUESTIONS: list[dict[str, Any]] = [
    {"type": "single-choice", "options": [{"text": "No"}, {"text": "Yes", "correct": True}]},
    {"type": "multiple-response", "options": [{"text": "A", "correct": True}, {"text": "B"}]},
    {
        "type": "multiple-response",
        "options": [{"text": "A", "correct": True}, {"text": "B", "correct": True}],
    },
    {"type": "true-false", "answer": False},
    {"type": "fill-in", "answers": ["no idea", "Not no idea"]},
    {"type": "matching", "pairs": [{"prompt": "1", "match": "one"}, {"prompt": "2", "match": "two"}]},
    {"type": "sequencing", "items": ["first", "second", "third"]},
    {"type": "numeric", "answer": 10, "tolerance": 0.5},
    {"type": "numeric", "minimum": -5, "maximum": 1e300},
]


def question(data: dict[str, Any]) -> QuestionBase:
    parsed: QuestionBase = TypeAdapter(Question).validate_python({"id": "q", "prompt": "Q?", **data})
    return parsed


@pytest.mark.parametrize("name", list(question_types()))
def test_every_question_types_example_has_a_wrong_answer(name: str) -> None:
    """Each installed type, through the example it gives ``packager new``."""
    (example,) = yaml.safe_load(question_types()[name].example)
    asked = TypeAdapter(Question).validate_python(example)
    assert asked.type == name
    assert asked.describe_correct() and asked.describe_wrong()
    assert asked.describe_wrong() != asked.describe_correct()


@pytest.mark.parametrize("data", QUESTIONS, ids=lambda data: str(data["type"]))
def test_wrong_answer_differs_from_correct(data: dict[str, Any]) -> None:
    asked = question(data)
    assert asked.describe_wrong() != asked.describe_correct()


def test_wrong_answers_are_wrong() -> None:
    single = question(QUESTIONS[0])
    assert single.describe_correct() == "b) Yes" and single.describe_wrong() == "a) No"
    assert question(QUESTIONS[1]).describe_wrong() == "a) A; b) B"
    assert question(QUESTIONS[2]).describe_wrong() == "a) A", "all options correct: one left out"
    assert question(QUESTIONS[3]).describe_wrong() == "True"
    fill_in = question(QUESTIONS[4])
    wrong = fill_in.describe_wrong().strip('"')
    assert normalize(wrong, False) not in {normalize(a, False) for a in ["no idea", "Not no idea"]}
    assert question(QUESTIONS[5]).describe_wrong() == "1 → two; 2 → one"
    assert question(QUESTIONS[6]).describe_wrong() == "second → first → third"
    assert question(QUESTIONS[7]).describe_correct() == "10 (± 0.5)"
    assert float(question(QUESTIONS[7]).describe_wrong()) > 10.5
    huge = question(QUESTIONS[8])
    assert huge.describe_correct() == "from -5 to 1e+300"
    assert float(huge.describe_wrong()) > 1e300
