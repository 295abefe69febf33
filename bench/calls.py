"""LMS calls benchmark: how many SetValue and Commit calls a full pass makes, and whether they grow.

A learner (the pytest plugin's, in headless Chromium) passes the sample course in the test LMS player
(strict profile), for SCORM 1.2 and 2004 4th edition, and again on longer copies of the course (its
lessons repeated 2 and 4 times, the quizzes unchanged). The calls are counted from the player's log and
printed with the ratio to the original course: page moves are saved together after a short delay, so
the count grows with answered questions (one interaction each), not with pages.

    .venv/bin/python bench/calls.py
    .venv/bin/python bench/calls.py --repeats 1 2 8
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml
from playwright.sync_api import sync_playwright

from packager import build
from packager.course import load_course
from packager.testing.browser import launch_chromium
from packager.testing.session import PlayerSession

REPO = Path(__file__).resolve().parents[1]
SCORM_AGAIN = REPO / "node_modules" / "scorm-again" / "dist"
TARGETS = ("scorm12", "scorm2004-4th")


def longer_course(source: Path, root: Path, repeats: int) -> Path:
    """A copy of the course whose lessons appear ``repeats`` times (each copy a lesson of its own)."""
    shutil.copytree(source, root)
    manifest = root / "course.yaml"
    data = yaml.safe_load(manifest.read_text("utf-8"))
    pages: list[str] = []
    for round_ in range(repeats):
        for page in data["lessons"]:
            if round_ and page.startswith("lessons/"):
                copy = page.replace(".md", f"-copy{round_}.md")
                shutil.copyfile(root / page, root / copy)
                pages.append(copy)
            elif not round_:
                pages.append(page)
    data["lessons"] = pages
    manifest.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return root


def full_pass(session: PlayerSession, package: Path) -> tuple[Counter[str], int, float]:
    """Counts of calls by kind, pages, and seconds for one learner passing the course."""
    started = time.monotonic()
    session.launch(package)
    pages = session.learner.page_count()
    session.learner.complete(correct=True)
    record = session.end()
    assert record is not None and record["complete"], record
    assert session.problems() == [], session.problems()
    return Counter(entry["kind"] for entry in session.calls()), pages, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeats", type=int, nargs="+", default=[1, 2, 4], help="lesson repeats to try")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-calls-") as scratch, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        session = PlayerSession(browser, scorm_again=SCORM_AGAIN)
        print(
            f"{'target':<15}{'lessons x':>10}{'pages':>7}{'answers':>9}{'SetValue':>10}{'Commit':>8}"
            f"{'ratio':>8}{'seconds':>9}"
        )
        try:
            for target in TARGETS:
                baseline = None
                for repeats in args.repeats:
                    root = longer_course(REPO / "course", Path(scratch) / f"{target}-{repeats}", repeats)
                    course = load_course(root)
                    (result,) = build(
                        root, Path(scratch) / f"out-{target}-{repeats}", [target], cache=False
                    ).targets
                    calls, pages, seconds = full_pass(session, result.path)
                    answers = sum(quiz.asked for quiz in course.quizzes)
                    total = calls["setValue"] + calls["commit"]
                    baseline = baseline or total
                    print(
                        f"{target:<15}{repeats:>10}{pages:>7}{answers:>9}{calls['setValue']:>10}"
                        f"{calls['commit']:>8}{total / baseline:>8.2f}{seconds:>9.1f}"
                    )
        finally:
            session.close()
            browser.close()


if __name__ == "__main__":
    main()
