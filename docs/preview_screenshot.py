"""Take the README's screenshot of ``packager preview``: ``.venv/bin/python docs/preview_screenshot.py``.

It plays the sample course's SCORM 1.2 package in the player (as ``packager preview`` serves it),
opens the second lesson, and makes one call the spec forbids from inside the course frame (a
session_time of "0:05:30", as a buggy SCO would), so the log shows a flagged row.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from packager import build
from packager.targets import TARGETS
from packager.testing.browser import launch_chromium
from packager.testing.session import PlayerSession

REPO = Path(__file__).resolve().parents[1]
OUTPUT = REPO / "docs" / "preview.png"


def main() -> None:
    target = TARGETS["scorm12"]
    with tempfile.TemporaryDirectory() as scratch, sync_playwright() as playwright:
        (package,) = build(REPO / "course", Path(scratch), [target.name], cache=False).written
        browser = launch_chromium(playwright)
        with PlayerSession(browser, scorm_again=REPO / "node_modules" / "scorm-again" / "dist") as session:
            session.launch(package, profile="strict")
            session.page.set_viewport_size({"width": 1120, "height": 640})
            session.learner.heading()
            session.learner.next()
            frame = session.learner.frame
            frame.evaluate("() => window.parent.API.LMSSetValue('cmi.core.session_time', '0:05:30')")
            session.page.screenshot(path=str(OUTPUT))
        browser.close()
    print(f"wrote {OUTPUT} ({OUTPUT.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
