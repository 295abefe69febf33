"""The question type from another package (tests/plugins/likert) plays in a real browser, in the test
LMS, and each standard hears of it as a ``likert`` interaction, right or wrong."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from packager.testing.session import PlayerSession
from tests.conftest import CourseMaker, build_package
from tests.test_plugin_seam import COURSE, LIKERT_QUIZ

pytestmark = pytest.mark.browser

RECORDS = {
    "scorm12": ("cmi.core.lesson_status", "student_response", "wrong"),
    "scorm2004-4th": ("cmi.success_status", "learner_response", "incorrect"),
}


def interactions(cmi: dict[str, str]) -> dict[str, dict[str, str]]:
    """The recorded interactions by id: their fields, without the index."""
    by_index: dict[str, dict[str, str]] = {}
    for key, value in cmi.items():
        match = re.fullmatch(r"cmi\.interactions\.(\d+)\.(.+)", key)
        if match:
            by_index.setdefault(match.group(1), {})[match.group(2)] = value
    return {fields["id"]: fields for fields in by_index.values() if "id" in fields}


@pytest.mark.parametrize("target", list(RECORDS))
@pytest.mark.parametrize("correct", [True, False])
def test_a_plugged_in_type_is_played_and_reported(
    scorm_player: PlayerSession, make_course: CourseMaker, tmp_path: Path, target: str, correct: bool
) -> None:
    course = make_course(COURSE, {"quiz.yaml": LIKERT_QUIZ})
    session = scorm_player.launch(build_package(course, tmp_path, target))
    assert {question["type"] for question in session.learner.keys().values()} == {"likert"}
    session.learner.complete(correct=correct)
    record = session.end()
    assert record is not None and session.problems() == []
    status, response, wrong = RECORDS[target]
    assert record["cmi"][status] == ("passed" if correct else "failed")
    found = interactions(record["cmi"])
    assert set(found) == {"quiz.rebuild-often", "quiz.three-points"}
    for interaction_id, pattern in (("quiz.rebuild-often", "4"), ("quiz.three-points", "1")):
        fields = found[interaction_id]
        assert fields["type"] == "likert"
        assert fields["correct_responses.0.pattern"] == pattern
        assert fields["result"] == ("correct" if correct else wrong), fields
        # Wrong: the point furthest from the expected one (the test learner's choice).
        assert fields[response] == (pattern if correct else {"4": "1", "1": "3"}[pattern])
