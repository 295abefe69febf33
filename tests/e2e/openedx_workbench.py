"""Open edX's SCORM XBlock (openedx-scorm-xblock) in the XBlock workbench (xblock-sdk), on 127.0.0.1.

Both live in an environment of their own, ``.venv-openedx`` (Python 3.12, pinned versions; made by
``make .venv-openedx/.installed``), with the small shim in ``tests/e2e/openedx/``. The workbench runs as
a subprocess with its database and the extracted packages in a temporary folder. Packages are uploaded
through the block's own Studio handler (``studio_submit``), and what the block stored is read back
through its own ``scorm_get_value`` handler, as its JavaScript does.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import APIRequestContext

from packager.player.local_server import Service
from tests.e2e.processes import end_process

REPO = Path(__file__).resolve().parents[2]
VENV = REPO / ".venv-openedx"
SETTINGS = "scorm_workbench_shim.settings"
TIMINGS: list[str] = []
"""Set-up times, printed at the end of the test run (tests/e2e/conftest.py)."""
SCENARIOS = ("openedxscorm.0", "scorm.0")
"""The block's own workbench scenario, under its two registered names: two blocks to upload to."""


def workbench_python() -> Path:
    """The Python of .venv-openedx; a clear error when it has not been made."""
    python = VENV / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    if not python.exists():
        raise RuntimeError(f"{python} is missing: run `make .venv-openedx/.installed` (make test does)")
    return python


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Workbench(Service):
    """The workbench serving the SCORM block; ``setup_seconds`` is how long it took to be ready."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.setup_seconds = 0.0
        self._process: subprocess.Popen[bytes] | None = None

    def _env(self) -> dict[str, str]:
        return {**os.environ, "SCORM_WORKBENCH_DIR": str(self.folder), "DJANGO_SETTINGS_MODULE": SETTINGS}

    def start(self, timeout: float = 180) -> Workbench:
        started = time.monotonic()
        python = str(workbench_python())
        subprocess.run(
            [python, "-m", "django", "migrate", "-v0"],
            env=self._env(),
            cwd=self.folder,
            check=True,
            timeout=timeout,
        )
        log = (self.folder / "server.log").open("wb")
        command = [python, "-m", "django", "runserver", f"127.0.0.1:{self.port}", "--noreload"]
        self._process = subprocess.Popen(command, env=self._env(), cwd=self.folder, stdout=log, stderr=log)
        while True:
            try:
                with urllib.request.urlopen(self.url, timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if self._process.poll() is not None or time.monotonic() - started > timeout:
                self.stop()
                raise RuntimeError(f"the workbench did not start: see {self.folder / 'server.log'}")
            time.sleep(0.25)
        self.setup_seconds = time.monotonic() - started
        TIMINGS.append(f"Open edX workbench: migrated and serving in {self.setup_seconds:.1f} s")
        return self

    def stop(self) -> None:
        if self._process is not None:
            end_process(self._process, timeout=10)
            self._process = None

    def scenario_url(self, scenario: str, student: str) -> str:
        return f"{self.url}scenario/{scenario}/?student={student}"

    def usage_id(self, request: APIRequestContext, scenario: str) -> str:
        """The SCORM block's usage id in a scenario, read from the page the workbench renders."""
        page = request.get(f"{self.url}scenario/{scenario}/").text()
        match = re.search(r"data-usage='([^']+)' data-block-type='openedxscorm'", page)
        assert match, f"no SCORM block in scenario {scenario}"
        return match.group(1)

    def handler_url(self, usage: str, handler: str, student: str) -> str:
        return f"{self.url}handler/{usage}/{handler}/?student={student}"

    def _csrf(self, request: APIRequestContext) -> dict[str, str]:
        request.get(f"{self.url}scenario/{SCENARIOS[0]}/")  # sets the csrftoken cookie
        cookies = {cookie["name"]: cookie["value"] for cookie in request.storage_state()["cookies"]}
        return {"X-CSRFToken": cookies["csrftoken"], "Referer": self.url}

    def upload(self, request: APIRequestContext, scenario: str, package: Path) -> None:
        """Upload a package through the block's Studio editor handler, as an author does."""
        usage = self.usage_id(request, scenario)
        fields = {
            "display_name": package.stem,
            "width": "",
            "height": "700",
            "has_score": "1",
            "enable_navigation_menu": "0",
            "enable_fullscreen_button": "0",
            "navigation_menu_width": "",
            "weight": "1",
            "popup_on_launch": "0",
        }
        response = request.post(
            self.handler_url(usage, "studio_submit", "author"),
            headers=self._csrf(request),
            multipart={
                **fields,
                "file": {"name": package.name, "mimeType": "application/zip", "buffer": package.read_bytes()},
            },
        )
        assert response.ok, response.text()
        assert response.json() == {"result": "success", "errors": []}

    def stored(self, request: APIRequestContext, scenario: str, student: str, name: str) -> str:
        """What the block answers for one element of a learner's state (its scorm_get_value handler)."""
        usage = self.usage_id(request, scenario)
        response = request.post(
            self.handler_url(usage, "scorm_get_value", student),
            headers={**self._csrf(request), "Content-Type": "application/json"},
            data={"name": name, "url": self.scenario_url(scenario, student)},
        )
        assert response.ok, response.text()
        value = response.json()["value"]
        return "" if value is None else str(value)
