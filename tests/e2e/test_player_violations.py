"""The test LMS player in Chromium flags the calls the spec forbids, and answers them as each LMS
profile does (scripted SCOs, ``scripted_sco.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from packager.testing.session import PlayerSession
from tests.e2e.player_scripts import COMMIT, FINISH, FINISH4, GET, INIT, INIT4, SET, SET4, play_script

pytestmark = pytest.mark.browser


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
