"""The LMS backend's origin: :class:`BackendHandler`, what the AU talks to.

It answers the one-time fetch URLs (``POST /fetch/<key>``) and the xAPI endpoint (``/xapi/``),
open to the launcher's origin (CORS). With a session's token, statements are passed on to the LRS
under the learner's account (a proxy, after the checks of
:class:`~packager.player.cmi5.backend_state.BackendState`); the State API and the
learner-preferences agent profile are answered here, because the LRS the tests use (ralph)
implements only the Statement API.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Protocol
from urllib.parse import parse_qs, urlsplit

from packager.player.cmi5.backend_state import BackendState, state_key
from packager.player.cmi5.launch import LaunchSession
from packager.player.cmi5.lrs import XAPI_VERSION, Lrs
from packager.player.http_base import BaseHandler


class Backend(Protocol):
    """What the backend's handler needs of the launcher that runs it."""

    @property
    def url(self) -> str: ...

    backend_state: BackendState
    learner: Lrs
    preferences: dict[str, str] | None


ALLOWED_HEADERS = "Authorization, Content-Type, X-Experience-API-Version"


class BackendHandler(BaseHandler):
    """The LMS backend: fetch URLs and the xAPI endpoint, open to the launcher's origin (CORS)."""

    owner: Backend

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
