"""A test Tin Can LMS: launches a Tin Can (xAPI) package against an LRS, as an LMS does.

It is the cmi5 launcher (:class:`~packager.player.cmi5.Cmi5Launcher`: the launcher page, the
package under ``/content/``, a backend origin with the xAPI endpoint, statements passed on to a
real LRS or kept in memory for preview, the State API kept by the backend) with Tin Can's launch:
no fetch URL and no ``LMS.LaunchData``. The launch URL carries ``endpoint``, ``auth`` (the
session's credentials themselves), ``actor``, ``registration`` and ``activity_id`` (the launchable
activity's id from ``tincan.xml``), and the LMS records no statement of its own.

The backend notes what an LMS would refuse in ``record.violations``: a statement after the
session's last one (``terminated`` or ``suspended``), or one of another registration.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lxml import etree

from packager.errors import PackagerError
from packager.player.cmi5.backend_state import BackendState
from packager.player.cmi5.course import AssignableUnit, has_root_file
from packager.player.cmi5.launch import LaunchSession, new_session, with_parameters
from packager.player.cmi5.launcher import Cmi5Launcher
from packager.standards import TINCAN_MANIFEST, TINCAN_NAMESPACE

ENDING_VERBS = ("http://adlnet.gov/expapi/verbs/terminated", "http://adlnet.gov/expapi/verbs/suspended")


def is_tincan_package(package: Path) -> bool:
    """Whether a package (a zip or a folder) is a Tin Can one: tincan.xml at its root, no
    imsmanifest.xml."""
    return has_root_file(package, TINCAN_MANIFEST)


def read_tincan_xml(content: Path) -> AssignableUnit:
    """The launchable activity of an extracted package's ``tincan.xml`` (the first with a launch)."""
    path = content / TINCAN_MANIFEST
    if not path.is_file():
        raise PackagerError("the package has no tincan.xml at its root", file=path)
    root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    for activity in root.iter(f"{{{TINCAN_NAMESPACE}}}activity"):
        launch = (activity.findtext(f"{{{TINCAN_NAMESPACE}}}launch") or "").strip()
        if launch:
            return AssignableUnit(
                id=str(activity.get("id")),
                url=launch,
                title=(activity.findtext(f"{{{TINCAN_NAMESPACE}}}name") or "").strip(),
                move_on="NotApplicable",
                mastery_score=None,
                launch_method="AnyWindow",
            )
    raise PackagerError("tincan.xml has no activity with a launch", file=path)


class TincanBackendState(BackendState):
    """The backend's sessions and documents, with Tin Can's checks instead of cmi5's."""

    def __init__(self, launcher: TincanLauncher) -> None:
        super().__init__()
        self.launcher = launcher

    def check_statements(self, session: LaunchSession, statements: list[Any]) -> None:
        """Note statements an LMS would refuse: another registration's, anything after the end."""
        for statement in statements:
            if not isinstance(statement, dict):
                continue
            verb = str((statement.get("verb") or {}).get("id", ""))
            registration = (statement.get("context") or {}).get("registration")
            with self._lock:
                if registration != self.launcher.registration:
                    self.record.violations.append(f"a {verb} statement carries another registration")
                if session.terminated:
                    self.record.violations.append(f"a {verb} statement came after session {session.id} ended")
                if verb in ENDING_VERBS:
                    session.terminated = True


class TincanLauncher(Cmi5Launcher):
    """Play a Tin Can package as a test LMS; use as a context manager (see :class:`Cmi5Launcher`
    for the arguments; a Tin Can LMS has no mastery score or learner preferences to give)."""

    describe = staticmethod(read_tincan_xml)

    def __init__(self, *args: Any, launch_actor: dict[str, Any] | None = None, **options: Any) -> None:
        super().__init__(*args, **options)
        self.backend_state = TincanBackendState(self)
        self.launch_actor = launch_actor
        """The actor as the launch URL gives it (default :attr:`actor`): an LMS may give it in Tin
        Can's older form, which the course must read as :attr:`actor`."""

    @property
    def activity_id(self) -> str:
        """The activity id the LMS launches with: the launchable activity's, from tincan.xml."""
        if self.au is None:
            raise RuntimeError("the launcher is not running")
        return self.au.id

    def launch(self, launch_mode: str = "Normal") -> dict[str, Any]:
        """Start a session and return the package's launch URL with the Tin Can parameters."""
        if self.au is None:
            raise RuntimeError("the launcher is not running")
        session = new_session("Normal")
        session.fetched = True  # the credentials go in the launch URL: no fetch URL to call
        self.backend_state.add_session(session)
        parameters = {
            "endpoint": f"{self.backend_url}xapi/",
            "auth": f"Basic {session.token}",
            "actor": json.dumps(self.launch_actor or self.actor, separators=(",", ":")),
            "registration": self.registration,
            "activity_id": self.activity_id,
        }
        return {
            "url": with_parameters(f"{self.url}content/{self.au.url}", parameters),
            "sessionId": session.id,
            "registration": self.registration,
            "launchMode": "Normal",
            "title": self.au.title,
            "launchMethod": self.au.launch_method,
            "standard": "Tin Can",
        }
