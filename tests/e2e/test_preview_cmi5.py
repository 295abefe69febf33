"""``packager preview`` of the sample cmi5 package: the cmi5 launcher with its in-memory Statement
store (no LRS), its live statement log, and its Relaunch and Reset buttons."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

import pytest
from playwright.sync_api import Page, expect

from packager.cli import preview
from packager.course import Course
from packager.player.cmi5 import Cmi5Launcher
from packager.player.statement_store import StatementStore
from packager.targets import TARGETS
from tests.e2e.cmi5_statements import WAIT_SECONDS, wait_for
from tests.e2e.learner import Learner

pytestmark = pytest.mark.browser

LOGGED_VERBS = "#statement-log tbody td.verb"
L = TypeVar("L", bound=Cmi5Launcher)


@contextmanager
def previewing(
    page: Page, package_dir: Path, course: Course, target: str, kind: type[L]
) -> Iterator[tuple[L, Learner]]:
    """``packager preview`` of the course's package for an xAPI target: its launcher (of ``kind``,
    keeping statements in memory), open in the page, and the learner in its frame."""
    package = package_dir / TARGETS[target].archive_name(course)
    with preview.open_player(package, 0) as launcher:
        assert type(launcher) is kind and isinstance(launcher.lms, StatementStore)
        page.goto(launcher.url)
        yield launcher, Learner(page.frame_locator("#content-frame"), course)


def test_preview_logs_a_passed_session_and_relaunch_resumes(
    page: Page, package_dir: Path, sample_course: Course
) -> None:
    with previewing(page, package_dir, sample_course, "cmi5", Cmi5Launcher) as (launcher, learner):
        third = sample_course.lessons[2]
        learner.open(third.title)
        wait_for(
            lambda: (launcher.state("course-packager.suspend") or {}).get("location") == f"lesson:{third.id}",
            "the resume state to reach the LMS",
        )
        first_session = launcher.sessions[0].id
        expect(page.locator("#session-id")).to_have_text(first_session)

        # Relaunch: a new session in the same registration, which resumes where the learner was.
        page.get_by_role("button", name="Relaunch (resume)").click()
        expect(page.locator("#session-id")).not_to_have_text(first_session)
        learner.expect_heading(third.title)
        assert len(launcher.sessions) == 2

        learner.read_all_lessons()
        answered = ["answered"] * len(learner.asked(sample_course.quiz))  # type: ignore[arg-type]
        learner.answer_all(correctly=True)
        assert "You passed" in learner.submit()
        page.get_by_role("button", name="Relaunch (resume)").click()

        timeout = WAIT_SECONDS * 1000
        expect(page.locator(LOGGED_VERBS)).to_have_text(
            [
                "launched",
                "initialized",
                "terminated",
                "launched",
                "initialized",
                *answered,
                "completed",
                "passed",
                "terminated",
                "launched",
                "initialized",
            ],
            timeout=timeout,
        )
        rows = page.locator("#statement-log tbody tr")
        passed = rows.filter(has=page.locator("td.verb", has_text="passed"))
        expect(passed.locator("td.result")).to_contain_text("success true")
        expect(passed.locator("td.result")).to_contain_text("score")
        expect(passed.locator("td.duration")).to_have_text(re.compile(r"^PT[\d.HMS]+$"))
        expect(passed.locator("td.launch")).to_have_text("2")
        expect(page.locator("#violations")).to_have_text("Nothing so far.")
        assert launcher.record.violations == []

        # Reset: a new registration, from the start, with an empty log but for the new launch.
        registration = launcher.registration
        page.get_by_role("button", name="New registration (reset)").click()
        expect(page.locator("#registration")).not_to_have_text(registration)
        expect(page.locator(LOGGED_VERBS)).to_have_text(["launched", "initialized"], timeout=timeout)
        learner.expect_heading(sample_course.lessons[0].title)
