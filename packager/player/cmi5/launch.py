"""Describing a launch of the AU, as an LMS does: pure functions, no servers and no storage.

A launch is a new :class:`LaunchSession` (its id, its one-time fetch URL's key and its token), the
``LMS.LaunchData`` state document the AU reads, the ``launched`` statement the LMS records, and
the AU's launch URL with the cmi5 launch parameters. The launcher
(:mod:`packager.player.cmi5.launcher`) stores and sends them.
"""

from __future__ import annotations

import base64
import json
import secrets
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

from packager.player.cmi5.course import AssignableUnit
from packager.player.statement_store import now_iso

LAUNCH_DATA = "LMS.LaunchData"
SESSION_ID = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
CATEGORY_CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
CONTEXT_EXTENSIONS = "https://w3id.org/xapi/cmi5/context/extensions/"
LAUNCHED = "http://adlnet.gov/expapi/verbs/launched"
LAUNCH_MODES = ("Normal", "Browse", "Review")


@dataclass
class LaunchSession:
    """One launch of the AU: its session id, launch mode and one-time fetch URL's key."""

    id: str
    launch_mode: str
    fetch_key: str
    token: str
    fetched: bool = False
    terminated: bool = False


@dataclass(frozen=True)
class Attempt:
    """Whose launch it is: the learner (the xAPI actor), the activity id the LMS gives the AU, and
    the registration (the attempt's id)."""

    actor: dict[str, Any]
    activity_id: str
    registration: str


def new_session(launch_mode: str) -> LaunchSession:
    """A new session in a launch mode (one of :data:`LAUNCH_MODES`), with its own key and token."""
    if launch_mode not in LAUNCH_MODES:
        raise ValueError(f"unknown launch mode {launch_mode!r}")
    return LaunchSession(
        id=str(uuid.uuid4()),
        launch_mode=launch_mode,
        fetch_key=secrets.token_urlsafe(16),
        token=base64.b64encode(f"session:{secrets.token_urlsafe(24)}".encode()).decode("ascii"),
    )


def launch_data(au: AssignableUnit, session: LaunchSession, mastery: float | None) -> dict[str, Any]:
    """The session's ``LMS.LaunchData`` state document (the AU may read it, never write it)."""
    template = {
        "contextActivities": {"grouping": [{"id": au.id}]},
        "extensions": {SESSION_ID: session.id},
    }
    data: dict[str, Any] = {
        "contextTemplate": template,
        "launchMode": session.launch_mode,
        "moveOn": au.move_on,
    }
    if mastery is not None:
        data["masteryScore"] = mastery
    return data


def launched_statement(
    au: AssignableUnit,
    session: LaunchSession,
    mastery: float | None,
    attempt: Attempt,
    content_url: str,
) -> dict[str, Any]:
    """The ``launched`` statement the LMS records before the AU opens (``content_url``)."""
    extensions: dict[str, Any] = {
        SESSION_ID: session.id,
        CONTEXT_EXTENSIONS + "launchmode": session.launch_mode,
        CONTEXT_EXTENSIONS + "launchurl": content_url,
        CONTEXT_EXTENSIONS + "moveon": au.move_on,
    }
    if mastery is not None:
        extensions[CONTEXT_EXTENSIONS + "masteryscore"] = mastery
    return {
        "id": str(uuid.uuid4()),
        "timestamp": now_iso(),
        "actor": attempt.actor,
        "verb": {"id": LAUNCHED, "display": {"en-US": "launched"}},
        "object": {"id": attempt.activity_id, "objectType": "Activity"},
        "context": {
            "registration": attempt.registration,
            "contextActivities": {"grouping": [{"id": au.id}], "category": [{"id": CATEGORY_CMI5}]},
            "extensions": extensions,
        },
    }


def launch_url(content_url: str, session: LaunchSession, attempt: Attempt, backend_url: str) -> str:
    """The AU's URL with the launch parameters: the backend's xAPI endpoint, the session's fetch
    URL, the actor, the registration and the activity id."""
    parameters = {
        "endpoint": f"{backend_url}xapi/",
        "fetch": f"{backend_url}fetch/{session.fetch_key}",
        "actor": json.dumps(attempt.actor, separators=(",", ":")),
        "registration": attempt.registration,
        "activityId": attempt.activity_id,
    }
    return with_parameters(content_url, parameters)


def with_parameters(url: str, parameters: dict[str, str]) -> str:
    """A URL with launch parameters added to its query string."""
    parts = urlsplit(url)
    query = "&".join(filter(None, [parts.query, urlencode(parameters)]))
    return urlunsplit(parts._replace(query=query))
