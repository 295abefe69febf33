"""Every learner flow (pass, fail, retry, resume) under every LMS profile of the test LMS, in Chromium.

The profiles reproduce what real LMSs do with a package: ``openedx`` never says entry=resume and
answers ``cmi.interactions._count`` with "", ``wagtail`` answers _count with "" and lands the values
set between two commits in the reverse order. The course must resume from the suspend_data the LMS
kept whatever entry says, and number its interactions itself, never overwriting an earlier one.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from packager.course import Course
from packager.player import PROFILES
from packager.targets import TARGETS
from packager.testing.session import Entry, PlayerSession

pytestmark = pytest.mark.browser

TARGETS_PLAYED = ("scorm12", "scorm2004-4th")
WRONG = {"scorm12": "wrong", "scorm2004-4th": "incorrect"}


def package(package_dir: Path, course: Course, target: str) -> Path:
    return package_dir / TARGETS[target].archive_name(course)


def stored_interactions(cmi: Entry) -> list[dict[str, str]]:
    """The interactions the LMS keeps, in index order; fails if an index was skipped."""
    by_index: dict[int, dict[str, str]] = {}
    for key, value in cmi.items():
        match = re.fullmatch(r"cmi\.interactions\.(\d+)\.(.+)", key)
        if match:
            by_index.setdefault(int(match.group(1)), {})[match.group(2)] = value
    assert sorted(by_index) == list(range(len(by_index))), "interaction indexes are contiguous"
    return [by_index[index] for index in sorted(by_index)]


def outcome(cmi: Entry, target: str) -> tuple[str, ...]:
    if target == "scorm12":
        return (cmi["cmi.core.lesson_status"],)
    return (cmi["cmi.completion_status"], cmi["cmi.success_status"])


def asked(course: Course) -> int:
    return sum(quiz.asked for quiz in course.quizzes)


@pytest.mark.parametrize("target", TARGETS_PLAYED)
@pytest.mark.parametrize("profile", PROFILES)
def test_resume_fail_retry_and_pass(
    scorm_player: PlayerSession, package_dir: Path, sample_course: Course, profile: str, target: str
) -> None:
    """One learner under one profile: leaves midway, comes back to the same place, fails, retries, passes."""
    session = scorm_player.launch(package(package_dir, sample_course, target), profile=profile)
    stopped_at = session.learner.stop_midway()
    record = session.record()
    assert record is not None and record["complete"] is False
    assert record["cmi"]["cmi.core.exit" if target == "scorm12" else "cmi.exit"] == "suspend"

    session.relaunch()
    assert session.learner.heading() == stopped_at, "the learner comes back to the same place"
    notes = [entry["note"] for entry in session.calls(launch=2) if "note" in entry]
    # Only where the LMS does not say entry=resume does the player note that the course resumes anyway.
    assert bool(notes) == (profile == "openedx"), notes

    session.learner.complete(correct=False)
    record = session.record()
    assert record is not None
    assert outcome(record["cmi"], target) == (("failed",) if target == "scorm12" else ("completed", "failed"))
    first = stored_interactions(record["cmi"])
    assert len(first) == asked(sample_course), "one interaction per asked question"
    assert {entry["result"] for entry in first} == {WRONG[target]}

    session.content.get_by_role("button", name="Try again").click()
    assert session.learner.answer_quiz(correct=True)
    session.learner.submit()
    record = session.end()
    assert record is not None and record["launches"] == 2
    assert outcome(record["cmi"], target) == (("passed",) if target == "scorm12" else ("completed", "passed"))
    score = "cmi.core.score.raw" if target == "scorm12" else "cmi.score.raw"
    assert record["cmi"][score] == "100"
    assert record["complete"] is True
    kept = stored_interactions(record["cmi"])
    assert kept[: len(first)] == first, "the first attempt's interactions are not overwritten"
    retried = kept[len(first) :]
    assert len(retried) == sample_course.quizzes[-1].asked
    assert {entry["result"] for entry in retried} == {"correct"}
    assert session.problems() == []
    assert session.page_errors == []


def test_the_player_offers_the_profiles_the_cli_knows(
    scorm_player: PlayerSession, package_dir: Path, sample_course: Course
) -> None:
    session = scorm_player.launch(package(package_dir, sample_course, "scorm12"))
    assert tuple(session.page.evaluate("() => player.profiles()")) == PROFILES
