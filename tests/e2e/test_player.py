"""The test LMS player in Chromium: the pytest plugin's learner, spec violations, LMS profiles, the page.

Packages are the sample course's, and hand-made scripted SCOs (``scripted_sco.py``) that make exactly
the calls a test needs, including the ones the spec forbids.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from packager.course import Course
from packager.questions.registry import question_types
from packager.targets import TARGETS
from packager.testing.session import PlayerSession
from tests.conftest import build_package
from tests.e2e.conftest import SCORM_AGAIN
from tests.e2e.scripted_sco import scripted_package
from tests.readme import run_plugin_example

pytestmark = pytest.mark.browser

# Short names for the scripted SCOs' steps: SCORM 1.2 calls, and 2004 ones (suffix 4).
INIT, FINISH, GET, SET, COMMIT = ("LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit")
INIT4, FINISH4, GET4, SET4, COMMIT4 = ("Initialize", "Terminate", "GetValue", "SetValue", "Commit")


def sample(package_dir: Path, course: Course, target: str) -> Path:
    return package_dir / TARGETS[target].archive_name(course)


def scripted(tmp_path: Path, standard: str, load: list[list[str]], **options: Any) -> Path:
    return scripted_package(tmp_path / f"scripted-{standard}.zip", standard, load, **options)


def wait_for_steps(session: PlayerSession) -> None:
    session.content.locator("body[data-done]").wait_for(state="attached")


def play_script(
    scorm_player: PlayerSession,
    tmp_path: Path,
    standard: str,
    load: list[list[str]],
    profile: str = "strict",
    **options: Any,
) -> PlayerSession:
    """Launch a scripted SCO making the calls ``load`` lists (``options``: the script's) in the player
    with an LMS profile, and wait until it has made them."""
    session = scorm_player.launch(scripted(tmp_path, standard, load, **options), profile=profile)
    wait_for_steps(session)
    return session


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


# --- spec violations -------------------------------------------------------------------------------

# Each call of the scripted SCO, and the rule the player flags it by (None: a call the spec allows).
SCORM12_VIOLATIONS: list[tuple[list[str], str | None]] = [
    ([GET, "cmi.core.lesson_status"], "before-initialize"),
    ([INIT, ""], None),
    ([INIT, ""], "initialize-twice"),
    ([SET, "cmi.core.session_time", "0:05:30"], "session-time-format"),
    ([SET, "cmi.core.session_time", "00:99:00"], "session-time-format"),
    ([SET, "cmi.core.session_time", "0000:05:30.5"], None),
    ([SET, "cmi.suspend_data", "x" * 4097], "suspend-data-length"),
    ([SET, "cmi.core.exit", "normal"], "exit-vocabulary"),
    ([SET, "cmi.core.lesson_location", "y" * 256], "lesson-location-length"),
    ([SET, "cmi.core.lesson_status", "completed"], None),
    ([FINISH, ""], None),
    ([GET, "cmi.core.lesson_status"], "after-finish"),
    ([SET, "cmi.core.lesson_status", "passed"], "after-finish"),
    ([COMMIT, ""], "after-finish"),
    ([FINISH, ""], "finish-twice"),
]
SCORM12_STEPS = [step for step, _ in SCORM12_VIOLATIONS]


def test_scorm12_violations_are_flagged_and_strict_rejects_them(
    scorm_player: PlayerSession, tmp_path: Path
) -> None:
    session = play_script(scorm_player, tmp_path, "scorm12", SCORM12_STEPS)
    calls = session.calls()
    assert [entry.get("rule") for entry in calls] == [rule for _, rule in SCORM12_VIOLATIONS]
    assert [entry["violation"] for entry in session.violations()] == [
        entry["violation"] for entry in calls if "violation" in entry
    ]
    by_value = {entry["args"][1]: entry for entry in calls if entry["call"] == SET}
    assert by_value["0:05:30"]["violation"].startswith('cmi.core.session_time "0:05:30" is not a CMITimespan')
    assert "minutes or seconds above 59" in by_value["00:99:00"]["violation"]
    # strict answers as the spec says: "false" with 405 for bad values, 301 after LMSFinish.
    for value in ("0:05:30", "00:99:00", "x" * 4097, "normal", "y" * 256):
        assert (by_value[value]["result"], by_value[value]["error"]) == ("false", "405"), value
    assert by_value["0:05:30"]["errorText"] == "Incorrect Data Type"
    after_finish = [(e["result"], e["error"]) for e in calls[-4:]]
    assert after_finish == [("", "301"), ("false", "301"), ("false", "301"), ("false", "301")]
    record = session.record()
    assert record is not None
    assert record["cmi"]["cmi.core.lesson_status"] == "completed", "nothing after LMSFinish was kept"
    assert record["cmi"]["cmi.suspend_data"] == ""
    # The SCO saw the same answers, and the error codes through LMSGetLastError.
    results = session.content.locator("body").evaluate("() => window.results")
    assert results[3] == "false" and results[-1] == "false"
    assert session.problems()[0] == "launch 1: LMSGetValue before LMSInitialize"


def test_lax_profiles_flag_what_they_accept(scorm_player: PlayerSession, tmp_path: Path) -> None:
    session = play_script(scorm_player, tmp_path, "scorm12", SCORM12_STEPS, profile="moodle")
    flagged = {entry["args"][-1][:8]: entry for entry in session.violations() if entry["call"] == SET}
    assert {value: (e["result"], e["error"]) for value, e in flagged.items()} == {
        "0:05:30": ("true", "0"),
        "00:99:00": ("true", "0"),
        "x" * 8: ("true", "0"),  # scorm-again keeps suspend_data over 4096, as Moodle does
        "normal": ("true", "0"),  # ... silently drops exit 'normal'
        "y" * 8: ("false", "405"),  # ... and refuses a location over 255 itself
        "passed": ("true", "0"),  # after LMSFinish: accepted, as scorm-again does
    }


def test_scormcloud_keeps_long_suspend_data(scorm_player: PlayerSession, tmp_path: Path) -> None:
    steps = [[INIT, ""], [SET, "cmi.suspend_data", "z" * 5000], [SET, "cmi.core.session_time", "0:05:30"]]
    session = play_script(scorm_player, tmp_path, "scorm12", steps, profile="scormcloud")
    suspend, session_time = session.calls()[1:]
    assert suspend["rule"] == "suspend-data-length" and suspend["result"] == "true"
    assert session_time["rule"] == "session-time-format" and session_time["result"] == "false"


def test_scorm2004_empty_durations_and_lifecycle(scorm_player: PlayerSession, tmp_path: Path) -> None:
    script = [
        ([SET4, "cmi.location", "early"], "before-initialize"),
        ([INIT4, ""], None),
        ([SET4, "cmi.session_time", "PT"], "session-time-format"),
        ([SET4, "cmi.session_time", "P"], "session-time-format"),
        ([SET4, "cmi.session_time", "PT1H5M30.25S"], None),
        ([FINISH4, ""], None),
        ([FINISH4, ""], "finish-twice"),
    ]
    session = play_script(scorm_player, tmp_path, "scorm2004", [step for step, _ in script])
    calls = session.calls()
    assert [entry.get("rule") for entry in calls] == [rule for _, rule in script]
    assert [(e["result"], e["error"]) for e in calls[2:4]] == [("false", "406"), ("false", "406")]
    assert calls[-1]["error"] == "113"  # scorm-again's own code for a second Terminate
    record = session.record()
    assert record is not None and record["cmi"]["cmi.session_time"] == "PT1H5M30.25S"


# --- LMS profiles -----------------------------------------------------------------------------------


def test_moodle_mastery_score_overrides_the_status_at_finish(
    scorm_player: PlayerSession, tmp_path: Path
) -> None:
    steps = [
        [INIT, ""],
        [SET, "cmi.core.lesson_status", "completed"],
        [SET, "cmi.core.score.raw", "50"],
        [FINISH, ""],
    ]
    package = scripted(tmp_path, "scorm12", steps, mastery_score=80)
    statuses = {}
    for profile in ("strict", "moodle"):
        session = scorm_player.launch(package, profile=profile)
        wait_for_steps(session)
        record = session.record()
        assert record is not None and record["profile"] == profile
        statuses[profile] = (record["cmi"]["cmi.core.lesson_status"], record["complete"])
    assert statuses == {"strict": ("completed", True), "moodle": ("failed", False)}


def test_what_counts_as_complete_in_2004(scorm_player: PlayerSession, tmp_path: Path) -> None:
    steps = [
        [INIT4, ""],
        [SET4, "cmi.completion_status", "incomplete"],
        [SET4, "cmi.success_status", "passed"],
        [COMMIT4, ""],
    ]
    session = play_script(scorm_player, tmp_path, "scorm2004", steps, profile="moodle")
    record = session.record()
    assert record is not None and record["complete"] is False, "Moodle: only completion_status=completed"
    session.switch_profile("cornerstone")
    assert session.profile() == "cornerstone"
    record = session.record()
    assert record is not None and record["complete"] is True, "Cornerstone-like: passed counts"


@pytest.mark.parametrize(
    ("profile", "commit"), [("strict", ("true", "0")), ("cornerstone", ("false", "101"))]
)
def test_cornerstone_fails_a_commit_just_before_finish(
    scorm_player: PlayerSession, tmp_path: Path, profile: str, commit: tuple[str, str]
) -> None:
    steps = [[INIT, ""], [SET, "cmi.core.lesson_status", "incomplete"], [COMMIT, ""]]
    pagehide = [[SET, "cmi.core.lesson_status", "completed"], [COMMIT, ""], [FINISH, ""]]
    session = play_script(scorm_player, tmp_path, "scorm12", steps, pagehide=pagehide, profile=profile)
    record = session.end()
    commits = [entry for entry in session.calls() if entry["call"] == COMMIT]
    assert (commits[0]["result"], commits[0]["error"]) == ("true", "0"), "an ordinary commit works"
    assert (commits[1]["result"], commits[1]["error"]) == commit
    assert ("quirk" in commits[1]) == (profile == "cornerstone")
    assert session.calls()[-1]["call"] == FINISH and session.calls()[-1]["result"] == "true"
    assert record is not None and record["cmi"]["cmi.core.lesson_status"] == "completed"


# --- the page ---------------------------------------------------------------------------------------


def test_the_page_shows_calls_as_text_and_its_buttons_work(
    scorm_player: PlayerSession, tmp_path: Path
) -> None:
    hostile = "<img src=x onerror=window.pwned=1>"
    steps = [
        [INIT, ""],
        [SET, "cmi.suspend_data", hostile],
        [SET, "cmi.core.session_time", "0:05:30"],
        [COMMIT, ""],
    ]
    session = play_script(scorm_player, tmp_path, "scorm12", steps)
    page = session.page
    log = page.locator("#call-log")
    expect(log.locator("tbody tr.violation")).to_have_count(1)
    expect(log).to_contain_text(hostile)
    expect(log).to_contain_text("Spec violation (session-time-format)")
    expect(log).to_contain_text("405 Incorrect Data Type")
    expect(page.locator("#data-model")).to_contain_text(hostile)
    expect(page.locator("#call-count")).to_have_text("4 calls, 1 flagged")
    assert page.locator("#call-log img, #data-model img").count() == 0
    assert page.evaluate("() => window.pwned") is None

    page.get_by_role("button", name="Relaunch (resume)").click()
    expect(page.locator("#player-status")).to_contain_text("launch 2")
    wait_for_steps(session)
    expect(page.locator("#call-count")).to_have_text("8 calls, 2 flagged")

    page.get_by_label("LMS profile").select_option("cornerstone")
    expect(page.locator("#player-status")).to_contain_text("launch 3, Cornerstone-like")
    assert page.url.endswith("?profile=cornerstone")
    wait_for_steps(session)

    page.get_by_role("button", name="Reset the attempt").click()
    expect(page.locator("#player-status")).to_contain_text("launch 1, Cornerstone-like")
    wait_for_steps(session)
    expect(page.locator("#call-count")).to_have_text("4 calls, 1 flagged")
    assert {entry["launch"] for entry in session.calls()} == {1}

    page.reload()  # the log and the profile survive a reload of the player
    wait_for_steps(session)
    expect(page.locator("#call-count")).to_have_text("8 calls, 2 flagged")
    assert session.profile() == "cornerstone"
    assert session.page_errors == []


def test_an_unknown_profile_falls_back_to_strict(scorm_player: PlayerSession, tmp_path: Path) -> None:
    session = scorm_player.launch(scripted(tmp_path, "scorm12", [[INIT, ""]]))
    session.page.goto(session.url + "?profile=blackboard")
    status = session.page.locator("#player-status")
    expect(status).to_contain_text('Unknown profile "blackboard": using strict')
    with pytest.raises(ValueError, match="unknown LMS profile 'blackboard'"):
        session.switch_profile("blackboard")


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
