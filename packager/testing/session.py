"""A package played in the test LMS player, driven from a test: launch, act, read what the LMS kept."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from packager.player import PlayerServer
from packager.player.local_server import Service
from packager.testing.learner import Learner

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, FrameLocator, Page

Entry = dict[str, Any]


def _succeeded(entry: Entry) -> bool:
    """Error 0, and "true" from every call but GetValue (which returns the value)."""
    return bool(entry["error"] == "0" and (entry["kind"] == "getValue" or entry["result"] == "true"))


class PlayerSession(Service):
    """One package in the player, in a browser context of its own (its own LMS records).

    >>> session = PlayerSession(browser).launch("build/course-scorm12.zip", profile="moodle")
    >>> session.learner.complete(correct=True)
    >>> session.end()["cmi"]["cmi.core.lesson_status"]
    'passed'
    """

    def __init__(self, browser: Browser, scorm_again: Path | None = None) -> None:
        self.browser = browser
        self.scorm_again = scorm_again
        self.learner = Learner(self)
        self.page_errors: list[str] = []
        """JavaScript errors thrown on the player page or in the package."""
        self._server: PlayerServer | None = None
        self._context: BrowserContext | None = None
        self._page: Page | None = None

    @property
    def page(self) -> Page:
        """The player page (Playwright)."""
        if self._page is None:
            raise RuntimeError("no package launched: call launch() first")
        return self._page

    @property
    def content(self) -> FrameLocator:
        """The package's frame, to find things in it (Playwright)."""
        return self.page.frame_locator("#content-frame")

    @property
    def url(self) -> str:
        """The player's address."""
        if self._server is None:
            raise RuntimeError("no package launched: call launch() first")
        return self._server.url

    def launch(self, package: str | os.PathLike[str], profile: str = "strict") -> PlayerSession:
        """Serve ``package`` (a zip, or an extracted folder) and open it in the player with an LMS profile.

        Profiles (``packager/player/static/profiles.js``, listed in ``packager.player.PROFILES``): strict,
        moodle, cornerstone, scormcloud, openedx, wagtail.
        """
        self.close()
        self._server = PlayerServer(Path(package), scorm_again=self.scorm_again).start()
        self._context = self.browser.new_context(viewport={"width": 1280, "height": 800})
        self._page = self._context.new_page()
        self._page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        self._page.goto(f"{self._server.url}?{urlencode({'profile': profile})}")
        self._wait_until_loaded()
        self._check_profile(profile)
        return self

    def _wait_until_loaded(self) -> None:
        self.page.wait_for_function("() => window.player !== undefined && window.player.loaded()")

    def _check_profile(self, profile: str) -> None:
        known: list[str] = self.page.evaluate("() => player.profiles()")
        if profile not in known:
            raise ValueError(f"unknown LMS profile {profile!r}; choose one of {', '.join(known)}")

    def end(self) -> Entry | None:
        """Leave the package as a learner closing it does: it unloads (and finishes). Returns the record."""
        self.page.evaluate("() => player.end()")
        return self.record()

    def relaunch(self) -> None:
        """End the session, then launch the package again: it resumes from the learner's record."""
        self.page.evaluate("() => player.relaunch()")
        self._wait_until_loaded()

    def reset(self) -> None:
        """End the session, forget the learner's record and log, and launch afresh."""
        self.page.evaluate("() => player.reset()")
        self._wait_until_loaded()

    def switch_profile(self, profile: str) -> None:
        """End the session and relaunch under another LMS profile (the record is kept)."""
        self._check_profile(profile)
        self.page.evaluate("profile => player.switchProfile(profile)", profile)
        self._wait_until_loaded()

    def profile(self) -> str:
        """The LMS profile in use."""
        return str(self.page.evaluate("() => player.profile()"))

    def record(self) -> Entry | None:
        """What the LMS keeps for the learner: launches, standard, profile, cmi (the data model, flat),
        lastEvent, commits, and complete (whether this profile counts the attempt complete).
        None for a package that talks to no LMS."""
        record: Entry | None = self.page.evaluate("() => player.record()")
        return record

    def live(self) -> Entry | None:
        """The data model as the LMS holds it now, write-only elements included."""
        live: Entry | None = self.page.evaluate("() => player.live()")
        return live

    def calls(self, launch: int | None = None) -> list[Entry]:
        """Every API call (of one launch if given): call, kind, args, result, error, errorText, and
        violation + rule when the spec forbids it, quirk when the profile made it fail."""
        entries: list[Entry] = self.page.evaluate("() => player.log()")
        return [entry for entry in entries if launch is None or entry["launch"] == launch]

    def violations(self) -> list[Entry]:
        """The calls the spec forbids, whether or not the profile accepted them."""
        entries: list[Entry] = self.page.evaluate("() => player.violations()")
        return entries

    def problems(self) -> list[str]:
        """What a QA reviewer would object to in the calls, one line each; empty when all is well.

        Spec violations, failed calls, and per launch: initialize first and once, finish last and once.
        """
        entries = self.calls()
        found = [f"launch {e['launch']}: {e['violation']}" for e in entries if "violation" in e]
        found += [
            f"launch {e['launch']}: {e['call']}({', '.join(map(repr, e['args']))}) failed with "
            f"error {e['error']} ({e['errorText']})"
            for e in entries
            if "violation" not in e and not _succeeded(e)
        ]
        for number in sorted({entry["launch"] for entry in entries}):
            kinds = [entry["kind"] for entry in entries if entry["launch"] == number]
            if kinds[0] != "initialize" or kinds.count("initialize") != 1:
                found.append(f"launch {number}: the session does not start with exactly one initialize")
            if kinds[-1] != "finish" or kinds.count("finish") != 1:
                found.append(f"launch {number}: the session does not end with exactly one finish")
        return found

    def close(self) -> None:
        """Close the browser context and stop serving the package."""
        if self._context is not None:
            self._context.close()
            self._context = None
            self._page = None
        if self._server is not None:
            self._server.stop()
            self._server = None

    stop = close  # the end of a ``with`` block (:class:`Service`)
