"""The launcher's own origin (the content origin): :class:`LauncherHandler`.

It serves the launcher page (``/``), the page's scripts (``/player/``), the package's files
(``/content/``), and the page's calls: ``POST /launch`` starts a session, ``POST /registration``
a new registration, and ``GET /log.json`` is what the page's live log shows.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from packager.errors import PackagerError
from packager.player.http_base import BaseHandler
from packager.player.pages import render_page
from packager.player.server import STATIC


class Launcher(Protocol):
    """What the launcher page's handler needs of the launcher that runs it."""

    def log(self) -> dict[str, Any]: ...

    def new_registration(self) -> str: ...

    def launch(self, launch_mode: str = ...) -> dict[str, Any]: ...


class LauncherHandler(BaseHandler):
    """The launcher page and its calls, for the launcher ``owner``."""

    owner: Launcher
    content: Path
    """The extracted package, served under ``/content/``."""

    def do_GET(self) -> None:
        """The page, its scripts, the package's files, and the live log."""
        path = urlsplit(self.path).path
        if path in ("/", "/index.html"):
            self.send_bytes(render_page("cmi5-launcher.html"), "text/html")
            return
        if path == "/log.json":
            try:
                self.send_json(self.owner.log())
            except (PackagerError, OSError, ValueError) as error:
                self.send_json({"error": str(error)}, HTTPStatus.BAD_GATEWAY)
            return
        routes = {"/content/": self.content, "/player/": STATIC}
        for prefix, folder in routes.items():
            if path.startswith(prefix):
                self.send_from(folder, path.removeprefix(prefix))
                return
        self.send_error(HTTPStatus.NOT_FOUND)

    def do_POST(self) -> None:
        """Start a session (``/launch``) or a new registration (``/registration``)."""
        path = urlsplit(self.path).path
        if path == "/registration":
            self.read_body()
            self.send_json({"registration": self.owner.new_registration()})
            return
        if path != "/launch":
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        try:
            request = json.loads(self.read_body() or b"{}")
            launched = self.owner.launch(str(request.get("launchMode", "Normal")))
        except (PackagerError, ValueError, AttributeError) as error:
            self.send_json({"error": str(error)}, HTTPStatus.BAD_GATEWAY)
            return
        self.send_json(launched)
