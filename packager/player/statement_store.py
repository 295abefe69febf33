"""An in-memory xAPI Statement store, for ``packager preview`` of a cmi5 package.

The test cmi5 LMS (:class:`packager.player.cmi5.Cmi5Launcher`) passes statements on to an LRS. A
user's preview cannot count on one, so without LRS accounts the launcher keeps statements here.
This is for preview only, and deliberately small: it answers the Statement API requests the
launcher makes, nothing more. It does not check statements beyond their shape (an object with
``actor``, ``verb.id`` and ``object``), has no authority, voiding, attachments or ``since`` /
``agent`` / ``activity`` filters (a GET using one is refused with 400, not answered wrongly), and
forgets everything when the preview stops. The browser tests still use a real LRS (ralph, see
``tests/e2e/lrs.py``).

Like :class:`packager.player.cmi5.LrsAccount`, it has ``request(method, resource, body)`` returning
``(status, body)``, ``resource`` being relative to the xAPI endpoint (``statements?...``).
"""

from __future__ import annotations

import json
import threading
import uuid
from datetime import UTC, datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

# The query parameters a GET may use; "offset" only appears in the store's own ``more`` links.
GET_PARAMETERS = {"statementId", "registration", "verb", "limit", "ascending", "format", "offset"}
MAX_LIMIT = 500


def now_iso() -> str:
    """The current UTC time as an xAPI timestamp."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class StatementStore:
    """Statements kept in memory, in the order they were stored; thread-safe."""

    def __init__(self) -> None:
        self._statements: list[dict[str, Any]] = []
        self._sent: dict[str, Any] = {}  # each id's statement as it was sent (to spot conflicts)
        self._lock = threading.Lock()

    def request(self, method: str, resource: str, body: bytes | None = None) -> tuple[int, bytes]:
        """Answer one Statement API request as an LRS would: ``(status, body)``."""
        parts = urlsplit(resource)
        if parts.path.rsplit("/", 1)[-1] != "statements":
            return error(HTTPStatus.NOT_FOUND, f"the preview store only has statements, not {parts.path}")
        query = {name: values[-1] for name, values in parse_qs(parts.query).items()}
        if method == "GET":
            return self.get(query)
        if method not in ("POST", "PUT"):
            return error(HTTPStatus.METHOD_NOT_ALLOWED, f"{method} statements")
        try:
            sent = json.loads(body or b"")
        except ValueError:
            return error(HTTPStatus.BAD_REQUEST, "the body is not JSON")
        if method == "PUT":
            if "statementId" not in query or not isinstance(sent, dict):
                return error(HTTPStatus.BAD_REQUEST, "PUT takes one statement and a statementId")
            if sent.get("id", query["statementId"]) != query["statementId"]:
                return error(HTTPStatus.BAD_REQUEST, "the statement's id is not its statementId")
            sent = {**sent, "id": query["statementId"]}
        batch = sent if isinstance(sent, list) else [sent]
        status, answer = self.store(batch)
        if method == "PUT" and status == HTTPStatus.OK:
            return HTTPStatus.NO_CONTENT, b""
        return status, answer

    def store(self, batch: list[Any]) -> tuple[int, bytes]:
        """Store every statement of a batch or none: ids assigned, ``stored`` and ``timestamp`` set."""
        if not batch:
            return error(HTTPStatus.BAD_REQUEST, "no statement")
        for statement in batch:
            problem = shape_problem(statement)
            if problem:
                return error(HTTPStatus.BAD_REQUEST, problem)
        ids = [str(statement.get("id") or uuid.uuid4()) for statement in batch]
        if len(set(ids)) != len(ids):
            return error(HTTPStatus.BAD_REQUEST, "two statements of the batch have one id")
        with self._lock:
            stored = now_iso()
            new = []
            for statement_id, statement in zip(ids, batch, strict=True):
                sent = {**statement, "id": statement_id}
                if statement_id in self._sent:
                    if self._sent[statement_id] != sent:
                        return error(HTTPStatus.CONFLICT, f"statement {statement_id} exists, different")
                    continue  # the same statement sent again (a retry): nothing to do
                new.append((statement_id, sent))
            for statement_id, sent in new:
                self._sent[statement_id] = sent
                self._statements.append({"timestamp": stored, **sent, "stored": stored})
        return HTTPStatus.OK, json.dumps(ids).encode("utf-8")

    def get(self, query: dict[str, str]) -> tuple[int, bytes]:
        """One statement (``statementId``), or a StatementResult filtered by registration and verb."""
        unknown = sorted(set(query) - GET_PARAMETERS)
        if unknown:
            return error(HTTPStatus.BAD_REQUEST, f"the preview store has no filter {', '.join(unknown)}")
        with self._lock:
            statements = list(self._statements)
        if "statementId" in query:
            found = next((s for s in statements if s["id"] == query["statementId"]), None)
            if found is None:
                return error(HTTPStatus.NOT_FOUND, "no such statement")
            return HTTPStatus.OK, json.dumps(found).encode("utf-8")
        try:
            limit = int(query.get("limit", "0")) or MAX_LIMIT
            offset = int(query.get("offset", "0"))
        except ValueError:
            return error(HTTPStatus.BAD_REQUEST, "limit and offset are whole numbers")
        if limit < 0 or offset < 0:
            return error(HTTPStatus.BAD_REQUEST, "limit and offset are whole numbers")
        matching = [
            statement
            for statement in statements
            if (
                "registration" not in query
                or (statement.get("context") or {}).get("registration") == query["registration"]
            )
            and ("verb" not in query or statement["verb"]["id"] == query["verb"])
        ]
        if query.get("ascending") != "true":
            matching.reverse()  # xAPI's default: most recently stored first
        limit = min(limit, MAX_LIMIT)
        page = matching[offset : offset + limit]
        more = ""
        if offset + limit < len(matching):
            more = "statements?" + urlencode({**query, "offset": offset + limit})
        return HTTPStatus.OK, json.dumps({"statements": page, "more": more}).encode("utf-8")


def shape_problem(statement: Any) -> str:
    """Why a statement cannot be stored ("" when it can): the least an LRS asks of one."""
    if not isinstance(statement, dict):
        return "a statement is not a JSON object"
    verb = statement.get("verb")
    if not isinstance(verb, dict) or not isinstance(verb.get("id"), str):
        return "a statement has no verb id"
    if not isinstance(statement.get("actor"), dict) or not isinstance(statement.get("object"), dict):
        return "a statement has no actor or object"
    if "id" in statement and not is_uuid(statement["id"]):
        return f"a statement id is not a UUID: {statement['id']!r}"
    return ""


def is_uuid(value: Any) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return isinstance(value, str)


def error(status: HTTPStatus, message: str) -> tuple[int, bytes]:
    """An error answer with a JSON body, as LRSs commonly send."""
    return status, json.dumps({"error": message}).encode("utf-8")
