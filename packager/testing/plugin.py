"""The pytest plugin (entry point ``scorm_packager``): play packages in the test LMS player from tests.

Installed with the packager, it gives every test suite these fixtures:

- ``scorm_player``: a :class:`~packager.testing.session.PlayerSession`, closed after the test;
- ``scorm_browser`` (session scope): the headless Chromium it uses ($PACKAGER_CHROMIUM, else
  /usr/bin/chromium, else Playwright's own);
- ``scorm_again_dir`` (session scope): scorm-again's ``dist`` folder, or None to look it up
  ($SCORM_AGAIN_DIR, ./node_modules, the user cache, else a pinned download). Override it in a conftest.

Playwright is imported only when a fixture is used, so the plugin costs nothing to other test runs.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from packager.testing.session import PlayerSession


def _uses_pytest_playwright(config: pytest.Config) -> bool:
    """Whether pytest-playwright is active: it then owns the one Playwright instance a thread may run."""
    manager = config.pluginmanager
    names = {getattr(plugin, "__name__", "") for plugin in manager.get_plugins()}
    return manager.has_plugin("playwright") or "pytest_playwright.pytest_playwright" in names


@pytest.fixture(scope="session")
def scorm_again_dir() -> Path | None:
    """scorm-again's ``dist`` folder for the player; None looks it up (and downloads it once if needed)."""
    return None


@pytest.fixture(scope="session")
def scorm_browser(request: pytest.FixtureRequest) -> Iterator[Browser]:
    """A headless Chromium for the player, for the whole test session."""
    from playwright.sync_api import Playwright, sync_playwright

    from packager.testing.browser import launch_chromium

    if _uses_pytest_playwright(request.config):
        shared: Playwright = request.getfixturevalue("playwright")
        browser = launch_chromium(shared)
        yield browser
        browser.close()
        return
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def scorm_player(scorm_browser: Browser, scorm_again_dir: Path | None) -> Iterator[PlayerSession]:
    """Plays packages in the test LMS player: ``scorm_player.launch("course.zip", profile="moodle")``."""
    from packager.testing.session import PlayerSession

    session = PlayerSession(scorm_browser, scorm_again=scorm_again_dir)
    yield session
    session.close()
