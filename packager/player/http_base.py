"""The HTTP plumbing the test LMS player and both of the cmi5 launcher's origins share:
:class:`BaseHandler`.

Quiet logs, no caching, a bounded request body, files from a folder (never outside it), and
bytes, JSON and empty answers.
"""

from __future__ import annotations

import json
import mimetypes
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

MAX_BODY = 10 * 1024 * 1024


class BaseHandler(BaseHTTPRequestHandler):
    """Shared plumbing: quiet logs, no caching, files and JSON answers."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read the player's log and the launcher's record instead."""

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
