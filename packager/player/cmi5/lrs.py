"""Where the launcher keeps statements: the :class:`Lrs` it needs, and an account on a real LRS.

An :class:`LrsAccount` reaches a real Learning Record Store over HTTP (the tests use ralph). The
other kind of :class:`Lrs` is the in-memory
:class:`~packager.player.statement_store.StatementStore` that ``packager preview`` uses.
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urljoin

XAPI_VERSION = "1.0.3"


class Lrs(Protocol):
    """Where the launcher sends statements and reads them back: an LRS account, or the memory store."""

    def request(self, method: str, resource: str, body: bytes | None = None) -> tuple[int, bytes]:
        """One Statement API request (``resource`` relative to the endpoint): ``(status, body)``."""
        ...


@dataclass(frozen=True)
class LrsAccount:
    """An account on the LRS: its xAPI endpoint (ending in ``/``) and basic-auth credentials."""

    endpoint: str
    username: str
    password: str

    @property
    def authorization(self) -> str:
        """The HTTP Authorization header value."""
        token = base64.b64encode(f"{self.username}:{self.password}".encode()).decode("ascii")
        return f"Basic {token}"

    def request(self, method: str, resource: str, body: bytes | None = None) -> tuple[int, bytes]:
        """One request to the LRS with this account's credentials (see :func:`lrs_request`)."""
        return lrs_request(self, method, resource, body)


def lrs_request(
    account: LrsAccount, method: str, resource: str, body: bytes | None = None
) -> tuple[int, bytes]:
    """One request to the LRS with an account's credentials; returns (status, body).

    ``resource`` is relative to the account's endpoint (``statements?...``), or a ``more`` link
    from the LRS (a path from its root).
    """
    request = urllib.request.Request(urljoin(account.endpoint, resource), data=body, method=method)
    request.add_header("Authorization", account.authorization)
    request.add_header("X-Experience-API-Version", XAPI_VERSION)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as error:
        return int(error.code), bytes(error.read())
