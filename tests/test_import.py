"""``packager import``: question banks written for these tests (tests/importers/), one per format,
become quiz files whose questions validate and whose course builds; what cannot be converted is
listed with its line or item id."""

from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from packager import build
from packager.cli import main
from packager.course import load_course
from packager.errors import PackagerError
from packager.importers import detect, import_questions
from tests.conftest import MINIMAL_COURSE, CourseMaker

SAMPLES = Path(__file__).parent / "importers"
ALL_TYPES = ["single-choice", "true-false", "multiple-response", "fill-in", "matching", "numeric"]


def qti21_zip(tmp_path: Path) -> Path:
    archive = tmp_path / "items.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for item in sorted((SAMPLES / "qti21").glob("*.xml")):
            bundle.write(item, f"items/{item.name}")
    return archive


def xlsx_from_csv(tmp_path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Bank"
    with (SAMPLES / "sample.csv").open(encoding="utf-8", newline="") as stream:
        for row in csv.reader(stream):
            sheet.append(row)
    path = tmp_path / "bank.xlsx"
    workbook.save(path)
    return path


CASES = yaml.safe_load((SAMPLES / "expected.yaml").read_text("utf-8"))


def source_file(name: str, tmp_path: Path) -> Path:
    """The sample bank of a format, as the importer reads it."""
    if name == "qti21":
        return qti21_zip(tmp_path)
    if name == "spreadsheet":
        return xlsx_from_csv(tmp_path)
    return SAMPLES / CASES[name]["source"]


@pytest.mark.parametrize("name", list(CASES))
def test_each_format_round_trips_into_a_quiz_that_builds(
    name: str, tmp_path: Path, make_course: CourseMaker, capsys: pytest.CaptureFixture[str]
) -> None:
    expected, skipped = CASES[name]["questions"], CASES[name]["skipped"]
    source = source_file(name, tmp_path)
    assert detect(source) == name
    imported = import_questions(source)
    assert {question["id"]: question["type"] for question in imported.questions} == expected
    assert [entry.where for entry in imported.skipped] == skipped

    course = make_course({**MINIMAL_COURSE, "quiz": "quizzes/imported.yaml"})
    quiz_file = course / "quizzes" / "imported.yaml"
    assert main(["import", str(source), "-o", str(quiz_file)]) == 0
    out = capsys.readouterr().out
    assert f"{len(expected)} questions" in out
    for where in skipped:
        assert f"not converted: {source}: {where}: " in out
    loaded = load_course(course)
    (quiz,) = loaded.quizzes
    assert [question.id for question in quiz.questions] == list(expected)
    (written,) = build(course, tmp_path / "out", ["scorm12"], cache=False).written
    assert written.is_file()


def test_feedback_and_ids_are_kept(tmp_path: Path) -> None:
    by_id = {
        question["id"]: question for question in import_questions(SAMPLES / "sample.moodle.xml").questions
    }
    chosen = by_id["former-partner"]
    assert chosen["feedback"] == {"correct": "Well done.", "incorrect": "Not quite: refer them on."}
    assert chosen["options"][0] == {
        "text": "Refer them to another specialist.",
        "correct": True,
        "feedback": "Yes: they still get support.",
    }
    assert chosen["prompt"] == "A former partner asks for your support. What is the ethical response?"
    assert by_id["gifts"]["feedback"] == {
        "correct": "Right: decline them kindly.",
        "incorrect": "Gifts blur the relationship.",
    }
    qti = {question["id"]: question for question in import_questions(qti21_zip(tmp_path)).questions}
    assert [option.get("id") for option in qti["risks"]["options"]] == ["conflict", "objectivity", "progress"]
    assert qti["boundary-word"]["prompt"] == "A limit that keeps a relationship professional is a _____."
    assert qti["referral-steps"]["items"] == ["Explain kindly", "Find another specialist", "Follow up"]
    gift = {question["id"]: question for question in import_questions(SAMPLES / "sample.gift").questions}
    assert gift["trust-is-earned"]["feedback"] == {
        "correct": "Right: consistency and honesty build it.",
        "incorrect": "It is built, not assumed.",
    }
    assert gift["escaped"]["prompt"] == "Which character opens a GIFT answer block: { or #?"
    assert gift["range"]["minimum"] == 1 and gift["range"]["maximum"] == 5


def test_a_question_the_models_refuse_is_listed_not_dropped(tmp_path: Path) -> None:
    bank = tmp_path / "bank.gift"
    bank.write_text("::ok::Pick one. {=Yes ~No}\n\n::upside-down::A number. {#5..1}\n", "utf-8")
    imported = import_questions(bank)
    assert [question["id"] for question in imported.questions] == ["ok"]
    assert [entry.where for entry in imported.skipped] == ["line 3 (upside-down)"]
    assert "not a valid numeric question" in imported.skipped[0].reason


def test_repeated_ids_are_made_unique(tmp_path: Path) -> None:
    bank = tmp_path / "bank.gift"
    bank.write_text("::Q 1::One? {T}\n\n::q-1::Two? {F}\n\n::q1::Three? {T}\n", "utf-8")
    assert [question["id"] for question in import_questions(bank).questions] == ["q-1", "q-1-2", "q1"]


def test_bad_sources_are_located_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "broken.xml"
    broken.write_text("<quiz><question type='truefalse'>\n</quiz>", "utf-8")
    with pytest.raises(PackagerError) as caught:
        import_questions(broken)
    assert caught.value.file == broken and caught.value.line == 2
    output = tmp_path / "quiz.yaml"
    unreadable = {
        "bank.json": (b"{}", "cannot tell the format"),
        "bank.xlsx": (b"not a workbook", "cannot read this spreadsheet"),
        "latin.csv": ("prompt,a,b,answer\nCaf\xe9?,Oui,Non,A\n".encode("latin-1"), "not UTF-8"),
        "essays.gift": (b"::a::Describe. {}\n", "no question could be converted"),
    }
    for name, (content, message) in unreadable.items():
        (tmp_path / name).write_bytes(content)
        assert main(["import", str(tmp_path / name), "-o", str(output)]) == 1
        assert message in capsys.readouterr().err
    assert not output.exists()
    output.write_text("title: kept\n", "utf-8")
    assert main(["import", str(SAMPLES / "sample.gift"), "-o", str(output)]) == 1
    assert "--force" in capsys.readouterr().err
    assert output.read_text("utf-8") == "title: kept\n"
    assert (
        main(["import", str(SAMPLES / "sample.gift"), "-o", str(output), "--force", "--title", "Bank"]) == 0
    )
    assert yaml.safe_load(output.read_text("utf-8"))["title"] == "Bank"
