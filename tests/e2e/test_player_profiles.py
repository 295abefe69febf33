"""The test LMS player in Chromium: its LMS profiles' quirks, and its page (call log, buttons, profile
choice), with scripted SCOs (``scripted_sco.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from packager.testing.session import PlayerSession
from tests.e2e.player_scripts import (
    COMMIT,
    COMMIT4,
    FINISH,
    INIT,
    INIT4,
    SET,
    SET4,
    play_script,
    scripted,
    wait_for_steps,
)

pytestmark = pytest.mark.browser


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
