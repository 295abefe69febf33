"""Browser fixtures: a built sample package, the test LMS player serving it, and Chromium.

The browser is Playwright's Chromium unless ``PACKAGER_CHROMIUM`` names an executable;
``/usr/bin/chromium`` (Debian's package) is used when present.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from packager.archive import write_zip
from packager.course import Course, load_course
from packager.player import PlayerServer
from packager.targets import TARGETS

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Pages really unload (no back-forward cache), and calls made while they do stay observable.
    "--disable-features=RenderDocument,BackForwardCache",
]


def chromium_executable() -> str | None:
    """The Chromium to drive: $PACKAGER_CHROMIUM, Debian's, or Playwright's own (None)."""
    configured = os.environ.get("PACKAGER_CHROMIUM")
    if configured:
        return configured
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_executable(), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser context per test: its own localStorage, so its own LMS records."""
    context = browser.new_context()
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture(scope="session")
def sample_course() -> Course:
    return load_course(REPO / "course")


@pytest.fixture(scope="session")
def package_dir(tmp_path_factory: pytest.TempPathFactory, sample_course: Course) -> Path:
    """The sample course built for every target, once per test session."""
    out = tmp_path_factory.mktemp("packages")
    for target in TARGETS.values():
        write_zip(target.build(sample_course).files, out / target.archive_name(sample_course))
    return out


@pytest.fixture
def play(package_dir: Path, sample_course: Course) -> Iterator[Callable[[str], PlayerServer]]:
    """Start the test LMS player on the sample course's package for a target; stopped after the test."""
    started: list[PlayerServer] = []

    def start(target: str) -> PlayerServer:
        package = package_dir / TARGETS[target].archive_name(sample_course)
        player = PlayerServer(package, scorm_again=REPO / "node_modules" / "scorm-again" / "dist").start()
        started.append(player)
        return player

    yield start
    for player in started:
        player.stop()


@pytest.fixture
def scorm12_player(play: Callable[[str], PlayerServer]) -> PlayerServer:
    return play("scorm12")
