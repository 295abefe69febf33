"""Launching the Chromium that plays packages: one place for the project's tests and the pytest plugin.

The executable is ``$PACKAGER_CHROMIUM`` when set, else Debian's ``/usr/bin/chromium`` when present,
else Playwright's own Chromium (``playwright install chromium``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    # Without these, Chromium keeps trying to reach Google's hosts.
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
    return str(DEBIAN_CHROMIUM) if DEBIAN_CHROMIUM.exists() else None


def launch_chromium(playwright: Playwright) -> Browser:
    """A headless Chromium with the arguments the player needs."""
    executable = chromium_executable()
    return playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
