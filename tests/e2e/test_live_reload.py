"""``packager preview``'s live reload in the browser: a saved lesson shows without a manual reload,
where the learner was; a broken save shows its errors over the last good build, which keeps playing."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from packager import build
from packager.player import PlayerServer
from packager.player.live import LiveChannel
from packager.player.rebuild import LiveReload, Rebuilt, watching
from packager.testing.learner import CURRENT_VIEW, Learner
from tests.e2e.conftest import REPO, SCORM_AGAIN

pytestmark = pytest.mark.browser
LESSON = "lessons/01-role-and-trust.md"
WAIT_MS = 30_000
LAUNCHES = "window.player.record().launches"
"""The player's launch count: a relaunch (or a reload of the page, which relaunches) adds one."""


def launch_number(page: Page) -> int:
    return int(page.evaluate(LAUNCHES))


class Viewer:
    """The learner's session: the player page (live reload has no end of its own to test)."""

    def __init__(self, page: Page) -> None:
        self.page = page

    def end(self) -> object:
        return None


@contextmanager
def live_preview(course: Path, out: Path, rebuilt: list[Rebuilt]) -> Iterator[PlayerServer]:
    """What ``packager preview COURSE`` runs: the player on the built course, rebuilt on each save."""
    (result,) = build(course, out, ["scorm12"]).targets
    channel = LiveChannel()
    with (
        PlayerServer(result.path, scorm_again=SCORM_AGAIN, live=channel) as player,
        watching(LiveReload(course, out, "scorm12", player, channel, rebuilt.append)),
    ):
        yield player


@pytest.fixture
def course(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PACKAGER_CACHE_DIR", str(tmp_path / "cache"))
    return Path(shutil.copytree(REPO / "course", tmp_path / "course"))


def test_a_saved_lesson_shows_in_place_and_a_broken_one_shows_its_errors(
    page: Page, course: Path, tmp_path: Path
) -> None:
    rebuilt: list[Rebuilt] = []
    lesson = course / LESSON
    good = lesson.read_text("utf-8")
    with live_preview(course, tmp_path / "out", rebuilt) as player:
        page.goto(player.url)
        learner = Learner(Viewer(page))
        learner.go_to_start()
        assert learner.next()
        place = learner.view()
        assert place != "lesson:01-role-and-trust"
        view = page.frame_locator("#content-frame").locator(CURRENT_VIEW)

        # A new paragraph in the first lesson: the content relaunches by itself, where the learner was.
        launches = launch_number(page)
        lesson.write_text(good + "\nText saved a moment ago.\n", "utf-8")
        page.wait_for_function(f"{LAUNCHES} > {launches}", timeout=WAIT_MS)
        assert learner.view() == place
        learner.go_to_start()
        expect(view.get_by_text("Text saved a moment ago.")).to_be_visible()
        assert learner.next() and learner.view() == place

        # A broken save: its errors over the page, and the last good build still playing.
        lesson.write_text("---\ntitle: [unclosed\n---\nBroken.\n", "utf-8")
        overlay = page.locator("#live-errors")
        expect(overlay).to_be_visible(timeout=WAIT_MS)
        expect(overlay).to_contain_text("01-role-and-trust.md")
        expect(overlay).to_contain_text("last good build is still playing")
        assert rebuilt[-1].problems and rebuilt[-1].package is None
        assert learner.view() == place
        learner.go_to_start()
        expect(view.get_by_text("Text saved a moment ago.")).to_be_visible()

        # Fixed: the overlay goes, the fix shows.
        launches = launch_number(page)
        lesson.write_text(good.replace("## What a CRSS does", "## What a peer specialist does"), "utf-8")
        page.wait_for_function(f"{LAUNCHES} > {launches}", timeout=WAIT_MS)
        expect(overlay).to_have_count(0)
        assert not rebuilt[-1].problems and rebuilt[-1].package is not None
        assert learner.view() == "lesson:role-and-trust"  # where the learner went last
        expect(view.get_by_role("heading", name="What a peer specialist does")).to_be_visible()


def test_a_new_course_title_reloads_the_whole_page(page: Page, course: Path, tmp_path: Path) -> None:
    """What the player read from the manifest (the title here) changed: the page reloads to read it."""
    with live_preview(course, tmp_path / "out", []) as player:
        page.goto(player.url)
        Learner(Viewer(page)).heading()
        page.evaluate("window.beforeTheSave = true")
        config = course / "course.yaml"
        config.write_text(config.read_text("utf-8").replace("title:", "title: Renamed -", 1), "utf-8")
        page.wait_for_function("!window.beforeTheSave", timeout=WAIT_MS)
        expect(page.locator("#player-status")).to_contain_text("Renamed -", timeout=WAIT_MS)
