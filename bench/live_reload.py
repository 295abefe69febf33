"""Live reload benchmark: from saving a lesson to its new text on screen in ``packager preview``.

On a copy of the sample course, in Chromium, it measures:

  a  save-to-reload: a lesson file is saved; the watcher rebuilds (incrementally), the page reloads
     and the learner sees the new text where they were (the goal: under 1 s);
  b  the baseline, what an author did before: a clean build, a new player, and the page loaded
     until the same text shows (restarting ``packager preview``);

each the median of ``--runs`` runs, and prints a, b and the ratio a/b.

    .venv/bin/python bench/live_reload.py            # 7 runs
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from packager import build
from packager.player import PlayerServer
from packager.player.live import LiveChannel
from packager.player.rebuild import LiveReload, watching
from packager.testing.browser import launch_chromium

REPO = Path(__file__).resolve().parents[1]
LESSON = "lessons/01-role-and-trust.md"
SHOWN = "main:not([aria-busy]) [data-view]:not([hidden])"


def shows(page: Page, text: str) -> None:
    """Wait until the course page in the player shows ``text``."""
    page.frame_locator("#content-frame").locator(SHOWN).get_by_text(text).wait_for(timeout=60_000)


def save_to_reload(page: Page, course: Path, out: Path, runs: int) -> list[float]:
    (result,) = build(course, out, ["scorm12"]).targets
    channel = LiveChannel()
    lesson = course / LESSON
    original = lesson.read_text("utf-8")
    seconds = []
    with (
        PlayerServer(result.path, live=channel) as player,
        watching(LiveReload(course, out, "scorm12", player, channel)),
    ):
        page.goto(player.url)
        shows(page, "What a CRSS does")
        time.sleep(1.0)  # the watcher is up
        for run in range(runs):
            text = f"Saved for run {run}."
            started = time.perf_counter()
            lesson.write_text(f"{original}\n{text}\n", "utf-8")
            shows(page, text)
            seconds.append(time.perf_counter() - started)
            time.sleep(0.5)
    return seconds


def restart(page: Page, course: Path, scratch: Path, runs: int) -> list[float]:
    lesson = course / LESSON
    original = lesson.read_text("utf-8")
    seconds = []
    for run in range(runs):
        text = f"Restarted for run {run}."
        started = time.perf_counter()
        lesson.write_text(f"{original}\n{text}\n", "utf-8")
        out = Path(tempfile.mkdtemp(dir=scratch))
        (result,) = build(course, out, ["scorm12"], cache=False).targets
        with PlayerServer(result.path) as player:
            page.goto(player.url)
            shows(page, text)
            seconds.append(time.perf_counter() - started)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-live-") as folder, sync_playwright() as playwright:
        scratch = Path(folder)
        course = Path(shutil.copytree(REPO / "course", scratch / "course"))
        browser = launch_chromium(playwright)
        page = browser.new_page()
        live = statistics.median(save_to_reload(page, course, scratch / "out", args.runs))
        page.close()
        page = browser.new_page()
        baseline = statistics.median(restart(page, course, scratch, args.runs))
        browser.close()
    print(f"sample course, median of {args.runs} runs")
    print(f"  a  save to reload (live):       {live * 1000:7.0f} ms   goal: under 1000 ms")
    print(f"  b  restart preview (baseline):  {baseline * 1000:7.0f} ms")
    print(f"  a/b                             {live / baseline:7.2f}")


if __name__ == "__main__":
    main()
