"""Shared by the player's browser tests: the sample course's packages, and scripted SCOs
(``scripted_sco.py``) that make exactly the calls a test needs, including the ones the spec forbids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from packager.course import Course
from packager.targets import TARGETS
from packager.testing.session import PlayerSession
from tests.e2e.scripted_sco import scripted_package

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
