"""Browser fixtures: a built sample package, the test LMS player serving it, and Chromium.

Chromium is launched by the project's pytest plugin (``scorm_browser``, ``packager/testing/``): the
executable is ``$PACKAGER_CHROMIUM``, else ``/usr/bin/chromium`` when present, else Playwright's own.
Tests that act as a learner on a whole package use the plugin's ``scorm_player`` fixture too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from packager import build
from packager.course import Course, load_course
from packager.player import PlayerServer
from packager.targets import TARGETS
from tests.e2e.cmi5_statements import fixture_cmi5_launcher  # noqa: F401  (a fixture)
from tests.e2e.learner import Learner
from tests.e2e.lms import open_target, open_web
from tests.e2e.lrs import lrs, xapi_launchers  # noqa: F401  (the real LRS, the xAPI launchers)
from tests.e2e.openedx_workbench import TIMINGS

REPO = Path(__file__).resolve().parents[2]
SCORM_AGAIN = REPO / "node_modules" / "scorm-again" / "dist"


def build_packages(course: Course, out: Path, targets: Iterable[str] = TARGETS) -> Path:
    """Write the course's package for each of ``targets`` into ``out``."""
    build(course.source_dir, out, list(targets), cache=False)
    return out


@contextmanager
def players(package_dir: Path, course: Course) -> Iterator[Callable[[str], PlayerServer]]:
    """Start the test LMS player on the course's package for a target; every one stopped on exit."""
    started: list[PlayerServer] = []

    def start(target: str) -> PlayerServer:
        package = package_dir / TARGETS[target].archive_name(course)
        player = PlayerServer(package, scorm_again=SCORM_AGAIN).start()
        started.append(player)
        return player

    try:
        yield start
    finally:
        for player in started:
            player.stop()


Open = Callable[[str], tuple[PlayerServer, Learner]]
"""Open a target's package: the player serving it, and the learner on it."""


@contextmanager
def openers(page: Page, package_dir: Path, course: Course) -> Iterator[Open]:
    """As ``players``, with the learner on each package: in the test LMS, the web one on its own page."""
    with players(package_dir, course) as start:

        def open_package(target: str) -> tuple[PlayerServer, Learner]:
            player = start(target)
            return player, open_target(page, player, course, target)

        yield open_package


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Report how long the real LMS took to set up, when a test started it."""
    for line in TIMINGS:
        terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def scorm_again_dir() -> Path:
    """The plugin's player uses the pinned scorm-again from node_modules (no download)."""
    return SCORM_AGAIN


@pytest.fixture(scope="session")
def browser(scorm_browser: Browser) -> Browser:
    return scorm_browser


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
    return build_packages(sample_course, tmp_path_factory.mktemp("packages"))


@pytest.fixture
def play(package_dir: Path, sample_course: Course) -> Iterator[Callable[[str], PlayerServer]]:
    """Start the test LMS player on the sample course's package for a target; stopped after the test."""
    with players(package_dir, sample_course) as start:
        yield start


@pytest.fixture
def web_learner(page: Page, play: Callable[[str], PlayerServer], sample_course: Course) -> Learner:
    """A learner on the sample course's web package, its first page open (no LMS around it)."""
    return open_web(page, play("web"), sample_course)


@pytest.fixture
def scorm12_player(play: Callable[[str], PlayerServer]) -> PlayerServer:
    return play("scorm12")
