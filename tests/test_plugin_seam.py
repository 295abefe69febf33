"""A question type from another package: tests/plugins/likert, installed through the entry point.

The packager knows nothing of it (no file under packager/ names it); it validates, builds, appears in
``packager key``, ``packager schema`` and ``packager new``, as the packager's own types do. The browser
half of the proof is tests/e2e/test_plugin_seam.py.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml

from packager import build
from packager.cli import main
from packager.course import load_course
from packager.errors import PackagerError
from packager.questions.registry import question_types
from packager.targets import TARGETS
from tests.conftest import CourseMaker

REPO = Path(__file__).resolve().parents[1]
LIKERT_QUIZ = """title: Opinions
questions:
  - id: rebuild-often
    type: likert
    prompt: "Rebuilding after every edit is worth it."
    answer: Agree
  - id: three-points
    type: likert
    prompt: "How hard was this?"
    scale: [Easy, Fair, Hard]
    answer: Easy
"""
COURSE = {"id": "likert-course", "title": "Likert", "lessons": ["lessons/01-intro.md"], "quiz": "quiz.yaml"}


@pytest.fixture
def likert_course(make_course: CourseMaker) -> Path:
    return make_course(COURSE, {"quiz.yaml": LIKERT_QUIZ})


def test_the_type_comes_from_outside_the_packager() -> None:
    likert = question_types()["likert"]
    module = Path(__import__(likert.model.__module__).__file__ or "")
    assert module.parent == REPO / "tests" / "plugins" / "likert"
    packaged = [path for path in (REPO / "packager").rglob("*") if path.is_file() and path.suffix != ".pyc"]
    assert not any("likert_question" in path.read_text("utf-8", "replace") for path in packaged)
    assert "likert" not in (REPO / "pyproject.toml").read_text("utf-8"), "the packager does not register it"


def test_it_validates_like_any_type(make_course: CourseMaker) -> None:
    quiz = LIKERT_QUIZ.replace("answer: Easy", "answer: Impossible")
    with pytest.raises(PackagerError) as raised:
        load_course(make_course(COURSE, {"quiz.yaml": quiz}))
    (problem,) = raised.value.problems
    assert problem.field == "questions[three-points]" and problem.line == 7
    assert "'answer' must be one of the scale: Easy, Fair, Hard" in problem.message


def test_it_builds_for_every_target(likert_course: Path, tmp_path: Path) -> None:
    report = build(likert_course, tmp_path / "out", cache=False)
    assert len(report.written) == len(TARGETS)
    for package in report.written:
        with zipfile.ZipFile(package) as archive:
            assert "runtime/questions/likert.js" in archive.namelist(), package.name
            page = archive.read("index.html").decode()
            assert 'data-type="likert"' in page and 'value="3">' in page
            assert 'src="runtime/questions/likert.js"' in page
            if "imsmanifest.xml" in archive.namelist():
                assert b'href="runtime/questions/likert.js"' in archive.read("imsmanifest.xml")


def test_it_is_in_the_answer_key(likert_course: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["key", str(likert_course), "--format", "json"]) == 0
    (quiz,) = json.loads(capsys.readouterr().out)["quizzes"]
    assert [(q["type"], q["correct"], q["wrong"]) for q in quiz["questions"]] == [
        ("likert", "Agree", "Strongly disagree"),
        ("likert", "Easy", "Hard"),
    ]


def test_it_is_in_the_schema(tmp_path: Path) -> None:
    assert main(["schema", "-o", str(tmp_path), "-q"]) == 0
    schema = json.loads((tmp_path / "quiz.schema.json").read_text("utf-8"))
    jsonschema.validate(yaml.safe_load(LIKERT_QUIZ), schema)
    bad = yaml.safe_load(LIKERT_QUIZ.replace('prompt: "How', 'colour: red\n    prompt: "How'))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_packager_new_shows_an_example(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "course"), "-q"]) == 0
    (quiz,) = load_course(tmp_path / "course").quizzes
    assert [question.id for question in quiz.questions if question.type == "likert"] == ["rate-the-statement"]
