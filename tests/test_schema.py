"""``packager schema``: JSON Schemas from the models, and the sample course validates against them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from packager.cli import main
from packager.questions.registry import question_types

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "course"
FRONT_MATTER = re.compile(r"\A---\n(.*?)^---\n", re.DOTALL | re.MULTILINE)


@pytest.fixture(scope="module")
def schemas(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    out = tmp_path_factory.mktemp("schemas")
    assert main(["schema", "-o", str(out), "-q"]) == 0
    written = {path.name: json.loads(path.read_text("utf-8")) for path in out.iterdir()}
    assert sorted(written) == ["course.schema.json", "lesson.schema.json", "quiz.schema.json"]
    return written


def errors(schema: dict[str, Any], instance: object) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [error.message for error in validator.iter_errors(instance)]


def test_schemas_are_valid_json_schema(schemas: dict[str, dict[str, Any]]) -> None:
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["title"]


def test_sample_course_validates(schemas: dict[str, dict[str, Any]]) -> None:
    course = yaml.safe_load((SAMPLE / "course.yaml").read_text("utf-8"))
    assert errors(schemas["course.schema.json"], course) == []
    pages = [*course["lessons"], course["quiz"]]
    quizzes = [page for page in pages if page.endswith(".yaml")]
    lessons = [page for page in pages if page.endswith(".md")]
    assert quizzes and lessons
    for quiz in quizzes:  # the assessment and the knowledge checks among the lessons
        assert errors(schemas["quiz.schema.json"], yaml.safe_load((SAMPLE / quiz).read_text("utf-8"))) == []
    for lesson in lessons:
        match = FRONT_MATTER.match((SAMPLE / lesson).read_text("utf-8"))
        assert match, lesson
        assert errors(schemas["lesson.schema.json"], yaml.safe_load(match.group(1))) == []


def test_schemas_reject_what_the_loader_rejects(schemas: dict[str, dict[str, Any]]) -> None:
    course = yaml.safe_load((SAMPLE / "course.yaml").read_text("utf-8"))
    assert errors(schemas["course.schema.json"], {**course, "titel": "typo"})
    assert errors(schemas["course.schema.json"], {**course, "mastery_score": 150})
    assert errors(schemas["course.schema.json"], {**course, "id": "Not A Slug"})
    assert errors(schemas["course.schema.json"], {key: v for key, v in course.items() if key != "lessons"})
    question = {"id": "q", "type": "true-false", "prompt": "Sky is blue.", "answer": True}
    assert errors(schemas["quiz.schema.json"], {"questions": [question]}) == []
    assert errors(schemas["quiz.schema.json"], {"questions": [{**question, "type": "essay"}]})
    assert errors(schemas["quiz.schema.json"], {"questions": [{**question, "answer": "yes"}]})
    assert errors(schemas["lesson.schema.json"], {"title": "T", "summary": "unknown field"})


def test_every_question_type_is_in_the_quiz_schema(schemas: dict[str, dict[str, Any]]) -> None:
    """Each installed type's example (what ``packager new`` writes) validates against the schema."""
    for name, question_type in question_types().items():
        (example,) = yaml.safe_load(question_type.example)
        assert errors(schemas["quiz.schema.json"], {"questions": [example]}) == [], name


def test_output_is_deterministic(tmp_path: Path, schemas: dict[str, dict[str, Any]]) -> None:
    assert main(["schema", "-o", str(tmp_path / "a"), "-q"]) == 0
    assert main(["schema", "-o", str(tmp_path / "b"), "-q"]) == 0
    for name in schemas:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_default_output_is_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["schema", "-q"]) == 0
    assert (tmp_path / "build" / "course.schema.json").is_file()


def test_unwritable_output_is_an_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert main(["schema", "-o", str(blocker)]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_readme_documents_the_modeline() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    assert "# yaml-language-server: $schema=../build/course.schema.json" in readme
