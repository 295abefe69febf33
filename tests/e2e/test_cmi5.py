"""The sample course's cmi5 package, launched by the test LMS against a real LRS (ralph).

Each test plays a launch in Chromium, then reads the statements back from the LRS and checks
them against the cmi5 rules: order, verbs, result fields, durations, session ids and categories.
"""

from __future__ import annotations

import functools
import re
import time
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from packager.course import Course
from packager.player.cmi5 import Cmi5Launcher
from tests.e2e.learner import Learner

pytestmark = pytest.mark.browser

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


@pytest.fixture
def cmi5_launcher(xapi_launchers: Callable[..., Any]) -> Launch:
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


@pytest.mark.parametrize(("correctly", "judged"), [(True, "passed"), (False, "failed")])
def test_answers_complete_and_pass_or_fail(
    page: Page, cmi5_launcher: Launch, sample_course: Course, correctly: bool, judged: str
) -> None:
    launcher = cmi5_launcher()
    summary = launch(page, launcher, sample_course).complete(correctly=correctly)
    assert ("You passed" if correctly else "You did not pass") in summary

    statements = end_session(page, launcher)
    # With attempts left a fail is provisional: it is reported as the session ends.
    check_sessions(statements, launcher, ["launched", "initialized", "completed", judged, "terminated"])
    result = judgement(statements)
    assert (result["result"]["score"]["scaled"] >= 0.8) is correctly
    assert result["context"]["extensions"][MASTERY] == 0.8
    assert launcher.record.lrs_errors == []
    if correctly:
        saved = launcher.state("course-packager.suspend")
        assert saved["reported"] == {"completed": True, "passed": True, "failed": ""}


def test_each_answer_is_an_answered_statement(
    page: Page, cmi5_launcher: Launch, sample_course: Course
) -> None:
    """As the SCORM targets report interactions, a cmi5 AU tells the LRS what the learner answered,
    in xAPI's response patterns (those of SCORM 2004)."""
    launcher = cmi5_launcher()
    learner = launch(page, launcher, sample_course)
    quiz = learner.read_all_lessons()
    asked = learner.asked(quiz)
    learner.answer_all(correctly=True)
    learner.submit()
    statements = end_session(page, launcher)
    check_cmi5_rules(statements, launcher)
    answered = {s["object"]["id"].rsplit("/", 1)[1]: s for s in statements if verb(s) == "answered"}
    assert sorted(answered) == sorted(f"{quiz.id}.{question.id}" for question in asked)
    for question in asked:
        statement = answered[f"{quiz.id}.{question.id}"]
        assert statement["result"]["success"] is True
        assert statement["object"]["definition"]["interactionType"] == question.interaction()["type"]
        assert statement["object"]["definition"]["description"]["en"] == question.prompt[:250]
    passed = judgement(statements)
    assert max(s["timestamp"] for s in answered.values()) < passed["timestamp"], "answers come first"


def test_reload_resumes_from_the_state_document(
    page: Page, cmi5_launcher: Launch, sample_course: Course
) -> None:
    launcher = cmi5_launcher()
    learner = launch(page, launcher, sample_course)
    third = sample_course.lessons[2]
    learner.open(third.title)
    wait_for(
        lambda: (launcher.state("course-packager.suspend") or {}).get("location") == f"lesson:{third.id}",
        "the resume state to reach the LMS",
    )

    page.reload()
    learner.expect_heading(third.title)
    assert len(launcher.sessions) == 2
    assert "You passed" in learner.complete(correctly=True)

    statements = end_session(page, launcher)
    check_sessions(
        statements,
        launcher,
        ["launched", "initialized", "terminated"],
        ["launched", "initialized", "completed", "passed", "terminated"],
    )
    first_end = next(s for s in statements if verb(s) == "terminated")
    second_launch = [s for s in statements if verb(s) == "launched"][1]
    assert first_end["timestamp"] < second_launch["timestamp"]


@pytest.mark.parametrize("mode", ["Browse", "Review"])
def test_browse_and_review_send_only_initialized_and_terminated(
    page: Page, cmi5_launcher: Launch, sample_course: Course, mode: str
) -> None:
    launcher = cmi5_launcher()
    learner = launch(page, launcher, sample_course, mode=mode)
    learner.complete(correctly=True)

    statements = end_session(page, launcher)
    check_sessions(statements, launcher, ["launched", "initialized", "terminated"])
    assert launcher.state("course-packager.suspend") is None
    assert not [r for r in launcher.record.requests if r["method"] != "GET" and r["path"].endswith("/state")]


def test_the_lms_mastery_score_overrides_the_course_one(
    page: Page, cmi5_launcher: Launch, sample_course: Course
) -> None:
    launcher = cmi5_launcher(mastery_score=1.0)
    learner = launch(page, launcher, sample_course)
    quiz = learner.read_all_lessons()
    learner.answer_all(correctly=True)
    learner.answer(learner.asked(quiz)[0], correctly=False)
    summary = learner.submit()
    assert "You did not pass" in summary and "needed 100%" in summary

    statements = end_session(page, launcher)
    check_cmi5_rules(statements, launcher)
    failed = judgement(statements)
    assert verb(failed) == "failed"
    assert failed["result"]["score"]["scaled"] == 0.9
    assert failed["context"]["extensions"][MASTERY] == 1.0


def test_refused_statements_are_retried_in_order(
    page: Page, cmi5_launcher: Launch, sample_course: Course
) -> None:
    launcher, learner = launch_refusing(page, cmi5_launcher(), sample_course, refused=2)
    assert "You passed" in learner.complete(correctly=True)
    asked = len(learner.asked(learner.assessment))
    # launched, initialized, an answered statement per question, completed and passed.
    wait_for(lambda: len(launcher.statements()) == 4 + asked, "the retried statements")
    expect(learner.surface.locator("#notice")).to_be_hidden()

    statements = end_session(page, launcher)
    check_sessions(statements, launcher, ["launched", "initialized", "completed", "passed", "terminated"])
    refused = [r for r in launcher.record.requests if r["status"] == 503]
    assert len(refused) == 2


def test_an_lrs_that_keeps_failing_loses_nothing(
    page: Page, cmi5_launcher: Launch, sample_course: Course
) -> None:
    launcher, learner = launch_refusing(page, cmi5_launcher(), sample_course, refused=1000)
    expect(learner.surface.locator("#notice")).to_contain_text(NOT_SAVED, timeout=WAIT_SECONDS * 1000)
    second = sample_course.lessons[1]
    learner.open(second.title)
    # Resume data does not wait for statements: the state document still reaches the LMS.
    wait_for(
        lambda: (launcher.state("course-packager.suspend") or {}).get("location") == f"lesson:{second.id}",
        "the resume state",
    )
    launcher.fail_statement_posts = 0
    statements = end_session(page, launcher)
    check_sessions(statements, launcher, ["launched", "initialized", "terminated"])


def test_a_reloaded_au_does_not_reuse_its_ended_session(
    page: Page, cmi5_launcher: Launch, sample_course: Course
) -> None:
    launcher = cmi5_launcher()
    learner = launch(page, launcher, sample_course)
    wait_for(lambda: len(launcher.statements()) == 2, "initialized")
    page.evaluate("document.getElementById('content-frame').contentWindow.location.reload()")
    expect(learner.surface.locator("#notice")).to_contain_text(NOT_SAVED)
    assert learner.heading()

    statements = end_session(page, launcher)
    check_sessions(statements, launcher, ["launched", "initialized", "terminated"])
    assert len(launcher.record.fetches) == 1


def test_without_launch_parameters_the_au_runs_standalone(
    page: Page, cmi5_launcher: Launch, sample_course: Course
) -> None:
    launcher = cmi5_launcher()
    page.goto(launcher.url + "content/index.html")
    learner = Learner(page, sample_course)
    assert learner.heading() == sample_course.lessons[0].title
    expect(page.locator("#notice")).to_contain_text(NO_LMS)
    assert launcher.record.requests == [] and launcher.sessions == []
