"""The test cmi5 LMS itself: :class:`Cmi5Launcher` (see :mod:`packager.player.cmi5`)."""

from __future__ import annotations

import json
import shutil
import threading
import uuid
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from packager.errors import PackagerError
from packager.player.cmi5.backend_handler import BackendHandler
from packager.player.cmi5.backend_state import BackendState, Record, state_key
from packager.player.cmi5.course import AssignableUnit, read_course_structure
from packager.player.cmi5.launch import (
    LAUNCH_DATA,
    Attempt,
    LaunchSession,
    launch_data,
    launch_url,
    launched_statement,
    new_session,
)
from packager.player.cmi5.launcher_handler import LauncherHandler
from packager.player.cmi5.lrs import Lrs
from packager.player.local_server import LocalServer, Service
from packager.player.server import unpack_to_play
from packager.player.statement_store import StatementStore


class Cmi5Launcher(Service):
    """Play a cmi5 package as a test LMS; use as a context manager.

    ``lms`` is the LMS's own LRS account (it records ``launched`` and reads statements back);
    ``learner`` is the account statements from the AU are stored under. Give both or neither:
    without them, statements are kept in an in-memory :class:`StatementStore` (for preview).
    ``port`` is the launcher page's (0: a free one); the backend always takes a free port.
    """

    describe = staticmethod(read_course_structure)
    """Reads the package's launchable unit from its extracted content."""

    def __init__(
        self,
        package: Path,
        lms: Lrs | None = None,
        learner: Lrs | None = None,
        *,
        mastery_score: float | None = None,
        preferences: dict[str, str] | None = None,
        port: int = 0,
    ) -> None:
        if (lms is None) != (learner is None):
            raise ValueError("give both LRS accounts (lms and learner) or neither")
        store = StatementStore()
        self.package = package
        self.lms: Lrs = lms or store
        self.learner: Lrs = learner or store
        self.port = port
        self.mastery_override = mastery_score
        self.preferences = preferences
        self.registration = str(uuid.uuid4())
        self.actor: dict[str, Any] = {
            "objectType": "Agent",
            "name": "Test Learner",
            "account": {"homePage": "http://127.0.0.1/", "name": f"learner-{self.registration[:8]}"},
        }
        self.au: AssignableUnit | None = None
        self.backend_state = BackendState()
        self._lock = threading.Lock()  # for changes of registration
        self._workdir: Path | None = None
        self._servers: list[LocalServer] = []

    # --- addresses -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The launcher page (add ``?mode=Browse`` or ``?mode=Review`` for those launch modes)."""
        return self._base(0)

    @property
    def backend_url(self) -> str:
        """The LMS backend (another origin): fetch URLs and the xAPI endpoint."""
        return self._base(1)

    @property
    def activity_id(self) -> str:
        """The activity id the LMS gives the AU: its own, derived from (never equal to) the AU id."""
        if self.au is None:
            raise RuntimeError("the launcher is not running")
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'test-lms/' + self.au.id)}"

    @property
    def sessions(self) -> list[LaunchSession]:
        """The sessions launched so far (kept by :attr:`backend_state`)."""
        return self.backend_state.sessions

    @property
    def record(self) -> Record:
        """What the backend saw (kept by :attr:`backend_state`)."""
        return self.backend_state.record

    @property
    def fail_statement_posts(self) -> int:
        """Answer the next N statement POSTs from the AU with 503 (to test retries)."""
        return self.backend_state.fail_statement_posts

    @fail_statement_posts.setter
    def fail_statement_posts(self, count: int) -> None:
        self.backend_state.fail_statement_posts = count

    def _base(self, index: int) -> str:
        if not self._servers:
            raise RuntimeError("the launcher is not running")
        return self._servers[index].url

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> Cmi5Launcher:
        """Extract the package, read cmi5.xml and serve both origins on free ports of 127.0.0.1."""
        self._workdir, self.au = unpack_to_play(self.package, "packager-cmi5-", self.describe)
        content_folder = self._workdir / "content"
        launcher = self

        class Launcher(LauncherHandler):
            owner = launcher
            content = content_folder

        class Backend(BackendHandler):
            owner = launcher

        try:
            self._servers.append(LocalServer(self.port, Launcher))
            self._servers.append(LocalServer(0, Backend))
        except OSError as error:
            for server in self._servers:  # never served: shutdown() would wait forever
                server.server_close()
            self._servers = []
            self.stop()
            address = f"127.0.0.1:{self.port}"
            raise PackagerError(f"cannot serve the launcher on {address}: {error.strerror}") from None
        for server in self._servers:
            server.serve_in_background()
        return self

    def stop(self) -> None:
        """Stop both servers and remove the extracted package."""
        for server in self._servers:
            server.stop()
        self._servers = []
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    # --- the LMS's part of a launch ----------------------------------------------------------

    def launch(self, launch_mode: str = "Normal") -> dict[str, Any]:
        """Start a session: LMS.LaunchData, ``launched`` in the LRS, and the AU's launch URL."""
        if self.au is None:
            raise RuntimeError("the launcher is not running")
        session = new_session(launch_mode)
        mastery = self.mastery_override if self.mastery_override is not None else self.au.mastery_score
        document = json.dumps(launch_data(self.au, session, mastery)).encode("utf-8")
        key = state_key(self.activity_id, self.actor, self.registration, LAUNCH_DATA)
        self.backend_state.add_session(session, key, document)
        content_url = f"{self.url}content/{self.au.url}"
        attempt = Attempt(self.actor, self.activity_id, self.registration)
        launched = launched_statement(self.au, session, mastery, attempt, content_url)
        status, body = self.lms.request("POST", "statements", body=json.dumps([launched]).encode())
        if status >= 300:
            raise PackagerError(f"the LRS refused the launched statement ({status}): {body[:300]!r}")
        return {
            "url": launch_url(content_url, session, attempt, self.backend_url),
            "sessionId": session.id,
            "registration": self.registration,
            "launchMode": launch_mode,
            "title": self.au.title,
            "launchMethod": self.au.launch_method,
            "standard": "cmi5",
        }

    def statements(self, registration: str | None = None) -> list[dict[str, Any]]:
        """Every statement of a registration (default: the current one) in the LRS, oldest first
        (by timestamp)."""
        found: list[dict[str, Any]] = []
        wanted = registration or self.registration
        resource = "statements?" + urlencode({"registration": wanted, "limit": 500})
        while resource:
            status, body = self.lms.request("GET", resource)
            if status != HTTPStatus.OK:
                raise PackagerError(f"the LRS did not list the statements ({status}): {body[:300]!r}")
            page = json.loads(body)
            found += page["statements"]
            resource = str(page.get("more") or "")
        return sorted(found, key=lambda statement: str(statement["timestamp"]))

    def new_registration(self) -> str:
        """Start a new registration (a new attempt, for the same learner); returns its id.

        The next launch starts afresh: the AU finds no state document of this registration.
        """
        with self._lock:
            self.registration = str(uuid.uuid4())
            return self.registration

    def log(self) -> dict[str, Any]:
        """What the launcher page's live log shows: this registration's statements (oldest first)
        and what the backend noted (violations, LRS errors)."""
        registration = self.registration
        statements = self.statements(registration)
        return {"registration": registration, "statements": statements, **self.backend_state.summary()}

    def state(self, state_id: str) -> Any:
        """A state document of this registration (parsed JSON), or None."""
        if self.au is None:
            return None
        key = state_key(self.activity_id, self.actor, self.registration, state_id)
        stored = self.backend_state.read_document(key)
        return None if stored is None else json.loads(stored)
