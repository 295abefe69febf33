"""The HTTP server the test LMS and the cmi5 launcher run on: 127.0.0.1 only, a thread per request,
and quiet when a browser goes away in the middle of an answer (it reloaded or closed the page),
which is normal for a player and no error of ours."""

from __future__ import annotations

import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class LocalServer(ThreadingHTTPServer):
    """A threading HTTP server on 127.0.0.1 that reports real errors, not lost connections."""

    daemon_threads = True

    def __init__(self, port: int, handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", port), handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser closed the connection: nothing went wrong here
        super().handle_error(request, client_address)
