"""The test cmi5 LMS itself: :class:`Cmi5Launcher` (see :mod:`packager.player.cmi5`)."""

from __future__ import annotations

import json
import mimetypes
import shutil
import threading
import uuid
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from packager.errors import PackagerError
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
from packager.player.cmi5.lrs import XAPI_VERSION, Lrs
from packager.player.server import STATIC, unpack_to_play
from packager.player.statement_store import StatementStore

ALLOWED_HEADERS = "Authorization, Content-Type, X-Experience-API-Version"
MAX_BODY = 10 * 1024 * 1024


class Cmi5Launcher:
    """Play a cmi5 package as a test LMS; use as a context manager.

    ``lms`` is the LMS's own LRS account (it records ``launched`` and reads statements back);
    ``learner`` is the account statements from the AU are stored under. Give both or neither:
    without them, statements are kept in an in-memory :class:`StatementStore` (for preview).
    ``port`` is the launcher page's (0: a free one); the backend always takes a free port.
    """

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
        self._lock = threading.Lock()
        self._workdir: Path | None = None
        self._servers: list[ThreadingHTTPServer] = []

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
        host, port = self._servers[index].server_address[:2]
        return f"http://{host!s}:{port}/"

    # --- lifecycle ---------------------------------------------------------------------------

    def start(self) -> Cmi5Launcher:
        """Extract the package, read cmi5.xml and serve both origins on free ports of 127.0.0.1."""
        self._workdir, self.au = unpack_to_play(self.package, "packager-cmi5-", read_course_structure)
        content = self._workdir / "content"
        launcher = self
        routes = {"/content/": content, "/player/": STATIC}

        class Handler(_Handler):
            def do_GET(self) -> None:
                path = urlsplit(self.path).path
                if path in ("/", "/index.html"):
                    self.send_file(STATIC / "cmi5-launcher.html")
                    return
                if path == "/log.json":
                    try:
                        self.send_json(launcher.log())
                    except (PackagerError, OSError, ValueError) as error:
                        self.send_json({"error": str(error)}, HTTPStatus.BAD_GATEWAY)
                    return
                for prefix, folder in routes.items():
                    if path.startswith(prefix):
                        self.send_from(folder, path.removeprefix(prefix))
                        return
                self.send_error(HTTPStatus.NOT_FOUND)

            def do_POST(self) -> None:
                path = urlsplit(self.path).path
                if path == "/registration":
                    self.read_body()
                    self.send_json({"registration": launcher.new_registration()})
                    return
                if path != "/launch":
                    self.send_error(HTTPStatus.NOT_FOUND)
                    return
                try:
                    request = json.loads(self.read_body() or b"{}")
                    launched = launcher.launch(str(request.get("launchMode", "Normal")))
                except (PackagerError, ValueError, AttributeError) as error:
                    self.send_json({"error": str(error)}, HTTPStatus.BAD_GATEWAY)
                    return
                self.send_json(launched)

        class Backend(_BackendHandler):
            owner = launcher

        try:
            self._servers.append(ThreadingHTTPServer(("127.0.0.1", self.port), Handler))
            self._servers.append(ThreadingHTTPServer(("127.0.0.1", 0), Backend))
        except OSError as error:
            for server in self._servers:  # never served: shutdown() would wait forever
                server.server_close()
            self._servers = []
            self.stop()
            address = f"127.0.0.1:{self.port}"
            raise PackagerError(f"cannot serve the launcher on {address}: {error.strerror}") from None
        for server in self._servers:
            threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop both servers and remove the extracted package."""
        for server in self._servers:
            server.shutdown()
            server.server_close()
        self._servers = []
        if self._workdir is not None:
            shutil.rmtree(self._workdir, ignore_errors=True)
            self._workdir = None

    def __enter__(self) -> Cmi5Launcher:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()

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


class _Handler(BaseHTTPRequestHandler):
    """Shared plumbing: quiet logs, no caching, files and JSON answers."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read the launcher's record instead."""

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise ValueError("request body too large")
        return self.rfile.read(length) if length else b""

    def send_from(self, folder: Path, relative: str) -> None:
        target = (folder / relative).resolve()
        if not target.is_relative_to(folder.resolve()) or not target.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self.send_file(target)

    def send_file(self, target: Path) -> None:
        kind = "text/javascript" if target.suffix == ".js" else mimetypes.guess_type(target.name)[0]
        self.send_bytes(target.read_bytes(), kind or "application/octet-stream")

    def send_json(self, value: Any, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_bytes(json.dumps(value).encode("utf-8"), "application/json", status)

    def send_bytes(
        self, body: bytes, kind: str, status: int = HTTPStatus.OK, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        textual = kind.startswith("text") or kind.endswith("json")
        self.send_header(
            "Content-Type", kind + ("; charset=utf-8" if textual and "charset" not in kind else "")
        )
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def send_empty(self, status: int, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Length", "0")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()


class _BackendHandler(_Handler):
    """The LMS backend: fetch URLs and the xAPI endpoint, open to the launcher's origin (CORS)."""

    owner: Cmi5Launcher

    def cors(self) -> dict[str, str]:
        origin = self.headers.get("Origin")
        if origin != self.owner.url.rstrip("/"):
            return {}
        return {
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Expose-Headers": "X-Experience-API-Version, ETag, Last-Modified",
            "Vary": "Origin",
        }

    def do_OPTIONS(self) -> None:
        headers = self.cors()
        if headers:
            headers.update(
                {
                    "Access-Control-Allow-Methods": "GET, POST, PUT, DELETE",
                    "Access-Control-Allow-Headers": ALLOWED_HEADERS,
                    "Access-Control-Max-Age": "600",
                }
            )
        self.send_empty(HTTPStatus.NO_CONTENT, headers)

    def do_GET(self) -> None:
        self.xapi("GET")

    def do_PUT(self) -> None:
        self.xapi("PUT")

    def do_DELETE(self) -> None:
        self.xapi("DELETE")

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        if path.startswith("/fetch/"):
            self.read_body()
            self.send_bytes(
                json.dumps(self.owner.backend_state.fetch(path.removeprefix("/fetch/"))).encode(),
                "application/json",
                headers=self.cors(),
            )
            return
        self.xapi("POST")

    def answer(self, status: int, body: bytes = b"", kind: str = "application/json") -> None:
        headers = {**self.cors(), "X-Experience-API-Version": XAPI_VERSION}
        entry = {
            "method": self.command,
            "path": urlsplit(self.path).path,
            "status": int(status),
            "stateId": parse_qs(urlsplit(self.path).query).get("stateId", [None])[0],
        }
        self.owner.backend_state.note_request(entry)
        if body or status == HTTPStatus.OK:
            self.send_bytes(body, kind, status, headers)
        else:
            self.send_empty(status, headers)

    def xapi(self, method: str) -> None:
        parts = urlsplit(self.path)
        resource = parts.path.removeprefix("/xapi/")
        try:
            body = self.read_body()
        except ValueError:
            self.answer(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
            return
        if not parts.path.startswith("/xapi/"):
            self.answer(HTTPStatus.NOT_FOUND)
            return
        if resource == "about" and method == "GET":
            self.answer(HTTPStatus.OK, json.dumps({"version": [XAPI_VERSION]}).encode())
            return
        session = self.owner.backend_state.session_for(self.headers.get("Authorization"))
        if session is None:
            self.answer(HTTPStatus.UNAUTHORIZED)
            return
        query = {name: values[0] for name, values in parse_qs(parts.query).items()}
        if resource == "statements":
            self.statements(method, session, parts.query, body)
        elif resource == "activities/state":
            self.state(method, query, body)
        elif resource == "agents/profile":
            self.profile(method, query)
        else:
            self.answer(HTTPStatus.NOT_FOUND)

    def statements(self, method: str, session: LaunchSession, query: str, body: bytes) -> None:
        """Pass statements on to the LRS under the learner's account."""
        if method in ("POST", "PUT"):
            try:
                parsed = json.loads(body)
            except ValueError:
                self.answer(HTTPStatus.BAD_REQUEST)
                return
            if method == "POST" and self.owner.backend_state.take_injected_failure():
                self.answer(HTTPStatus.SERVICE_UNAVAILABLE)
                return
            self.owner.backend_state.check_statements(
                session, parsed if isinstance(parsed, list) else [parsed]
            )
        resource = "statements" + (f"?{query}" if query else "")
        status, answer = self.owner.learner.request(method, resource, body if method != "GET" else None)
        if status >= 300:
            self.owner.backend_state.note_lrs_error(f"{method} statements: {status} {answer[:500]!r}")
        self.answer(status, answer)

    def state(self, method: str, query: dict[str, str], body: bytes) -> None:
        """The xAPI State API, kept in memory."""
        try:
            agent = json.loads(query["agent"])
            key = state_key(query["activityId"], agent, query.get("registration"), query["stateId"])
        except (KeyError, ValueError):
            self.answer(HTTPStatus.BAD_REQUEST)
            return
        if method == "GET":
            stored = self.owner.backend_state.read_document(key)
            if stored is None:
                self.answer(HTTPStatus.NOT_FOUND)
            else:
                self.answer(HTTPStatus.OK, stored)
        elif method in ("PUT", "POST"):
            self.answer(self.owner.backend_state.write_document(key, body, merge=method == "POST"))
        elif method == "DELETE":
            self.answer(self.owner.backend_state.delete_document(key))
        else:
            self.answer(HTTPStatus.METHOD_NOT_ALLOWED)

    def profile(self, method: str, query: dict[str, str]) -> None:
        """cmi5LearnerPreferences: readable; this LMS ignores changes (403, as spec 11.0 allows)."""
        if method != "GET":
            self.answer(HTTPStatus.FORBIDDEN)
        elif query.get("profileId") != "cmi5LearnerPreferences" or self.owner.preferences is None:
            self.answer(HTTPStatus.NOT_FOUND)
        else:
            self.answer(HTTPStatus.OK, json.dumps(self.owner.preferences).encode())
