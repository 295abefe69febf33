"""The HTTP server the test LMS and the cmi5 launcher run on: 127.0.0.1 only, a thread per request,
and quiet when a browser goes away in the middle of an answer (it reloaded or closed the page),
which is normal for a player and no error of ours. :class:`Service` is the ``with`` protocol of
everything the tests start and stop (servers, browser sessions, LRSs)."""

from __future__ import annotations

import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Self


class Service:
    """Something that runs until stopped: ``with service:`` starts it and stops it at the end,
    also when the block raises."""

    def start(self) -> Self:
        """Start running (nothing to do unless a subclass says so)."""
        return self

    def stop(self) -> None:
        """Stop running and free what it holds; harmless when not running."""
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()


class LocalServer(ThreadingHTTPServer):
    """A threading HTTP server on 127.0.0.1 that reports real errors, not lost connections."""

    daemon_threads = True

    def __init__(self, port: int, handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(("127.0.0.1", port), handler)

    @property
    def url(self) -> str:
        """The server's root address, ``http://127.0.0.1:PORT/``."""
        host, port = self.server_address[:2]
        return f"http://{host!s}:{port}/"

    def serve_in_background(self) -> LocalServer:
        """Answer requests on a daemon thread until :meth:`stop`."""
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        """Stop answering (after :meth:`serve_in_background`) and close the socket."""
        self.shutdown()
        self.server_close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser closed the connection: nothing went wrong here
        super().handle_error(request, client_address)
