"""Output targets: one module per format, registered here by name."""

from __future__ import annotations

from packager.targets.base import Target
from packager.targets.cmi5 import Cmi5
from packager.targets.scorm12 import Scorm12
from packager.targets.scorm2004 import Scorm2004
from packager.targets.web import Web

TARGETS: dict[str, Target] = {
    target.name: target for target in (Scorm12(), Scorm2004(edition=3), Scorm2004(edition=4), Cmi5(), Web())
}
"""Every target, by the name ``--target`` takes, in build order. Register a new target here."""

__all__ = ["TARGETS", "Target"]
