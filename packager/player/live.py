"""Live reload's page side: what ``static/live.js`` long-polls on the player's server.

:class:`LiveChannel` holds the number of the latest rebuild and its errors; the page asks
``/live?since=N`` and is answered once the number differs from N. It reloads after a good rebuild
and shows the errors of a broken one over the last good build (see :mod:`packager.player.rebuild`).
"""

from __future__ import annotations

import threading
from typing import Any

from lxml import html

LIVE_SCRIPT = "/player/live.js"
WAIT_SECONDS = 20.0
"""How long one long poll waits for a rebuild before answering with the same version."""


class LiveChannel:
    """The latest rebuild's number and errors, for the page to wait on."""

    def __init__(self) -> None:
        self._version = 0
        self._errors: list[str] = []
        self._closed = False
        self._changed = threading.Condition()

    def state(self) -> dict[str, Any]:
        """``{"version": N, "errors": [...]}``: what the page shows."""
        with self._changed:
            return {"version": self._version, "errors": list(self._errors)}

    def publish(self, errors: list[str]) -> int:
        """A rebuild finished (``errors`` empty when it worked); wakes every waiting page."""
        with self._changed:
            self._version += 1
            self._errors = list(errors)
            self._changed.notify_all()
            return self._version

    def wait(self, since: int, timeout: float = WAIT_SECONDS) -> dict[str, Any]:
        """The state once its version differs from ``since`` (at once if it does), or after ``timeout``."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._version != since, timeout)
        return self.state()

    def close(self) -> None:
        """Answer every waiting page now (the server is stopping)."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()


def live_page(page: bytes) -> bytes:
    """The player page with the live reload script added at the end of its body."""
    document = html.document_fromstring(page)
    body = document.find("body")
    if body is None:
        raise ValueError("the player page has no body")
    body.append(html.Element("script", src=LIVE_SCRIPT))
    result: bytes = html.tostring(document, doctype="<!DOCTYPE html>", encoding="utf-8")
    return result
