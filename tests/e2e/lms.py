"""The LMS side of the browser tests: launching in the player and reading what it recorded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Page

from packager.course import Course
from packager.player import PlayerServer
from tests.e2e.learner import Learner


@dataclass(frozen=True)
class Standard:
    """API method names of one SCORM version."""

    initialize: str
    finish: str
    get_value: str


SCORM12 = Standard(initialize="LMSInitialize", finish="LMSFinish", get_value="LMSGetValue")
SCORM2004 = Standard(initialize="Initialize", finish="Terminate", get_value="GetValue")


def launch(page: Page, player: PlayerServer, course: Course) -> Learner:
    """Open the player; the learner acts inside the content frame."""
    page.goto(player.url)
    return Learner(page.frame_locator("#content-frame"), course)


def open_web(page: Page, player: PlayerServer, course: Course) -> Learner:
    """Open the web package's page itself (no LMS around it); the learner waits for its first page."""
    page.goto(player.url + "content/index.html")
    learner = Learner(page, course)
    learner.heading()
    return learner


def open_target(page: Page, player: PlayerServer, course: Course, target: str) -> Learner:
    """The learner on ``target``'s package: the web one on its own page, the others in the player."""
    return open_web(page, player, course) if target == "web" else launch(page, player, course)


def close_session(page: Page, player: PlayerServer) -> dict[str, Any]:
    """Leave the course (the SCO unloads and finishes), then read what the LMS stored."""
    page.goto(player.url + "launch.json")
    stored: dict[str, Any] = page.evaluate(
        "() => ({record: JSON.parse(localStorage.getItem('test-lms:record')),"
        " log: JSON.parse(localStorage.getItem('test-lms:log'))})"
    )
    return stored


def take_course(page: Page, player: PlayerServer, course: Course, correctly: bool) -> dict[str, Any]:
    """Launch, read every lesson, answer every question right (or wrong), submit and leave: what the
    LMS stored."""
    learner = launch(page, player, course)
    learner.read_all_lessons()
    learner.answer_all(correctly=correctly)
    learner.submit()
    return close_session(page, player)


def assert_clean_log(log: list[dict[str, Any]], standard: Standard) -> None:
    """Every call succeeded ("true", or a value for GetValue, with error 0).

    Each launch initializes once, first, and finishes once, last.
    """
    assert log, "the SCO made no API calls"
    for entry in log:
        assert entry["error"] == "0", entry
        if entry["call"] != standard.get_value:
            assert entry["result"] == "true", entry
    for number in {entry["launch"] for entry in log}:
        calls = [entry["call"] for entry in log if entry["launch"] == number]
        assert calls[0] == standard.initialize
        assert calls.count(standard.initialize) == 1
        assert calls.count(standard.finish) == 1
        assert calls[-1] == standard.finish
