"""The sample course's SCORM 2004 packages (3rd and 4th edition) in scorm-again's Scorm2004API."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page

from packager.course import Course
from packager.player import PlayerServer
from tests.e2e.lms import SCORM2004, assert_clean_log, close_session, launch, take_course

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("target", ["scorm2004-3rd", "scorm2004-4th"])]

ISO_DURATION = re.compile(r"^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)$")


def nav_requests(log: list[dict[str, Any]]) -> list[str]:
    """The adl.nav.request values the SCO set, each right before Terminate."""
    requests = []
    for index, entry in enumerate(log):
        if entry["call"] == "SetValue" and entry["args"][0] == "adl.nav.request":
            assert log[index + 1]["call"] in ("SetValue", "Terminate")
            requests.append(entry["args"][1])
    return requests


def test_correct_answers_pass_and_complete(
    page: Page, play: Callable[[str], PlayerServer], sample_course: Course, target: str
) -> None:
    stored = take_course(page, play(target), sample_course, correctly=True)
    cmi = stored["record"]["cmi"]
    assert stored["record"]["lastEvent"] == "Terminate"
    assert cmi["cmi.completion_status"] == "completed"
    assert cmi["cmi.success_status"] == "passed"
    assert float(cmi["cmi.score.scaled"]) >= 0.8
    assert float(cmi["cmi.score.raw"]) >= 80
    assert (cmi["cmi.score.min"], cmi["cmi.score.max"]) == ("0", "100")
    assert float(cmi["cmi.progress_measure"]) == 1
    assert ISO_DURATION.match(cmi["cmi.session_time"]), cmi["cmi.session_time"]
    assert cmi["cmi.exit"] == "normal"
    assert nav_requests(stored["log"]) == ["exitAll"]
    assert_clean_log(stored["log"], SCORM2004)


def test_wrong_answers_fail_but_complete(
    page: Page, play: Callable[[str], PlayerServer], sample_course: Course, target: str
) -> None:
    stored = take_course(page, play(target), sample_course, correctly=False)
    cmi = stored["record"]["cmi"]
    # Moodle counts only "completed" as complete: a failed learner has still finished.
    assert cmi["cmi.completion_status"] == "completed"
    assert cmi["cmi.success_status"] == "failed"
    assert float(cmi["cmi.score.scaled"]) < 0.8
    assert ISO_DURATION.match(cmi["cmi.session_time"])
    assert_clean_log(stored["log"], SCORM2004)


def test_reload_resumes_and_unfinished_work_is_suspended(
    page: Page, play: Callable[[str], PlayerServer], sample_course: Course, target: str
) -> None:
    player = play(target)
    learner = launch(page, player, sample_course)
    third = sample_course.lessons[2]
    learner.open(third.title)
    live = page.evaluate("player.live()")
    assert live["cmi.completion_status"] == "incomplete"
    assert live["cmi.success_status"] == "unknown"
    assert 0 < float(live["cmi.progress_measure"]) < 1

    page.reload()
    assert learner.heading() == third.title
    record = page.evaluate("player.record()")
    assert record["cmi"]["cmi.exit"] == "suspend"
    assert nav_requests(page.evaluate("player.log()")) == ["suspendAll"]
    assert record["cmi"]["cmi.location"] == f"lesson:{third.id}"
    entries = [e for e in page.evaluate("player.log()") if e["args"] == ["cmi.entry"]]
    assert [e["result"] for e in entries] == ["ab-initio", "resume"]

    learner.read_all_lessons()
    learner.answer_all(correctly=True)
    learner.submit()
    stored = close_session(page, player)
    assert stored["record"]["cmi"]["cmi.success_status"] == "passed"
    assert stored["record"]["cmi"]["cmi.completion_status"] == "completed"
    assert_clean_log(stored["log"], SCORM2004)
