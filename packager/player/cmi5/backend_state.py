"""What the LMS backend keeps for a launcher, and the checks it makes on what the AU sends.

It keeps the launch sessions (each with its fetch URL and token), the State API's documents and
a :class:`Record` of what the backend saw. Its checks note what an LMS would refuse in
``Record.violations``: a fetch URL used twice, a statement carrying another session's id or sent
after ``terminated``, and the AU writing or deleting ``LMS.LaunchData``. Thread-safe: the
backend answers each request on its own thread.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from packager.player.cmi5.launch import LAUNCH_DATA, SESSION_ID, LaunchSession

TERMINATED = "http://adlnet.gov/expapi/verbs/terminated"


@dataclass
class Record:
    """What the backend saw: requests, fetch calls, and what an LMS would refuse."""

    requests: list[dict[str, Any]] = field(default_factory=list)
    fetches: list[dict[str, Any]] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    lrs_errors: list[str] = field(default_factory=list)


def state_key(activity_id: str, agent: Any, registration: str | None, state_id: str) -> tuple[str, ...]:
    """Where the State API keeps a document: its activity, agent, registration and state id."""
    return ("state", activity_id, json.dumps(agent, sort_keys=True), registration or "", state_id)


class BackendState:
    """The sessions, the state documents and the record of one launcher's backend."""

    def __init__(self) -> None:
        self.sessions: list[LaunchSession] = []
        self.record = Record()
        self.fail_statement_posts = 0
        """Answer the next N statement POSTs from the AU with 503 (to test retries)."""
        self._documents: dict[tuple[str, ...], bytes] = {}
        self._lock = threading.Lock()

    def add_session(
        self, session: LaunchSession, key: tuple[str, ...] | None = None, launch_data: bytes = b""
    ) -> None:
        """Keep a new session, and its ``LMS.LaunchData`` document under ``key`` if given (the AU
        may only read it)."""
        with self._lock:
            if key is not None:
                self._documents[key] = launch_data
            self.sessions.append(session)

    def summary(self) -> dict[str, Any]:
        """For the live log: the violations, the LRS errors and the sessions' ids so far."""
        with self._lock:
            return {
                "violations": list(self.record.violations),
                "lrsErrors": list(self.record.lrs_errors),
                "sessions": [session.id for session in self.sessions],
            }

    def session_for(self, authorization: str | None) -> LaunchSession | None:
        """The session a token belongs to (None: unknown, or the fetch URL never handed it out)."""
        with self._lock:
            for session in self.sessions:
                if session.fetched and authorization == f"Basic {session.token}":
                    return session
        return None

    def fetch(self, key: str) -> dict[str, str]:
        """The fetch URL's answer: the token the first time, an error after (spec 8.2)."""
        with self._lock:
            session = next((s for s in self.sessions if s.fetch_key == key), None)
            self.record.fetches.append({"key": key, "session": session.id if session else None})
            if session is None:
                return {"error-code": "2", "error-text": "Unknown fetch URL."}
            if session.fetched:
                self.record.violations.append(f"the fetch URL of session {session.id} was used twice")
                return {"error-code": "1", "error-text": "The authorization token has already been returned."}
            session.fetched = True
            return {"auth-token": session.token}

    def check_statements(self, session: LaunchSession, statements: list[Any]) -> None:
        """Note statements an LMS would refuse: another session's id, anything after terminated."""
        with self._lock:
            for statement in statements:
                if not isinstance(statement, dict):
                    continue
                verb = str((statement.get("verb") or {}).get("id", ""))
                extensions = (statement.get("context") or {}).get("extensions") or {}
                if extensions.get(SESSION_ID) != session.id:
                    self.record.violations.append(
                        f"a {verb} statement carries another session id than its token's"
                    )
                if session.terminated:
                    self.record.violations.append(
                        f"a {verb} statement came after terminated in session {session.id}"
                    )
                if verb == TERMINATED:
                    session.terminated = True

    def note_request(self, entry: dict[str, Any]) -> None:
        """Keep one xAPI request the backend answered (method, path, stateId, status)."""
        with self._lock:
            self.record.requests.append(entry)

    def note_lrs_error(self, message: str) -> None:
        """Keep an error the LRS answered when statements were passed on to it."""
        with self._lock:
            self.record.lrs_errors.append(message)

    def take_injected_failure(self) -> bool:
        """Whether to refuse this statement POST (see :attr:`fail_statement_posts`)."""
        with self._lock:
            if self.fail_statement_posts <= 0:
                return False
            self.fail_statement_posts -= 1
            return True

    def read_document(self, key: tuple[str, ...]) -> bytes | None:
        """A state document (see :func:`state_key`), or None."""
        with self._lock:
            return self._documents.get(key)

    def write_document(self, key: tuple[str, ...], body: bytes, merge: bool) -> HTTPStatus:
        """Store a state document (POST merges JSON objects, as xAPI says)."""
        with self._lock:
            if key[-1] == LAUNCH_DATA:
                self.record.violations.append("the AU wrote to LMS.LaunchData")
                return HTTPStatus.FORBIDDEN
            if merge and key in self._documents:
                try:
                    old, new = json.loads(self._documents[key]), json.loads(body)
                except ValueError:
                    return HTTPStatus.BAD_REQUEST
                if not isinstance(old, dict) or not isinstance(new, dict):
                    return HTTPStatus.BAD_REQUEST
                body = json.dumps({**old, **new}).encode("utf-8")
            self._documents[key] = body
            return HTTPStatus.NO_CONTENT

    def delete_document(self, key: tuple[str, ...]) -> HTTPStatus:
        """Delete a state document (never ``LMS.LaunchData``)."""
        with self._lock:
            if key[-1] == LAUNCH_DATA:
                self.record.violations.append("the AU deleted LMS.LaunchData")
                return HTTPStatus.FORBIDDEN
            self._documents.pop(key, None)
            return HTTPStatus.NO_CONTENT
