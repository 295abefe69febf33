"""Every question type, interactions, retries, knowledge checks and LMS faults, in real Chromium.

The course under test (tests/e2e/courses/every-type) has one question of every type, a
knowledge check that does not count, mastery 70% and two attempts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from packager.course import Course, load_course
from tests.e2e.conftest import Open, build_packages, openers
from tests.e2e.learner import SHOWN_HEADING
from tests.e2e.lms import SCORM12, SCORM2004, Standard, assert_clean_log, close_session

pytestmark = pytest.mark.browser

COURSE_DIR = Path(__file__).parent / "courses" / "every-type"
STANDARDS = {"scorm12": SCORM12, "scorm2004-4th": SCORM2004}


@pytest.fixture(scope="module")
def every_type() -> Course:
    return load_course(COURSE_DIR)


@pytest.fixture(scope="module")
def every_type_packages(tmp_path_factory: pytest.TempPathFactory, every_type: Course) -> Path:
    return build_packages(every_type, tmp_path_factory.mktemp("every-type"), (*STANDARDS, "web"))


@pytest.fixture
def open_every_type(page: Page, every_type_packages: Path, every_type: Course) -> Iterator[Open]:
    with openers(page, every_type_packages, every_type) as open_package:
        yield open_package


def interactions(cmi: dict[str, Any], prefix: str = "cmi.interactions.") -> dict[int, dict[str, str]]:
    """The flattened interaction elements, grouped by index."""
    grouped: dict[int, dict[str, str]] = {}
    for key, value in cmi.items():
        match = re.match(re.escape(prefix) + r"(\d+)\.(.+)$", key)
        if match:
            grouped.setdefault(int(match.group(1)), {})[match.group(2)] = value
    return grouped


def interaction_sets(log: list[dict[str, Any]], standard: Standard) -> dict[int, dict[str, str]]:
    """What the SCO wrote to cmi.interactions, from the call log (1.2 interactions are write-only)."""
    setter = "LMSSetValue" if standard is SCORM12 else "SetValue"
    grouped: dict[int, dict[str, str]] = {}
    for entry in log:
        if entry["call"] == setter and entry["args"][0].startswith("cmi.interactions."):
            match = re.match(r"cmi\.interactions\.(\d+)\.(.+)$", entry["args"][0])
            assert match, entry
            grouped.setdefault(int(match.group(1)), {})[match.group(2)] = entry["args"][1]
    return grouped


# Each question's interaction type, then the right answer's pattern and the learner's response as
# each version writes them (SCORM 1.2, then 2004).
EXPECTED_CORRECT = {
    "assessment.pick-one": ("choice", ("b", "b"), ("b", "b")),
    "assessment.pick-many": ("choice", ("a,c", "a,c"), ("a[,]c", "a[,]c")),
    "assessment.statement": ("true-false", ("f", "f"), ("false", "false")),
    "assessment.capital": ("fill-in", ("Paris", "paris"), ("Paris", "paris")),
    "assessment.pairs": ("matching", ("a.1,b.2,c.3",) * 2, ("a[.]1[,]b[.]2[,]c[.]3",) * 2),
    "assessment.order": ("sequencing", ("a,b,c", "a,b,c"), ("a[,]b[,]c", "a[,]b[,]c")),
    "assessment.pi": ("numeric", ("3.14", "3.14"), ("3.135[:]3.145", "3.14")),
}


@pytest.mark.parametrize("target", list(STANDARDS))
def test_every_type_right_passes_and_reports_interactions(
    page: Page, open_every_type: Open, target: str
) -> None:
    player, learner = open_every_type(target)
    learner.read_all_lessons()
    assert "You passed with 100%" in learner.submit_after(lambda: learner.answer_all(correctly=True))
    stored = close_session(page, player)
    standard = STANDARDS[target]
    assert_clean_log(stored["log"], standard)
    written = interaction_sets(stored["log"], standard)
    assert len(written) == len(learner.assessment.questions)
    by_id = {entry["id"]: entry for entry in written.values()}
    learner_key = "student_response" if standard is SCORM12 else "learner_response"
    for interaction_id, (kind, *by_version) in EXPECTED_CORRECT.items():
        correct, response = by_version[0 if standard is SCORM12 else 1]
        entry = by_id[interaction_id]
        assert entry["type"] == kind, interaction_id
        assert entry["correct_responses.0.pattern"] == correct, interaction_id
        assert entry[learner_key] == response, interaction_id
        assert entry["result"] == "correct", interaction_id
        assert entry["weighting"] == "1"
    if standard is SCORM2004:
        # 2004 stores interactions readable: the LMS holds exactly what was written.
        held = {entry["id"]: entry for entry in interactions(stored["record"]["cmi"]).values()}
        assert held["assessment.capital"]["description"] == "Which city is the capital of France?"
        assert re.match(r"^PT(\d+H)?(\d+M)?\d+(\.\d{1,2})?S$", held["assessment.pi"]["latency"])
        timestamp = held["assessment.pi"]["timestamp"]
        assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,2})?Z$", timestamp)
    else:
        assert re.match(r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$", by_id["assessment.pi"]["latency"])
        assert re.match(r"^\d{2}:\d{2}:\d{2}$", by_id["assessment.pi"]["time"])


@pytest.mark.parametrize("target", list(STANDARDS))
def test_every_type_wrong_fails_retry_then_attempts_run_out(
    page: Page, open_every_type: Open, target: str
) -> None:
    player, learner = open_every_type(target)
    quiz = learner.read_all_lessons()
    summary = learner.submit_after(lambda: learner.answer_all(correctly=False))
    assert "did not pass: you scored 0%" in summary
    section = learner.section(quiz)
    # Feedback: the question's own and the chosen option's.
    expect(section.get_by_text("The capital of France is Paris.")).to_be_visible()
    expect(section.get_by_text("Not the first one.")).to_be_visible()
    expect(section.get_by_text("Yes, Paris.")).to_be_hidden()
    record = page.evaluate("player.live()")
    status_key = "cmi.core.lesson_status" if target == "scorm12" else "cmi.success_status"
    assert record[status_key] == "failed"

    # Attempt 2 of 2: the form is fresh; failing again leaves no retry.
    section.get_by_role("button", name="Try again").click()
    expect(section.get_by_text("Attempt 2 of 2.")).to_be_visible()
    assert section.locator("input:checked").count() == 0
    assert "did not pass" in learner.submit_after(lambda: learner.answer_all(correctly=False))
    expect(section.get_by_role("button", name="Try again")).to_be_hidden()
    stored = close_session(page, player)
    cmi = stored["record"]["cmi"]
    assert cmi[status_key] == "failed"
    exit_key = "cmi.core.exit" if target == "scorm12" else "cmi.exit"
    assert cmi[exit_key] in ("", "normal"), "no attempts left: the learner has finished"
    written = interaction_sets(stored["log"], STANDARDS[target])
    results = [entry["result"] for entry in written.values()]
    assert set(results) == {"wrong" if target == "scorm12" else "incorrect"}
    # Both versions journal each attempt: the second's records follow the first's, none overwritten.
    assert len(written) == 2 * len(quiz.questions)
    assert_clean_log(stored["log"], STANDARDS[target])


@pytest.mark.parametrize("target", [*STANDARDS, "web"])
def test_every_type_answered_then_reloaded_mid_quiz_comes_back_as_left(
    page: Page, open_every_type: Open, target: str
) -> None:
    _, learner = open_every_type(target)
    quiz = learner.assessment
    learner.read_all_lessons()
    asked = learner.asked(quiz)
    assert {question.type for question in asked} == {q.type for q in quiz.questions}
    learner.answer_all(correctly=True)
    learner.surface.locator(SHOWN_HEADING).click()  # leaving the last field is what saves it
    controls = learner.section(quiz).locator("[data-question]:not([hidden]) :is(input, select)")
    read = "cs => cs.map(c => [c.id, ['radio', 'checkbox'].includes(c.type) ? c.checked : c.value])"
    before = controls.evaluate_all(read)
    assert any(value not in (False, "") for _, value in before)

    page.reload()
    learner.expect_heading(quiz.title)
    assert learner.asked(quiz) == asked, "the same questions in the same order"
    assert controls.evaluate_all(read) == before, "every answer as the learner left it"
    assert "You passed with 100%" in learner.submit()


def test_retry_after_failing_can_pass_and_resume_keeps_the_attempt(page: Page, open_every_type: Open) -> None:
    player, learner = open_every_type("scorm12")
    learner.read_all_lessons()
    quiz = learner.assessment
    learner.submit_after(lambda: learner.answer_all(correctly=False))
    section = learner.section(quiz)
    section.get_by_role("button", name="Try again").click()
    capital = next(question for question in quiz.questions if question.id == "capital")
    learner.answer(capital, correctly=True)
    section.locator("#q-assessment-capital-text").blur()

    page.reload()
    learner.expect_heading(quiz.title)
    expect(section.get_by_text("Attempt 2 of 2.")).to_be_visible()
    expect(section.locator("#q-assessment-capital-text")).to_have_value("paris")
    record = page.evaluate("player.record()")
    assert record["cmi"]["cmi.core.lesson_status"] == "failed", "the first attempt's result stands"
    assert record["cmi"]["cmi.core.exit"] == "suspend", "a retry is left: the learner can come back"

    assert "You passed" in learner.submit_after(lambda: learner.answer_all(correctly=True))
    stored = close_session(page, player)
    assert stored["record"]["cmi"]["cmi.core.lesson_status"] == "passed"
    assert stored["record"]["cmi"]["cmi.core.score.raw"] == "100"
    assert_clean_log(stored["log"], SCORM12)


def test_knowledge_check_does_not_count(page: Page, open_every_type: Open, every_type: Course) -> None:
    _, learner = open_every_type("scorm2004-4th")
    check = every_type.quizzes[0]
    assert not check.graded
    learner.open(check.title)
    learner.answer_all(correctly=True, quiz=check)
    assert "You answered 1 of 1 correctly" in learner.submit(check)
    live = page.evaluate("player.live()")
    assert live["cmi.success_status"] == "unknown"
    assert live["cmi.completion_status"] == "incomplete"
    assert live["cmi.score.scaled"] == ""
    warm_up = [entry for entry in interactions(live).values() if entry.get("id") == "warm-up.warm-true"]
    assert warm_up and warm_up[0]["weighting"] == "0"


def test_lms_faults_are_retried_reported_and_the_course_keeps_working(
    page: Page, open_every_type: Open, every_type: Course
) -> None:
    _, learner = open_every_type("scorm12")
    learner.expect_heading(every_type.lessons[0].title)
    notice = page.frame_locator("#content-frame").locator("#notice")
    expect(notice).to_be_hidden()
    # The LMS starts refusing commits, as Cornerstone does near the end of a session.
    page.evaluate(
        "() => { window.refusedCommits = 0;"
        " window.API.LMSCommit = () => { window.refusedCommits += 1; return 'false'; }; }"
    )
    # A submitted quiz is saved at once: its interactions, then its result, each with a commit.
    check = every_type.quizzes[0]
    learner.open(check.title)
    learner.answer_all(correctly=True, quiz=check)
    learner.submit(check)
    expect(notice).to_contain_text("Your progress may not be saved")
    # The page left, the interactions and the result: each commit refused, each retried once.
    assert page.evaluate("window.refusedCommits") == 6, "each failed commit is retried once"
    learner.read_all_lessons()
    # In-page state is intact: the learner can still answer and pass.
    assert "You passed" in learner.submit_after(lambda: learner.answer_all(correctly=True))
