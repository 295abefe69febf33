"""A quiz imported from another tool plays: the GIFT sample bank (every type GIFT has here:
choices, true-false, fill-in, matching, numeric) answered right passes, answered wrong fails."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from packager import build
from packager.cli import main
from packager.testing.session import PlayerSession

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def imported_package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    course = tmp_path_factory.mktemp("imported") / "course"
    (course / "lessons").mkdir(parents=True)
    (course / "lessons" / "01-intro.md").write_text("---\ntitle: Introduction\n---\nRead, then answer.\n")
    config = {"id": "imported", "title": "Imported bank", "lessons": ["lessons/01-intro.md"]}
    config["quiz"] = "quizzes/bank.yaml"
    (course / "course.yaml").write_text(yaml.safe_dump(config), "utf-8")
    source = REPO / "tests" / "importers" / "sample.gift"
    assert main(["import", str(source), "-o", str(course / "quizzes" / "bank.yaml"), "-q"]) == 0
    (package,) = build(course, course.parent / "out", ["scorm12"], cache=False).written
    return package


@pytest.mark.parametrize(("correct", "status"), [(True, "passed"), (False, "failed")])
def test_the_imported_quiz_plays(
    scorm_player: PlayerSession, imported_package: Path, correct: bool, status: str
) -> None:
    session = scorm_player.launch(imported_package)
    asked = session.learner.keys()
    assert {key[1] for key in asked} >= {"former-partner", "trust-is-earned", "match-terms", "hours"}
    session.learner.complete(correct=correct)
    record = session.end()
    assert record is not None
    assert record["cmi"]["cmi.core.lesson_status"] == status
    assert session.problems() == [] and session.violations() == []
