"""The test LMS player in Chromium: the pytest plugin's learner on the sample course, and the README's
example. Spec violations: test_player_violations.py; LMS profiles and the page: test_player_profiles.py.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from packager.course import Course
from packager.questions.registry import question_types
from packager.testing.session import PlayerSession
from tests.conftest import build_package
from tests.e2e.conftest import SCORM_AGAIN
from tests.e2e.player_scripts import sample
from tests.readme import run_plugin_example

pytestmark = pytest.mark.browser


# --- the learner of the pytest plugin, on the sample course -----------------------------------------


@pytest.mark.parametrize("target", ["scorm12", "scorm2004-4th"])
def test_all_correct_passes_and_completes(
    scorm_player: PlayerSession, package_dir: Path, sample_course: Course, target: str
) -> None:
    session = scorm_player.launch(sample(package_dir, sample_course, target))
    session.learner.complete(correct=True)
    record = session.end()
    assert record is not None
    cmi = record["cmi"]
    if target == "scorm12":
        assert cmi["cmi.core.lesson_status"] == "passed"
        assert cmi["cmi.core.exit"] == ""
    else:
        assert (cmi["cmi.completion_status"], cmi["cmi.success_status"]) == ("completed", "passed")
    assert record["complete"] is True
    assert record["lastEvent"] in ("LMSFinish", "Terminate")
    assert session.problems() == []
    assert session.violations() == []
    assert session.page_errors == []


def test_all_wrong_fails_and_profiles_disagree_on_complete(
    scorm_player: PlayerSession, package_dir: Path, sample_course: Course
) -> None:
    complete = {}
    for profile in ("strict", "scormcloud"):
        session = scorm_player.launch(sample(package_dir, sample_course, "scorm12"), profile=profile)
        session.learner.complete(correct=False)
        record = session.end()
        assert record is not None and record["profile"] == profile
        assert record["cmi"]["cmi.core.lesson_status"] == "failed"
        assert float(record["cmi"]["cmi.core.score.raw"]) < sample_course.mastery_score
        assert session.problems() == []
        complete[profile] = record["complete"]
    # A failed 1.2 attempt is not complete for the spec, but SCORM Cloud counts it as complete.
    assert complete == {"strict": False, "scormcloud": True}


@pytest.mark.parametrize("target", ["scorm12", "scorm2004-3rd"])
def test_stop_midway_then_resume(
    scorm_player: PlayerSession, package_dir: Path, sample_course: Course, target: str
) -> None:
    session = scorm_player.launch(sample(package_dir, sample_course, target))
    stopped_at = session.learner.stop_midway()
    record = session.record()
    assert record is not None
    exit_element = "cmi.core.exit" if target == "scorm12" else "cmi.exit"
    assert record["cmi"][exit_element] == "suspend"
    assert record["complete"] is False

    session.relaunch()
    assert session.learner.heading() == stopped_at
    entry = "cmi.core.entry" if target == "scorm12" else "cmi.entry"
    assert session.live() is not None
    assert session.live()[entry] == "resume"  # type: ignore[index]
    session.learner.complete(correct=True)
    record = session.end()
    assert record is not None and record["launches"] == 2 and record["complete"] is True
    assert {entry["launch"] for entry in session.calls()} == {1, 2}
    assert session.problems() == []


@pytest.mark.parametrize(("correct", "status", "score"), [(True, "passed", "100"), (False, "failed", "0")])
def test_the_learner_answers_every_question_type(
    scorm_player: PlayerSession,
    tmp_path: Path,
    every_type_course: Path,
    correct: bool,
    status: str,
    score: str,
) -> None:
    """One question of every installed type, answered from the keys in the package alone."""
    package = build_package(every_type_course, tmp_path, "scorm12")
    session = scorm_player.launch(package)
    types = {question["type"] for question in session.learner.keys().values()}
    assert types == set(question_types())
    session.learner.complete(correct=correct)
    record = session.end()
    assert record is not None
    assert (record["cmi"]["cmi.core.lesson_status"], record["cmi"]["cmi.core.score.raw"]) == (status, score)
    assert session.problems() == []


def test_web_target_plays_without_an_lms(
    scorm_player: PlayerSession, package_dir: Path, sample_course: Course
) -> None:
    session = scorm_player.launch(sample(package_dir, sample_course, "web"))
    session.learner.complete(correct=True)
    assert session.record() is None
    assert session.calls() == []
    panel = session.page.locator("#data-model")
    assert "talks to no LMS" in session.page.locator("#data-model-note").inner_text()
    expect(panel).to_contain_text(f"course-packager:{sample_course.id}")
    assert session.page_errors == []


# --- the README's example, run as a QA team would ---------------------------------------------------


def test_the_readme_example_passes(tmp_path: Path, package_dir: Path, sample_course: Course) -> None:
    """The example test in the README, in a project of its own: the plugin comes from the entry point."""
    env = {
        **os.environ,
        "SCORM_AGAIN_DIR": str(SCORM_AGAIN),
        "COURSE_PACKAGE": str(sample(package_dir, sample_course, "scorm12")),
    }
    output = run_plugin_example(sys.executable, tmp_path, env)
    assert re.search(r"\b[3-9] passed", output), output
