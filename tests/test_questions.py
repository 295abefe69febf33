"""Question models: what each type accepts, and what it tells the runtime and the LMS."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import html
from pydantic import TypeAdapter, ValidationError

from packager.course.models import QuizFile
from packager.questions.registry import Question
from tests.conftest import MINIMAL_COURSE, CourseMaker, build_package

QUESTION = TypeAdapter(Question)


def question(**fields: Any) -> Any:
    return QUESTION.validate_python({"id": "q", "prompt": "Prompt?", **fields})


def test_fill_in_normalizes_answers_for_the_runtime() -> None:
    fill_in = question(type="fill-in", answers=["  Well   Being ", "wellbeing"])
    assert fill_in.answer_key() == {"answers": ["well being", "wellbeing"], "caseSensitive": False}
    assert fill_in.interaction() == {
        "type": "fill-in",
        "correct": ["Well   Being", "wellbeing"],
        "caseMatters": False,
    }
    sensitive = question(type="fill-in", answers=["Paris"], case_sensitive=True)
    assert sensitive.answer_key()["answers"] == ["Paris"]


def test_fill_in_answers_are_capped_at_the_scorm12_limit() -> None:
    with pytest.raises(ValidationError):
        question(type="fill-in", answers=["x" * 256])


@pytest.mark.parametrize(
    "fields",
    [
        {},
        {"answer": 3, "minimum": 1, "maximum": 4},
        {"minimum": 1},
        {"minimum": 5, "maximum": 1},
        {"answer": float("nan")},
        {"answer": 1, "tolerance": -1},
    ],
)
def test_numeric_needs_exactly_one_way_to_be_right(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        question(type="numeric", **fields)


def test_numeric_bounds_from_tolerance_or_range() -> None:
    assert question(type="numeric", answer=10, tolerance=0.5).answer_key() == {"min": 9.5, "max": 10.5}
    assert question(type="numeric", minimum=1, maximum=2).interaction()["correct"] == [{"min": 1, "max": 2}]


def test_matching_pairs_prompts_a_b_c_with_matches_1_2_3() -> None:
    matching = question(
        type="matching",
        pairs=[{"prompt": "Cat", "match": "Meow"}, {"prompt": "Dog", "match": "Woof"}],
    )
    assert matching.answer_key() == {"a": "1", "b": "2"}
    assert matching.interaction()["correct"] == [[["a", "1"], ["b", "2"]]]
    assert matching.match_choices == [("1", "Meow"), ("2", "Woof")]
    with pytest.raises(ValidationError, match="only once"):
        question(type="matching", pairs=[{"prompt": "A", "match": "X"}, {"prompt": "B", "match": "X"}])


def test_sequencing_shows_items_in_an_order_that_gives_nothing_away() -> None:
    sequencing = question(type="sequencing", items=["Zebra", "Apple", "Mango"])
    assert sequencing.answer_key() == ["a", "b", "c"]
    assert [text for _, text in sequencing.display_items] == ["Apple", "Mango", "Zebra"]


def test_choice_runtime_lists_every_option_and_the_correct_ones() -> None:
    choice = question(
        type="multiple-response",
        options=[{"text": "A", "correct": True}, {"text": "B"}, {"text": "C", "correct": True}],
    )
    runtime = choice.runtime()
    assert runtime["options"] == ["a", "b", "c"]
    assert runtime["key"] == ["a", "c"]
    assert runtime["interaction"] == {"type": "choice", "correct": [["a", "c"]]}


def test_quiz_cannot_draw_more_questions_than_it_has() -> None:
    with pytest.raises(ValidationError, match="'draw' is 3 but the quiz has only 1"):
        QuizFile.model_validate(
            {"draw": 3, "questions": [{"id": "q", "type": "true-false", "prompt": "P?", "answer": True}]}
        )


def test_max_response_lengths_match_the_runtime_encoding() -> None:
    single = question(type="single-choice", options=[{"text": "A", "correct": True}, {"text": "B"}])
    assert single.max_response_length() == 1
    assert question(type="true-false", answer=True).max_response_length() == 1
    assert question(type="fill-in", answers=["x"]).max_response_length() == 255
    assert question(type="numeric", answer=1).max_response_length() == 32


@pytest.mark.parametrize(
    ("prompt", "hints"),
    [
        ("Which are safe?", 1),
        ("Which are safe? Select all that apply.", 0),
        ("Which? (select ALL THAT APPLY)", 0),
    ],
)
def test_the_multiple_response_hint_is_shown_once(
    make_course: CourseMaker, tmp_path: Path, prompt: str, hints: int
) -> None:
    options = [{"text": "One", "correct": True}, {"text": "Two", "correct": True}, {"text": "Three"}]
    quiz = {
        "title": "Check",
        "questions": [{"id": "q", "type": "multiple-response", "prompt": prompt, "options": options}],
    }
    course = make_course({**MINIMAL_COURSE, "quiz": "quiz.yaml"}, {"quiz.yaml": yaml.safe_dump(quiz)})
    with zipfile.ZipFile(build_package(course, tmp_path / "out", "web")) as package:
        page = html.fromstring(package.read("index.html"))
    (legend,) = page.xpath("//li[@data-question='q']//legend")
    assert legend.text_content().lower().count("select all that apply") == 1
    assert len(legend.xpath(".//*[@class='hint']")) == hints
