"""A real Learning Record Store for the xAPI (cmi5, Tin Can) tests: ralph (PyPI ``ralph-malph[lrs]``).

:class:`RalphLrs` runs ralph's API under uvicorn (``ralph_server.py``) on a free port of 127.0.0.1,
with the filesystem backend and its basic-auth users in a temporary folder, and stops it afterwards.
Two basic-auth users are written to ralph's users file (the format ``ralph auth -w`` writes,
bcrypt-hashed): ``lms`` (every scope: it records ``launched`` and reads statements back) and
``learner`` (writes statements for the AU). ``xapi_launchers`` starts a test LMS on it.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import bcrypt
import pytest

from packager.course import Course
from packager.player.cmi5 import LrsAccount
from packager.player.local_server import Service
from packager.targets import TARGETS
from tests.e2e.processes import end_process

STARTUP_SECONDS = 60
SERVER = Path(__file__).with_name("ralph_server.py")


class RalphLrs(Service):
    """ralph on 127.0.0.1 with its own storage; use as a context manager."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="packager-ralph-"))
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0
        self.lms = LrsAccount("", "lms", secrets.token_urlsafe(16))
        self.learner = LrsAccount("", "learner", secrets.token_urlsafe(16))

    @property
    def endpoint(self) -> str:
        """The xAPI endpoint (statements are under it)."""
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def _environment(self) -> dict[str, str]:
        environment = {name: value for name, value in os.environ.items() if not name.startswith("RALPH_")}
        environment.update(
            RALPH_APP_DIR=str(self.folder / "app"),
            RALPH_AUTH_FILE=str(self.folder / "auth.json"),
            RALPH_RUNSERVER_BACKEND="fs",
            RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH=str(self.folder / "statements"),
        )
        return environment

    def _write_users(self, users: list[tuple[LrsAccount, list[str]]]) -> None:
        entries = [
            {
                "username": account.username,
                "hash": bcrypt.hashpw(account.password.encode(), bcrypt.gensalt()).decode("ascii"),
                "scopes": scopes,
                "agent": {
                    "objectType": "Agent",
                    "account": {"name": account.username, "homePage": "http://127.0.0.1/"},
                },
            }
            for account, scopes in users
        ]
        (self.folder / "auth.json").write_text(json.dumps(entries, indent=2), "utf-8")

    def start(self) -> RalphLrs:
        """Make the users, start the server, and wait until it answers."""
        (self.folder / "statements").mkdir()
        self._write_users([(self.lms, ["all"]), (self.learner, ["statements/write", "statements/read/mine"])])
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        log = (self.folder / "server.log").open("wb")
        try:
            self.process = subprocess.Popen(
                [sys.executable, str(SERVER), str(listener.fileno())],
                env=self._environment(),
                pass_fds=(listener.fileno(),),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        finally:
            listener.close()
            log.close()
        self.lms = LrsAccount(self.endpoint, self.lms.username, self.lms.password)
        self.learner = LrsAccount(self.endpoint, self.learner.username, self.learner.password)
        self._wait_until_up()
        return self

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=5
                ) as answer:
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                time.sleep(0.2)
        log = (self.folder / "server.log").read_text("utf-8", errors="replace")
        self.stop()
        raise RuntimeError(f"ralph did not start:\n{log}")

    def stop(self) -> None:
        """Stop the server and delete its storage."""
        if self.process is not None:
            end_process(self.process, timeout=20)
            self.process = None
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def lrs() -> Iterator[RalphLrs]:
    """ralph, for the whole test session (each launcher uses its own registration)."""
    with RalphLrs() as running:
        yield running


@pytest.fixture
def xapi_launchers(package_dir: Path, sample_course: Course, lrs: RalphLrs) -> Iterator[Callable[..., Any]]:
    """Start a test xAPI LMS (``kind``: the cmi5 or the Tin Can launcher) on the sample course's
    package for ``target``, against ralph, each with a new registration; all stopped after the test."""
    started: list[Any] = []

    def start(kind: Callable[..., Any], target: str, **options: Any) -> Any:
        package = package_dir / TARGETS[target].archive_name(sample_course)
        launcher = kind(package, lrs.lms, lrs.learner, **options).start()
        started.append(launcher)
        return launcher

    yield start
    for launcher in started:
        launcher.stop()
