"""Quiz presentation settings and each question type's right answer as the learner reads it."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

from packager.course import load_course
from packager.i18n.catalogue import messages_for
from packager.questions.base import QuestionBase
from packager.questions.registry import Question, question_types
from packager.render import render_pages, runtime_config

BUILT_IN = [name for name, kind in question_types().items() if kind.model.__module__.startswith("packager.")]


def question(data: dict[str, Any]) -> QuestionBase:
    parsed: QuestionBase = TypeAdapter(Question).validate_python({"id": "q", "prompt": "Q?", **data})
    return parsed


@pytest.mark.parametrize("name", BUILT_IN)
def test_every_built_in_type_says_its_right_answer_in_the_course_language(name: str) -> None:
    (example,) = yaml.safe_load(question_types()[name].example)
    asked = TypeAdapter(Question).validate_python(example)
    assert type(asked).shown_answer is not QuestionBase.shown_answer, f"{name} uses the fallback"
    for language in ("en", "ar", "ja"):
        lines = asked.shown_answer(messages_for(language))
        assert lines and all(line.strip() for line in lines), (name, language, lines)


def test_right_answers_read_as_the_language_writes_them() -> None:
    french, arabic = messages_for("fr"), messages_for("ar")
    assert question({"type": "true-false", "answer": False}).shown_answer(french) == ["Faux"]
    assert question({"type": "numeric", "minimum": 1.5, "maximum": 2}).shown_answer(french) == ["de 1,5 à 2"]
    assert question({"type": "numeric", "answer": 3.14, "tolerance": 0.01}).shown_answer(
        messages_for("en")
    ) == ["3.14 (± 0.01)"]
    pairs = {"type": "matching", "pairs": [{"prompt": "A", "match": "1"}, {"prompt": "B", "match": "2"}]}
    assert question(pairs).shown_answer(arabic) == ["A ← 1", "B ← 2"]  # the arrow points the reading way
    order = question({"type": "sequencing", "items": ["First", "Second"]})
    assert order.shown_answer(messages_for("en")) == ["1. First", "2. Second"]
    choice = {"type": "multiple-response", "options": [{"text": "X", "correct": True}, {"text": "Y"}]}
    assert question(choice).shown_answer(french) == ["X"]


def test_the_sample_course_settings_reach_the_runtime_and_the_page(sample_course: Any) -> None:
    pages = {page["id"]: page for page in runtime_config(sample_course, "web")["pages"]}
    final = pages["final"]
    assert final["onePerScreen"] and final["locked"] and final["showAnswers"] == "at-end"
    check = pages["check-former-partners"]
    assert not check["onePerScreen"] and not check["locked"] and check["showAnswers"] == "after-each"
    html = "\n".join(render_pages(load_course(sample_course.source_dir)).html)
    assert html.count("data-check>") == len(sample_course.quizzes[0].questions)  # a Check per question
    assert 'data-presentation="one-per-screen"' in html and "data-quiz-lock" in html
    # Nothing empty for a screen reader to land on: the attempt line is hidden until it has text.
    assert '<p class="attempt-text" data-attempt-text hidden></p>' in html
