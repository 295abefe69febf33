"""Shared by the cmi5 browser tests: launching the sample course's AU from the test cmi5 LMS, reading
the statements back from the LRS, and the cmi5 rules they must keep.

Its fixture ``cmi5_launcher`` is registered in tests/e2e/conftest.py.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from packager.course import Course
from packager.player.cmi5 import Cmi5Launcher
from tests.e2e.learner import Learner

VERBS = "http://adlnet.gov/expapi/verbs/"
CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVE_ON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
INTERACTION_TYPES = ("true-false", "choice", "fill-in", "long-fill-in", "likert", "matching", "performance")
INTERACTION_TYPES += ("sequencing", "numeric", "other")
ISO_DURATION = re.compile(r"^PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S$")
WAIT_SECONDS = 30
NO_LMS = "No learning management system was found"
NOT_SAVED = "Your progress may not be saved"

Launch = Callable[..., Cmi5Launcher]


@pytest.fixture(name="cmi5_launcher")
def fixture_cmi5_launcher(xapi_launchers: Callable[..., Any]) -> Launch:
    """Start the test cmi5 LMS on the sample course's package (a new registration each time)."""
    return functools.partial(xapi_launchers, Cmi5Launcher, "cmi5")


def wait_for(condition: Callable[[], Any], what: str) -> Any:
    """Poll until ``condition()`` is truthy (the LRS receives the AU's requests asynchronously)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


def launch(page: Page, launcher: Cmi5Launcher, course: Course, mode: str = "Normal") -> Learner:
    """Open the launcher page; the learner acts in the AU's frame once it has started."""
    page.goto(launcher.url + ("" if mode == "Normal" else f"?mode={mode}"))
    learner = Learner(page.frame_locator("#content-frame"), course)
    assert learner.heading()
    return learner


def launch_refusing(
    page: Page, launcher: Cmi5Launcher, course: Course, refused: int
) -> tuple[Cmi5Launcher, Learner]:
    """Launch with the LRS refusing (503) the next ``refused`` statement posts."""
    launcher.fail_statement_posts = refused
    return launcher, launch(page, launcher, course)


def verb(statement: dict[str, Any]) -> str:
    return str(statement["verb"]["id"]).removeprefix(VERBS)


def session_of(statement: dict[str, Any]) -> str:
    return str(statement["context"]["extensions"][SESSION_ID])


def end_session(page: Page, launcher: Cmi5Launcher) -> list[dict[str, Any]]:
    """Leave the course (the AU terminates as it unloads); the statements once every session ended."""
    page.goto("about:blank")

    def all_terminated() -> list[dict[str, Any]] | None:
        statements = launcher.statements()
        ended = {session_of(s) for s in statements if verb(s) == "terminated"}
        return statements if ended == {session.id for session in launcher.sessions} else None

    found: list[dict[str, Any]] = wait_for(all_terminated, "a terminated statement for every session")
    return found


def verbs_by_session(statements: list[dict[str, Any]], launcher: Cmi5Launcher) -> list[list[str]]:
    """Each session's cmi5 defined verbs (not "answered"), in timestamp order, sessions in launch order."""
    return [
        [verb(s) for s in statements if session_of(s) == session.id and verb(s) != "answered"]
        for session in launcher.sessions
    ]


def check_sessions(statements: list[dict[str, Any]], launcher: Cmi5Launcher, *sessions: list[str]) -> None:
    """The statements keep the cmi5 rules, and each session's verbs are these, in this order."""
    assert verbs_by_session(statements, launcher) == list(sessions)
    check_cmi5_rules(statements, launcher)


def check_answered(statement: dict[str, Any], launcher: Cmi5Launcher) -> None:
    """An "answered" statement is a cmi5 allowed one: the context template without the cmi5
    category, about a cmi.interaction activity whose parent is the AU."""
    assert launcher.au is not None
    context, activity = statement["context"], statement["object"]
    assert activity["id"].startswith(launcher.activity_id + "/interactions/")
    assert activity["definition"]["type"] == INTERACTION
    assert activity["definition"]["interactionType"] in INTERACTION_TYPES
    assert activity["definition"]["correctResponsesPattern"]
    assert context["contextActivities"]["parent"] == [{"id": launcher.activity_id, "objectType": "Activity"}]
    assert {"id": launcher.au.id} in context["contextActivities"]["grouping"]
    assert CMI5 not in [category["id"] for category in context["contextActivities"].get("category", [])]
    assert isinstance(statement["result"]["success"], bool) and isinstance(
        statement["result"]["response"], str
    )
    assert ISO_DURATION.match(statement["result"]["duration"])


def check_cmi5_rules(statements: list[dict[str, Any]], launcher: Cmi5Launcher) -> None:
    """What every launch's statements must satisfy, whatever the learner did."""
    assert launcher.au is not None
    sessions = verbs_by_session(statements, launcher)
    for statement in [s for s in statements if verb(s) == "answered"]:
        check_answered(statement, launcher)
    statements = [s for s in statements if verb(s) != "answered"]
    assert sum(map(len, sessions)) == len(statements), "a statement without a known session id"
    for verbs in sessions:
        assert verbs[:2] == ["launched", "initialized"], verbs
        assert verbs[-1] == "terminated", f"something follows terminated: {verbs}"
        assert len(set(verbs)) == len(verbs), f"a verb repeated in one session: {verbs}"
        assert not {"passed", "failed"} <= set(verbs), verbs
    every = [verb(s) for s in statements]
    assert every.count("completed") <= 1 and every.count("passed") <= 1, every
    if "passed" in every:
        assert "failed" not in every[every.index("passed") :], every
    for session in launcher.sessions:
        stamps = [s["timestamp"] for s in statements if session_of(s) == session.id and verb(s) != "launched"]
        assert len(set(stamps)) == len(stamps), "two AU statements with one timestamp: their order is unknown"
    for statement in statements:
        name = verb(statement)
        context = statement["context"]
        assert statement["object"]["id"] == launcher.activity_id != launcher.au.id
        assert statement["actor"] == launcher.actor
        assert context["registration"] == launcher.registration
        assert {"id": launcher.au.id} in context["contextActivities"]["grouping"]
        categories = [activity["id"] for activity in context["contextActivities"]["category"]]
        assert CMI5 in categories, statement
        result = statement.get("result", {})
        judged = "success" in result or "completion" in result
        assert (MOVE_ON in categories) == judged, statement
        assert ("score" in result) == (name in ("passed", "failed")), statement
        if name in ("completed", "passed", "failed", "terminated"):
            assert ISO_DURATION.match(result["duration"]), result
        if name == "completed":
            assert result["completion"] is True and "success" not in result
        if name in ("passed", "failed"):
            assert result["success"] is (name == "passed") and "completion" not in result
            score = result["score"]
            assert 0 <= score["scaled"] <= 1
            assert (score["min"], score["max"]) == (0, 100)
            assert score["raw"] == round(score["scaled"] * 100)
    assert launcher.record.violations == []
    assert [fetch["session"] for fetch in launcher.record.fetches] == [s.id for s in launcher.sessions]


def judgement(statements: list[dict[str, Any]]) -> dict[str, Any]:
    return next(s for s in statements if verb(s) in ("passed", "failed"))
