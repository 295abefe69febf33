"""``packager new``: the scaffold builds for every target, passes lint, and never overwrites anything."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from packager.blocks.registry import block_types
from packager.cli import main
from packager.cli.new import course_id, default_title
from packager.course import load_course
from packager.lint import Severity, lint_package
from packager.questions.registry import question_types
from packager.targets import TARGETS


def contents(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_new_course_builds_for_every_target_and_lints_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    course_dir = tmp_path / "my-first-course"
    assert main(["new", str(course_dir)]) == 0
    assert f"created {course_dir}" in capsys.readouterr().out
    out = tmp_path / "out"
    assert main(["build", str(course_dir), "-o", str(out), "-q"]) == 0
    course = load_course(course_dir)
    assert course.id == "my-first-course"
    assert course.title == "My first course"
    for name, target in TARGETS.items():
        package = out / target.archive_name(course)
        assert package.is_file(), name
        if name.startswith("scorm"):
            findings = lint_package(package)
            assert [f for f in findings if f.severity is not Severity.INFO] == [], name


def test_quiz_has_one_question_of_each_type(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "course"), "-q"]) == 0
    course = load_course(tmp_path / "course")
    assert len(course.lessons) == 3
    (quiz,) = course.quizzes
    assert sorted(question.type for question in quiz.questions) == sorted(question_types())


def test_a_lesson_shows_one_of_each_block(tmp_path: Path) -> None:
    assert main(["new", str(tmp_path / "course"), "-q"]) == 0
    blocks = load_course(tmp_path / "course").lessons[2].blocks
    assert [block.type for block in blocks] == list(block_types())


@pytest.mark.parametrize(
    "title",
    [
        'Ethics: "boundaries" #1',
        "Café & co — 100% <safe>",
        "it's {{ not jinja }}",
        "Emoji 🎓 course",
        "- yes",
    ],
)
def test_any_title_is_written_exactly(tmp_path: Path, title: str) -> None:
    assert main(["new", str(tmp_path / "course"), "--title", title, "-q"]) == 0
    assert load_course(tmp_path / "course").title == title


def test_refuses_a_non_empty_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course_dir = tmp_path / "existing"
    course_dir.mkdir()
    (course_dir / "notes.txt").write_text("mine")
    assert main(["new", str(course_dir)]) == 1
    assert "not empty" in capsys.readouterr().err
    assert contents(course_dir) == {"notes.txt": b"mine"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing"]


def test_refuses_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "course"
    path.write_text("a file")
    assert main(["new", str(path)]) == 1
    assert "not a folder" in capsys.readouterr().err
    assert path.read_text() == "a file"


def test_fills_an_empty_folder(tmp_path: Path) -> None:
    course_dir = tmp_path / "empty"
    course_dir.mkdir()
    assert main(["new", str(course_dir), "-q"]) == 0
    assert (course_dir / "course.yaml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"], "no staging folder is left behind"


def test_bad_title_is_an_error_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", str(tmp_path / "course"), "--title", "x" * 300]) == 1
    assert "--title" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("my-course", "my-course"),
        ("My Course 2", "my-course-2"),
        ("2024 intro", "course-2024-intro"),
        ("Éthique_pro", "ethique-pro"),
        ("---", "course"),
    ],
)
def test_course_id_from_folder_name(name: str, expected: str) -> None:
    assert course_id(name) == expected


def test_default_title() -> None:
    assert default_title(Path("/x/first-aid_basics")) == "First aid basics"


def test_the_yaml_files_name_their_schema_for_editors(tmp_path: Path) -> None:
    """``# yaml-language-server: $schema=...`` on the first line, naming a schema written beside the
    course that accepts the file as written (the editor's checks agree with the build's)."""
    course_dir = tmp_path / "course"
    assert main(["new", str(course_dir), "-q"]) == 0
    for relative in ("course.yaml", "quizzes/final.yaml"):
        path = course_dir / relative
        first_line = path.read_text("utf-8").splitlines()[0]
        assert first_line.startswith("# yaml-language-server: $schema=")
        schema_path = (path.parent / first_line.split("$schema=", 1)[1]).resolve()
        assert schema_path.is_relative_to(course_dir.resolve()) and schema_path.is_file()
        schema = json.loads(schema_path.read_text("utf-8"))
        jsonschema.validate(yaml.safe_load(path.read_text("utf-8")), schema)
        broken = {**yaml.safe_load(path.read_text("utf-8")), "titel": "misspelt"}
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, schema)


def test_the_media_advice_matches_the_course_format(tmp_path: Path) -> None:
    """The scaffold's lesson says media/ is at the root, and its example path works from a lesson."""
    course_dir = tmp_path / "course"
    assert main(["new", str(course_dir), "-q"]) == 0
    lesson = (course_dir / "lessons" / "02-writing-lessons.md").read_text("utf-8")
    example = re.search(r"`!\[[^\]]*\]\(([^)]+)\)`", lesson)
    assert example is not None and "`media/` folder at the root of the course" in lesson
    resolved = (course_dir / "lessons" / example.group(1)).resolve()
    assert resolved.parent == (course_dir / "media").resolve()
